from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawler.cli import main
from crawler.errors import ExitCode, StorageError
from crawler.store import fs as store_fs
from crawler.store.compact import compact
from crawler.store.fs import resolve
from crawler.store.load import read_table
from crawler.store.lock import RunLock
from crawler.store.writer import ArchiveWriter
from tests.store import rows
from tests.store.counting_fs import checkpoint_reads, counting, manifest_reads
from tests.store.rows import T0, T1

A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0000905148-04-004515"


def _write_with_duplicates(fs, root: str) -> None:
    writer = ArchiveWriter(fs, root, "run-1")
    writer.add("filings", rows.filing(A1, crawled_at=T0, company_name="OLD NAME"))
    writer.add("filings", rows.filing(A2, filed=date(2004, 5, 3)))
    writer.add("documents", rows.document(A1, 1))
    writer.add("se_links", rows.se_link(A1, "99.2", seq=1, status="pending"))
    writer.close()
    writer = ArchiveWriter(fs, root, "run-2")
    writer.add("filings", rows.filing(A1, crawled_at=T1, company_name="NEW NAME"))  # re-crawled, newer
    writer.add("filings", rows.filing(A2, filed=date(2004, 5, 3)))  # exact duplicate
    writer.add("filings", rows.filing(A3, filed=date(2004, 8, 2)))  # another quarter, one file only
    writer.add("documents", rows.document(A1, 1))  # exact duplicate
    writer.add("documents", rows.document(A1, 2, exhibit="99.2"))
    writer.add("se_links", rows.se_link(A1, "99.2", seq=2, status="linked", se_accession="9999999997-04-000101"))
    writer.add("se_links", rows.se_link(A1, "99.2", seq=2, status="linked", se_accession="9999999997-04-000101"))
    writer.close()


def _with_partition(row: dict) -> dict:
    year, quarter = row["filed_date"].year, (row["filed_date"].month - 1) // 3 + 1
    return {**row, "year": year, "quarter": quarter}


def _rows(root: str, name: str) -> list[dict]:
    return sorted(read_table(root, name, latest=False).to_pylist(), key=lambda r: json.dumps(r, default=str))


def _expected(*written: dict) -> list[dict]:
    return sorted((_with_partition(r) for r in written), key=lambda r: json.dumps(r, default=str))


