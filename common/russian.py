"""Russian words and dates: ё-folding, lemmas and inflection (pymorphy3, loaded once), the
dates of documents."""

import functools
import re

WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def fold(text: str) -> str:
    """Lower case with ё folded to е (stop words are checked before stemming)."""
    return text.lower().replace("ё", "е")


@functools.cache
def morph():
    """The analyser (pymorphy3 with its bundled dictionaries; about a second to load)."""
    import pymorphy3  # loaded on first use, not by every process that imports this module

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form, folded: «олимпиад» → «олимпиада», «ёлки» → «елка»."""
    word = word.lower()
    if not re.search("[а-яё]", word):
        return fold(word)
    return fold(morph().parse(word)[0].normal_form)  # pymorphy3 restores ё: fold after


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lemmatize(text: str) -> str:
    """The text as lemmas in the original order (phrases stay phrases)."""
    return " ".join(lemma(w) for w in words(text))


def inflect(word: str, case: str) -> str:
    """`word` in a grammatical case (pymorphy3 tags: "gent", "datv", …); as it is when the
    dictionary does not know it."""
    inflected = morph().parse(word)[0].inflect({case})
    return inflected.word if inflected else word


def genitive(word: str) -> str:
    return inflect(word, "gent")


def ru_date(iso) -> str:
    """«2026-03-15» → «15.03.2026» (the date form of ГОСТ Р 7.0.97-2025); "" for nothing."""
    if not iso:
        return ""
    year, month, day = str(iso).split("-")
    return f"{day}.{month}.{year}"
