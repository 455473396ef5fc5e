"""Run one child process and measure it exactly: wall seconds, CPU seconds and peak RSS of that process.

Each command runs under ``bench/launcher.py``, a small process that reports its child's ``os.wait4`` figures. Measured
directly from here, ``ru_maxrss`` would also hold the memory this benchmark process had when it started the child (a
child inherits its parent's peak before ``exec``): 620 MB for every crawl once the bench had read the quarter mirror.
Nothing else the benchmark starts (the mirror server, other crawls) is counted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = Path(__file__).resolve().with_name("launcher.py")


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
    """Start ``command`` under the launcher, wait for it and return its own measurements."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        result = Path(scratch) / "usage.json"
        launch = [sys.executable, "-I", "-S", str(LAUNCHER), str(result), *command]
        subprocess.run(launch, stdout=stdout, stderr=err, env=env, cwd=cwd, check=False)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if not result.exists():
            raise RuntimeError(f"could not run {command[0]}: {stderr[-2000:]}")
        usage = json.loads(result.read_text())
    return ProcessRun(exit_code=usage["exit_code"], seconds=usage["seconds"], cpu_seconds=usage["cpu_seconds"],
                      peak_rss_mb=usage["peak_rss_kb"] / 1024, stderr=stderr)


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
