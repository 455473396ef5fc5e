from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crawler.store import fs as store_fs
from crawler.store import reconcile as reconcile_module
from crawler.store.checkpoint import read_log, write_checkpoint
from crawler.store.compact import compact
from crawler.store.fs import resolve
from crawler.store.load import load
from crawler.store.manifest import ManifestEntry, write_manifest
from crawler.store.reconcile import reconcile
from crawler.store.schemas import FILE_SCHEMAS
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.store import rows
from tests.store.counting_fs import counting, manifest_reads

A1, A2 = "0000905148-04-004513", "0000905148-04-004514"


@pytest.fixture
def out(tmp_path: Path):
    fs, root = resolve(str(tmp_path / "out"))
    state = SqliteCrawlState(tmp_path / "state" / "state.sqlite")
    writer = ArchiveWriter(fs, root, "run-1", on_commit=state.apply_commit)
    writer.add("filings", rows.filing(A1))
    writer.close()
    yield fs, root, state
    state.close()


def test_removes_orphans_staging_and_temp_files_and_keeps_foreign_files(out) -> None:
    fs, root, state = out
    partition = Path(root, "filings", "year=2004", "quarter=2")
    orphan = partition / "part-dead-00000-0.parquet"
    pq.write_table(pa.table({"accession": [A2]}), orphan)
    leftover_tmp = Path(root, "documents", "year=2004", "quarter=2", "x.parquet.tmp")
    leftover_tmp.parent.mkdir(parents=True)
    leftover_tmp.write_bytes(b"half")
    foreign = partition / "NOTES.md"
    foreign.write_text("an analyst's note")
    staged = Path(root, "_staging", "dead-00001", "filings", "year=2004", "quarter=2", "part.parquet.tmp")
    staged.parent.mkdir(parents=True)
    staged.write_bytes(b"half")
    manifest_temp = Path(root, "_manifest", ".x.json.1234.tmp")
    manifest_temp.write_text("{")

    report = reconcile(fs, root, state)

    assert (report.orphan_files_removed, report.staging_files_removed, report.temp_files_removed) == (2, 1, 1)
    assert report.manifests_applied == 0 and report.changed
    assert not orphan.exists() and not leftover_tmp.exists() and not manifest_temp.exists()
    assert not Path(root, "_staging").exists()
    assert foreign.exists()
    assert list(load(root, "filings")["accession"]) == [A1]
    assert not reconcile(fs, root, state).changed


def test_young_orphans_can_be_kept_for_other_writers(out) -> None:
    fs, root, state = out
    orphan = Path(root, "filings", "year=2004", "quarter=2", "part-other-00000-0.parquet")
    pq.write_table(pa.table({"accession": [A2]}), orphan)
    report = reconcile(fs, root, state, orphan_min_age=3600)
    assert report.orphans_kept_young == 1 and orphan.exists()
    assert reconcile(fs, root, state, orphan_min_age=0).orphan_files_removed == 1


