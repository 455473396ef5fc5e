"""The one request budget shared by every HTTP client of this project (Scrapy crawls and helper code).

SEC counts every request of a user against one cap (10 requests per second, all hosts, all machines together),
by when each request arrives. A :class:`RateLimiter` is asked before each real network send; it grants the send
or says how long to wait. Every backend applies the same rule (:class:`Pace` over a :class:`Budget`):

- grants are evenly spaced (GCRA without burst tolerance): the budget keeps a theoretical arrival time (``tat``),
  a send is granted once ``now >= tat``, and each grant moves ``tat`` one ``interval`` past its slot. The
  interval is slightly above ``1 / rate`` (:class:`SpacingRule`), so a send that reaches the server up to
  ``tolerance`` seconds later than the tenth send after it still never puts more than ``rate`` arrivals in one
  second. Sends in flight overlap: the round trip costs no rate;
- a send that may have reached the server later than that (its answer shows it: see
  :mod:`crawler.politeness.lateness`) is charged one more slot, so the sends after it leave room for it;
- a job class may have a cap of its own (a backfill held to 6/s leaves the rest to the nightly run);
- a block (SEC's block page) grants nothing until it ends.

Backends: :class:`InProcessLimiter` (this process), ``SqliteRateLimiter`` (processes of one machine) and
``RedisRateLimiter`` (every host); :mod:`crawler.politeness.rate_store` picks one from the settings.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from crawler.errors import ConfigError

DEFAULT_WINDOW = 1.0
DEFAULT_MARGIN = 0.025
DEFAULT_JOB_CLASS = "nightly"
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class SpacingRule:
    """One send per ``interval`` seconds, where ``interval = (max(window, max_sends / rate) + margin) / max_sends``
    and ``max_sends = max(1, floor(rate * window))``.

    ``max_sends`` sends therefore take ``span = window + margin`` seconds (more for rates below ``1 / window``).
    A grant made up to ``catch_up`` (a fifth of the margin) after its slot still counts at its slot, so a waiter
    woken a few milliseconds late costs no rate; the schedule never catches up more than that. No window of
    ``window`` seconds therefore holds more than ``max_sends`` grants, and a send may reach the server up to
    ``margin - catch_up`` seconds later than its neighbours before a window could hold one too many. A fractional
    rate counts whole sends per window (2.5/s allows 2); a rate below ``1 / window`` becomes one send per
    ``1 / rate`` seconds.
    """

    rate: float
    window: float = DEFAULT_WINDOW
    margin: float = DEFAULT_MARGIN
    max_sends: int = field(init=False)
    interval: float = field(init=False)

    def __post_init__(self) -> None:
        if not self.rate > 0 or not self.window > 0 or not self.margin >= 0:
            raise ConfigError(
                f"invalid rate limit: rate={self.rate} window={self.window} margin={self.margin} "
                "(rate and window must be positive, margin at least 0)"
            )
        max_sends = max(1, math.floor(self.rate * self.window + _EPSILON))
        object.__setattr__(self, "max_sends", max_sends)
        object.__setattr__(self, "interval", (max(self.window, max_sends / self.rate) + self.margin) / max_sends)

    @property
    def span(self) -> float:
        """Seconds ``max_sends`` evenly spaced sends take: the longest a schedule may run ahead of the clock."""
        return self.interval * self.max_sends

    @property
    def catch_up(self) -> float:
        """Seconds a grant may come after its slot and still count at it."""
        return self.margin / 5

    @property
    def tolerance(self) -> float:
        """Seconds a send may reach the server later than its neighbours without a window holding one too many."""
        return self.margin - self.catch_up

    @property
    def ceiling(self) -> float:
        """Sends per second at steady state."""
        return 1.0 / self.interval

    def wait(self, tat: float, now: float) -> float:
        """Seconds before the schedule ``tat`` allows a send at ``now`` (0.0: now).

        A schedule more than ``span`` ahead (the wall clock went back) counts as ``span`` ahead: it delays the
        next send by a whole window instead of for as long as the clock jumped.
        """
        wait = min(tat, now + self.span) - now
        return wait if wait > _EPSILON else 0.0

    def advance(self, tat: float, now: float) -> float:
        """The schedule after a send at ``now``: one interval past its slot (``tat``, or ``now`` when the slot is
        more than ``catch_up`` in the past)."""
        return max(min(tat, now + self.span), now - self.catch_up) + self.interval


@dataclass(slots=True)
class Budget:
    """The shared state: the schedule, one schedule per capped job class, and the end of a block.

    Times are seconds on the backend's clock (``time.time()`` in-process and in SQLite, Redis's ``TIME``).
    """

    tat: float = 0.0
    class_tats: dict[str, float] = field(default_factory=dict)
    blocked_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def clear(self) -> None:
        self.tat, self.blocked_until = 0.0, 0.0
        self.class_tats.clear()


@dataclass(frozen=True, slots=True)
class Pace:
    """What one limiter applies to a shared budget: its own rule, and its job class's cap if the class has one.

    Limiters with different rates on one budget each space their own grants; together they stay within the
    largest of their rates.
    """

    rule: SpacingRule
    job_class: str = DEFAULT_JOB_CLASS
    class_rule: SpacingRule | None = None

    @classmethod
    def of(cls, rate: float, *, window: float = DEFAULT_WINDOW, margin: float = DEFAULT_MARGIN,
           job_class: str = DEFAULT_JOB_CLASS, class_rate: float | None = None) -> Pace:
        class_rule = SpacingRule(class_rate, window, margin) if class_rate is not None else None
        return cls(SpacingRule(rate, window, margin), job_class, class_rule)

    def wait(self, budget: Budget, now: float) -> float:
        """Seconds before a send at ``now`` is allowed (0.0: now)."""
        wait = max(budget.blocked_until - now, self.rule.wait(budget.tat, now))
        if self.class_rule is not None:
            wait = max(wait, self.class_rule.wait(budget.class_tats.get(self.job_class, 0.0), now))
        return wait if wait > _EPSILON else 0.0

    def take(self, budget: Budget, now: float) -> None:
        """Count a send at ``now``: a grant, or a late send charged again."""
        budget.tat = self.rule.advance(budget.tat, now)
        if self.class_rule is not None:
            tat = budget.class_tats.get(self.job_class, 0.0)
            budget.class_tats[self.job_class] = self.class_rule.advance(tat, now)


class RateLimiter(ABC):
    """A request budget; the state lives in-process, in SQLite or in Redis (see the module docstring)."""

    pace: Pace

    @property
    def rule(self) -> SpacingRule:
        return self.pace.rule

    @abstractmethod
    def try_acquire(self, now: float | None = None) -> float:
        """0.0 when a send is granted now (and counted); otherwise the seconds to wait before asking again.

        ``now`` (tests only) replaces the backend's clock.
        """

    async def try_acquire_async(self) -> float:
        """:meth:`try_acquire` for code on an event loop (a backend doing network I/O does it without blocking)."""
        return self.try_acquire()

    @abstractmethod
    def charge_late(self, now: float | None = None) -> None:
        """A send answered just now may have reached the server late: count it once more, as a send at ``now``."""

    async def charge_late_async(self) -> None:
        """:meth:`charge_late` for code on an event loop."""
        self.charge_late()

    @abstractmethod
    def block(self, until: float) -> None:
        """Grant nothing before wall-clock time ``until`` (an earlier ``until`` never shortens a block)."""

    async def block_async(self, until: float) -> None:
        """:meth:`block` for code on an event loop."""
        self.block(until)

    @abstractmethod
    def blocked_until(self) -> float:
        """Wall-clock time before which nothing is granted (0.0 or a past time: not blocked)."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release connections and files; the budget itself stays with the other limiters sharing it."""

    async def aclose(self) -> None:  # noqa: B027 - as close
        """Release the running event loop's connections (a later call opens new ones)."""


