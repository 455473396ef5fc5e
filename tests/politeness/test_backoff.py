from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.politeness.backoff import RetryBudget, backoff_ceiling, backoff_delay


def test_ceiling_doubles_up_to_the_cap() -> None:
    ceilings = [backoff_ceiling(attempt, base=1.0, cap=60.0) for attempt in range(1, 9)]
    assert ceilings == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    assert backoff_ceiling(10_000, base=0.5, cap=30.0) == 30.0  # no overflow


def test_attempt_counts_from_one() -> None:
    with pytest.raises(ValueError):
        backoff_ceiling(0, base=1.0, cap=10.0)


@given(
    attempt=st.integers(min_value=1, max_value=50),
    base=st.floats(min_value=0.001, max_value=10.0),
    cap=st.floats(min_value=0.001, max_value=600.0),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_delay_stays_within_zero_and_the_ceiling(attempt: int, base: float, cap: float, seed: int) -> None:
    delay = backoff_delay(attempt, base=base, cap=cap, rng=random.Random(seed))
    assert 0.0 <= delay <= min(cap, base * 2 ** (attempt - 1))


def test_delays_are_jittered_across_the_whole_range() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(3, base=1.0, cap=60.0, rng=rng) for _ in range(2000)]
    assert min(delays) < 0.4 and max(delays) > 3.6  # full jitter over [0, 4]
    assert len({round(d, 6) for d in delays}) > 1900


def test_budget_is_floor_plus_ratio_of_attempts() -> None:
    budget = RetryBudget(ratio=0.1, floor=2)
    spent = 0
    while budget.available():
        budget.spend()
        spent += 1
    assert spent == 2
    for _ in range(30):
        budget.record_attempt()
    extra = 0
    while budget.available():
        budget.spend()
        extra += 1
    assert extra == 3  # 2 + 0.1 * 30 = 5 in all
