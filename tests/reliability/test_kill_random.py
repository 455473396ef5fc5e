"""kill -9 at random points (seeded, printed), several times per round, then a clean run: exactly once.

A kill point is a number of requests the mirror has answered for this attempt, plus a random extra delay
so that kills also land between requests (parsing, Parquet commits, finalisation). ``SOAK_ROUNDS`` rounds
(CI: 2), each on a fresh output; ``SOAK_SEED`` replays a failing sequence.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import mirror_range, run_crawl
from tests.reliability.archive_checks import assert_archived_exactly_once, soak_random, soak_rounds, window_args
from tests.reliability.kills import answered, kill_after

KILLS_PER_ROUND = 3


@pytest.mark.slow
def test_kill_nine_at_random_points_then_rerun_archives_exactly_once(small_mirror: Path, tmp_path: Path) -> None:
    rng = soak_random("kill -9")
    start, end = mirror_range(small_mirror)
    extra = window_args(start, end)
    log = tmp_path / "requests.jsonl"
    with serve_mirror(small_mirror, log=log) as server:
        first = tmp_path / "probe"
        assert run_crawl(server.url, first, *extra).returncode == ExitCode.OK
        full_run_requests = answered(log)
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
