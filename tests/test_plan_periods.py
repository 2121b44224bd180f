"""Plan periods: school and calendar years, quarters, months, weeks, and nesting."""

import datetime as dt

import pytest

from plans.periods import CALENDAR, SCHOOL, Period, PeriodInvalid


def test_school_year_runs_september_to_august_and_calendar_january_to_december():
    assert Period(SCHOOL, "year", 2026).bounds() == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert Period(CALENDAR, "year", 2026).bounds() == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert Period(SCHOOL, "year", 2026).label() == "2026/2027 учебный год"


def test_quarters_months_and_weeks():
    assert Period(SCHOOL, "quarter", 2026, 2).bounds() == (
        dt.date(2026, 12, 1),
        dt.date(2027, 2, 28),
    )
    assert Period(CALENDAR, "quarter", 2026, 4).bounds() == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    # A school year's January is the next calendar year's.
    assert Period(SCHOOL, "month", 2026, 1).bounds() == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert Period(SCHOOL, "month", 2026, 9).bounds()[0] == dt.date(2026, 9, 1)
    assert Period(SCHOOL, "month", 2026, 1).label() == "январь 2027"
    assert Period(CALENDAR, "week", 2026, 48).bounds() == (
        dt.date(2026, 11, 23),
        dt.date(2026, 11, 29),
    )
    for bad in (Period(CALENDAR, "quarter", 2026, 5), Period(CALENDAR, "month", 2026, 13),
                Period(CALENDAR, "week", 2026, 60)):  # fmt: skip
        with pytest.raises(PeriodInvalid):
            bad.bounds()


def test_a_detailing_plan_lies_inside_its_parent():
    annual = Period(SCHOOL, "year", 2026)
    assert annual.contains(Period(SCHOOL, "quarter", 2026, 4))
    assert annual.contains(Period(SCHOOL, "month", 2026, 5))
    assert not annual.contains(Period(SCHOOL, "month", 2025, 5))  # May 2026: the year before
    assert not annual.contains(Period(CALENDAR, "year", 2027))
    assert Period(CALENDAR, "year", 2027).contains(Period(SCHOOL, "month", 2026, 3))
