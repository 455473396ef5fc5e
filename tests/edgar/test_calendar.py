"""Quarters, business days and holidays; the 2018 QTR4 daily listing is the real-world check."""

from __future__ import annotations

import re
from datetime import date

import pytest

from crawler.edgar.calendar import (
    Quarter,
    business_days,
    is_business_day,
    may_be_unpublished,
    next_business_day,
    nth_business_day,
    parse_date_or_quarter,
    previous_business_days,
    quarters_between,
)
from crawler.errors import ConfigError
from tests.fixtures.samples import sample


def test_quarter_bounds_navigation_and_text() -> None:
    q = Quarter.parse("2004Q2")
    assert (q.year, q.number, str(q)) == (2004, 2, "2004Q2")
    assert (q.start, q.end) == (date(2004, 4, 1), date(2004, 6, 30))
    assert Quarter(2004, 4).end == date(2004, 12, 31)
    assert Quarter(2004, 1).end == date(2004, 3, 31)
    assert Quarter(2004, 4).next() == Quarter(2005, 1)
    assert Quarter(2005, 1).previous() == Quarter(2004, 4)
    assert Quarter.of(date(2004, 9, 30)) == Quarter(2004, 3)
    assert Quarter.of(date(2004, 10, 1)) == Quarter(2004, 4)
    assert Quarter(2003, 4) < Quarter(2004, 1) < Quarter(2004, 2)
    assert Quarter.parse("2004q3") == Quarter.parse("2004-Q3") == Quarter(2004, 3)


@pytest.mark.parametrize("text", ["2004Q5", "2004Q0", "04Q1", "Q1 2004", "", "2004-04-01"])
def test_bad_quarter_text_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        Quarter.parse(text)


def test_quarters_between() -> None:
    assert quarters_between(date(2004, 3, 31), date(2004, 7, 1)) == [Quarter(2004, 1), Quarter(2004, 2), Quarter(2004, 3)]
    assert quarters_between(date(2004, 5, 1), date(2004, 4, 1)) == []


def test_business_days_match_the_real_2018_q4_daily_listing() -> None:
    html = sample("pages", "daily_index_2018_QTR4.htm").read_text(encoding="latin-1")
    listed = {date(int(d[:4]), int(d[4:6]), int(d[6:])) for d in re.findall(r"form\.(\d{8})\.idx", html)}
    assert len(listed) == 60
    assert set(business_days(date(2018, 10, 1), date(2018, 12, 31))) == listed


@pytest.mark.parametrize(
    "day",
    [
        date(1993, 1, 18),  # Martin Luther King Jr. Day
        date(1993, 11, 25),  # Thanksgiving
        date(1994, 4, 27),  # Nixon
        date(2004, 6, 11),  # Reagan
        date(2004, 12, 31),  # New Year's Day 2005 fell on a Saturday
        date(2007, 1, 2),  # Ford
        date(2010, 12, 31),
        date(2018, 12, 5),  # G. H. W. Bush
        date(2021, 6, 18),  # first Juneteenth, observed on the Friday
        date(2022, 12, 26),  # Christmas on a Sunday
        date(2023, 1, 2),
        date(2025, 1, 9),  # Carter
        date(2025, 12, 26),
        date(2030, 11, 11),
    ],
)
def test_holidays_and_closures_are_not_business_days(day: date) -> None:
    assert day.weekday() < 5
    assert not is_business_day(day)


@pytest.mark.parametrize("day", [date(2004, 6, 10), date(2004, 12, 30), date(2020, 6, 19), date(2021, 6, 21), date(1994, 7, 1)])
def test_ordinary_weekdays_are_business_days(day: date) -> None:
    assert is_business_day(day)


def test_weekends_are_not_business_days() -> None:
    assert not is_business_day(date(2004, 4, 3)) and not is_business_day(date(2004, 4, 4))


def test_previous_and_next_business_days() -> None:
    assert previous_business_days(date(2018, 12, 26), 3) == [date(2018, 12, 19), date(2018, 12, 20), date(2018, 12, 21)]
    assert previous_business_days(date(2004, 4, 5), 1) == [date(2004, 4, 2)]
    assert previous_business_days(date(2004, 4, 5), 0) == []
    assert next_business_day(date(2018, 12, 21)) == date(2018, 12, 26)


def test_parse_date_or_quarter() -> None:
    assert parse_date_or_quarter("2004-04-01") == date(2004, 4, 1)
    assert parse_date_or_quarter("2004Q2") == date(2004, 4, 1)
    assert parse_date_or_quarter("2004Q2", end=True) == date(2004, 6, 30)
    assert parse_date_or_quarter("2004-04-01", end=True) == date(2004, 4, 1)


@pytest.mark.parametrize("text", ["2004-13-01", "2004-02-30", "April 1, 2004", "20040401", "", "2004Q9"])
def test_parse_date_or_quarter_rejects_bad_text(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_date_or_quarter(text)


def test_nth_business_day_counts_from_the_day_itself() -> None:
    assert nth_business_day(date(2006, 7, 3), 1) == date(2006, 7, 3)  # a Monday
    assert nth_business_day(date(2006, 7, 3), 2) == date(2006, 7, 5)  # over Independence Day
    assert nth_business_day(date(2007, 1, 1), 1) == date(2007, 1, 3)  # New Year, then President Ford's day of mourning
    assert nth_business_day(date(2004, 10, 1), 2) == date(2004, 10, 4)  # a Friday, then a weekend


@pytest.mark.parametrize(
    ("quarter", "as_of", "unpublished"),
    [
        (Quarter(2006, 3), date(2006, 7, 1), True),  # a Saturday before the first business day
        (Quarter(2006, 3), date(2006, 7, 3), True),  # first business day: its index appears that evening
        (Quarter(2006, 3), date(2006, 7, 4), True),  # a holiday between the two
        (Quarter(2006, 3), date(2006, 7, 5), True),  # second business day: the first index may be late
        (Quarter(2006, 3), date(2006, 7, 6), False),
        (Quarter(2006, 2), date(2006, 7, 3), False),  # an earlier quarter is long published
        (Quarter(2007, 1), date(2007, 1, 4), True),  # 2007-01-02 was a federal closure
        (Quarter(2007, 1), date(2007, 1, 5), False),
        (Quarter(2006, 4), date(2006, 7, 3), True),  # a later quarter has nothing at all
    ],
)
def test_may_be_unpublished_until_the_end_of_the_second_business_day(
        quarter: Quarter, as_of: date, unpublished: bool) -> None:
    assert may_be_unpublished(quarter, as_of) is unpublished
