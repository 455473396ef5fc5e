"""SEC's access rules as pure state machines: the User-Agent check, the rate block and the fault plan.

Nothing here touches the network or the clock; callers pass ``now`` (seconds, any monotonic origin).
"""

from __future__ import annotations

import math
import random
import re
from collections import deque
from enum import StrEnum

_CONTACT_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

DEFAULT_FAULT_PATHS = r"^/Archives/edgar/data/"
"""By default only filing paths get faults; indexes and submissions JSON are always answered."""

WINDOW_SECONDS = 1.0


def has_contact_email(user_agent: str | None) -> bool:
    """True when the User-Agent declares a contact e-mail address, as SEC's fair access policy asks."""
    return bool(user_agent) and _CONTACT_EMAIL.search(user_agent or "") is not None


class RateGate:
    """SEC's rate block: more than ``limit`` requests in any sliding 1-s window starts a block.

    Every request is counted (all clients together, refused ones too). The request that exceeds the limit is
    refused and blocks the gate until ``now + block_seconds``; every request during the block is refused and
    pushes the end of the block to its own ``now + block_seconds``. ``limit`` 0 disables the rate check; a block
    started by :meth:`block` still holds.
    """

    def __init__(self, limit: int, block_seconds: float) -> None:
        if limit < 0:
            raise ValueError(f"rate limit must be >= 0, got {limit}")
        if block_seconds <= 0:
            raise ValueError(f"block seconds must be > 0, got {block_seconds}")
        self.limit = limit
        self.block_seconds = block_seconds
        self.blocked_until: float | None = None
        self._arrivals: deque[float] = deque()

    def admit(self, now: float) -> bool:
        """Record a request arriving at ``now``; False when it must get the block page."""
        if self.limit:
            self._arrivals.append(now)
            while self._arrivals and self._arrivals[0] <= now - WINDOW_SECONDS:
                self._arrivals.popleft()
        if self.is_blocked(now) or (self.limit and len(self._arrivals) > self.limit):
            self.blocked_until = now + self.block_seconds
            return False
        return True

    def block(self, now: float) -> None:
        """Start a block at ``now`` whatever the rate (``mirror serve`` does on SIGUSR1, as a rehearsal)."""
        self.blocked_until = max(self.blocked_until or now, now + self.block_seconds)

    def is_blocked(self, now: float) -> bool:
        """True while a block started earlier is still running at ``now``."""
        return self.blocked_until is not None and now < self.blocked_until


class FaultKind(StrEnum):
    """Injected faults; the value is the name written to the request log's ``fault`` key."""

    SERVER_ERROR = "500"  # 500 with a small HTML body
    UNAVAILABLE = "503"  # 503 with a small HTML body, no Retry-After
    RESET = "reset"  # headers and the first quarter of the body, then a TCP reset (RST)
    TRUNCATED = "truncated"  # full Content-Length declared, first half of the body sent, then a clean close
    SLOW = "slow"  # the whole body, correct, in pieces spread over --slow-seconds


ALL_FAULTS: tuple[FaultKind, ...] = tuple(FaultKind)


def parse_fault_kinds(text: str) -> tuple[FaultKind, ...]:
    """``"500,reset"`` -> the kinds, in the order of :data:`ALL_FAULTS`; ValueError names an unknown kind."""
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = names - {kind.value for kind in FaultKind}
    if unknown or not names:
        valid = ", ".join(kind.value for kind in FaultKind)
        raise ValueError(f"unknown fault kind(s) {sorted(unknown) or [text]}; choose from {valid}")
    return tuple(kind for kind in ALL_FAULTS if kind.value in names)


class FaultPlan:
    """Decides per eligible request whether it gets a fault, from one seeded RNG.

    Eligible requests are those whose path matches ``paths`` (``re.search``); only they draw from the RNG, so
    the same seed and the same order of eligible requests give the same faults.
    """

    def __init__(
        self,
        rate: float,
        seed: int,
        paths: str = DEFAULT_FAULT_PATHS,
        kinds: tuple[FaultKind, ...] = ALL_FAULTS,
    ) -> None:
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"fault rate must be within 0..1, got {rate}")
        if not kinds:
            raise ValueError("at least one fault kind is needed")
        self.rate = rate
        self.kinds = kinds
        self._paths = re.compile(paths)
        self._rng = random.Random(seed)

    def is_eligible(self, path: str) -> bool:
        """True when faults may hit ``path`` (before the dice are rolled)."""
        return self.rate > 0 and self._paths.search(path) is not None

    def draw(self, path: str) -> FaultKind | None:
        """The fault for this request, or None; consumes RNG draws only for eligible paths."""
        if not self.is_eligible(path):
            return None
        if self._rng.random() >= self.rate:
            return None
        return self._rng.choice(self.kinds)


class Latency:
    """The delay of each answer: ``seconds`` plus a uniform draw within ``±jitter`` (never below zero).

    Models the round trip to SEC (30–200 ms): the server holds each answer, not each arrival, so the request
    log's ``ts`` stays the arrival time SEC would count. Seeded, so a run's delays can be replayed.
    """

    def __init__(self, seconds: float = 0.0, jitter: float = 0.0, seed: int = 0) -> None:
        if seconds < 0 or jitter < 0:
            raise ValueError(f"latency and jitter must be >= 0, got {seconds} and {jitter}")
        self.seconds = seconds
        self.jitter = jitter
        self._rng = random.Random(seed)

    def __bool__(self) -> bool:
        return self.seconds > 0 or self.jitter > 0

    def draw(self) -> float:
        """The delay of the next answer, in seconds."""
        if not self.jitter:
            return self.seconds
        return max(0.0, self.seconds + self._rng.uniform(-self.jitter, self.jitter))


def parse_latency(text: str) -> tuple[float, float]:
    """``"150"`` or ``"150:50"`` (milliseconds) -> (0.15, 0.05) seconds; ValueError when malformed or negative."""
    parts = text.split(":")
    try:
        if len(parts) > 2:
            raise ValueError
        values = [float(part) for part in parts]
    except ValueError:
        raise ValueError(f"expected MS or MS:JITTER in milliseconds, got {text!r}") from None
    if not all(math.isfinite(value) and value >= 0 for value in values):
        raise ValueError(f"latency and jitter must be >= 0 ms, got {text!r}")
    delay, jitter = (values + [0.0])[:2]
    return delay / 1000.0, jitter / 1000.0
