"""Dates, registration numbers, places, names and phones as documents write them, and which
number belongs to which date: «от 28.08.2025 № 77-о/д» is an act's reference; the «№ 3» of
«МАОУ «Гимназия № 3»» is part of a name and never anybody's number."""

import datetime
import re
from dataclasses import dataclass

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
_YEAR_WORD = r"(?:\s*(?:г\.(?!\s?[А-ЯЁ])|года|г(?![а-яё.])))?"
DATE_PATTERNS = [
    re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})(?![\d]){_YEAR_WORD}"),
    re.compile(rf"{_Q}(\d{{1,2}}){_Q}\s*(\d{{1,2}})\s+(\d{{4}}){_YEAR_WORD}"),
    re.compile(
        rf"{_Q}(\d{{1,2}}){_Q}\s*({'|'.join(MONTHS)})\s+(\d{{4}}){_YEAR_WORD}", re.IGNORECASE
    ),
]
DATE_ONLY = re.compile(
    rf"^(?:от\s+)?{_Q}\d{{1,2}}{_Q}[\s.]*(?:\d{{1,2}}|[а-яё]+)[\s.]*\d{{4}}\s*(?:г\.?|года)?$",
    re.IGNORECASE,
)
NUMBER = re.compile(
    r"№\s*([0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё/.\-]*(?:\s?[а-яё]{1,2}/[а-яё]{1,2})?)"
)
BLANK_NUMBER = re.compile(r"№\s*_+")
# «___» __________ 20__ г. № ____: the registration line of a draft, before it has a number.
BLANK_DATE = re.compile(r"«\s*_+\s*»\s*_+\s*(?:20_+|\d{4})?\s*(?:г\.?)?")
BLANK_PLACE = re.compile(r"(?<![А-Яа-яЁё])г\.\s*_{3,}")
PLACE = re.compile(
    r"(?<![А-Яа-яЁё])(?:г\.|город|с\.|село|пос\.|п\.|пгт\.?|д\.|ст-ца)\s?"
    r"[А-ЯЁ][а-яё]+(?:[\s-][А-ЯЁ][а-яё]+)?"
)


@dataclass
class Found:
    value: object
    start: int
    end: int


