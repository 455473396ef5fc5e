"""The one request budget shared by every HTTP client of this project (Scrapy crawls and helper code).

SEC counts every request of a user against one cap (10 requests per second, all hosts, all machines together).
A :class:`RateLimiter` is asked before each real network send; it either grants the send (and records it) or says
how long to wait. Two implementations share one rule (:class:`WindowRule`):

- :class:`SlidingWindowLimiter`: in-process state (every crawler and helper session of one process);
- :class:`~crawler.politeness.limiter_sqlite.SqliteRateLimiter`: a SQLite file shared by processes on one machine.

All times are wall-clock seconds (``time.time()``) so that processes can compare them.
"""

from __future__ import annotations

import asyncio
import bisect
import heapq
import math
import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.errors import ConfigError

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

DEFAULT_WINDOW = 1.0
DEFAULT_MARGIN = 0.025
DEFAULT_SMOOTHING = 0.5
_EPSILON = 1e-9
_KEEP_SECONDS = 120.0  # in-process records older than this are dropped (far more than any span)
_PRUNE_ABOVE = 2048


@dataclass(frozen=True, slots=True)
class WindowRule:
    """When the next send may go, given the times of the latest sends.

    The rule: at most ``max_sends = max(1, floor(rate * window))`` sends in any span of ``span`` seconds, where
    ``span = max(window, max_sends / rate) + margin``. So no window of ``window`` seconds ever holds more than
    ``rate`` sends (the ``margin`` absorbs the jitter between our send and the server's arrival time), and the
    long-run rate is ``max_sends / span``. A fractional rate therefore counts whole sends per window: 2.5/s allows
    2 sends per window (exactly "never more than 2.5 in any second"); a rate below ``1/window`` becomes one send
    per ``1/rate`` seconds. ``smoothing`` adds a minimum gap of ``smoothing * span / max_sends`` between two sends,
    so a backlog leaves as a stream rather than as bursts of simultaneous requests.
    """

    rate: float
    window: float = DEFAULT_WINDOW
    margin: float = DEFAULT_MARGIN
    smoothing: float = DEFAULT_SMOOTHING
    max_sends: int = field(init=False)
    span: float = field(init=False)
    min_gap: float = field(init=False)

    def __post_init__(self) -> None:
        if not self.rate > 0 or not self.window > 0 or self.margin < 0 or not 0 <= self.smoothing <= 1:
            raise ConfigError(
                f"invalid rate limit: rate={self.rate} window={self.window} margin={self.margin} "
                f"smoothing={self.smoothing} (rate and window must be positive)"
            )
        max_sends = max(1, math.floor(self.rate * self.window + _EPSILON))
        span = max(self.window, max_sends / self.rate) + self.margin
        object.__setattr__(self, "max_sends", max_sends)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "min_gap", self.smoothing * span / max_sends)

    def wait(self, recent: Iterable[float], now: float, blocked_until: float = 0.0) -> float:
        """Seconds to wait before a send at ``now`` is allowed (0.0: allowed now).

        ``recent`` holds the recorded times of recent sends, in any order (at least every send of the last
        ``span`` seconds). A time later than ``now`` (the wall clock went back) counts as ``now``.
        """
        if now < blocked_until:
            return blocked_until - now
        horizon = now - self.span  # a send at or before the horizon can no longer delay one at ``now``
        latest = heapq.nlargest(self.max_sends, [min(sent, now) for sent in recent if sent > horizon])
        wait = 0.0
        if latest:
            wait = max(wait, latest[0] + self.min_gap - now)
        if len(latest) >= self.max_sends:
            wait = max(wait, latest[-1] + self.span - now)
        return wait if wait > _EPSILON else 0.0

    def wait_sorted(self, answered: list[float], pending: list[float], now: float,
                    blocked_until: float = 0.0) -> float:
        """:meth:`wait` over the sends of two ascending lists: the same answer in O(log n), not a pass over all.

        Only the newest send and the ``max_sends``-th newest decide; both are read off the sorted lists.
        """
        if now < blocked_until:
            return blocked_until - now
        horizon = now - self.span
        count = len(answered) - bisect.bisect_right(answered, horizon)
        count += len(pending) - bisect.bisect_right(pending, horizon)
        if not count:
            return 0.0
        newest = max(answered[-1] if answered else -math.inf, pending[-1] if pending else -math.inf)
        wait = min(newest, now) + self.min_gap - now
        if count >= self.max_sends:
            wait = max(wait, min(_kth_newest(answered, pending, self.max_sends), now) + self.span - now)
        return wait if wait > _EPSILON else 0.0


