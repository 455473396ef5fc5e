"""crawler.store.staged: parts written over a long job, invisible until one manifest entry makes them live."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from crawler.store.fs import resolve
from crawler.store.load import read_table
from crawler.store.manifest import new_manifest_id
from crawler.store.reconcile import reconcile
from crawler.store.staged import (
    StagedParts, apply_deferred, commit_staged, defer_records, live_path, restore_staged, staged_root,
)
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.store import rows

A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0000905148-04-004515"
JOB = "rebuild-20260101T000000Z-0000abcd"


def written(tmp_path: Path) -> tuple:
    fs, root = resolve(str(tmp_path / "out"))
    writer = ArchiveWriter(fs, root, "run-1")
    writer.add("filings", rows.filing(A1, company_name="OLD"))
    writer.add("filings", rows.filing(A2, filed=date(2004, 7, 1), company_name="OLD"))
    commit = writer.close()
    assert commit is not None
    return fs, root, commit


def test_staged_parts_stream_row_groups_into_one_part_per_partition(tmp_path: Path) -> None:
    fs, root, _ = written(tmp_path)
    parts = StagedParts(fs, root, JOB, "00001", batch_rows=2)
    for number in range(5):
        parts.add("documents", rows.document(A1, number + 1))
    parts.add("documents", rows.document(A2, 1, filed=date(2004, 7, 1)))
    files = parts.close()
    assert parts.rows == {"documents": 6}
    assert [p[len(staged_root(root, JOB)) + 1:] for p in files["documents"]] == [
        f"documents/year={year}/quarter={quarter}/part-{JOB}-00001.parquet" for year, quarter in ((2004, 2), (2004, 3))]
    assert pq.read_metadata(files["documents"][0]).num_row_groups == 3
    assert not list(Path(staged_root(root, JOB)).rglob("*.tmp"))
    assert read_table(root, "documents").num_rows == 0  # staged: no reader sees them


def test_commit_staged_replaces_the_retired_rows_in_one_step(tmp_path: Path) -> None:
    fs, root, old = written(tmp_path)
    parts = StagedParts(fs, root, JOB, "00001")
    parts.add("filings", rows.filing(A1, company_name="NEW"))
    parts.add("filings", rows.filing(A3, company_name="NEW"))
    files = parts.close()
    entry = commit_staged(fs, root, manifest_id=new_manifest_id(JOB, 0), job_id=JOB, files=files,
                          rows=parts.rows, keys={"filings": [A1, A3]}, retired=old.files)
    assert entry.files == {"filings": [live_path(root, JOB, p) for p in files["filings"]]}
    got = {r["accession"]: r["company_name"] for r in read_table(root, "filings", latest=False).to_pylist()}
    assert got == {A1: "NEW", A3: "NEW"}


def test_moved_files_go_back_to_staging_when_their_commit_never_came(tmp_path: Path) -> None:
    fs, root, _ = written(tmp_path)
    parts = StagedParts(fs, root, JOB, "00001")
    parts.add("filings", rows.filing(A3))
    (staged,) = parts.close()["filings"]
    Path(live_path(root, JOB, staged)).parent.mkdir(parents=True, exist_ok=True)
    Path(staged).rename(live_path(root, JOB, staged))
    assert restore_staged(fs, root, JOB, [staged]) == 1
    assert Path(staged).exists() and not Path(live_path(root, JOB, staged)).exists()
    assert restore_staged(fs, root, JOB, [staged]) == 0


def test_deferred_records_are_written_once_their_manifest_is_listed_and_dropped_otherwise(tmp_path: Path) -> None:
    fs, root, commit = written(tmp_path)
    with SqliteCrawlState(tmp_path / "state.sqlite") as state:
        defer_records(state, commit.manifest_id, [("se_decisions", "A#99.2", {"seq": 2})])
        defer_records(state, "20990101T000000000000Z-never-00000", [("se_decisions", "B#99.2", {"seq": 1})])
        reconcile(fs, root, state)
        assert state.get_record("se_decisions", "A#99.2") == {"seq": 2}
        assert state.get_record("se_decisions", "B#99.2") is None
        assert list(state.iter_records("deferred_records")) == []
        assert apply_deferred(state, {commit.manifest_id}) == 0
