"""One SEC budget in Redis for three processes, each with its own state: a nightly crawl, a backfill crawl (job
class ``backfill``, at most 6 requests/s) and a helper script making company lookups (``SecSession``), all
declaring one contact address, against ``mirror serve --latency 150:50`` at a combined ``--rate 10``.

The server's log shows what SEC would count: never more than 10 arrivals in one second, never more than 6 of the
backfill's; with Redis killed, nothing arrives until it is back, then every run finishes and every filing is
archived exactly once; a block page met by one process pauses all three.

This shared machine delays a request by tens of milliseconds now and then (two cores for several developers):
the runs here use ``EDGAR_RATE_MARGIN=0.1`` so that the one-second windows do not depend on the load. The rule at
the default margin is proven in tests/politeness/test_limiter.py; the figures at it are the bench's.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.server_log import highest_window
from crawler.mirror.launch import MirrorServer, serve_mirror
from tests.crawl.runs import clean_env
from tests.fixtures.redis import RedisServer
from tests.reliability.archive_checks import assert_archived_exactly_once

REPO_ROOT = Path(__file__).resolve().parents[2]
NIGHTLY = (date(2004, 4, 1), date(2004, 9, 30))
BACKFILL = (date(2005, 1, 1), date(2005, 12, 31))
AS_OF = date(2006, 7, 1)
LOOKUPS = 90
TEST_MARGIN = "0.1"
IN_FLIGHT_GRACE = 0.2  # a request granted just before Redis died (or the block page came) may land just after
OUTAGE_LINE = "cannot be reached"


def user_agent(job: str) -> str:
    return f"Shared Budget Tests {job} budget@example.org"


@dataclass
class Job:
    name: str
    process: subprocess.Popen[str]
    log: Path

    def logged(self, text: str) -> bool:
        return text in self.log.read_text(encoding="utf-8", errors="replace")


def environment() -> dict[str, str]:
    return {**clean_env(), "EDGAR_RATE_MARGIN": TEST_MARGIN, "PYTHONPATH": str(REPO_ROOT)}


def start_crawl(name: str, url: str, redis_url: str, scratch: Path, days: tuple[date, date]) -> Job:
    log = scratch / f"{name}.log"
    command = [sys.executable, "-m", "crawler", "crawl", "--output", str(scratch / name), "--base-url", url,
               "--data-url", url, "--rate", "10", "--rate-store", redis_url, "--job-class", name,
               "--user-agent", user_agent(name), "--from", days[0].isoformat(), "--to", days[1].isoformat(),
               "--as-of", AS_OF.isoformat(), "--progress", "off"]
    return Job(name, _spawn(command, log), log)


def start_scrapy_crawl(name: str, url: str, redis_url: str, scratch: Path, days: tuple[date, date],
                       cooldown: float) -> Job:
    """The crawl as ``scrapy crawl`` users run it, for the settings the CLI keeps fixed (SEC's 600-s pause)."""
    settings = {"EDGAR_BASE_URL": url, "EDGAR_DATA_URL": url, "EDGAR_OUTPUT": str(scratch / name), "EDGAR_RATE": "10",
                "EDGAR_RATE_STORE": redis_url, "EDGAR_JOB_CLASS": name, "USER_AGENT": user_agent(name),
                "SEC_BLOCK_COOLDOWN": str(cooldown), "SEC_MAX_BLOCKS": "100", "EDGAR_AS_OF": AS_OF.isoformat(),
                "EDGAR_PROGRESS": "off"}
    command = [sys.executable, "-m", "scrapy", "crawl", "depositor_8k", "-a", f"from={days[0]}", "-a", f"to={days[1]}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    log = scratch / f"{name}.log"
    return Job(name, _spawn(command, log), log)


def start_helper(url: str, redis_url: str, scratch: Path, mirror: Path, cooldown: float = 600.0) -> Job:
    ciks = sorted(path.stem.removeprefix("CIK") for path in (mirror / "submissions").glob("CIK*.json"))[:LOOKUPS]
    command = [sys.executable, "-m", "tests.reliability.lookup_helper", url, redis_url,
               str(scratch / "helper-cache.sqlite"), str(cooldown), *ciks]
    log = scratch / "helper.log"
    return Job("helper", _spawn(command, log), log)


def _spawn(command: list[str], log: Path) -> subprocess.Popen[str]:
    handle = log.open("w", encoding="utf-8")
    return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, text=True, env=environment(),
                            cwd=REPO_ROOT)


def wait_until(condition: Any, what: str, jobs: list[Job], timeout: float = 180.0) -> None:
    """Poll ``condition`` (an event in a log, not a clock) for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            logs = {job.name: job.log.read_text(errors="replace")[-1500:] for job in jobs}
            raise AssertionError(f"timed out waiting for {what}: {logs}")
        time.sleep(0.05)


def finish(jobs: list[Job], timeout: float = 300.0) -> None:
    for job in jobs:
        code = job.process.wait(timeout=timeout)
        assert code == 0, (job.name, job.log.read_text(errors="replace")[-3000:])


def by_job(requests: list[dict[str, Any]], job: str) -> list[dict[str, Any]]:
    return [r for r in requests if r["user_agent"] == user_agent(job)]


@pytest.mark.slow
def test_three_processes_share_one_budget_and_stop_while_redis_is_down(
        small_mirror: Path, tmp_path: Path, redis_server: RedisServer) -> None:
    with serve_mirror(small_mirror, "--latency", "150:50", log=tmp_path / "requests.jsonl") as server:
        jobs = [start_crawl("nightly", server.url, redis_server.url, tmp_path, NIGHTLY),
                start_crawl("backfill", server.url, redis_server.url, tmp_path, BACKFILL),
                start_helper(server.url, redis_server.url, tmp_path, small_mirror)]
        wait_until(lambda: all(by_job(server.requests(), job.name) for job in jobs), "every job's first request",
                   jobs)
        wait_until(lambda: len(server.requests()) >= 60, "60 requests", jobs)
        redis_server.kill()
        killed_at = time.time()
        wait_until(lambda: all(job.logged(OUTAGE_LINE) for job in jobs), "every job to notice the outage", jobs)
        redis_server.start()
        back_at = time.time()
        finish(jobs)
        requests = server.requests()
    during_outage = [r for r in requests if killed_at + IN_FLIGHT_GRACE <= r["ts"] < back_at]
    assert not during_outage, during_outage[:3]
    for job in jobs:
        assert any(r["ts"] >= back_at for r in by_job(requests, job.name)), f"{job.name} did not resume"
        assert job.logged("answers again")
    assert highest_window(requests) <= 10
    assert highest_window(by_job(requests, "backfill")) <= 6
    assert all(r["status"] == 200 for r in requests)  # no block page, no error
    assert len(by_job(requests, "helper")) == LOOKUPS
    assert_archived_exactly_once(tmp_path / "nightly", small_mirror, *NIGHTLY)
    assert_archived_exactly_once(tmp_path / "backfill", small_mirror, *BACKFILL)


@pytest.mark.slow
def test_a_block_page_met_by_one_process_pauses_all_three(
        small_mirror: Path, tmp_path: Path, redis_server: RedisServer) -> None:
    cooldown = 3.0
    with serve_mirror(small_mirror, "--block-seconds", "1", log=tmp_path / "requests.jsonl") as server:
        jobs = [start_scrapy_crawl("nightly", server.url, redis_server.url, tmp_path, NIGHTLY, cooldown),
                start_scrapy_crawl("backfill", server.url, redis_server.url, tmp_path, BACKFILL, cooldown),
                start_helper(server.url, redis_server.url, tmp_path, small_mirror, cooldown)]
        wait_until(lambda: all(by_job(server.requests(), job.name) for job in jobs), "every job's first request",
                   jobs)
        armed = arm_block(server)
        finish(jobs)
        requests = server.requests()
    met = next(r for r in requests if r.get("blocked"))
    during_pause = [r for r in requests if met["ts"] + IN_FLIGHT_GRACE <= r["ts"] < met["ts"] + cooldown]
    assert not during_pause, during_pause[:3]
    for job in jobs:
        own = [r["ts"] for r in by_job(requests, job.name)]
        assert any(at < met["ts"] for at in own) and any(at >= met["ts"] + cooldown for at in own), job.name
    assert armed <= met["ts"]
    assert all(r["status"] == 200 for r in requests if r["ts"] >= met["ts"] + cooldown)  # one block, then none
    assert_archived_exactly_once(tmp_path / "nightly", small_mirror, *NIGHTLY)
    assert_archived_exactly_once(tmp_path / "backfill", small_mirror, *BACKFILL)


def arm_block(server: MirrorServer) -> float:
    """SIGUSR1: the mirror answers with SEC's block page from now on, for its --block-seconds; the time."""
    armed = time.time()
    server.process.send_signal(signal.SIGUSR1)
    return armed
