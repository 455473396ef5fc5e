from __future__ import annotations

import math
import tempfile
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.errors import ConfigError
from crawler.politeness.limiter import (
    RateLimiter,
    SendLog,
    SlidingWindowLimiter,
    WindowRule,
    acquire,
    acquire_blocking,
    limiter_from_settings,
    reset_shared_limiters,
    shared_limiter,
)
from crawler.politeness.limiter_sqlite import SqliteRateLimiter

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
    grants = granted_times(SlidingWindowLimiter(rate), gap_list)
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
    limiter = SlidingWindowLimiter(rate)
    now = 500.0
    for gap in gap_list:
        now += gap
        wait = limiter.try_acquire(now)
        if wait > 0:
            assert limiter.try_acquire(now + wait) == 0.0
            now += wait


def test_a_backlog_leaves_at_the_rate_not_in_bursts() -> None:
    limiter = SlidingWindowLimiter(10)
    now, grants = 0.0, []
    while len(grants) < 41:  # a caller always waiting: it asks again exactly when told
        wait = limiter.try_acquire(now)
        if wait == 0.0:
            grants.append(now)
        else:
            now += wait
    assert grants[40] - grants[0] >= 4.0  # 40 intervals at <= 10/s
    assert min(b - a for a, b in zip(grants, grants[1:])) > 0.0  # never two sends at the same instant


def test_fractional_and_slow_rates() -> None:
    assert WindowRule(2.5).max_sends == 2  # "at most 2.5 in any second" allows 2
    slow = WindowRule(0.5)
    assert slow.max_sends == 1 and slow.span >= 2.0  # one send per 2 s
    limiter = SlidingWindowLimiter(0.5)
    assert limiter.try_acquire(10.0) == 0.0
    assert limiter.try_acquire(11.9) > 0.0
    assert limiter.try_acquire(12.1) == 0.0


@pytest.mark.parametrize("rate", [0.0, -1.0])
def test_non_positive_rate_is_a_config_error(rate: float) -> None:
    with pytest.raises(ConfigError):
        SlidingWindowLimiter(rate)


@pytest.mark.parametrize("make", ["memory", "sqlite"])
def test_block_is_honoured_and_never_shortened(make: str, tmp_path: Path) -> None:
    limiter: RateLimiter = SlidingWindowLimiter(10) if make == "memory" else SqliteRateLimiter(tmp_path / "b.db", 10)
    limiter.block(100.0)
    limiter.block(50.0)  # an earlier end does not shorten the block
    assert limiter.blocked_until() == 100.0
    assert limiter.try_acquire(40.0) == pytest.approx(60.0)
    assert limiter.try_acquire(99.9) == pytest.approx(0.1)
    assert limiter.try_acquire(100.0) == 0.0


def test_clock_going_back_delays_instead_of_bursting() -> None:
    limiter = SlidingWindowLimiter(2)
    assert limiter.try_acquire(100.0) == 0.0
    assert limiter.try_acquire(100.6) == 0.0
    # the wall clock jumps back an hour: the recorded sends count as "just now"
    assert limiter.try_acquire(100.0 - 3600) > 0.0


def test_limiters_on_one_log_share_the_budget() -> None:
    log = SendLog()
    crawl, helper = SlidingWindowLimiter(4, log=log), SlidingWindowLimiter(4, log=log)
    now, grants = 0.0, []
    for step in range(200):
        now += 0.01
        limiter = crawl if step % 2 else helper
        if limiter.try_acquire(now) == 0.0:
            grants.append(now)
    assert most_in_any_window(grants, 1.0) == 4  # together, not 4 each


def simulate_crawl(limiter: RateLimiter, latencies: list[float], concurrency: int = 8) -> list[tuple[float, float]]:
    """A backlog of requests through ``limiter``; each answered ``latency`` after its grant and marked then.

    Returns (granted, answered) per request, in grant order. Time is simulated: events run in time order.
    """
    now, pending, done = 0.0, [], []
    for latency in latencies:
        while True:
            for granted, answered in sorted(p for p in pending if p[1] <= now):
                limiter.mark_answered(granted, answered)
                pending.remove((granted, answered))
                done.append((granted, answered))
            if len(pending) >= concurrency:
                now = min(answered for _, answered in pending)
                continue
            wait = limiter.try_acquire(now)
            if wait == 0.0:
                pending.append((now, now + latency))
                break
            now = min([now + wait] + [answered for _, answered in pending if answered > now])
    return sorted(done + pending)


