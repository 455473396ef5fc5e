"""kill -9 at random points (seeded, printed), several times per round, then a clean run: exactly once.

A kill point is a number of requests the mirror has answered for this attempt, plus a random extra delay
so that kills also land between requests (parsing, Parquet commits, finalisation). ``SOAK_ROUNDS`` rounds
(CI: 2), each on a fresh output; ``SOAK_SEED`` replays a failing sequence.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, crawl_command, mirror_range, run_crawl
from tests.reliability.archive_checks import assert_archived_exactly_once, range_args, soak_random, soak_rounds

KILLS_PER_ROUND = 3
POLL_SECONDS = 0.005
DEADLINE_SECONDS = 120


def _answered(log: Path) -> int:
    return sum(1 for _ in log.open()) if log.exists() else 0


def kill_after(url: str, output: Path, log: Path, extra: list[str], requests: int, delay: float) -> int | None:
    """Run a crawl and SIGKILL it ``delay`` seconds after the server logged ``requests`` more requests.
    Returns the exit code if the crawl ended first, else None."""
    before = _answered(log)
    process = subprocess.Popen(crawl_command(url, output, "--flush-rows", "5", *extra),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env())
    deadline = time.monotonic() + DEADLINE_SECONDS
    reached: float | None = None
    while process.poll() is None and time.monotonic() < deadline:
        if reached is None and _answered(log) - before >= requests:
            reached = time.monotonic()
        if reached is not None and time.monotonic() - reached >= delay:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return None
        time.sleep(POLL_SECONDS)  # polling the log, not timing anything
    if process.poll() is None:
        process.kill()
        pytest.fail(f"crawl neither finished nor reached {requests} requests in {DEADLINE_SECONDS}s")
    return process.returncode


@pytest.mark.slow
def test_kill_nine_at_random_points_then_rerun_archives_exactly_once(small_mirror: Path, tmp_path: Path) -> None:
    rng = soak_random("kill -9")
    start, end = mirror_range(small_mirror)
    extra = range_args(start, end)
    log = tmp_path / "requests.jsonl"
    with serve_mirror(small_mirror, log=log) as server:
        first = tmp_path / "probe"
        assert run_crawl(server.url, first, *extra).returncode == ExitCode.OK
        full_run_requests = _answered(log)
        for round_number in range(soak_rounds(2)):
            output = tmp_path / f"round-{round_number}"
            plan = _kill_plan(rng, full_run_requests)
            outcomes = [kill_after(server.url, output, log, extra, point, delay) for point, delay in plan]
            final = run_crawl(server.url, output, *extra)
            context = f"round {round_number}, kills (requests, delay s) {plan}, outcomes {outcomes}"
            assert final.returncode == ExitCode.OK, (context, final.stderr[-3000:])
            assert_archived_exactly_once(output, small_mirror, start, end, context)


def _kill_plan(rng: random.Random, full_run_requests: int) -> list[tuple[int, float]]:
    """Kill points spread over the whole run: early, anywhere, and near the end (commit and finalise)."""
    points = sorted(rng.randint(1, full_run_requests) for _ in range(KILLS_PER_ROUND - 1))
    points.append(rng.randint(max(1, full_run_requests - 10), full_run_requests))
    return [(point, round(rng.uniform(0.0, 0.3), 3)) for point in points]