def _kth_newest(first: list[float], second: list[float], k: int) -> float:
    """The ``k``-th largest value of two ascending lists together (they hold at least ``k`` values)."""
    def newest(values: list[float], n: int) -> float:  # n-th largest; the 0th is +inf
        return values[-n] if n else math.inf

    # The k newest are the j newest of ``second`` and the k - j newest of ``first`` for the j where the two meet:
    # newest(second, j) falls and newest(first, k - j) rises with j, so the meeting point is found by bisection.
    low, high = max(0, k - len(first)), min(k, len(second))
    start, stop = low, high + 1
    while start < stop:
        middle = (start + stop) // 2
        if newest(second, middle) <= newest(first, k - middle):
            stop = middle
        else:
            start = middle + 1
    return max(min(newest(second, j), newest(first, k - j)) for j in (start - 1, start) if low <= j <= high)


class RateLimiter(ABC):
    """A request budget; implementations may keep their state in-process, in SQLite or (later) in Redis.

    A send is recorded at the time it was granted; once its answer starts (or it fails), the caller moves the
    record to that time with :meth:`mark_answered`. The server saw the request somewhere between the two, so
    counting it at the later time keeps the cap whatever the delays of connection set-up or of a busy server.
    """

    rule: WindowRule

    @abstractmethod
    def try_acquire(self, now: float | None = None) -> float:
        """0.0 when a send is granted now (recorded at ``now``); otherwise the seconds to wait before asking again."""

    @abstractmethod
    def mark_answered(self, sent_at: float, answered_at: float) -> None:
        """Count the send granted at ``sent_at`` as made at ``answered_at`` (headers received, or failure)."""

    @abstractmethod
    def block(self, until: float) -> None:
        """Grant nothing before wall-clock time ``until`` (an earlier ``until`` never shortens a block)."""

    @abstractmethod
    def blocked_until(self) -> float:
        """Wall-clock time before which nothing is granted (0.0 or a past time: not blocked)."""


class SlidingWindowLimiter(RateLimiter):
    """In-process limiter applying :class:`WindowRule`; thread-safe.

    Limiters built on the same :class:`SendLog` share one budget: each counts every send in the log against its
    own rate (so the combined rate never exceeds the largest rate among them).
    """

    def __init__(
        self,
        rate: float,
        *,
        window: float = DEFAULT_WINDOW,
        margin: float = DEFAULT_MARGIN,
        smoothing: float = DEFAULT_SMOOTHING,
        log: SendLog | None = None,
    ) -> None:
        self.rule = WindowRule(rate, window, margin, smoothing)
        self.log = log if log is not None else SendLog()

    def try_acquire(self, now: float | None = None) -> float:
        with self.log.lock:
            at = time.time() if now is None else now
            log = self.log
            if len(log.answered) + len(log.pending) > log.prune_above:
                log.prune(at - max(_KEEP_SECONDS, 2 * self.rule.span))
            wait = self.rule.wait_sorted(log.answered, log.pending, at, log.blocked_until)
            if wait == 0.0:
                bisect.insort(log.pending, at)
            return wait

    def mark_answered(self, sent_at: float, answered_at: float) -> None:
        with self.log.lock:
            log = self.log
            # a pending send; else an answered one moves again (as it always did); else it was pruned: nothing to do
            for records in (log.pending, log.answered):
                index = bisect.bisect_left(records, sent_at)
                if index < len(records) and records[index] == sent_at:
                    del records[index]
                    bisect.insort(log.answered, max(sent_at, answered_at))
                    return

    def block(self, until: float) -> None:
        with self.log.lock:
            self.log.blocked_until = max(self.log.blocked_until, until)

    def blocked_until(self) -> float:
        with self.log.lock:
            return self.log.blocked_until