def most_possibly_in_a_window(intervals: list[tuple[float, float]], window: float) -> int:
    """The most requests a server could have counted in one window, each seen anywhere in [granted, answered]."""
    starts = [point for interval in intervals for point in interval]
    return max(sum(1 for g, a in intervals if g <= s + window and a >= s) for s in starts)


def test_a_slow_first_answer_holds_back_the_request_that_would_overfill_its_window() -> None:
    # the first request opens the connection: its answer comes 0.2 s after the grant, the others' at once
    grants = simulate_crawl(SlidingWindowLimiter(10), [0.2] + [0.002] * 30)
    assert most_possibly_in_a_window(grants, 1.0) <= 10


def test_without_marking_answers_a_slow_first_request_could_overfill() -> None:
    class NoMarks(SlidingWindowLimiter):
        def mark_answered(self, sent_at: float, answered_at: float) -> None:
            pass

    grants = simulate_crawl(NoMarks(10), [0.2] + [0.002] * 30)
    assert most_possibly_in_a_window(grants, 1.0) > 10  # the case the marks exist for


@given(latencies=st.lists(st.floats(min_value=0.0, max_value=0.3), min_size=12, max_size=60))
@settings(max_examples=50, deadline=None)
def test_answer_marks_keep_the_cap_for_answers_within_a_third_of_a_second(latencies: list[float]) -> None:
    grants = simulate_crawl(SlidingWindowLimiter(10), latencies)
    assert most_possibly_in_a_window(grants, 1.0) <= 10


times = st.lists(st.floats(min_value=99.0, max_value=100.5), max_size=80)


@given(rate=st.sampled_from([0.5, 1.0, 2.5, 10.0, 25.0, 60.0]), answered=times, pending=times,
       now=st.floats(min_value=99.0, max_value=101.5))
@settings(max_examples=300)
def test_wait_on_sorted_lists_equals_wait_on_all_sends(rate: float, answered: list[float], pending: list[float],
                                                        now: float) -> None:
    rule = WindowRule(rate)
    assert rule.wait_sorted(sorted(answered), sorted(pending), now) == rule.wait([*answered, *pending], now)


class ListLimiter(SlidingWindowLimiter):
    """The in-process limiter as first written: one list of send times, every decision a pass over all of it."""

    def __init__(self, rate: float) -> None:
        super().__init__(rate)
        self.times: list[float] = []

    def try_acquire(self, now: float | None = None) -> float:
        assert now is not None
        wait = self.rule.wait(self.times, now)
        if wait == 0.0:
            self.times.append(now)
        return wait

    def mark_answered(self, sent_at: float, answered_at: float) -> None:
        for index in range(len(self.times) - 1, -1, -1):
            if self.times[index] == sent_at:
                self.times[index] = max(sent_at, answered_at)
                return


@given(
    rate=st.sampled_from([0.5, 1.0, 2.5, 3.0, 10.0, 40.0]),
    steps=st.lists(st.tuples(st.floats(min_value=0.0, max_value=0.3), st.floats(min_value=-0.05, max_value=0.6),
                             st.booleans()), min_size=1, max_size=150),
)
@settings(max_examples=150, deadline=None)
def test_sorted_send_log_decides_exactly_as_a_pass_over_every_send(
        rate: float, steps: list[tuple[float, float, bool]]) -> None:
    fast, reference = SlidingWindowLimiter(rate), ListLimiter(rate)
    now, unanswered = 100.0, []
    for gap, latency, answer_oldest in steps:
        now += gap
        wait = fast.try_acquire(now)
        assert wait == reference.try_acquire(now)
        if wait == 0.0:
            unanswered.append((now, now + latency))  # latency < 0: the clock went back before the answer
        if unanswered and answer_oldest:
            sent_at, answered_at = unanswered.pop(0)
            fast.mark_answered(sent_at, answered_at)
            reference.mark_answered(sent_at, answered_at)
        assert fast.log.sends == sorted(reference.times)


