"""Run one child process and measure it exactly: wall seconds, CPU seconds and peak RSS of that process.

``os.wait4`` returns the child's own resource usage (``ru_maxrss`` is its peak resident set in KiB on
Linux), so nothing else the benchmark starts (the mirror server, other crawls) is counted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class ProcessRun:
    """What one child process did: exit code, wall time, CPU time (user + system), peak RSS, its stderr."""

    exit_code: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    stderr: str


def run_measured(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
                 stdout: Any = subprocess.DEVNULL) -> ProcessRun:
    """Start ``command``, wait for it with ``os.wait4`` and return its own measurements."""
    with tempfile.TemporaryFile() as err:
        began = time.monotonic()
        process = subprocess.Popen(command, stdout=stdout, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - began
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return ProcessRun(exit_code=process.returncode, seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
                      peak_rss_mb=usage.ru_maxrss / 1024, stderr=stderr)


def clean_env() -> dict[str, str]:
    """The environment without ``EDGAR_*`` overrides, so every run uses the options given."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EDGAR_")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


@dataclass(frozen=True, slots=True)
class CrawlRun:
    """One ``edgar-archive crawl`` process: its measurements and the items it archived."""

    process: ProcessRun
    items: int
    summary: dict[str, Any]


def run_crawl(url: str, output: Path, start: date, end: date, *, rate: float, as_of: date) -> CrawlRun:
    """``python -m crawler crawl`` over ``start..end`` against the mirror at ``url``; exit codes 0/3 accepted."""
    command = [sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--base-url", url,
               "--data-url", url, "--rate", f"{rate:g}", "--from", start.isoformat(), "--to", end.isoformat(),
               "--as-of", as_of.isoformat(), "--progress", "off"]
    process = run_measured(command, env=clean_env(), cwd=REPO_ROOT)
    summaries = [line for line in process.stderr.splitlines() if line.startswith('{"')]
    summary = json.loads(summaries[-1]) if summaries else {}
    if process.exit_code not in (0, 3):
        raise RuntimeError(f"crawl failed ({process.exit_code}): {process.stderr[-3000:]}")
    return CrawlRun(process=process, items=int(summary.get("item_scraped_count") or 0), summary=summary)