@dataclass(slots=True)
class SendLog:
    """In-process record of recent sends and of the block, shared by the limiters of one process.

    Send times are kept in two ascending lists: ``pending`` (at their grant time) until the answer moves them to
    ``answered``; a decision then reads the two or three times it needs instead of every send.
    """

    pending: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)
    blocked_until: float = 0.0
    prune_above: int = _PRUNE_ABOVE
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sends(self) -> list[float]:
        """Every recorded send time, ascending."""
        return sorted([*self.pending, *self.answered])

    def prune(self, keep_after: float) -> None:
        """Forget sends recorded at or before ``keep_after`` (amortised: called above ``prune_above`` sends)."""
        for records in (self.pending, self.answered):
            del records[:bisect.bisect_right(records, keep_after)]
        self.prune_above = max(_PRUNE_ABOVE, 2 * (len(self.pending) + len(self.answered)))

    def clear(self) -> None:
        self.pending.clear()
        self.answered.clear()
        self.blocked_until = 0.0


@dataclass(frozen=True, slots=True)
class Grant:
    """A granted send: the time it was recorded at (pass it to ``mark_answered``) and the seconds waited for it."""

    sent_at: float
    waited: float


def acquire_blocking(limiter: RateLimiter, *, sleep: Callable[[float], Any] = time.sleep) -> Grant:
    """Wait (sleeping this thread) until ``limiter`` grants a send."""
    waited = 0.0
    while True:
        now = time.time()
        wait = limiter.try_acquire(now)
        if wait == 0.0:
            return Grant(now, waited)
        sleep(wait)
        waited += wait


async def acquire(limiter: RateLimiter, *, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> Grant:
    """Wait (without blocking the event loop) until ``limiter`` grants a send.

    ``sleep`` may raise to abandon the wait (the Scrapy middleware does so when the run is stopping).
    """
    waited = 0.0
    while True:
        now = time.time()
        wait = limiter.try_acquire(now)
        if wait == 0.0:
            return Grant(now, waited)
        await sleep(wait)
        waited += wait


def default_rate_db_path() -> Path:
    """``$EDGAR_RATE_DB``, else ``~/.cache/edgar-archive/ratelimit.sqlite``: the machine-wide shared budget."""
    configured = os.environ.get("EDGAR_RATE_DB")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "edgar-archive" / "ratelimit.sqlite"


_PROCESS_LOG = SendLog()
_SHARED: dict[tuple[str | None, float], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def shared_limiter(rate: float, db_path: str | Path | None = None) -> RateLimiter:
    """The process-wide limiter for ``rate``: in-process when ``db_path`` is None, else the SQLite file's.

    Every limiter returned for one ``db_path`` (or for in-process) shares the same sends and block, whatever
    its rate; a repeated call returns the same instance.
    """
    key = (str(Path(db_path).expanduser().resolve()) if db_path else None, float(rate))
    with _SHARED_LOCK:
        limiter = _SHARED.get(key)
        if limiter is None:
            if key[0] is None:
                limiter = SlidingWindowLimiter(rate, log=_PROCESS_LOG)
            else:
                from crawler.politeness.limiter_sqlite import SqliteRateLimiter

                limiter = SqliteRateLimiter(key[0], rate)
            _SHARED[key] = limiter
        return limiter


def limiter_from_settings(settings: BaseSettings) -> RateLimiter:
    """The shared limiter for Scrapy settings ``EDGAR_RATE`` and ``EDGAR_RATE_DB``.

    ``EDGAR_RATE_DB`` unset falls back to the environment variable of that name; neither set: in-process.
    """
    rate = settings.getfloat("EDGAR_RATE", 5.0)
    if rate <= 0:
        raise ConfigError(f"EDGAR_RATE must be positive, got {rate}")
    return shared_limiter(rate, settings.get("EDGAR_RATE_DB") or os.environ.get("EDGAR_RATE_DB") or None)


def reset_shared_limiters() -> None:
    """Forget every shared limiter and the in-process send log (tests only)."""
    with _SHARED_LOCK:
        for limiter in _SHARED.values():
            close = getattr(limiter, "close", None)
            if close is not None:
                close()
        _SHARED.clear()
        with _PROCESS_LOG.lock:
            _PROCESS_LOG.clear()
