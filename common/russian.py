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


_AGREEING = {"ADJF", "PRTF", "NUMR"}  # words that agree with the noun they stand before


def inflect_phrase(text: str, case: str) -> str:
    """A noun phrase in a grammatical case, by pymorphy3: the words up to and including its
    head noun are inflected («Информационно-методический центр» → «Информационно-методического
    центра», «Старший методист» → «старшего методиста» in the genitive); what follows the head
    (its dependents, already in their case), quoted names and abbreviations («МКУ «ИМЦ»») are
    kept, and so is every word's capitalisation."""
    tokens = re.split(r"(\s+)", text.strip())
    done = False
    for i, token in enumerate(tokens):
        if done or not token or token.isspace():
            continue
        head, _, last = token.rpartition("-")
        parse = _nominative(last)
        if parse is None:
            break  # a quoted name, an abbreviation, a number: the phrase is as written
        inflected = parse.inflect({case})
        if inflected is None:
            break
        tokens[i] = f"{head}-{_cased(inflected.word, last)}" if head else _cased(
            inflected.word, last
        )
        done = parse.tag.POS not in _AGREEING
    return "".join(tokens)


def _nominative(word: str):
    """The nominative reading of a word, an adjective's first (pymorphy3 reads «Старший» as a
    noun first); None for what is not a Russian word in the nominative."""
    if not re.fullmatch(r"[А-Яа-яЁё]+", word) or (len(word) > 1 and word.isupper()):
        return None
    readings = [p for p in morph().parse(word.lower()) if "nomn" in p.tag]
    agreeing = [p for p in readings if p.tag.POS in _AGREEING]
    return (agreeing or readings or [None])[0]


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def ru_date(iso) -> str:
    """«2026-03-15» → «15.03.2026» (the date form of ГОСТ Р 7.0.97-2025); "" for nothing."""
    if not iso:
        return ""
    year, month, day = str(iso).split("-")
    return f"{day}.{month}.{year}"


_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}


def mid_sentence(text: str) -> str:
    """A phrase as it stands inside a sentence: «Методист» → «методист», «Рабочую программу …»
    → «рабочую программу …»; a proper name, an abbreviation or a quoted name keeps its capital."""
    text = text.strip()
    first = text.split(" ", 1)[0] if text else ""
    if not first[:1].isupper() or (len(first) > 1 and first.isupper()):
        return text
    if not re.fullmatch(r"[А-ЯЁа-яё-]+", first):
        return text
    if any(_PROPER & set(p.tag.grammemes) for p in morph().parse(first)[:1]):
        return text
    return text[:1].lower() + text[1:]


def balanced_quotes(text: str) -> str:
    """Russian quotation marks closed where they were opened, the inner ones as „…“ («на
    «Программу курса „Финансовая грамотность“»»)."""
    out, depth = [], 0
    for ch in text:
        if ch == "«":
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif ch == "»":
            if depth == 0:
                continue  # a closing mark that closes nothing
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(ch)
    out.extend("“" if d > 0 else "»" for d in range(depth - 1, -1, -1))
    return "".join(out)


def initials_name(full_name: str) -> str:
    """«Соколова Нина Николаевна» → «Н.Н. Соколова» (surname first, as the system writes
    names); as it is when it is not three or two words."""
    words = full_name.split()
    if len(words) == 2 and re.fullmatch(r"(?:[А-ЯЁ]\.\s?){1,2}", words[1]):
        return f"{words[1]} {words[0]}"  # «Петрова А.А.» → «А.А. Петрова»
    if len(words) not in (2, 3) or not all(w[:1].isupper() for w in words):
        return full_name.strip()
    surname, *given = words
    return "".join(f"{w[0]}." for w in given) + f" {surname}"


_INITIALS = re.compile(r"^(?:[А-ЯЁ]\.\s?){1,2}$")
_NAME_PARTS = {"Surn", "Name", "Patr"}


def _name_reading(word: str, gender: str | None = None):
    """The nominative reading of a part of a person's name («Иванова»: the woman's surname,
    not the genitive of «Иванов»)."""
    readings = [
        p for p in morph().parse(word) if "nomn" in p.tag and _NAME_PARTS & set(p.tag.grammemes)
    ]
    if gender:
        readings = [p for p in readings if p.tag.gender == gender] or readings
    return readings[0] if readings else None


def person_gender(name: str) -> str | None:
    """The gender ("masc" or "femn") from the surname (or the patronymic) of «О.А.
    Иванова», «Иванова Ольга Андреевна»; None when the dictionary cannot tell."""
    for word in reversed([w for w in name.split() if not _INITIALS.match(w)]):
        reading = _name_reading(word)
        if reading is not None and reading.tag.gender in ("masc", "femn"):
            return reading.tag.gender
    return None


def person_in_case(name: str, case: str) -> str:
    """A person's name in a grammatical case, initials kept: «О.А. Иванова» → «О.А. Иванову»
    (accusative), «Петров А.С.» → «Петрову А.С.» (dative); a word the dictionary does not know
    as a name stays as written."""
    gender = person_gender(name)
    out = []
    for word in name.split():
        reading = None if _INITIALS.match(word) else _name_reading(word, gender)
        inflected = reading.inflect({case}) if reading is not None else None
        out.append(_cased(inflected.word, word) if inflected else word)
    return " ".join(out)


def agree_with_number(word: str, count: int) -> str:
    """«документ» after a count: 1 документ, 3 документа, 12 документов (pymorphy3)."""
    reading = morph().parse(word)[0]
    agreed = reading.make_agree_with_number(count)
    return agreed.word if agreed else word