def find_dates(text: str) -> list[Found]:
    """Every valid date in `text`, in order (overlapping spellings counted once)."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            day, month, year = match.groups()
            month = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                value = datetime.date(int(year), month, int(day))
            except ValueError:
                continue
            if not any(f.start <= match.start() < f.end for f in found):
                found.append(Found(value, match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def find_date(text: str) -> tuple[datetime.date, int] | None:
    """The first valid date in `text` and where it starts."""
    dates = find_dates(text)
    return (dates[0].value, dates[0].start) if dates else None


def _quoted(text: str) -> list[bool]:
    """For each character, whether it stands inside «…» or "…" (nested quotes counted)."""
    inside, depth, straight = [], 0, False
    for ch in text:
        if ch in "«“„":
            depth += 1
        elif ch in "»”" and depth:
            depth -= 1
        elif ch == '"':
            straight = not straight
        inside.append(depth > 0 or straight)
    return inside


def find_numbers(text: str) -> list[Found]:
    """Every «№ …» of `text` that is not inside quotes (a name such as «Гимназия № 3»)."""
    inside = _quoted(text)
    return [
        Found(match.group(1).rstrip(".-/"), match.start(), match.end())
        for match in NUMBER.finditer(text)
        if not inside[match.start()]
    ]


def find_number(text: str) -> str | None:
    numbers = find_numbers(text)
    return numbers[-1].value if numbers else None


ACT_WORD = re.compile(
    r"(приказ|протокол|распоряжени|постановлени|решени)[а-яё]*", re.IGNORECASE
)
ACT_TYPES = {
    "приказ": "приказ",
    "протокол": "протокол",
    "распоряжени": "распоряжение",
    "постановлени": "постановление",
    "решени": "решение",
}


@dataclass
class Reference:
    """An act a text cites: «приказом … от 28.08.2025 № 77-о/д»."""

    number: str | None
    date: datetime.date | None
    type: str | None
    start: int  # where the reference (its «от», date or «№») starts in the text


def act_reference(text: str) -> Reference | None:
    """The act `text` cites: the number tied to a date («от DATE № N», «№ N от DATE»), else
    the last number outside quotes, and the act word before them."""
    dates, numbers = find_dates(text), find_numbers(text)
    if not dates and not numbers:
        return None
    pair = None
    for date in dates:
        after = next((n for n in numbers if n.start >= date.end), None)
        if after is not None and not text[date.end : after.start].strip(" ,\t"):
            pair = (date, after, date.start)
            break
        before = next((n for n in reversed(numbers) if n.end <= date.start), None)
        if before is not None and re.fullmatch(
            r"[\s,]*от\s*", text[before.end : date.start], re.IGNORECASE
        ):
            pair = (date, before, before.start)
            break
    if pair is None:
        date = dates[0] if dates else None
        number = numbers[-1] if numbers else None
        starts = [f.start for f in (date, number) if f is not None]
        pair = (date, number, min(starts))
    date, number, start = pair
    prefix = re.search(r"\bот\s*$", text[:start], re.IGNORECASE)
    if prefix:
        start = prefix.start()
    words = list(ACT_WORD.finditer(text[: max(start, 0) + 1]))
    kind = None
    if words:
        stem = words[-1].group(1).lower()
        kind = ACT_TYPES[stem]
    return Reference(
        number.value if number else None, date.value if date else None, kind, start
    )


@dataclass
class Registration:
    date: datetime.date | None = None
    number: str | None = None
    place: str | None = None
    blank: bool = False


def registration_parts(text: str) -> Registration | None:
    """`text` as a registration line: nothing but a date, a «№ …» and a place (with «от», «г.»,
    tabs and blanks to fill in), e.g. «12.03.2025 № 02-07/41», «от «12» марта 2025 г.»,
    «№ 41», «г. Рязань». None when the line says anything else — a cited act, a sentence."""
    rest = text
    found = Registration()
    blank_date = BLANK_DATE.search(rest)
    if blank_date:
        found.blank = True
        rest = rest[: blank_date.start()] + " " + rest[blank_date.end() :]
    dates = find_dates(rest)
    if len(dates) > 1:
        return None
    if dates:
        found.date = dates[0].value
        rest = rest[: dates[0].start] + " " + rest[dates[0].end :]
    numbers = list(NUMBER.finditer(rest))
    if len(numbers) > 1:
        return None
    if numbers:
        found.number = numbers[0].group(1).rstrip(".-/")
        rest = rest[: numbers[0].start()] + " " + rest[numbers[0].end() :]
    elif BLANK_NUMBER.search(rest):
        found.blank = True
        rest = BLANK_NUMBER.sub(" ", rest)
    place = PLACE.search(rest)
    if place:
        found.place = place.group(0)
        rest = rest[: place.start()] + " " + rest[place.end() :]
    elif BLANK_PLACE.search(rest):  # «г. ________»: the place left to fill in
        found.blank = True
        rest = BLANK_PLACE.sub(" ", rest)
    if re.sub(r"(?i)\bот\b|[\s_«»\"№.,…\-–—]", "", rest):
        return None
    if not (found.date or found.number or found.place or found.blank):
        return None
    return found


# --- people and phones --------------------------------------------------------------------

_UP, _LOW = "А-ЯЁ", "а-яё"
SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
INITIALS = rf"[{_UP}]\.\s?[{_UP}]\.|[{_UP}]\."
SHORT_NAME = rf"(?:{INITIALS})\s?{SURNAME}|{SURNAME}\s(?:{INITIALS})"
FULL_NAME = (
    rf"{SURNAME}\s[{_UP}][{_LOW}]+(?:\s[{_UP}][{_LOW}]+(?:вич|вна|чна|ична|ич|оглы|кызы))?"
)
NAME = re.compile(rf"({SHORT_NAME})")
PHONE = re.compile(r"(?:\+7|8)?[\s(]*\d[\d\s()\-–]{3,}\d")


def tidy_name(name: str) -> str:
    """«О. А. Иванова» → «О.А. Иванова», «О.А.Иванова» → «О.А. Иванова»."""
    name = re.sub(rf"\.\s+(?=[{_UP}]\.)", ".", name.strip())
    return re.sub(rf"^((?:[{_UP}]\.)+)(?=[{_UP}][{_LOW}])", r"\1 ", name)


def phone_in(text: str) -> str | None:
    match = PHONE.search(text)
    if not match or sum(ch.isdigit() for ch in match.group(0)) < 5:
        return None
    return match.group(0).strip()


def name_in(text: str) -> tuple[str, int, int] | None:
    """The first person's name in `text` («О.А. Иванова», «Иванова О.А.») that is not part of
    an organisation's name («им. А.С. Пушкина», inside quotes): (name, start, end)."""
    inside = _quoted(text)
    for match in NAME.finditer(text):
        if inside[match.start()] or re.search(r"им\.\s*$|имени\s*$", text[: match.start()]):
            continue
        return tidy_name(match.group(1)), match.start(), match.end()
    return None
