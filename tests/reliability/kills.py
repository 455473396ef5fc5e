"""Start a real crawl and SIGKILL it at a point counted in requests the mirror has answered (its log)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.crawl.runs import clean_env, crawl_command

POLL_SECONDS = 0.005
DEADLINE_SECONDS = 120


def answered(log: Path) -> int:
    """Requests the mirror has logged so far."""
    return sum(1 for _ in log.open()) if log.exists() else 0


def kill_after(url: str, output: Path, log: Path, extra: list[str], requests: int, delay: float = 0.0,
               flush_rows: int = 5) -> int | None:
    """Run a crawl and SIGKILL it ``delay`` seconds after the mirror logged ``requests`` more requests.

    Returns the crawl's exit code if it ended first, else None. Small ``flush_rows`` makes commits frequent,
    so kills land between them too."""
    before = answered(log)
    process = subprocess.Popen(crawl_command(url, output, "--flush-rows", str(flush_rows), *extra),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env())
    deadline = time.monotonic() + DEADLINE_SECONDS
    reached: float | None = None
    while process.poll() is None and time.monotonic() < deadline:
        if reached is None and answered(log) - before >= requests:
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
