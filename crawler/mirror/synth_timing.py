"""Shared timing helpers of the planner: ABS share by year, day picking, acceptance times."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta

from crawler.mirror.synth_calendar import next_business_day, previous_business_day

LATE_CUTOFF = (17, 30)  # accepted after 17:30 ET -> filed the next business day


def abs_share(year: int) -> float:
    """Share of 8-K-family accessions filed by ABS issuers in ``year`` (2004-2006 peak)."""
    if year <= 1997:
        return 0.18
    if year <= 2001:
        return 0.28
    if year <= 2003:
        return 0.38
    if year <= 2006:
        return 0.44
    if year == 2007:
        return 0.32
    return 0.12


class Days:
    """The business days of the mirror's range, with weighted picking."""

    def __init__(self, days: list[date]) -> None:
        self.days = days
        self.start, self.end = days[0], days[-1]

    def pick(self, rng: random.Random, count: int, weight: Callable[[date], float] | None = None) -> list[date]:
        if count <= 0:
            return []
        if weight is None:
            return [self.days[rng.randrange(len(self.days))] for _ in range(count)]
        weights = [weight(day) for day in self.days]
        return rng.choices(self.days, weights, k=count)

    def at(self, fraction: float) -> date:
        """The business day at ``fraction`` (0..1) of the range."""
        return self.days[min(len(self.days) - 1, max(0, int(fraction * (len(self.days) - 1))))]

    def between(self, low: date, high: date) -> list[date]:
        return self.days[bisect_left(self.days, low) : bisect_right(self.days, high)]

    def clamp(self, day: date) -> date:
        return min(max(day, self.start), self.end)

    def shift(self, day: date, steps: int) -> date:
        """``steps`` business days after (or before, if negative) ``day``, not clamped."""
        return next_business_day(day, steps) if steps >= 0 else previous_business_day(day, -steps)


def acceptance(rng: random.Random, filed: date, allow_previous: bool = True) -> datetime:
    """An acceptance time for a filing dated ``filed``; some were sent after 17:30 the business day before."""
    if allow_previous and rng.random() < 0.07:
        before = previous_business_day(filed)
        return datetime(before.year, before.month, before.day, 17, 31) + timedelta(seconds=rng.randrange(4 * 3600 + 1700))
    hour = rng.choices((6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), (1, 2, 5, 8, 9, 9, 8, 9, 10, 12, 14, 6))[0]
    minute_limit = 30 if hour == 17 else 60
    return datetime(filed.year, filed.month, filed.day, hour, rng.randrange(minute_limit), rng.randrange(60))


def is_late(moment: datetime) -> bool:
    return (moment.hour, moment.minute) >= LATE_CUTOFF


def dated_for(moment: datetime) -> date:
    """The filing date EDGAR gives a submission accepted at ``moment`` (Regulation S-T Rule 13(a))."""
    day = moment.date()
    return next_business_day(day) if is_late(moment) else day
