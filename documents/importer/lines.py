"""The lines of a document: dates and registration numbers in them, and what kind of line each
is (a heading, a stamp, a section, a clause). The analysis (analysis.py) reads the document
from these."""

import datetime
import re
from dataclasses import dataclass

from documents.models import DocumentKind

# --- dates and numbers --------------------------------------------------------------------------

MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
_Q = "[«»\"“”„'‘’]?"
DATE_PATTERNS = [
    re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])"),
    re.compile(rf"{_Q}(\d{{1,2}}){_Q}\s*(\d{{1,2}})\s+(\d{{4}})"),
    re.compile(rf"{_Q}(\d{{1,2}}){_Q}\s*({'|'.join(MONTHS)})\s+(\d{{4}})", re.IGNORECASE),
]
DATE_ONLY = re.compile(
    rf"^(?:от\s+)?{_Q}\d{{1,2}}{_Q}[\s.]*(?:\d{{1,2}}|[а-яё]+)[\s.]*\d{{4}}\s*(?:г\.?|года)?$",
    re.IGNORECASE,
)
NUMBER = re.compile(
    r"№\s*([0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё/.\-]*(?:\s?[а-яё]{1,2}/[а-яё]{1,2})?)"
)


def find_date(text: str) -> tuple[datetime.date, int] | None:
    """The first valid date in `text` and where it starts."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            day, month, year = match.groups()
            month = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                found.append((datetime.date(int(year), month, int(day)), match.start()))
            except ValueError:
                continue
            break
    return min(found, key=lambda item: item[1]) if found else None


def find_number(text: str) -> str | None:
    match = NUMBER.search(text)
    return match.group(1).rstrip(".-/") if match else None


# --- headings -----------------------------------------------------------------------------------

KIND_HEADINGS = [
    (re.compile(r"^экспертное\s+заключение(?=$|[\s.:,])", re.I), DocumentKind.CONCLUSION),
    (re.compile(r"^заключение(?=$|[\s.:,])", re.I), DocumentKind.CONCLUSION),
    (re.compile(r"^положение(?=$|[\s.:,])", re.I), DocumentKind.REGULATION),
    (re.compile(r"^приказ(?=$|[\s.:,])", re.I), DocumentKind.ORDER),
    (re.compile(r"^план(?=$|[\s.:,])", re.I), DocumentKind.PLAN),
    (re.compile(r"^отч[её]т(?=$|[\s.:,])", re.I), DocumentKind.REPORT),
    (re.compile(r"^(?:аналитическая\s+)?справка(?=$|[\s.:,])", re.I), DocumentKind.NOTE),
    (re.compile(r"^протокол(?=$|[\s.:,])", re.I), DocumentKind.MINUTES),
]
STAMP = re.compile(r"^(утверждаю|утверждено|утвержден|утверждена|утверждены)(?=$|[\s.:,])", re.I)
OTHER_STAMP = re.compile(r"^(согласовано|принято|принят|рассмотрено|одобрено)(?=$|[\s.:,])", re.I)
ABOUT = re.compile(r"^(о|об|обо|по|на|за)\s", re.I)
NAME = re.compile(
    r"([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
)
ORDER_REF = re.compile(r"(приказ|распоряжени|постановлени|протокол|решени|№)", re.I)
# Where the approving order's reference starts inside a stamp («Приказ № …», «от 01.09.2021 …»).
ORDER_START = re.compile(
    r"(приказ|распоряжени|постановлени|протокол|решени|\bот\s+[«\"“]?\d)", re.I
)

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
