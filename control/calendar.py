"""Working days on the production calendar (производственный календарь): Monday to Friday,
except the days CalendarDay marks as days off, plus the weekend days it marks as working."""

import datetime

from .models import CalendarDay

# A deadline of N working days never reaches further than this (a calendar with a year of
# days off entered by mistake would otherwise loop for long).
_MAX_SPAN_DAYS = 3 * 366


def exceptions(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """The calendar's days between `start` and `end` (inclusive) that differ from the week."""
    return dict(
        CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
    )


def _working(day: datetime.date, marked: dict) -> bool:
    kind = marked.get(day)
    if kind is not None:
        return kind == CalendarDay.Kind.WORKING
    return day.weekday() < 5


def is_working_day(day: datetime.date) -> bool:
    return _working(day, exceptions(day, day))


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day `days` working days after `start` («в течение 5 рабочих дней» from the day of
    the resolution: the day itself is not counted). One query for the span."""
    if days < 1:
        raise ValueError("days must be positive")
    marked = exceptions(start, start + datetime.timedelta(days=_MAX_SPAN_DAYS))
    day, left = start, days
    for _step in range(_MAX_SPAN_DAYS):
        day += datetime.timedelta(days=1)
        if _working(day, marked):
            left -= 1
            if left == 0:
                return day
    raise ValueError("no working days in the calendar")


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days lie after `start` up to and including `end`."""
    marked = exceptions(start, end)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += _working(day, marked)
    return count
