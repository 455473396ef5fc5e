"""kill -9 ``rebuild`` at several points, rerun it: nothing lost, nothing duplicated (issue 14).

Kill points are events seen on disk, not seconds: the plan in the crawl state, the n-th staged part under
``_rebuild/``, the rebuild's manifest entry (its commit point; the kill then lands in the tidying up). A crawl
between a killed rebuild and its resume keeps what it archived.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, mirror_range, run_crawl
from tests.rebuild.archives import (
    DERIVED,
    assert_same,
    copy_archive,
    datasets,
    key_counts,
    rebuild_command,
    run_rebuild,
)
from tests.reliability.kills import DEADLINE_SECONDS, POLL_SECONDS

Event = Callable[[Path], bool]


def planned_accessions(output: Path) -> set[str]:
    """Accessions of the rebuild plan kept in the crawl state."""
    with sqlite3.connect(f"file:{output / '_state' / 'state.sqlite'}?mode=ro", uri=True) as db:
        values = db.execute("SELECT value FROM records WHERE namespace = 'rebuild_shards'").fetchall()
    return {source["accession"] for (value,) in values for source in json.loads(value)["sources"]}


def planned(output: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{output / '_state' / 'state.sqlite'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT 1 FROM records WHERE namespace = 'rebuild'").fetchone() is not None
    except sqlite3.Error:
        return False


def staged_parts(count: int) -> Event:
    def seen(output: Path) -> bool:  # os.walk, unlike glob, shrugs off directories that vanish while it looks
        return sum(name.endswith(".parquet") for _, _, names in os.walk(output / "_rebuild") for name in names) >= count
    return seen


def committed(output: Path) -> bool:
    return any("-rebuild-" in p.name for p in (output / "_manifest").glob("*.json"))


def kill_at(output: Path, mirror: Path, event: Event, *extra: str) -> bool:
    """Run a rebuild and SIGKILL it when ``event`` is seen; False if it finished first."""
    process = subprocess.Popen(rebuild_command(output, mirror, *extra), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=clean_env())
    deadline = time.monotonic() + DEADLINE_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        if event(output):
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(POLL_SECONDS)  # polling for the event, not timing anything
    if process.poll() is None:
        process.kill()
        pytest.fail(f"rebuild neither finished nor reached its kill point in {DEADLINE_SECONDS}s")
    return False


def assert_exact(output: Path, reference: Path, names: tuple[str, ...] = DERIVED) -> None:
    assert_same(datasets(reference, names), datasets(output, names))
    for name in DERIVED:
        counts = key_counts(output, name)
        assert max(counts.values(), default=1) == 1, (name, [k for k, n in counts.items() if n > 1][:5])
    assert not list((output / "_rebuild").rglob("*.parquet"))


@pytest.mark.slow
def test_kill_nine_at_several_points_then_rerun_loses_and_duplicates_nothing(
        crawled_small: Path, small_mirror: Path, tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "output")
    events = (planned, staged_parts(1), staged_parts(6), staged_parts(15), staged_parts(25), committed)
    kills = sum(kill_at(output, small_mirror, event, "--workers", "2", "--shard-size", "15") for event in events)
    assert kills >= 5, f"only {kills} kills landed before a rebuild finished"
    final = run_rebuild(output, small_mirror, "--workers", "2", "--shard-size", "15")
    assert final.returncode == ExitCode.OK, final.stderr[-3000:]
    assert_exact(output, crawled_small)


@pytest.mark.slow
def test_a_crawl_between_a_killed_rebuild_and_its_resume_is_kept(small_mirror: Path, tmp_path: Path) -> None:
    start, end = mirror_range(small_mirror)
    middle = start + (end - start) / 2
    as_of = ["--as-of", (end + timedelta(days=1)).isoformat()]
    output = tmp_path / "output"
    with serve_mirror(small_mirror) as server:
        assert run_crawl(server.url, output, "--from", start.isoformat(), "--to", middle.isoformat(),
                         *as_of).returncode == ExitCode.OK
        assert kill_at(output, small_mirror, staged_parts(3), "--workers", "1", "--shard-size", "10")
        status = subprocess.run([sys.executable, "-m", "crawler", "status", "--output", str(output)],
                                capture_output=True, text=True, env=clean_env(), timeout=60)
        assert re.search(r"rebuild rebuild-\S+ unfinished: \d+ of \d+ shards done", status.stdout), status.stdout
        assert run_crawl(server.url, output, "--from", (middle + timedelta(days=1)).isoformat(),
                         "--to", end.isoformat(), *as_of).returncode == ExitCode.OK
    crawled = copy_archive(output, tmp_path / "as-crawled")  # what both crawls archived, the rebuild's parts aside
    resumed = run_rebuild(output, small_mirror, "--workers", "2", "--shard-size", "10")
    assert resumed.returncode == ExitCode.OK, resumed.stderr[-3000:]
    assert '"resumed": true' in resumed.stderr
    assert_exact(output, crawled, names=(*DERIVED, "se_links"))
    second_half = {a for (a,) in key_counts(crawled, "filings") if a not in planned_accessions(crawled)}
    assert second_half  # the second crawl archived filings the killed rebuild had not planned: kept
