"""Plan periods (seed 001 §5.3): annual, quarterly, monthly, weekly, of a school year
(September to August) or a calendar year."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

SCHOOL, CALENDAR = "school", "calendar"
YEAR, QUARTER, MONTH, WEEK = "year", "quarter", "month", "week"
MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


class PeriodInvalid(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    """A plan's period: `year` is the first calendar year (2026 for 2026/2027); `index` the
    quarter (1–4), month (1–12, calendar month) or ISO week (1–53) inside it."""

    kind: str  # school | calendar
    unit: str  # year | quarter | month | week
    year: int
    index: int | None = None

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        start = datetime.date(self.year, 9 if self.kind == SCHOOL else 1, 1)
        if self.unit == YEAR:
            return start, add_months(start, 12) - datetime.timedelta(days=1)
        if self.unit == QUARTER:
            if self.index not in (1, 2, 3, 4):
                raise PeriodInvalid(_("A quarter is 1 to 4."))
            first = add_months(start, 3 * (self.index - 1))
            return first, add_months(first, 3) - datetime.timedelta(days=1)
        if self.unit == MONTH:
            if self.index not in range(1, 13):
                raise PeriodInvalid(_("A month is 1 to 12."))
            year = self.year + (1 if self.kind == SCHOOL and self.index < 9 else 0)
            first = datetime.date(year, self.index, 1)
            return first, add_months(first, 1) - datetime.timedelta(days=1)
        if self.unit == WEEK:
            try:
                monday = datetime.date.fromisocalendar(self.year, self.index or 0, 1)
            except ValueError:
                raise PeriodInvalid(_("No such week in that year.")) from None
            return monday, monday + datetime.timedelta(days=6)
        raise PeriodInvalid(_("Unknown period."))

    def contains(self, other: "Period") -> bool:
        start, end = self.bounds()
        other_start, other_end = other.bounds()
        return start <= other_start and other_end <= end

    def label(self) -> str:
        year = (
            f"{self.year}/{self.year + 1} учебный год"
            if self.kind == SCHOOL
            else f"{self.year} год"
        )
        if self.unit == YEAR:
            return year
        if self.unit == QUARTER:
            return f"{self.index} квартал {year}"
        if self.unit == MONTH:
            start, _end = self.bounds()
            return f"{MONTHS[self.index - 1]} {start.year}"
        start, end = self.bounds()
        return f"неделя {start:%d.%m}–{end:%d.%m.%Y}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)
