"""A rate limiter whose budget lives in Redis, so every host declaring one identity shares it.

Each decision is one Lua script (``budget.lua``) run atomically on the server and on the server's clock
(``TIME``): no host's clock or skew enters the schedule. Keys are named after the declared identity, the contact
e-mail of the User-Agent (:func:`~crawler.config.budget_identity`): ``edgar-archive:{ops@example.com}:tat`` and
so on.

Fails closed: while Redis cannot be reached nothing is granted; the caller waits, polling every ``_POLL``
seconds, and after ``unreachable_limit`` seconds :class:`~crawler.errors.RateStoreUnreachableError` ends the run.
The charges for late sends are kept here until Redis has them, and this host's block is told again at every
call while it lasts, so an outage (or a restarted, empty Redis) loses neither.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from crawler.config import budget_identity
from crawler.errors import RateStoreUnreachableError
from crawler.politeness.limiter import DEFAULT_JOB_CLASS, DEFAULT_MARGIN, DEFAULT_WINDOW, Pace, RateLimiter
from crawler.store.redis_store import DEFAULT_UNREACHABLE_LIMIT, Outage, RedisStore, store_errors

KEY_PREFIX = "edgar-archive"
_SCRIPT = resources.files("crawler.politeness").joinpath("budget.lua").read_text(encoding="utf-8")
_POLL = 0.5  # seconds between two tries while Redis cannot be reached
_TURN_POLL = 0.01  # seconds to wait when a free slot is another limiter's turn
_TICKET_TTL = 2.0  # seconds (at least) after its last ask that a waiting ticket still counts
_KEEP_SECONDS = 60.0  # idle keys expire after this (at least)


def budget_keys(user_agent: str, job_class: str) -> list[str]:
    """The keys of the budget ``user_agent`` spends, in the order ``budget.lua`` takes them."""
    prefix = f"{KEY_PREFIX}:{{{budget_identity(user_agent)}}}"
    return [f"{prefix}:tat", f"{prefix}:tat:{job_class}", f"{prefix}:pause", f"{prefix}:waiters",
            f"{prefix}:waiters-seen"]


class RedisRateLimiter(RateLimiter):
    """Cross-host limiter on ``store`` for the budget of ``user_agent``; thread-safe (the synchronous path) and
    usable from an asyncio event loop (:meth:`try_acquire_async`)."""

    def __init__(self, store: RedisStore, user_agent: str, rate: float = 5.0, *, window: float = DEFAULT_WINDOW,
                 margin: float = DEFAULT_MARGIN, job_class: str = DEFAULT_JOB_CLASS,
                 class_rate: float | None = None, unreachable_limit: float = DEFAULT_UNREACHABLE_LIMIT) -> None:
        self.pace = Pace.of(rate, window=window, margin=margin, job_class=job_class, class_rate=class_rate)
        self.store = store
        self.keys = budget_keys(user_agent, job_class)
        self.outage = Outage(f"the rate store {store.shown}", unreachable_limit, RateStoreUnreachableError)
        self._ticket = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._lock = threading.Lock()
        self._charges = 0  # late sends not yet delivered to Redis
        self._block_until = 0.0  # this host's block (wall clock), told to Redis at every call while it lasts
        self._paused_until = 0.0  # the shared pause as last seen (wall clock)
        self._sync_script = store.sync.register_script(_SCRIPT)
        self._async_scripts: dict[int, Any] = {}

    def try_acquire(self, now: float | None = None) -> float:
        delivery = self._delivery("acquire", now)
        try:
            reply = self._sync_script(keys=self.keys, args=delivery.arguments)
        except store_errors() as exc:
            return self._unreachable(exc)
        return self._answered(delivery, reply)

    async def try_acquire_async(self) -> float:
        delivery = self._delivery("acquire", None)
        try:
            reply = await self._async_script()(keys=self.keys, args=delivery.arguments)
        except store_errors() as exc:
            return self._unreachable(exc)
        return self._answered(delivery, reply)

    def charge_late(self, now: float | None = None) -> None:
        with self._lock:
            self._charges += 1
        self._report(now)

    async def charge_late_async(self) -> None:
        with self._lock:
            self._charges += 1
        await self._report_async()

    def block(self, until: float) -> None:
        with self._lock:
            self._block_until = max(self._block_until, until)
        self._report(None)

    async def block_async(self, until: float) -> None:
        with self._lock:
            self._block_until = max(self._block_until, until)
        await self._report_async()

    def blocked_until(self) -> float:
        with self._lock:
            return max(self._block_until, self._paused_until)

    def close(self) -> None:
        self.store.close()

    async def aclose(self) -> None:
        """Close this event loop's connection (a later call opens a new one)."""
        self._async_scripts.pop(id(asyncio.get_running_loop()), None)
        await self.store.aclose()

    def _delivery(self, mode: str, now: float | None) -> _Delivery:
        rule, class_rule = self.pace.rule, self.pace.class_rule
        with self._lock:
            delivery, block_until = _Delivery(self._charges), self._block_until
        block_for = max(0.0, block_until - time.time())
        keep_ms = int(1000 * max(_KEEP_SECONDS, 3 * rule.span))
        delivery.arguments = [
            mode, rule.interval, rule.span, class_rule.interval if class_rule else 0,
            class_rule.span if class_rule else 0, delivery.charges, round(block_for, 6), self._ticket,
            max(_TICKET_TTL, 3 * rule.span), _TURN_POLL, keep_ms, "" if now is None else repr(now), rule.catch_up,
        ]
        return delivery

    def _answered(self, delivery: _Delivery, reply: list[str]) -> float:
        """Redis answered: what was delivered is no longer pending; the wait, and the pause as seen."""
        self.outage.recovered()
        wait, paused_for = float(reply[0]), float(reply[1])
        with self._lock:
            self._charges -= delivery.charges
            self._paused_until = time.time() + paused_for if paused_for else 0.0
        return wait

    def _unreachable(self, problem: BaseException) -> float:
        """Fail closed: wait and try again (RateStoreUnreachableError once the outage lasts too long)."""
        self.outage.failed(problem)
        return max(_POLL, self.blocked_until() - time.time())

    def _report(self, now: float | None) -> None:
        """Tell Redis about the charges and the block now; if it cannot be reached, the next ask will."""
        delivery = self._delivery("report", now)
        with contextlib.suppress(*store_errors()):
            self._answered(delivery, self._sync_script(keys=self.keys, args=delivery.arguments))

    async def _report_async(self) -> None:
        delivery = self._delivery("report", None)
        with contextlib.suppress(*store_errors()):  # as in _report
            self._answered(delivery, await self._async_script()(keys=self.keys, args=delivery.arguments))

    def _async_script(self) -> Any:
        client = self.store.for_running_loop()
        key = id(asyncio.get_running_loop())
        cached = self._async_scripts.get(key)
        if cached is None or cached[0] is not client:
            cached = self._async_scripts[key] = (client, client.register_script(_SCRIPT))
        return cached[1]


@dataclass(slots=True)
class _Delivery:
    """What one call tells Redis: the charges pending when the call was made, and the script's arguments."""

    charges: int
    arguments: list[Any] = field(default_factory=list)
