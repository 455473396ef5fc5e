"""A block-page episode, driven the way Scrapy users run the crawl: ``scrapy crawl depositor_8k`` from the
repository root with ``-s`` settings (the ``edgar-archive`` CLI keeps SEC's 600-s pause and does not expose it).

The mirror blocks above 5 requests/s for 1 s; the crawl is allowed 10/s and pauses 1.5 s after a block page.
It must be blocked, send nothing during its pauses (requests already in flight aside), finish, and archive
every filing exactly once and byte-equal: no block page is ever data.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, rows
from tests.reliability.archive_checks import assert_archived_exactly_once

REPO_ROOT = Path(__file__).resolve().parents[2]
START, END = date(2004, 4, 1), date(2004, 6, 30)  # one quarter of the small mirror: ~25 filings
COOLDOWN = 1.5
IN_FLIGHT_GRACE = 0.2  # requests sent before the block page arrived may still land just after it


def scrapy_crawl(url: str, output: Path) -> subprocess.CompletedProcess[str]:
    settings = {"EDGAR_BASE_URL": url, "EDGAR_DATA_URL": url, "EDGAR_OUTPUT": str(output), "EDGAR_RATE": "10",
                "SEC_BLOCK_COOLDOWN": str(COOLDOWN), "SEC_MAX_BLOCKS": "100", "EDGAR_AS_OF": "2004-07-01",
                "USER_AGENT": "Reliability Test reliability@example.org", "EDGAR_PROGRESS": "off"}
    command = [sys.executable, "-m", "scrapy", "crawl", "depositor_8k", "-a", f"from={START}", "-a", f"to={END}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return subprocess.run(command, capture_output=True, text=True, env=clean_env(), cwd=REPO_ROOT, timeout=300)


@pytest.mark.slow
def test_block_pages_pause_the_crawl_which_then_finishes_exactly_once(small_mirror: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    with serve_mirror(small_mirror, "--rate-limit", "5", "--block-seconds", "1", log=tmp_path / "log.jsonl") as server:
        result = scrapy_crawl(server.url, output)
        served = server.requests()
    assert result.returncode == 0, result.stderr[-3000:]
    blocked_at = [r["ts"] for r in served if r.get("blocked")]
    assert blocked_at, "the mirror never blocked: the episode did not happen"
    for start in blocked_at:
        during_pause = [r for r in served if start + IN_FLIGHT_GRACE <= r["ts"] < start + COOLDOWN]
        assert not during_pause, (start, during_pause[:3])
    runs = rows(output, "runs", ["status", "exit_code"])
    assert runs == [{"status": "finished", "exit_code": 0}]
    assert_archived_exactly_once(output, small_mirror, START, END)
