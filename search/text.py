"""Russian text for search: ё-folding, lemmas (pymorphy3), number keys, query parsing."""

import functools
import hashlib
import re
from dataclasses import dataclass, field
from html import escape

from common.russian import WORD, fold, lemma, lemmatize, morph, words

# The search module speaks of words in these terms too.
__all__ = ["WORD", "fold", "lemma", "lemmatize", "morph", "words"]

NUMBER_KEY = re.compile(r"^\d[\dA-Za-zА-Яа-яЁё./\-]*$")


KEY_MASK = (1 << 63) - 1  # keys fit PostgreSQL's bigint, never negative
KEY_MULTIPLIER = 0x9E3779B97F4A7C15  # odd, so runs of different words map apart


@functools.lru_cache(maxsize=200_000)
def _word_key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def phrase_keys(lemmas: list[str]) -> set[int]:
    """A 63-bit key for every run of two and of three consecutive lemmas.

    Indexed in their own GIN column on PostgreSQL, they make a quoted phrase an index lookup
    (`search_keys`) instead of a re-check of every vector holding its words."""
    hashes = [_word_key(w) for w in lemmas]
    pairs = [a * KEY_MULTIPLIER + b for a, b in zip(hashes, hashes[1:], strict=False)]
    triples = zip(pairs, hashes[2:], strict=False)
    return {p & KEY_MASK for p in pairs} | {(p * KEY_MULTIPLIER + c) & KEY_MASK for p, c in triples}


def _run_key(run: list[str]) -> int:
    key = _word_key(run[0])
    for word in run[1:]:
        key = key * KEY_MULTIPLIER + _word_key(word)
    return key & KEY_MASK


def search_keys(phrase: list[str]) -> set[int]:
    """The keys a document holding `phrase` (two or more lemmas) must have: the phrase's own
    key up to three words; for a longer phrase, the key of each run of three in it (a document
    holding every such run but not the phrase itself is all but unheard of in real text)."""
    if len(phrase) <= 3:
        return {_run_key(phrase)}
    return {_run_key(phrase[i : i + 3]) for i in range(len(phrase) - 2)}


def number_key(text: str) -> str:
    """A registration or clause number as typed in any of its forms: «№ 01-12/45» → «01-12/45»,
    «п. 3.6» → «3.6», «69/1» → «69/1»."""
    text = fold(text).strip()
    text = re.sub(r"^(№|n|no\.?|п\.|пункт)\s*", "", text)
    return re.sub(r"\s+", "", text).rstrip(".")


def looks_like_number(query: str) -> bool:
    key = number_key(query)
    return bool(key) and bool(NUMBER_KEY.match(key)) and any(ch.isdigit() for ch in key)


@dataclass
class Query:
    """A parsed query: AND of terms and phrases, minus excluded terms, OR between groups."""

    groups: list[dict] = field(default_factory=list)  # each: {"terms": [...], "phrases": [[...]]}
    excluded: list[str] = field(default_factory=list)
    number: str | None = None

    @property
    def empty(self) -> bool:
        return not any(g["terms"] or g["phrases"] for g in self.groups) and not self.number

    def lemmas(self) -> set[str]:
        out = set()
        for group in self.groups:
            out.update(group["terms"])
            for phrase in group["phrases"]:
                out.update(phrase)
        return out


TOKEN = re.compile(r'"([^"]*)"|(-?)(\S+)')


def parse_query(text: str) -> Query:
    """Web-search syntax: «"точная фраза"», «-слово», «OR» / «ИЛИ»; words become lemmas."""
    query = Query(number=number_key(text) if looks_like_number(text) else None)
    group = {"terms": [], "phrases": []}
    for match in TOKEN.finditer(text.replace("«", '"').replace("»", '"')):
        phrase, minus, token = match.groups()
        if phrase is not None:
            lemmas = [lemma(w) for w in words(phrase)]
            if len(lemmas) > 1:
                group["phrases"].append(lemmas)
            else:
                group["terms"].extend(lemmas)  # a quoted word is a word
        elif token.upper() in ("OR", "ИЛИ"):
            query.groups.append(group)
            group = {"terms": [], "phrases": []}
        elif minus:
            query.excluded.extend(lemma(w) for w in words(token))
        else:
            group["terms"].extend(lemma(w) for w in words(token))
    query.groups.append(group)
    query.groups = [g for g in query.groups if g["terms"] or g["phrases"]]
    return query


SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def highlight(text: str, lemmas: set[str], *, max_fragments: int = 2, width: int = 220) -> str:
    """Sentences of `text` holding query words, those words wrapped in <mark> (HTML-escaped)."""
    if not lemmas:
        return escape(text[:width])
    fragments = []
    for match in SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if any(lemma(w) in lemmas for w in words(sentence)):
            fragments.append(_mark(sentence[:width], lemmas))
            if len(fragments) == max_fragments:
                break
    return " … ".join(fragments) if fragments else escape(text[:width])


def _mark(sentence: str, lemmas: set[str]) -> str:
    out, last = [], 0
    for match in WORD.finditer(sentence):
        out.append(escape(sentence[last : match.start()]))
        word = match.group(0)
        out.append(f"<mark>{escape(word)}</mark>" if lemma(word) in lemmas else escape(word))
        last = match.end()
    out.append(escape(sentence[last:]))
    return "".join(out)
