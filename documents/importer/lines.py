"""The lines of a document: what kind of line each is — a kind heading, the first line of a
stamp, a section, a clause. The analysis (analysis.py, heading.py, closing.py) reads the
document from these; dates, numbers and names are in dates.py."""

import re
from dataclasses import dataclass

from documents.models import DocumentKind

# --- headings -----------------------------------------------------------------------------------

# The kind headings, longest first. A heading in capitals is one wherever it stands in the
# heading block; in sentence case («Положение о …») only as a title-shaped line.
KIND_HEADINGS = [
    (r"экспертное\s+заключение", DocumentKind.CONCLUSION),
    (r"заключение", DocumentKind.CONCLUSION),
    (r"положение", DocumentKind.REGULATION),
    (r"приказ", DocumentKind.ORDER),
    (r"план(?:\s+работы)?", DocumentKind.PLAN),
    (r"отч[её]т", DocumentKind.REPORT),
    (r"(?:аналитическая\s+|информационная\s+)?справка", DocumentKind.NOTE),
    (r"протокол", DocumentKind.MINUTES),
    (r"инструкция", DocumentKind.INSTRUCTION),
    (r"правила", DocumentKind.RULES),
    (r"порядок", DocumentKind.PROCEDURE),
    (r"(?:административный\s+)?регламент", DocumentKind.REGLAMENT),
    (
        r"(?:(?:рабочая|образовательная|основная\s+образовательная|адаптированная"
        r"(?:\s+основная)?\s+образовательная|дополнительная(?:\s+общеобразовательная)?"
        r"(?:\s+общеразвивающая)?|воспитательная)\s+)?программа",
        DocumentKind.PROGRAMME,
    ),
    (r"письмо", DocumentKind.LETTER),
]
_KIND_PATTERNS = [
    (re.compile(rf"^({words})(?=$|[\s.:,])", re.IGNORECASE), kind) for words, kind in KIND_HEADINGS
]


def kind_heading(text: str) -> tuple[str, str] | None:
    """(kind, the heading as read) when `text` starts with a kind heading: in capitals, or in
    sentence case on a line shaped like a title (not a sentence of the text)."""
    for pattern, kind in _KIND_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        words = match.group(1)
        letters = [ch for ch in words if ch.isalpha()]
        if all(ch.isupper() for ch in letters):
            return kind, words
        if len(text) <= 300 and not text.rstrip().endswith((".", ";", ":", "!", "?")):
            return kind, words
        return None
    return None


# Stamps: the word, what kind of stamp it opens (docs/importer.md).
STAMP_KINDS = [
    (re.compile(r"^(утверждаю|утвержд[её]н[оаы]?)(?=$|[\s.:,])", re.I), "approval"),
    (re.compile(r"^(принят[оаы]?)(?=$|[\s.:,])", re.I), "adoption"),
    (re.compile(r"^(согласован[оаы]?)(?=$|[\s.:,])", re.I), "agreement"),
    (re.compile(r"^(рассмотрен[оаы]?)(?=$|[\s.:,])", re.I), "consideration"),
    (re.compile(r"^(одобрен[оаы]?)(?=$|[\s.:,])", re.I), "endorsement"),
    # «Приложение № 2 / к приказу … от … № …» above a document: the order that approved it.
    (re.compile(r"^(приложение(?:\s*№?\s*\d+)?)(?=\s*$|\s+к\s)", re.I), "appendix"),
]


def stamp_start(text: str) -> tuple[str, str] | None:
    """(kind of stamp, its word as read) when `text` opens a stamp."""
    for pattern, kind in STAMP_KINDS:
        match = pattern.match(text)
        if match:
            return kind, match.group(1)
    return None


ABOUT = re.compile(r"^(о|об|обо|по|на|за|для)\s", re.I)
OPERATIVE = re.compile(
    r"^(приказываю|постановляю|решили|решил|решение|предлагаю|распоряжаюсь|обязываю)\b\s*:?",
    re.I,
)
# A sentence of the text, never part of a title: the grounds of an order, a salutation.
PREAMBLE_START = re.compile(
    r"^(в\s+соответствии|на\s+основании|во\s+исполнение|в\s+целях|с\s+целью|в\s+связи|"
    r"руководствуясь|согласно|рассмотрев|заслушав|учитывая|в\s+рамках|в\s+период|"
    r"уважаем[а-яё]+)\b",
    re.I,
)
SALUTATION = re.compile(r"^уважаем[а-яё]+\s.*!$", re.I)

# --- numbering ----------------------------------------------------------------------------------

LIST_MARKER = re.compile(r"^[-–—·•▪●]\s*(?=\d|[IVXІПШ]+\.)")
CLAUSE = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){1,4})\.?(?:\s+|(?=[А-ЯЁA-Z«\"(]))(.*)$")
SECTION = re.compile(r"^(\d{1,2})\.(?:\s+|(?=[А-ЯЁA-Z«\"]))(.+)$")
ROMAN_SECTION = re.compile(r"^([IVXLІПШХУ]{1,7})\.\s*(\S.*)$")
ROMAN_VALID = re.compile(r"^(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Cyrillic letters typed for Roman numerals: «П.» for II, «Ш.» for III, «І», «Х», «У».
LOOKALIKES = {"І": "I", "П": "II", "Ш": "III", "Х": "X", "У": "V"}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_value(text: str) -> tuple[str, int] | None:
    latin = "".join(LOOKALIKES.get(ch, ch) for ch in text)
    if not latin or not ROMAN_VALID.match(latin):
        return None
    total = 0
    for i, ch in enumerate(latin):
        value = ROMAN_VALUES[ch]
        nxt = ROMAN_VALUES[latin[i + 1]] if i + 1 < len(latin) else 0
        total += -value if value < nxt else value
    return latin, total


@dataclass
class Line:
    kind: str  # "section", "clause", "text"
    text: str
    number: str = ""
    value: int | None = None  # a section's arabic value


def classify(text: str, clause_majors: set[int]) -> Line:
    stripped = LIST_MARKER.sub("", text)
    match = CLAUSE.match(stripped)
    if match and int(match.group(1).split(".")[0]) > 0:
        return Line("clause", match.group(2).strip(), match.group(1))
    match = SECTION.match(stripped)
    if match:
        number = int(match.group(1))
        if number in clause_majors:
            return Line("section", match.group(2).strip(), str(number), number)
        return Line("clause", match.group(2).strip(), str(number))
    match = ROMAN_SECTION.match(stripped)
    if match and len(match.group(2)) < 300:
        roman = roman_value(match.group(1))
        if roman is not None:
            return Line("section", match.group(2).strip(), roman[0], roman[1])
    return Line("text", text)


def is_structural(text: str) -> bool:
    stripped = LIST_MARKER.sub("", text)
    if CLAUSE.match(stripped) or SECTION.match(stripped):
        return True
    match = ROMAN_SECTION.match(stripped)
    return bool(match and roman_value(match.group(1)))
