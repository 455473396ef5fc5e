from __future__ import annotations

import math
import random
import tempfile
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.errors import ConfigError
from crawler.politeness.lateness import LatenessJudge
from crawler.politeness.limiter import (
    Budget,
    InProcessLimiter,
    Pace,
    RateLimiter,
    SpacingRule,
    acquire,
    acquire_blocking,
)
from crawler.politeness.limiter_sqlite import SqliteRateLimiter
from tests.politeness.simulation import Trip, peak_in_window, simulate

gaps = st.lists(st.floats(min_value=0.0, max_value=0.4, allow_nan=False), min_size=1, max_size=120)
rates = st.one_of(st.integers(min_value=1, max_value=12).map(float), st.floats(min_value=1.0, max_value=12.0))


def granted_times(limiter: RateLimiter, gap_list: list[float], start: float = 1000.0) -> list[float]:
    """Ask the limiter at start + cumulative gaps; the times it granted."""
    now, grants = start, []
    for gap in gap_list:
        now += gap
        if limiter.try_acquire(now) == 0.0:
            grants.append(now)
    return grants


def most_in_any_window(times: list[float], window: float) -> int:
    """Independent count: the most grants in any closed window [t, t + window] starting at a grant."""
    return max((sum(1 for other in times if t <= other <= t + window) for t in times), default=0)


@given(rate=rates, gap_list=gaps)
def test_no_window_holds_more_than_rate_grants(rate: float, gap_list: list[float]) -> None:
    grants = granted_times(InProcessLimiter(rate), gap_list)
    assert most_in_any_window(grants, 1.0) <= math.floor(rate)