class ScriptedLimiter(RateLimiter):
    """Answers try_acquire from a script of waits (then grants)."""

    def __init__(self, waits: list[float]) -> None:
        self.waits = list(waits)

    def try_acquire(self, now: float | None = None) -> float:
        return self.waits.pop(0) if self.waits else 0.0

    def mark_answered(self, sent_at: float, answered_at: float) -> None:
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


def test_shared_limiters_are_one_per_database(tmp_path: Path) -> None:
    reset_shared_limiters()
    try:
        assert shared_limiter(5) is shared_limiter(5)
        in_process_a, in_process_b = shared_limiter(5), shared_limiter(8)
        in_process_a.block(2e9)
        assert in_process_b.blocked_until() == 2e9  # one process, one budget and one block
        db = tmp_path / "shared.sqlite"
        first = shared_limiter(5, db)
        assert isinstance(first, SqliteRateLimiter) and first.path == db
        assert shared_limiter(5, str(db)) is first
        assert first.blocked_until() == 0.0  # the in-process block does not leak into the file
    finally:
        reset_shared_limiters()


def test_limiter_from_settings_reads_rate_and_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapy.settings import Settings

    monkeypatch.delenv("EDGAR_RATE_DB", raising=False)
    reset_shared_limiters()
    try:
        in_process = limiter_from_settings(Settings({"EDGAR_RATE": 7}))
        assert isinstance(in_process, SlidingWindowLimiter) and in_process.rule.rate == 7
        monkeypatch.setenv("EDGAR_RATE_DB", str(tmp_path / "env.sqlite"))
        from_env = limiter_from_settings(Settings({"EDGAR_RATE": 7}))
        assert isinstance(from_env, SqliteRateLimiter) and from_env.path == tmp_path / "env.sqlite"
        with pytest.raises(ConfigError):
            limiter_from_settings(Settings({"EDGAR_RATE": 0}))
    finally:
        reset_shared_limiters()


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
    acquire_blocking(limiter)
"""
REPO_ROOT = Path(__file__).resolve().parents[2]


def _spawn(db: Path, rate: float, window: float, count: int, sync: Path | None = None) -> Any:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    arguments = [str(db), str(rate), str(window), str(count), str(sync or "")]
    return subprocess.Popen([sys.executable, "-c", _CHILD, *arguments], cwd=REPO_ROOT, env=env)


def _recorded_sends(db: Path) -> list[float]:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return sorted(row[0] for row in connection.execute("SELECT ts FROM sends"))


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
    assert child.wait(timeout=60) == 0
    limiter.close()
    everyone = _recorded_sends(db)
    assert len(everyone) == 2 * count
    assert most_in_any_window(everyone, window) <= 10
    owners = "".join("P" if sent in mine else "C" for sent in everyone)
    contested = owners[owners.index("C"):owners.rindex("P") + 1]  # both asking: from the child's first send
    assert contested.count("C") >= count // 2, owners  # the child is not starved by a parent that asks non-stop
    assert "PPPP" not in contested and "CCCC" not in contested, owners  # slots go in turn


def test_a_stopped_limiter_does_not_hold_the_turn(tmp_path: Path) -> None:
    db = tmp_path / "turns.sqlite"
    first, second = SqliteRateLimiter(db, 10, window=1.0), SqliteRateLimiter(db, 10, window=1.0)
    now = 1_000.0
    for step in range(10):  # fill the window
        assert first.try_acquire(now + step * 0.06) == 0.0
    assert first.try_acquire(now + 0.7) > 0  # refused: first now holds a ticket
    slot = now + 1.2  # the window has room again
    assert second.try_acquire(slot) > 0  # but it is the first limiter's turn
    assert first.try_acquire(slot) == 0.0
    assert first.try_acquire(slot + 0.01) > 0  # first asks again (a new ticket, younger than second's)
    assert second.try_acquire(slot + 0.1) == 0.0  # second's turn now
    assert first.try_acquire(slot + 0.11) > 0  # too soon after the last send: first waits, with a ticket
    assert second.try_acquire(slot + 0.3) > 0  # a free slot, but first has waited longer
    later = slot + 0.11 + max(2.0, 3 * first.rule.span) + 0.1  # first stopped asking: its ticket has expired
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
    assert child.wait(timeout=60) == 0
    limiter.close()
    (granted,) = _recorded_sends(db)
    assert granted >= until