def test_removes_files_a_crashed_compaction_retired(out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root, state = out
    writer = ArchiveWriter(fs, root, "run-2")
    writer.add("filings", rows.filing(A2))
    writer.close()
    monkeypatch.setattr(store_fs, "delete_file", lambda fs, path: False)  # dies before deleting
    compact(fs, root, ["filings"])
    monkeypatch.undo()
    assert len(list(Path(root, "filings").rglob("*.parquet"))) == 3
    report = reconcile(fs, root, state)
    assert report.retired_files_removed == 2 and report.manifests_applied == 2  # run-2 + the compaction
    assert len(list(Path(root, "filings").rglob("*.parquet"))) == 1
    assert sorted(load(root, "filings")["accession"]) == [A1, A2]


def test_columns_added_later_read_as_null(out) -> None:
    fs, root, state = out
    old_schema = FILE_SCHEMAS["filings"].remove(FILE_SCHEMAS["filings"].get_field_index("underwriter"))
    old_row = rows.filing(A2, filed=date(2004, 5, 1))
    del old_row["underwriter"]
    path = f"{root}/filings/year=2004/quarter=2/part-old-00000-0.parquet"
    pq.write_table(pa.Table.from_pylist([old_row], schema=old_schema), path)
    write_manifest(fs, root, ManifestEntry(manifest_id="00000000T000000000000Z-old-00000", run_id="old",
                                           kind="data", created_at="2000-01-01T00:00:00+00:00",
                                           files={"filings": [path]}, rows={"filings": 1}, keys={"filings": [A2]}))
    frame = load(root, "filings").set_index("accession")
    assert frame["underwriter"].isna().all() and frame.loc[A2, "series"] == "2004-J4"
    assert reconcile(fs, root, state).accessions_applied == 1 and state.is_committed(A2)
    compact(fs, root, ["filings"])
    assert sorted(load(root, "filings")["accession"]) == [A1, A2]


def _run(fs, root: str, run_id: str, accession: str, state: SqliteCrawlState | None) -> str:
    writer = ArchiveWriter(fs, root, run_id, on_commit=state.apply_commit if state else None)
    writer.add("filings", rows.filing(accession))
    return writer.close().manifest_id


def _accession(n: int) -> str:
    return f"0000905148-04-{n:06d}"


def test_reads_only_the_manifests_not_applied_or_not_covered_by_the_checkpoint(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    state = SqliteCrawlState(tmp_path / "state.sqlite")
    ids = [_run(fs, root, f"r{n}", _accession(n), state) for n in range(4)]
    lost = _run(fs, root, "r4", _accession(4), None)  # committed, the state never heard of it
    assert write_checkpoint(fs, read_log(fs, root)).covered == {*ids, lost}
    uncovered_applied = _run(fs, root, "r5", _accession(5), state)
    uncovered_lost = _run(fs, root, "r6", _accession(6), None)
    counted, handler = counting(fs)

    report = reconcile(counted, root, state, orphan_min_age=0)

    assert manifest_reads(handler) == sorted(f"{i}.json" for i in (lost, uncovered_applied, uncovered_lost))
    assert report.manifests_applied == 2 and report.accessions_applied == 2 and report.manifests_read == 3
    assert all(state.is_committed(_accession(n)) for n in range(7))
    assert report.orphan_files_removed == 0 and report.checkpoint_written is None
    state.close()


def test_a_fresh_state_replays_every_manifest_despite_the_checkpoint(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    ids = [_run(fs, root, f"r{n}", _accession(n), None) for n in range(5)]
    write_checkpoint(fs, read_log(fs, root))
    counted, handler = counting(fs)
    with SqliteCrawlState(tmp_path / "fresh.sqlite") as state:
        report = reconcile(counted, root, state, orphan_min_age=0)
        assert manifest_reads(handler) == sorted(f"{i}.json" for i in ids)
        assert report.manifests_applied == 5 and state.committed_count() == 5
        assert state.applied_manifests() == set(ids)


def test_writes_a_checkpoint_when_more_than_the_interval_are_uncovered(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reconcile_module, "CHECKPOINT_INTERVAL", 2)
    fs, root = resolve(str(tmp_path / "out"))
    with SqliteCrawlState(tmp_path / "state.sqlite") as state:
        ids = [_run(fs, root, f"r{n}", _accession(n), state) for n in range(2)]
        assert reconcile(fs, root, state).checkpoint_written is None  # two uncovered: not more than 2
        ids.append(_run(fs, root, "r2", _accession(2), state))
        assert reconcile(fs, root, state).checkpoint_written == max(ids)
        assert sorted(p.name for p in Path(root, "_manifest").glob(".checkpoint-*")) == [f".checkpoint-{max(ids)}.json"]
        counted, handler = counting(fs)
        report = reconcile(counted, root, state)
        assert manifest_reads(handler) == [] and report.manifests_read == 0 and not report.changed


def test_files_retired_by_a_checkpointed_compaction_are_removed_and_young_ones_kept(
        out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root, state = out
    _run(fs, root, "run-2", A2, state)
    partition = Path(root, "filings", "year=2004", "quarter=2")
    before = sorted(partition.glob("*.parquet"))
    saved = [(p, p.read_bytes()) for p in before]
    report = compact(fs, root, ["filings"])
    for commit in report.commits:
        state.apply_commit(commit)
    assert len(list(Path(root, "_manifest").glob(".checkpoint-*.json"))) == 1
    for path, data in saved:  # e.g. a delete that an object store acknowledged but did not do
        path.write_bytes(data)
    counted, handler = counting(fs)

    kept = reconcile(counted, root, state)  # not a local filesystem: the one-hour grace applies
    assert kept.orphans_kept_young == 2 and manifest_reads(handler) == []
    removed = reconcile(fs, root, state)
    assert removed.orphan_files_removed == 2 and removed.manifests_read == 0
    assert [p for p in before if p.exists()] == []
    assert sorted(load(root, "filings")["accession"]) == [A1, A2]