@given(rate=rates, gap_list=gaps)
@settings(max_examples=40, deadline=None)
def test_sqlite_limiter_keeps_the_same_cap(rate: float, gap_list: list[float]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        limiter = SqliteRateLimiter(Path(scratch) / "rl.sqlite", rate)
        try:
            grants = granted_times(limiter, gap_list)
        finally:
            limiter.close()
    assert most_in_any_window(grants, 1.0) <= math.floor(rate)


@given(rate=rates, gap_list=gaps)
def test_waiting_the_answer_is_enough(rate: float, gap_list: list[float]) -> None:
    limiter = InProcessLimiter(rate)
    now = 500.0
    for gap in gap_list:
        now += gap
        wait = limiter.try_acquire(now)
        if wait > 0:
            assert limiter.try_acquire(now + wait) == 0.0
            now += wait


def backlog(limiter: RateLimiter, count: int, lateness: list[float] | None = None, now: float = 0.0) -> list[float]:
    """A caller always waiting: it asks again when told, or ``lateness[i]`` after that (a busy event loop);
    the grant times."""
    grants: list[float] = []
    while len(grants) < count:
        wait = limiter.try_acquire(now)
        if wait == 0.0:
            grants.append(now)
        else:
            now += wait + (lateness[len(grants)] if lateness else 0.0)
    return grants


def test_a_backlog_leaves_evenly_spaced_at_the_ceiling() -> None:
    grants = backlog(InProcessLimiter(10), 41)
    intervals = [b - a for a, b in zip(grants, grants[1:])]
    assert min(intervals) == pytest.approx(max(intervals)) == pytest.approx(0.1025)  # (1 s + 25 ms) / 10
    assert grants[40] - grants[0] == pytest.approx(4.1)


def test_waiters_woken_a_little_late_cost_no_rate() -> None:
    draw = random.Random(7)
    limiter = InProcessLimiter(10)
    grants = backlog(limiter, 401, [draw.uniform(0, limiter.rule.catch_up) for _ in range(401)])
    assert (grants[-1] - grants[0]) / 400 == pytest.approx(limiter.rule.interval, abs=1e-4)
    assert peak_in_window(grants) <= 10


def test_the_tolerance_absorbs_a_send_late_by_less_than_itself() -> None:
    draw = random.Random(8)
    limiter = InProcessLimiter(10)
    assert limiter.rule.tolerance == pytest.approx(0.02)  # 25 ms of margin, 5 of them for late waiters
    grants = backlog(limiter, 40, [draw.uniform(0, limiter.rule.catch_up) for _ in range(40)])
    for late in range(30):
        arrivals = [at + (0.0199 if index == late else 0.0) for index, at in enumerate(grants)]
        assert peak_in_window(arrivals) <= 10
    spaced = backlog(InProcessLimiter(10), 30)
    arrivals = [at + (0.03 if index == 5 else 0.0) for index, at in enumerate(spaced)]
    assert peak_in_window(arrivals) == 11  # later than the margin: the case charge_late exists for


def test_fractional_and_slow_rates() -> None:
    assert SpacingRule(2.5).max_sends == 2  # "at most 2.5 in any second" allows 2
    slow = SpacingRule(0.5)
    assert slow.max_sends == 1 and slow.interval >= 2.0  # one send per 2 s
    limiter = InProcessLimiter(0.5)
    assert limiter.try_acquire(10.0) == 0.0
    assert limiter.try_acquire(11.9) > 0.0
    assert limiter.try_acquire(12.1) == 0.0


@pytest.mark.parametrize("rate", [0.0, -1.0])
def test_non_positive_rate_is_a_config_error(rate: float) -> None:
    with pytest.raises(ConfigError):
        InProcessLimiter(rate)


@pytest.mark.parametrize("make", ["memory", "sqlite"])
def test_block_is_honoured_and_never_shortened(make: str, tmp_path: Path) -> None:
    limiter: RateLimiter = InProcessLimiter(10) if make == "memory" else SqliteRateLimiter(tmp_path / "b.db", 10)
    limiter.block(100.0)
    limiter.block(50.0)  # an earlier end does not shorten the block
    assert limiter.blocked_until() == 100.0
    assert limiter.try_acquire(40.0) == pytest.approx(60.0)
    assert limiter.try_acquire(99.9) == pytest.approx(0.1)
    assert limiter.try_acquire(100.0) == 0.0


def test_clock_going_back_delays_instead_of_bursting() -> None:
    limiter = InProcessLimiter(2)
    assert limiter.try_acquire(10_000.0) == 0.0
    assert limiter.try_acquire(10_000.6) == 0.0
    # the wall clock jumps back an hour: the next send waits one whole span, not an hour, and no burst follows
    wait = limiter.try_acquire(10_000.0 - 3600)
    assert wait == pytest.approx(limiter.rule.span)
    assert limiter.try_acquire(10_000.0 - 3600 + wait - 0.01) > 0.0


def test_limiters_on_one_budget_share_it() -> None:
    budget = Budget()
    crawl, helper = InProcessLimiter(4, budget=budget), InProcessLimiter(4, budget=budget)
    now, grants = 0.0, []
    for step in range(200):
        now += 0.01
        limiter = crawl if step % 2 else helper
        if limiter.try_acquire(now) == 0.0:
            grants.append(now)
    assert most_in_any_window(grants, 1.0) == 4  # together, not 4 each


def test_a_capped_job_class_never_exceeds_its_rate_and_leaves_the_rest() -> None:
    budget = Budget()
    backfill = InProcessLimiter(10, job_class="backfill", class_rate=6, budget=budget)
    nightly = InProcessLimiter(10, budget=budget)
    now, owners = 0.0, []
    while now < 20.0:  # both always waiting; each asks every millisecond
        now += 0.001
        for name, limiter in (("backfill", backfill), ("nightly", nightly)):
            if limiter.try_acquire(now) == 0.0:
                owners.append((now, name))
    backfill_times = [at for at, name in owners if name == "backfill"]
    assert peak_in_window(backfill_times) <= 6
    assert peak_in_window([at for at, _ in owners]) <= 10
    # its slots wait for a free global one now and then (< 1 interval each): about 4.9/s of the 5.85 allowed
    assert 4.5 < len(backfill_times) / 20.0 <= SpacingRule(6).ceiling
    assert len(owners) / 20.0 == pytest.approx(SpacingRule(10).ceiling, rel=0.02)  # the nightly has the rest


def test_a_capped_class_alone_is_held_to_its_rate() -> None:
    grants = backlog(InProcessLimiter(10, job_class="backfill", class_rate=6), 61)
    assert peak_in_window(grants) == 6
    assert (len(grants) - 1) / (grants[-1] - grants[0]) == pytest.approx(6 / 1.025)


def jittered(count: int, *, base: float, jitter: float, seed: int = 1) -> list[Trip]:
    """Answers held ``base`` ± ``jitter`` by the server (``mirror serve --latency``), arrivals on time."""
    draw = random.Random(seed)
    return [Trip(outbound=0.0, back=base + draw.uniform(-jitter, jitter)) for _ in range(count)]


def test_latency_costs_no_rate() -> None:
    # mirror serve --latency 150:50 at --rate 10: requests overlap, the schedule holds its ceiling
    limiter = InProcessLimiter(10)
    sent = simulate(limiter, jittered(600, base=0.15, jitter=0.05), judge=LatenessJudge(limiter.rule.tolerance))
    arrivals = [one.arrived for one in sent]
    assert peak_in_window(arrivals) <= 10
    steady = arrivals[50:]
    assert (len(steady) - 1) / (steady[-1] - steady[0]) == pytest.approx(limiter.rule.ceiling, rel=0.005)
    assert sum(one.charged for one in sent) <= 3  # the first answer, and the odd one of the first few


def test_a_slow_first_connection_is_charged_and_never_overfills_a_window() -> None:
    # the first request opens the connection: it reaches the server 0.2 s late, next to the requests after it
    trips = [Trip(0.2, 0.01)] + [Trip(0.0, 0.01)] * 40
    limiter = InProcessLimiter(10)
    sent = simulate(limiter, trips, judge=LatenessJudge(limiter.rule.tolerance))
    assert sent[0].charged
    assert peak_in_window([one.arrived for one in sent]) <= 10


def test_without_charges_a_slow_first_connection_would_overfill() -> None:
    trips = [Trip(0.2, 0.01)] + [Trip(0.0, 0.01)] * 40
    sent = simulate(InProcessLimiter(10), trips, judge=None)
    assert peak_in_window([one.arrived for one in sent]) == 11  # the case the charges exist for


@st.composite
def crawls_with_late_sends(draw: st.DrawFn) -> list[Trip]:
    """Ordinary sends (on time within 20 ms, answers spread over ``spread``: their round trips vary by up to
    ``spread + 0.02``), and now and then one late send: later than what the judge takes for usual (up to three
    times that variation) plus the margin, never two within three sends, answered within 0.8 s."""
    base = draw(st.floats(min_value=0.005, max_value=0.15))
    spread = draw(st.floats(min_value=0.0, max_value=0.1))
    count = draw(st.integers(min_value=15, max_value=70))
    late_at = draw(st.sets(st.integers(min_value=3, max_value=count - 1), max_size=count // 8))
    trips, previous = [], -10
    for index in range(count):
        back = base + draw(st.floats(min_value=0.0, max_value=spread))
        if index in late_at and index - previous >= 3:
            previous = index
            trips.append(Trip(draw(st.floats(min_value=3 * (spread + 0.02) + 0.03, max_value=0.45)), back))
        else:
            trips.append(Trip(draw(st.floats(min_value=0.0, max_value=0.02)), back))
    return trips


@given(trips=crawls_with_late_sends(), concurrency=st.integers(min_value=2, max_value=8))
@settings(max_examples=150, deadline=None)
def test_late_sends_are_charged_and_no_second_holds_more_than_the_cap(trips: list[Trip], concurrency: int) -> None:
    limiter = InProcessLimiter(10)
    sent = simulate(limiter, trips, judge=LatenessJudge(limiter.rule.tolerance), concurrency=concurrency)
    assert peak_in_window([one.arrived for one in sent]) <= 10


operations = st.lists(
    st.tuples(st.sampled_from(["acquire", "charge", "block"]), st.floats(min_value=0.0, max_value=0.3)),
    min_size=1, max_size=80,
)


@given(ops=operations, class_rate=st.sampled_from([None, 3.0, 6.0]))
@settings(max_examples=60, deadline=None)
def test_sqlite_decides_exactly_as_the_in_process_budget(ops: list[tuple[str, float]],
                                                         class_rate: float | None) -> None:
    memory = InProcessLimiter(10, job_class="backfill", class_rate=class_rate)
    with tempfile.TemporaryDirectory() as scratch:
        sqlite = SqliteRateLimiter(Path(scratch) / "same.sqlite", 10, job_class="backfill", class_rate=class_rate)
        try:
            assert_same_decisions(sqlite, memory, ops, tolerance=1e-9)
        finally:
            sqlite.close()


def assert_same_decisions(limiter: RateLimiter, reference: RateLimiter, ops: list[tuple[str, float]], *,
                          tolerance: float, blocks: bool = True) -> None:
    """Replay ``ops`` (in simulated time) on both: every wait the same; charges and blocks applied to both."""
    now = 5000.0
    for op, gap in ops:
        now += gap
        if op == "acquire":
            assert limiter.try_acquire(now) == pytest.approx(reference.try_acquire(now), abs=tolerance)
        elif op == "charge":
            limiter.charge_late(now)
            reference.charge_late(now)
        elif blocks:
            limiter.block(now + gap)
            reference.block(now + gap)


def test_pace_takes_both_schedules() -> None:
    pace, budget = Pace.of(10, job_class="backfill", class_rate=5), Budget()
    pace.take(budget, 100.0)  # an idle budget: the slot counts as up to catch_up (5 ms) ago
    assert budget.tat == pytest.approx(100.0975)
    assert budget.class_tats == {"backfill": pytest.approx(100.2)}
    assert pace.wait(budget, 100.15) == pytest.approx(0.05)  # the class's schedule decides
    pace.take(budget, 100.21)  # 10 ms after the class's slot: the schedules restart from 5 ms ago
    assert budget.class_tats == {"backfill": pytest.approx(100.205 + 0.205)}
    pace.take(budget, 100.412)  # 2 ms late: counted at its slot
    assert budget.class_tats == {"backfill": pytest.approx(100.41 + 0.205)}


class ScriptedLimiter(RateLimiter):
    """Answers try_acquire from a script of waits (then grants)."""

    def __init__(self, waits: list[float]) -> None:
        self.pace = Pace.of(10)
        self.waits = list(waits)

    def try_acquire(self, now: float | None = None) -> float:
        return self.waits.pop(0) if self.waits else 0.0

    def charge_late(self, now: float | None = None) -> None:
        raise AssertionError("not used")

    def block(self, until: float) -> None:
        raise AssertionError("not used")

    def blocked_until(self) -> float:
        return 0.0


def test_acquire_blocking_sleeps_each_wait() -> None:
    slept: list[float] = []
    grant = acquire_blocking(ScriptedLimiter([0.3, 0.2]), sleep=slept.append)
    assert slept == [0.3, 0.2]
    assert grant.waited == pytest.approx(0.5)


def run_to_end(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Drive a coroutine that never really suspends (its sleep is a no-op coroutine)."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the coroutine suspended")


def test_async_acquire_awaits_each_wait() -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    grant = run_to_end(acquire(ScriptedLimiter([0.25, 0.5]), sleep=fake_sleep))
    assert slept == [0.25, 0.5]
    assert grant.waited == pytest.approx(0.75)


_CHILD = """
import sys, time
from crawler.politeness.limiter import acquire_blocking
from crawler.politeness.limiter_sqlite import SqliteRateLimiter
from pathlib import Path
db, rate, window, count, sync = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
limiter = SqliteRateLimiter(db, rate, window=window)
if sync:  # start together with the parent: say ready, wait for its go (events, not a clock)
    Path(sync, "ready").touch()
    while not Path(sync, "go").exists():
        time.sleep(0.005)
for _ in range(count):
    print(acquire_blocking(limiter).sent_at, flush=True)
"""
REPO_ROOT = Path(__file__).resolve().parents[2]


def _spawn(db: Path, rate: float, window: float, count: int, sync: Path | None = None) -> Any:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    arguments = [str(db), str(rate), str(window), str(count), str(sync or "")]
    return subprocess.Popen([sys.executable, "-c", _CHILD, *arguments], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)


def test_two_processes_share_one_sqlite_budget_in_turn(tmp_path: Path) -> None:
    import time

    db, rate, window, count = tmp_path / "shared.sqlite", 20.0, 0.5, 20  # at most 10 sends per 0.5 s together
    child = _spawn(db, rate, window, count, sync=tmp_path)
    limiter = SqliteRateLimiter(db, rate, window=window)
    deadline = time.monotonic() + 60
    while not (tmp_path / "ready").exists():  # bounded wait for the child's limiter to exist
        assert child.poll() is None and time.monotonic() < deadline, "the child process did not get ready"
        time.sleep(0.005)
    (tmp_path / "go").touch()
    mine = {acquire_blocking(limiter).sent_at for _ in range(count)}
    output, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    limiter.close()
    theirs = {float(line) for line in output.split()}
    everyone = sorted(mine | theirs)
    assert len(everyone) == 2 * count
    assert most_in_any_window(everyone, window) <= 10
    owners = "".join("P" if sent in mine else "C" for sent in everyone)
    contested = owners[owners.index("C"):owners.rindex("P") + 1]  # both asking: from the child's first send
    assert contested.count("C") >= count // 2, owners  # the child is not starved by a parent that asks non-stop
    assert "PPPP" not in contested and "CCCC" not in contested, owners  # slots go in turn


def test_a_stopped_limiter_does_not_hold_the_turn(tmp_path: Path) -> None:
    db = tmp_path / "turns.sqlite"
    first, second = SqliteRateLimiter(db, 10), SqliteRateLimiter(db, 10)
    interval = first.rule.interval
    now = 1_000.0
    assert first.try_acquire(now) == 0.0
    assert first.try_acquire(now + 0.01) > 0  # refused: first now holds a ticket
    slot = now + interval  # the next slot is free
    assert second.try_acquire(slot) > 0  # but it is the first limiter's turn
    assert first.try_acquire(slot) == 0.0
    assert first.try_acquire(slot + 0.01) > 0  # first asks again (a new ticket, younger than second's)
    assert second.try_acquire(slot + interval) == 0.0  # second's turn now
    assert first.try_acquire(slot + interval + 0.01) > 0  # too soon: first waits, with a ticket
    assert second.try_acquire(slot + 2 * interval) > 0  # a free slot, but first has waited longer
    later = slot + interval + 0.01 + max(2.0, 3 * first.rule.span) + 0.1  # first stopped asking: ticket expired
    assert second.try_acquire(later) == 0.0
    first.close()
    second.close()


def test_a_block_set_by_one_process_holds_another(tmp_path: Path) -> None:
    import time

    db = tmp_path / "block.sqlite"
    limiter = SqliteRateLimiter(db, 10)
    until = time.time() + 1.0
    limiter.block(until)
    child = _spawn(db, 10, 1.0, 1)
    output, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    limiter.close()
    assert float(output) >= until
