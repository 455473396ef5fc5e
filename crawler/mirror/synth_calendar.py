"""Dates for the synthetic mirror: EDGAR business days, daily index names, Eastern time, era switches.

EDGAR follows the federal calendar: no filings (and no daily index) on weekends, federal holidays
(observed Saturday -> Friday, Sunday -> Monday) and extra federal closures such as days of mourning.
The mirror keeps its own calendar so its ground truth never depends on the crawler's code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

ITEMS_SWITCH = date(2004, 8, 23)  # 8-K items renumbered (8.01/9.01), header text in title case
REG_AB = date(2006, 1, 1)  # Reg AB offerings: Items 6.01-6.05, 10-D, <DEPOSITOR-CIK>
FIRST_INDEX_DAY = date(1994, 7, 1)  # indexes cover 1994 Q3 onward
LAST_SUPPORTED_DAY = date(2030, 12, 31)

EXTRA_CLOSURES = frozenset(
    {
        date(1994, 4, 27),  # mourning, Nixon
        date(2001, 12, 24),
        date(2003, 12, 26),
        date(2004, 6, 11),  # mourning, Reagan
        date(2007, 1, 2),  # mourning, Ford
        date(2007, 12, 24),
        date(2008, 12, 26),
        date(2012, 10, 30),  # federal offices closed (hurricane Sandy)
        date(2012, 12, 24),
        date(2014, 12, 26),
        date(2015, 12, 24),
        date(2018, 12, 5),  # mourning, G. H. W. Bush
        date(2018, 12, 24),
        date(2019, 12, 24),
        date(2020, 12, 24),
        date(2024, 12, 24),
        date(2025, 1, 9),  # mourning, Carter
    }
)

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAME = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> frozenset[date]:
    """Federal holidays observed in ``year`` (including New Year's Day of ``year + 1`` observed on Dec 31)."""
    days = {
        _observed(date(year, 1, 1)),
        _observed(date(year + 1, 1, 1)),
        _nth_weekday(year, 2, 0, 3),  # Washington's Birthday
        _last_weekday(year, 5, 0),  # Memorial Day
        _observed(date(year, 7, 4)),
        _nth_weekday(year, 9, 0, 1),  # Labor Day
        _nth_weekday(year, 10, 0, 2),  # Columbus Day
        _observed(date(year, 11, 11)),
        _nth_weekday(year, 11, 3, 4),  # Thanksgiving
        _observed(date(year, 12, 25)),
    }
    if year >= 1986:
        days.add(_nth_weekday(year, 1, 0, 3))  # Martin Luther King Jr. Day
    if year >= 2021:
        days.add(_observed(date(year, 6, 19)))
    return frozenset(day for day in days if day.year == year)


def is_business_day(day: date) -> bool:
    """True when EDGAR accepts filings and writes a daily index for ``day``."""
    return day.weekday() < 5 and day not in federal_holidays(day.year) and day not in EXTRA_CLOSURES


def business_days(start: date, end: date) -> list[date]:
    """Business days from ``start`` to ``end`` inclusive."""
    days, day = [], start
    while day <= end:
        if is_business_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def next_business_day(day: date, steps: int = 1) -> date:
    """The business day ``steps`` business days after ``day`` (``steps`` may be 0: ``day`` or the next one)."""
    while not is_business_day(day):
        day += timedelta(days=1)
    for _ in range(steps):
        day += timedelta(days=1)
        while not is_business_day(day):
            day += timedelta(days=1)
    return day


def previous_business_day(day: date, steps: int = 1) -> date:
    """The business day ``steps`` business days before ``day``."""
    for _ in range(steps):
        day -= timedelta(days=1)
        while not is_business_day(day):
            day -= timedelta(days=1)
    return day


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_key(day: date) -> tuple[int, int]:
    return day.year, quarter_of(day)


def daily_token(day: date) -> str:
    """The date part of a daily index name: MMDDYY before 1995, YYMMDD to 1998 Q1, then YYYYMMDD."""
    if day < date(1995, 1, 1):
        return f"{day.month:02d}{day.day:02d}{day.year % 100:02d}"
    if day < date(1998, 4, 1):
        return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


@lru_cache(maxsize=64)
def _summer_time(year: int) -> tuple[datetime, datetime]:
    """Start and end of daylight saving time (US rules of 1987-2006 and from 2007)."""
    if year >= 2007:
        begin, end = _nth_weekday(year, 3, 6, 2), _nth_weekday(year, 11, 6, 1)
    else:
        begin, end = _nth_weekday(year, 4, 6, 1), _last_weekday(year, 10, 6)
    return datetime(begin.year, begin.month, begin.day, 2), datetime(end.year, end.month, end.day, 2)


_EPOCH = datetime(1970, 1, 1)


def eastern_to_epoch(moment: datetime) -> int:
    """POSIX seconds of a naive US Eastern wall-clock time (what ``os.utime`` takes)."""
    begin, end = _summer_time(moment.year)
    offset_hours = 4 if begin <= moment < end else 5
    return int((moment - _EPOCH).total_seconds()) + offset_hours * 3600


def epoch_to_eastern(seconds: float) -> datetime:
    """The naive US Eastern wall-clock time of POSIX ``seconds`` (inverse of :func:`eastern_to_epoch`)."""
    utc = _EPOCH + timedelta(seconds=int(seconds))
    begin, end = _summer_time(utc.year)
    summer = begin + timedelta(hours=5) <= utc < end + timedelta(hours=4)  # the switches in UTC
    return utc - timedelta(hours=4 if summer else 5)


def listing_time(moment: datetime) -> str:
    """An Eastern wall-clock time as SEC's directory listings show it: ``04/05/2004 10:02:11 PM``."""
    hour12 = moment.hour % 12 or 12
    meridiem = "PM" if moment.hour >= 12 else "AM"
    return f"{moment.month:02d}/{moment.day:02d}/{moment.year:04d} {hour12:02d}:{moment.minute:02d}:{moment.second:02d} {meridiem}"


def short_date(day: date) -> str:
    """``Mar 18, 2020`` / ``Oct  3, 2022`` (daily index "Last Data Received")."""
    return f"{MONTH_ABBR[day.month - 1]} {day.day:>2}, {day.year}"


def long_date(day: date) -> str:
    """``April 8, 2004`` (quarterly index "Last Data Received", 8-K text)."""
    return f"{MONTH_NAME[day.month - 1]} {day.day}, {day.year}"


def compact(day: date) -> str:
    """``20040408``."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"
