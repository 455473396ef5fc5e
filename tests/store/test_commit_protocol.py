"""The manifest commit protocol under real crashes: a child process SIGKILLs itself at a chosen step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from crawler.store.fs import resolve
from crawler.store.load import load
from crawler.store.reconcile import reconcile
from crawler.store.state_sqlite import SqliteCrawlState

REPO = Path(__file__).resolve().parents[2]
A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0000905148-04-004515"

# Commits A1, then buffers A2 (2004Q2) and A3 (2004Q3) and dies at STEP during the second flush.
CHILD = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from crawler.store import writer as w
    from crawler.store.fs import resolve
    from crawler.store.state_sqlite import SqliteCrawlState
    from tests.store import rows

    root_uri, step = sys.argv[1], sys.argv[2]
    fs, root = resolve(root_uri)
    state = SqliteCrawlState(os.path.join(root, "_state", "state.sqlite"))

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    writer = w.ArchiveWriter(fs, root, "run-k", on_commit=state.apply_commit)
    writer.add("filings", rows.filing("%s", filed=date(2004, 4, 1)))
    writer.flush()
    writer.add("filings", rows.filing("%s", filed=date(2004, 4, 2)))
    writer.add("filings", rows.filing("%s", filed=date(2004, 8, 2)))
    if step == "staged":
        w._rename_into_place = die
    elif step == "one_file_placed":
        real, moved = w._rename_into_place, []
        def rename_then_die(temp, final):
            if moved:
                die()
            real(temp, final)
            moved.append(final)
        w._rename_into_place = rename_then_die
    elif step == "data_placed":
        w.write_manifest = die
    elif step == "manifest_written":
        writer.on_commit = die
    writer.flush()
    print("not killed")
""" % (A1, A2, A3))


def _crash(root_uri: str, step: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", CHILD, root_uri, step], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr


def _duckdb_count(root: str, pattern: str) -> int:
    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{root}/{pattern}', hive_partitioning=true)").fetchall()[0][0]


@pytest.mark.parametrize("step", ["staged", "one_file_placed", "data_placed"])
def test_crash_before_the_manifest_leaves_nothing_committed(tmp_path: Path, step: str) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    _crash(root, step)
    assert sorted(load(root, "filings")["accession"]) == [A1]  # manifest readers never see uncommitted files
    if step == "staged":
        assert list(Path(root, "_staging").rglob("*.parquet.tmp"))  # the half-done flush is there...
        assert _duckdb_count(root, "filings/**/*.parquet") == 1  # ...but no glob reader sees it
        assert _duckdb_count(root, "**/*.parquet") == 1
    with SqliteCrawlState(Path(root, "_state", "state.sqlite")) as state:
        report = reconcile(fs, root, state)
        assert not state.is_committed(A2) and not state.is_committed(A3)
        assert state.committed_count("8-K") == 1
    expected_orphans = {"staged": 0, "one_file_placed": 1, "data_placed": 2}[step]
    assert report.orphan_files_removed == expected_orphans
    assert report.manifests_applied == 0
    assert not Path(root, "_staging").exists()
    assert _duckdb_count(root, "filings/**/*.parquet") == 1  # after reconcile plain globs agree too


def test_crash_after_the_manifest_is_applied_by_reconcile(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    _crash(root, "manifest_written")
    with SqliteCrawlState(Path(root, "_state", "state.sqlite")) as state:
        assert not state.is_committed(A2)  # the state never heard of the second commit
        report = reconcile(fs, root, state)
        assert report.manifests_applied == 1 and report.accessions_applied == 2
        assert state.is_committed(A2) and state.is_committed(A3)
        again = reconcile(fs, root, state)
        assert again.manifests_applied == 0 and state.committed_count("8-K") == 3
    assert report.orphan_files_removed == 0
    assert sorted(load(root, "filings")["accession"]) == [A1, A2, A3]
    assert _duckdb_count(root, "filings/**/*.parquet") == 3
