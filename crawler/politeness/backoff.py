"""Retry pacing: exponential back-off with full jitter, and a run-wide retry budget."""

from __future__ import annotations

import random
from dataclasses import dataclass


def backoff_ceiling(attempt: int, *, base: float, cap: float) -> float:
    """The largest delay before retry number ``attempt`` (1 = first retry): ``min(cap, base * 2**(attempt-1))``."""
    if attempt < 1:
        raise ValueError(f"attempt counts from 1, got {attempt}")
    exponent = min(attempt - 1, 64)  # 2**64 * base is past any cap; avoids float overflow
    return min(cap, base * 2.0**exponent)


def backoff_delay(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Full-jitter delay before retry ``attempt``: uniform over ``[0, backoff_ceiling(attempt)]``.

    Full jitter spreads the retries of requests that failed together (one server hiccup) instead of
    sending them back in one burst.
    """
    ceiling = backoff_ceiling(attempt, base=base, cap=cap)
    return (rng or random).uniform(0.0, ceiling)


@dataclass(slots=True)
class RetryBudget:
    """Run-wide cap on retries: at most ``floor + ratio * attempts`` retries so far.

    ``attempts`` counts every answer or failure seen (first tries and retries). When a server is failing
    outright, the budget runs out and the remaining requests fail fast instead of multiplying the load.
    """

    ratio: float = 0.1
    floor: int = 20
    attempts: int = 0
    spent: int = 0

    def record_attempt(self) -> None:
        self.attempts += 1

    def available(self) -> bool:
        return self.spent < self.floor + self.ratio * self.attempts

    def spend(self) -> None:
        self.spent += 1
