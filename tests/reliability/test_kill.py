"""kill -9 a real crawl at many points, rerun, and check the archive is exact (issue: exactly once).

Kill points are counted in requests the mirror has answered (read from its log), not in seconds, so the
test is deterministic in what it exercises whatever the machine's speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, crawl_command, mirror_range, range_args, rows, run_crawl, truth

KILL_AFTER_REQUESTS = (1, 2, 4, 6, 9, 12, 16, 20, 25, 30, 35, 40, 50, 60)
POLL_SECONDS = 0.01
KILL_DEADLINE_SECONDS = 120


def crawl_until(url: str, output: Path, server_log: Path, requests: int) -> int | None:
    """Start a crawl; SIGKILL it once the server has logged `requests` more requests. Returns its exit code
    if it finished before that point, else None."""
    before = _log_lines(server_log)
    process = subprocess.Popen(crawl_command(url, output, "--flush-rows", "7", *range_args_for_kill),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env())
    deadline = time.monotonic() + KILL_DEADLINE_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        if _log_lines(server_log) - before >= requests:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return None
        time.sleep(POLL_SECONDS)  # polling the log, not timing anything
    if process.poll() is None:
        process.kill()
        pytest.fail(f"crawl neither finished nor reached {requests} requests in {KILL_DEADLINE_SECONDS}s")
    return process.returncode


def _log_lines(path: Path) -> int:
    return sum(1 for _ in path.open()) if path.exists() else 0


range_args_for_kill: list[str] = []


@pytest.mark.slow
def test_kill_nine_at_many_points_then_rerun_archives_everything_exactly_once(
        small_mirror: Path, tmp_path: Path) -> None:
    range_args_for_kill[:] = range_args(small_mirror)
    output, log = tmp_path / "output", tmp_path / "requests.jsonl"
    killed = 0
    with serve_mirror(small_mirror, log=log) as server:
        for point in KILL_AFTER_REQUESTS:
            if crawl_until(server.url, output, log, point) is None:
                killed += 1
        final = run_crawl(server.url, output, *range_args(small_mirror))
    assert killed >= 10, f"only {killed} kills happened before a crawl finished"
    assert final.returncode == ExitCode.OK, final.stderr[-3000:]

    start, end = mirror_range(small_mirror)
    expected = {t["accession"] for t in truth(small_mirror, "filings")
                if t["is_abs"] and start <= date.fromisoformat(t["filed_date"]) <= end}
    filings = Counter(r["accession"] for r in rows(output, "filings", ["accession"]))
    assert set(filings) == expected
    assert max(filings.values()) == 1
    documents = Counter((r["accession"], r["sequence"]) for r in rows(output, "documents", ["accession", "sequence"]))
    assert max(documents.values()) == 1
    documented = {a for a, _ in documents}
    assert set(filings) <= documented  # every 8-K has its documents (paper SEs may have none)
    assert documented <= set(filings) | {r["accession"] for r in rows(output, "se_filings")}
    se_filings = Counter(r["accession"] for r in rows(output, "se_filings", ["accession"]))
    assert max(se_filings.values(), default=1) == 1
    staging = output / "_staging"
    assert not staging.exists() or not any(p.is_file() for p in staging.rglob("*"))