def test_compaction_keeps_the_row_set_and_drops_duplicates(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    _write_with_duplicates(fs, root)
    assert len(_rows(root, "filings")) == 5 and len(_rows(root, "se_links")) == 3
    latest_before = {name: _rows_latest(root, name) for name in ("filings", "documents", "se_links")}

    report = compact(fs, root)

    assert _rows(root, "filings") == _expected(
        rows.filing(A1, crawled_at=T1, company_name="NEW NAME"), rows.filing(A2, filed=date(2004, 5, 3)),
        rows.filing(A3, filed=date(2004, 8, 2)))
    assert _rows(root, "documents") == _expected(rows.document(A1, 1), rows.document(A1, 2, exhibit="99.2"))
    assert _rows(root, "se_links") == _expected(  # every decision stays; only the exact duplicate goes
        rows.se_link(A1, "99.2", seq=1, status="pending"),
        rows.se_link(A1, "99.2", seq=2, status="linked", se_accession="9999999997-04-000101"))
    for name, before in latest_before.items():
        assert _rows_latest(root, name) == before  # what analysts load is unchanged

    filings = report.datasets["filings"]
    assert (filings.rows_before, filings.rows_after) == (5, 3)
    assert (filings.files_before, filings.files_after) == (3, 2)
    assert filings.partitions_rewritten == 1 and filings.files_deleted == 2
    assert report.datasets["runs"].files_before == 0
    assert sorted(p.name for p in Path(root, "filings", "year=2004", "quarter=2").iterdir()) == \
        [f"part-{report.commits[0].manifest_id}.parquet"]
    assert report.duplicates_removed == 2 + 1 + 1


def _rows_latest(root: str, name: str) -> list[dict]:
    return sorted(read_table(root, name).to_pylist(), key=lambda r: json.dumps(r, default=str))


def test_compaction_sorts_by_date_and_key_and_is_idempotent(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    writer = ArchiveWriter(fs, root, "run-s", max_rows=1)
    for accession, day in ((A3, 3), (A1, 9), (A2, 3)):
        writer.add("filings", rows.filing(accession, filed=date(2004, 4, day)))
        writer.flush()
    compact(fs, root, ["filings"])
    [path] = Path(root, "filings", "year=2004", "quarter=2").iterdir()
    assert pq.read_table(path).column("accession").to_pylist() == [A2, A3, A1]
    second = compact(fs, root, ["filings"])
    assert second.commits == [] and second.datasets["filings"].partitions_rewritten == 0


def test_compact_command_prints_the_report_and_needs_the_lock(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDGAR_STATE_DIR", raising=False)
    fs, root = resolve(str(tmp_path / "out"))
    _write_with_duplicates(fs, root)
    with RunLock(Path(root, "_state", "run.lock")):
        assert main(["compact", "--output", root]) == ExitCode.LOCK_HELD
    assert "another run holds" in capsys.readouterr().err
    assert main(["compact", "--output", root, "--dataset", "filings"]) == ExitCode.OK
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if line.startswith("filings")]
    assert line.split() == ["filings", "5", "3", "3", "2"]
    assert "documents" not in out
    assert len(_rows(root, "documents")) == 3  # not asked for: untouched


def _manifest_ids(root: str) -> set[str]:
    return {p.stem for p in Path(root, "_manifest").glob("*.json") if not p.name.startswith(".")}


def test_compaction_writes_a_checkpoint_and_load_returns_the_same_rows(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    _write_with_duplicates(fs, root)
    before = {name: _rows_latest(root, name) for name in ("filings", "documents", "se_links")}

    report = compact(fs, root)

    [checkpoint] = Path(root, "_manifest").glob(".checkpoint-*.json")
    covered = set(json.loads(checkpoint.read_text())["covered"])
    assert covered == _manifest_ids(root) and {c.manifest_id for c in report.commits} <= covered
    counted, handler = counting(fs)
    for name, rows_before in before.items():
        table = read_table(root, name, fs=counted)
        assert sorted(table.to_pylist(), key=lambda r: json.dumps(r, default=str)) == rows_before
    assert manifest_reads(handler) == [] and len(checkpoint_reads(handler)) == 3  # one per read

    writer = ArchiveWriter(fs, root, "run-3")
    writer.add("filings", rows.filing(A1, crawled_at=T1, company_name="NEW NAME"))  # a duplicate again
    late = writer.close().manifest_id
    counted, handler = counting(fs)
    again = compact(counted, root, ["filings"])
    assert manifest_reads(handler) == [f"{late}.json"]
    assert (again.datasets["filings"].rows_before, again.datasets["filings"].rows_after) == (4, 3)
    assert _rows_latest(root, "filings") == before["filings"]
    assert [p.name for p in sorted(Path(root, "_manifest").glob(".checkpoint-*.json"))][-1] == \
        f".checkpoint-{again.commits[0].manifest_id}.json"


def test_a_checkpoint_that_cannot_be_written_does_not_fail_the_compaction(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    _write_with_duplicates(fs, root)
    real_write = store_fs.write_atomic

    def no_checkpoints(fs, path: str, data: bytes) -> None:
        if "/.checkpoint-" in path:
            raise StorageError(f"writing {path} failed: disk full")
        real_write(fs, path, data)

    monkeypatch.setattr(store_fs, "write_atomic", no_checkpoints)
    with caplog.at_level(logging.WARNING, logger="crawler.store.checkpoint"):
        report = compact(fs, root, ["filings"])
    assert report.datasets["filings"].rows_after == 3 and "could not write a checkpoint" in caplog.text
    assert not list(Path(root, "_manifest").glob(".checkpoint-*")) and len(_rows(root, "filings")) == 3


def test_compaction_merges_cm_and_document_text_keeping_repeated_fact_labels(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    for run, crawled_at in (("run-1", T0), ("run-2", T1)):
        writer = ArchiveWriter(fs, root, run)
        writer.add("cm_tables", rows.cm_table(A1, 1, crawled_at=crawled_at))
        for row_no, scenario_no in ((1, 1), (1, 2)):
            writer.add("cm_values", rows.cm_value(A1, 1, row_no, scenario_no, value=5.0 + scenario_no,
                                                  crawled_at=crawled_at))
        writer.add("document_text", rows.document_text(A1, 2, crawled_at=crawled_at))
        writer.add("document_text", rows.document_text(A1, 3, text=None, crawled_at=crawled_at))
        writer.close()
    report = compact(fs, root, ["cm_tables", "cm_values", "document_text"])
    counts = {name: (d.rows_before, d.rows_after, d.files_after) for name, d in report.datasets.items()}
    assert counts == {"cm_tables": (2, 1, 1), "cm_values": (4, 2, 1), "document_text": (4, 2, 1)}
    [table] = read_table(root, "cm_tables", latest=False).to_pylist()
    assert table["facts"] == [("Coupon", "5.500"), ("Note", "a"), ("Note", "b")] and table["crawled_at"] == T1
    texts = {r["sequence"]: r["text"] for r in read_table(root, "document_text", latest=False).to_pylist()}
    assert texts == {2: "Price/Yield", 3: None}
