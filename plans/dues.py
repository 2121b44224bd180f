"""Reading a plan row's due («октябрь», «до 15.10.2026», «II квартал», «в течение года») into
the dates its control runs on, inside the plan's period."""

import datetime
import re
from dataclasses import dataclass

from .periods import QUARTER, Period, add_months

MONTH_STEMS = (
    "январ", "феврал", "март", "апрел", "ма[йяею]", "июн",
    "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
)  # fmt: skip
MONTH_WORD = re.compile(r"(?<![а-я])(" + "|".join(f"(?:{s})" for s in MONTH_STEMS) + r")[а-я]*")
DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?!\d)")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_WORD = re.compile(r"(?<![а-яa-z\d])([1-4]|iv|i{1,3})\s*(?:-?й\s*)?квартал")
HALF_WORD = re.compile(r"(?<![а-яa-z\d])([12]|i{1,2})\s*(?:-?е\s*)?полугоди")
# Standing activities: controlled once, by the end of the period.
THROUGHOUT = re.compile(
    r"в течени[еи]|постоянно|ежемесячно|еженедельно|ежеквартально|ежедневно|систематически"
    r"|по мере|регулярно|весь период"
)


@dataclass(frozen=True)
class Due:
    starts_on: datetime.date | None
    due_on: datetime.date
    exact: bool  # False: the text said nothing the dates could come from (the period's end)


def read_due(text: str, period: Period) -> Due:
    """The dates of a due as plans write it, placed inside `period`."""
    start, end = period.bounds()
    lowered = (text or "").lower().replace("ё", "е").strip()
    if not lowered:
        return Due(None, end, exact=False)
    dates = [d for d in (_date(m, start, end) for m in DATE.finditer(lowered)) if d]
    if dates:
        first, last = min(dates), max(dates)
        due = _inside(first, last, start, end)
        return Due(first if len(dates) > 1 else None, last, exact=True) if due.exact else due
    if match := QUARTER_WORD.search(lowered):
        number = _number(match.group(1))
        first, last = Period(
            period.kind, QUARTER, _school_or_calendar_year(period), number
        ).bounds()
        return _inside(first, last, start, end)
    if match := HALF_WORD.search(lowered):
        half = _number(match.group(1))
        year_start = Period(period.kind, "year", _school_or_calendar_year(period)).bounds()[0]
        first = add_months(year_start, 6 * (half - 1))
        return _inside(first, add_months(first, 6) - datetime.timedelta(days=1), start, end)
    months = [_month_number(m.group(1)) for m in MONTH_WORD.finditer(lowered)]
    if months:
        placed = sorted(_month_in(month, start) for month in months)
        first, last = placed[0], add_months(placed[-1], 1) - datetime.timedelta(days=1)
        return _inside(first, last, start, end)
    if THROUGHOUT.search(lowered):
        return Due(start, end, exact=True)
    return Due(None, end, exact=False)


def _inside(first, last, start, end) -> Due:
    if first < start or last > end:
        return Due(None, end, exact=False)  # outside the plan's period: the text is wrong
    return Due(first, last, exact=True)


def _school_or_calendar_year(period: Period) -> int:
    """The first calendar year of the (school or calendar) year the period lies in."""
    start = period.bounds()[0]
    if period.kind == "school" and start.month < 9:
        return start.year - 1
    return start.year


def _number(token: str) -> int:
    return ROMAN.get(token) or int(token)


def _month_number(stem: str) -> int:
    for number, pattern in enumerate(MONTH_STEMS, start=1):
        if re.fullmatch(pattern, stem):
            return number
    raise ValueError(stem)


def _month_in(month: int, start: datetime.date) -> datetime.date:
    """The first day of `month` at or after the period's start."""
    first = datetime.date(start.year, month, 1)
    if first < start.replace(day=1):
        first = first.replace(year=start.year + 1)
    return first


def _date(match, start, end) -> datetime.date | None:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        if year:
            year = int(year) + (2000 if len(year) == 2 else 0)
            return datetime.date(year, month, day)
        found = datetime.date(start.year, month, day)
        return found if found >= start else datetime.date(start.year + 1, month, day)
    except ValueError:
        return None