class InProcessLimiter(RateLimiter):
    """The budget of one process (every crawler and helper session in it); thread-safe.

    Limiters built on the same :class:`Budget` share it.
    """

    def __init__(self, rate: float, *, window: float = DEFAULT_WINDOW, margin: float = DEFAULT_MARGIN,
                 job_class: str = DEFAULT_JOB_CLASS, class_rate: float | None = None,
                 budget: Budget | None = None) -> None:
        self.pace = Pace.of(rate, window=window, margin=margin, job_class=job_class, class_rate=class_rate)
        self.budget = budget if budget is not None else Budget()

    def try_acquire(self, now: float | None = None) -> float:
        with self.budget.lock:
            at = time.time() if now is None else now
            wait = self.pace.wait(self.budget, at)
            if wait == 0.0:
                self.pace.take(self.budget, at)
            return wait

    def charge_late(self, now: float | None = None) -> None:
        with self.budget.lock:
            self.pace.take(self.budget, time.time() if now is None else now)

    def block(self, until: float) -> None:
        with self.budget.lock:
            self.budget.blocked_until = max(self.budget.blocked_until, until)

    def blocked_until(self) -> float:
        with self.budget.lock:
            return self.budget.blocked_until


@dataclass(frozen=True, slots=True)
class Grant:
    """A granted send: when (wall clock, and monotonic for measuring what follows) and how long it waited."""

    sent_at: float
    waited: float
    monotonic: float = field(default_factory=time.monotonic)


def acquire_blocking(limiter: RateLimiter, *, sleep: Callable[[float], Any] = time.sleep) -> Grant:
    """Wait (sleeping this thread) until ``limiter`` grants a send."""
    waited = 0.0
    while True:
        wait = limiter.try_acquire()
        if wait == 0.0:
            return Grant(time.time(), waited)
        sleep(wait)
        waited += wait


async def acquire(limiter: RateLimiter, *, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> Grant:
    """Wait (without blocking the event loop) until ``limiter`` grants a send.

    ``sleep`` may raise to abandon the wait (the Scrapy middleware does so when the run is stopping).
    """
    waited = 0.0
    while True:
        wait = await limiter.try_acquire_async()
        if wait == 0.0:
            return Grant(time.time(), waited)
        await sleep(wait)
        waited += wait
