"""The output cannot be written: a clear error, exit code 6 (storage), the state intact, and a rerun on a
good output completes exactly once.

Running as root, ``chmod`` does not stop writes, so the failures are made otherwise: a file where the crawl
needs a directory (``raw/`` mid-run, ``_state/`` at the start), and a full disk through ``RLIMIT_FSIZE`` set
in the crawl's own process (writes past the limit fail with EFBIG, as on a full volume).
"""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, crawl_command, rows, run_crawl
from tests.reliability.archive_checks import assert_archived_exactly_once, window_args

START, END = date(2004, 4, 1), date(2004, 6, 30)  # one quarter of the small mirror
FILE_SIZE_LIMIT = 128 * 1024  # bytes any one file may reach: the state or an archive file hits it mid-run


def error_lines(stderr: str, output: Path) -> list[str]:
    """The run's own error messages (not Scrapy's item dumps) that name a path under ``output``."""
    own = [line for line in stderr.splitlines()
           if line.startswith("edgar-archive: error:") or "[crawler.archive_run] ERROR" in line]
    return [line for line in own if str(output) in line]


def status(output: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "crawler", "status", "--json", "--output", str(output)],
                          capture_output=True, text=True, env=clean_env(), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


@pytest.mark.slow
@pytest.mark.parametrize("obstacle", ["raw", "_state"])
def test_a_file_where_a_directory_belongs_stops_the_run_with_the_storage_code(
        small_mirror: Path, tmp_path: Path, obstacle: str) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / obstacle).write_text("not a directory\n")
    with serve_mirror(small_mirror) as server:
        failed = run_crawl(server.url, output, *window_args(START, END))
        assert failed.returncode == ExitCode.STORAGE, failed.stderr[-3000:]
        assert error_lines(failed.stderr, output), failed.stderr[-3000:]
        assert not rows(output, "filings")  # nothing reached the datasets
        if obstacle == "raw":
            assert status(output)["watermark"] is None  # the state is readable and did not move on
        (output / obstacle).unlink()
        rerun = run_crawl(server.url, output, *window_args(START, END))
    assert rerun.returncode == ExitCode.OK, rerun.stderr[-3000:]
    assert_archived_exactly_once(output, small_mirror, START, END)


@pytest.mark.slow
def test_a_full_disk_stops_the_run_and_the_rerun_completes(small_mirror: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    with serve_mirror(small_mirror) as server:
        failed = subprocess.run(crawl_command(server.url, output, *window_args(START, END)), capture_output=True,
                                text=True, env=clean_env(), timeout=300, preexec_fn=_limit_file_size)
        assert failed.returncode == ExitCode.STORAGE, failed.stderr[-3000:]
        assert error_lines(failed.stderr, output), failed.stderr[-3000:]
        with sqlite3.connect(output / "_state" / "state.sqlite") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert status(output)["watermark"] is None
        rerun = run_crawl(server.url, output, *window_args(START, END))
    assert rerun.returncode == ExitCode.OK, rerun.stderr[-3000:]
    assert_archived_exactly_once(output, small_mirror, START, END)
