"""Quarters, EDGAR business days and the SEC/US federal holidays (1993-2030).

EDGAR accepts filings Monday to Friday except federal holidays and extra federal closures
(days of national mourning, Christmas Eve / December 26 closures by executive order); no daily
index exists for those days (e.g. 2018-12-05 and 2018-12-24 are absent from the real 2018 QTR4 listing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from crawler.errors import ConfigError

EDGAR_FIRST_DAY = date(1993, 1, 1)

# Federal closures beyond the statutory holidays (executive orders); EDGAR is closed on them.
EXTRA_CLOSURES: frozenset[date] = frozenset(
    {
        date(1994, 4, 27),  # national day of mourning, President Nixon
        date(2001, 12, 24),
        date(2003, 12, 26),
        date(2004, 6, 11),  # national day of mourning, President Reagan
        date(2007, 1, 2),  # national day of mourning, President Ford
        date(2007, 12, 24),
        date(2008, 12, 26),
        date(2012, 12, 24),
        date(2014, 12, 26),
        date(2015, 12, 24),
        date(2018, 12, 5),  # national day of mourning, President G. H. W. Bush
        date(2018, 12, 24),
        date(2019, 12, 24),
        date(2020, 12, 24),
        date(2024, 12, 24),
        date(2025, 1, 9),  # national day of mourning, President Carter
        date(2025, 12, 24),
        date(2025, 12, 26),
    }
)

PUBLICATION_GRACE_BUSINESS_DAYS = 2
"""SEC publishes nothing for a quarter before its first daily index, in the evening of the quarter's first business
day and sometimes later; up to the end of this many business days a refused or missing index means "nothing yet"."""

_QUARTER_TEXT = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$")
_DATE_TEXT = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


@dataclass(frozen=True, order=True, slots=True)
class Quarter:
    """A calendar quarter, ``str()`` as ``2004Q2`` (EDGAR directories use ``2004/QTR2``)."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ConfigError(f"quarter number must be 1-4, got {self.number}")

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2004Q2`` (also ``2004q2``, ``2004-Q2``); raises ConfigError otherwise."""
        match = _QUARTER_TEXT.match(text or "")
        if match is None:
            raise ConfigError(f"not a quarter: {text!r} (expected e.g. 2004Q2)")
        return cls(int(match[1]), int(match[2]))


def quarters_between(start: date, end: date) -> list[Quarter]:
    """Every quarter touching ``[start, end]``, oldest first (empty when start > end)."""
    quarters: list[Quarter] = []
    quarter = Quarter.of(start)
    while start <= end and quarter.start <= end:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A fixed-date holiday on Saturday is observed Friday, on Sunday the next Monday."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> frozenset[date]:
    """Observed US federal holidays falling in ``year`` plus the extra closures of that year."""
    monday, thursday = 0, 3
    fixed = [date(year, 1, 1), date(year + 1, 1, 1), date(year, 7, 4), date(year, 11, 11), date(year, 12, 25)]
    if year >= 2021:
        fixed.append(date(year, 6, 19))  # Juneteenth, first observed 2021-06-18
    moving = [
        _nth_weekday(year, 1, monday, 3),  # Martin Luther King Jr. Day
        _nth_weekday(year, 2, monday, 3),  # Washington's Birthday
        _last_weekday(year, 5, monday),  # Memorial Day
        _nth_weekday(year, 9, monday, 1),  # Labor Day
        _nth_weekday(year, 10, monday, 2),  # Columbus Day
        _nth_weekday(year, 11, thursday, 4),  # Thanksgiving
    ]
    days = {_observed(day) for day in fixed} | set(moving)
    days |= {day for day in EXTRA_CLOSURES if day.year == year}
    return frozenset(day for day in days if day.year == year)


def is_holiday(day: date) -> bool:
    return day in federal_holidays(day.year)


def is_business_day(day: date) -> bool:
    """True on a weekday that is neither a federal holiday nor an extra federal closure."""
    return day.weekday() < 5 and not is_holiday(day)


def business_days(start: date, end: date) -> Iterator[date]:
    """EDGAR business days in ``[start, end]``, oldest first."""
    day = start
    while day <= end:
        if is_business_day(day):
            yield day
        day += timedelta(days=1)


def previous_business_days(day: date, n: int) -> list[date]:
    """The ``n`` business days strictly before ``day``, oldest first."""
    found: list[date] = []
    current = day
    while len(found) < n:
        current -= timedelta(days=1)
        if is_business_day(current):
            found.append(current)
    return sorted(found)


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    current = day + timedelta(days=1)
    while not is_business_day(current):
        current += timedelta(days=1)
    return current


def nth_business_day(day: date, n: int) -> date:
    """The ``n``-th business day on or after ``day`` (``n`` >= 1)."""
    current = day if is_business_day(day) else next_business_day(day)
    for _ in range(n - 1):
        current = next_business_day(current)
    return current


def may_be_unpublished(quarter: Quarter, as_of: date) -> bool:
    """True while SEC may not have published anything for ``quarter`` yet, as of the day ``as_of``.

    That lasts to the end of the quarter's second business day (:data:`PUBLICATION_GRACE_BUSINESS_DAYS`): the first
    day's index appears that day's evening, sometimes the next.
    """
    return as_of <= nth_business_day(quarter.start, PUBLICATION_GRACE_BUSINESS_DAYS)


def parse_date_or_quarter(text: str, *, end: bool = False) -> date:
    """``YYYY-MM-DD`` or ``YYYYQn`` (its first day, or its last with ``end=True``); ConfigError otherwise."""
    match = _DATE_TEXT.match(text or "")
    if match is not None:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError as exc:
            raise ConfigError(f"not a valid date: {text!r} ({exc})") from None
    if _QUARTER_TEXT.match(text or ""):
        quarter = Quarter.parse(text)
        return quarter.end if end else quarter.start
    raise ConfigError(f"not a date or quarter: {text!r} (expected YYYY-MM-DD or e.g. 2004Q2)")
