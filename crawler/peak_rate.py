"""The highest request rate a run reached: the most requests sent in any one-second window.

Scrapy fires ``request_reached_downloader`` once a request has passed every downloader middleware,
the rate limiter included, i.e. when it is handed to the network. Counting those times gives the run's
busiest second as the crawler sent it, the figure ``edgar-archive report`` sets against the cap.
Stats: ``edgar/requests/peak_per_second`` (int) and ``edgar/rate_cap`` (the run's ``EDGAR_RATE``).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

PEAK_STAT = "edgar/requests/peak_per_second"
CAP_STAT = "edgar/rate_cap"


class BusiestWindow:
    """The most events in any window ``(t - width, t]`` of a stream of non-decreasing times (seconds)."""

    def __init__(self, width: float = 1.0) -> None:
        self.width = width
        self.peak = 0
        self._times: deque[float] = deque()

    def add(self, at: float) -> int:
        """Count one event at ``at``; returns the number of events in the window ending there."""
        times = self._times
        while times and times[0] <= at - self.width:
            times.popleft()
        times.append(at)
        self.peak = max(self.peak, len(times))
        return len(times)


class PeakRateExtension:
    """Keeps ``edgar/requests/peak_per_second`` up to date while the crawl runs."""

    def __init__(self, crawler: Crawler, clock: Callable[[], float] = time.monotonic) -> None:
        self.stats = crawler.stats
        self.clock = clock
        self.window = BusiestWindow()
        self.stats.set_value(CAP_STAT, crawler.settings.getfloat("EDGAR_RATE"))
        self.stats.set_value(PEAK_STAT, 0)
        crawler.signals.connect(self.request_sent, signal=signals.request_reached_downloader)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def request_sent(self, request: Any, spider: Any) -> None:
        before = self.window.peak
        self.window.add(self.clock())
        if self.window.peak > before:
            self.stats.set_value(PEAK_STAT, self.window.peak)
