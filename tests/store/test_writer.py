from __future__ import annotations

import errno
import json
import os
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crawler.errors import StorageError
from crawler.store import writer as writer_module
from crawler.store.fs import resolve
from crawler.store.writer import ArchiveWriter, Commit
from tests.store import rows

A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0001056404-04-000001"


@pytest.fixture
def out(tmp_path: Path) -> tuple[object, str]:
    return resolve(str(tmp_path / "out"))


def _manifests(root: str) -> list[dict]:
    directory = Path(root, "_manifest")
    return [json.loads(p.read_text()) for p in sorted(directory.glob("*.json"))] if directory.exists() else []


def test_flush_writes_partition_files_then_one_manifest(out) -> None:
    fs, root = out
    commits: list[Commit] = []
    writer = ArchiveWriter(fs, root, "run-a", on_commit=commits.append)
    writer.add("filings", rows.filing(A1, filed=date(2004, 4, 1)))
    writer.add("filings", rows.filing(A2, filed=date(2004, 8, 23)))
    writer.add("documents", rows.document(A1, 1))
    writer.add("documents", rows.document(A1, 2, exhibit="99.1"))
    commit = writer.flush()

    q2 = "filings/year=2004/quarter=2/part-run-a-00000-0.parquet"
    q3 = "filings/year=2004/quarter=3/part-run-a-00000-0.parquet"
    docs = "documents/year=2004/quarter=2/part-run-a-00000-0.parquet"
    for relative in (q2, q3, docs):
        assert Path(root, relative).is_file()
    assert commit is not None and commits == [commit]
    assert commit.files == {"documents": [f"{root}/{docs}"], "filings": [f"{root}/{q2}", f"{root}/{q3}"]}
    assert commit.rows == {"filings": 2, "documents": 2}
    assert commit.keys == {"filings": [A1, A2], "documents": [f"{A1}#1", f"{A1}#2"]}
    [manifest] = _manifests(root)
    assert manifest["manifest_id"] == commit.manifest_id and manifest["kind"] == "data"
    assert manifest["files"] == {"documents": [docs], "filings": [q2, q3]}
    assert manifest["keys"]["filings"] == [A1, A2]
    assert not Path(root, "_staging").exists() or not any(Path(root, "_staging").rglob("*"))
    assert writer.buffered_rows == 0

    table = pq.read_table(Path(root, q2))
    assert table.column("accession").to_pylist() == [A1]
    assert table.column("items").to_pylist() == [["5", "7"]]
    assert "year" not in table.column_names  # the partition lives in the directory name only
    assert table.schema.metadata[b"schema_version"] == b"1"
    assert pq.ParquetFile(Path(root, q2)).metadata.row_group(0).column(0).compression == "ZSTD"


def test_second_flush_gets_new_names_and_empty_flush_commits_nothing(out) -> None:
    fs, root = out
    writer = ArchiveWriter(fs, root, "run-b")
    assert writer.flush() is None
    writer.add("filings", rows.filing(A1))
    first = writer.flush()
    writer.add("filings", rows.filing(A2))
    second = writer.close()
    assert first and second and first.manifest_id != second.manifest_id
    assert second.files["filings"][0].endswith("part-run-b-00002-0.parquet")
    assert len(_manifests(root)) == 2
    with pytest.raises(StorageError, match="closed"):
        writer.add("filings", rows.filing(A3))


def test_timestamps_are_stored_in_utc(out) -> None:
    fs, root = out
    writer = ArchiveWriter(fs, root, "run-c")
    tokyo = timezone(timedelta(hours=9))
    writer.add("filings", rows.filing(A1, crawled_at=datetime(2024, 1, 2, 9, 0, tzinfo=tokyo)))
    commit = writer.flush()
    assert commit
    value = pq.read_table(commit.files["filings"][0]).column("crawled_at")
    assert value.type == pa.timestamp("us", tz="UTC")
    assert value.to_pylist() == [datetime(2024, 1, 2, 0, 0, tzinfo=timezone.utc)]


def test_should_flush_by_rows_and_by_age(out) -> None:
    fs, root = out
    by_rows = ArchiveWriter(fs, root, "run-d", max_rows=3)
    assert not by_rows.should_flush()
    by_rows.add("filings", rows.filing(A1))
    by_rows.add("documents", rows.document(A1, 1))
    assert not by_rows.should_flush()
    by_rows.add("documents", rows.document(A1, 2))
    assert by_rows.should_flush()
    by_age = ArchiveWriter(fs, root, "run-e", max_seconds=0.0)
    assert not by_age.should_flush()
    by_age.add("filings", rows.filing(A1))
    assert by_age.should_flush()


def test_drift_fails_at_add_and_buffers_nothing(out) -> None:
    fs, root = out
    writer = ArchiveWriter(fs, root, "run-f")
    with pytest.raises(StorageError, match="filings.cik"):
        writer.add("filings", rows.filing(A1, cik="1269518"))
    with pytest.raises(StorageError, match="unknown dataset 'filing'"):
        writer.add("filing", rows.filing(A1))
    assert writer.buffered_rows == 0


def test_run_id_must_be_a_safe_file_name(out) -> None:
    fs, root = out
    with pytest.raises(StorageError, match="run id"):
        ArchiveWriter(fs, root, "../escape")


def test_cannot_write_keeps_rows_and_leaves_no_partial_commit(out) -> None:
    fs, root = out
    writer = ArchiveWriter(fs, root, "run-g")
    writer.add("documents", rows.document(A1, 1))
    writer.add("filings", rows.filing(A1))
    blocker = Path(root, "filings")
    blocker.write_text("a regular file where a directory should be")  # "cannot write", even as root
    with pytest.raises(StorageError, match="[Nn]ot a directory"):
        writer.flush()
    assert writer.buffered_rows == 2
    assert _manifests(root) == []
    assert not list(Path(root, "documents").rglob("*.parquet"))  # the dataset written first was rolled back

    writer.add("filings", rows.filing(A2))
    blocker.unlink()
    commit = writer.flush()
    assert commit and commit.rows == {"documents": 1, "filings": 2}
    assert sorted(commit.keys["filings"]) == [A1, A2]


def test_manifest_write_failure_discards_data_files(out) -> None:
    fs, root = out
    Path(root, "_manifest").write_text("not a directory")
    writer = ArchiveWriter(fs, root, "run-h")
    writer.add("filings", rows.filing(A1))
    with pytest.raises(StorageError):
        writer.flush()
    assert writer.buffered_rows == 1
    assert not list(Path(root, "filings").rglob("*.parquet"))


def test_transient_errors_are_retried(out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = out
    real = writer_module._rename_into_place
    calls: list[str] = []

    def flaky(temp: str, final: str) -> None:
        calls.append(final)
        if len(calls) == 1:
            raise OSError(errno.EIO, "simulated I/O hiccup")
        real(temp, final)

    monkeypatch.setattr(writer_module, "_rename_into_place", flaky)
    writer = ArchiveWriter(fs, root, "run-i")
    writer.add("filings", rows.filing(A1))
    commit = writer.flush()
    assert commit and len(calls) == 2 and os.path.isfile(commit.files["filings"][0])


def test_rows_added_while_a_flush_runs_wait_for_the_next_flush(out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = out
    real = writer_module.place_file
    writing, release = threading.Event(), threading.Event()

    def slow_place(*args, **kwargs) -> None:
        writing.set()
        assert release.wait(timeout=30)
        real(*args, **kwargs)

    monkeypatch.setattr(writer_module, "place_file", slow_place)
    writer = ArchiveWriter(fs, root, "run-t")
    writer.add("filings", rows.filing(A1))
    flushing = threading.Thread(target=writer.flush)
    flushing.start()
    assert writing.wait(timeout=30)
    writer.add("filings", rows.filing(A2))  # the reactor keeps adding while the worker thread writes
    assert writer.buffered_rows == 1
    release.set()
    flushing.join(timeout=30)
    second = writer.flush()
    assert second and second.keys == {"filings": [A2]}


def test_a_manifest_that_landed_despite_an_error_counts_as_committed(out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = out
    real = writer_module.write_manifest

    def lands_then_fails(*args, **kwargs) -> None:
        real(*args, **kwargs)
        raise StorageError("reply lost after the upload completed")

    monkeypatch.setattr(writer_module, "write_manifest", lands_then_fails)
    writer = ArchiveWriter(fs, root, "run-l")
    writer.add("filings", rows.filing(A1))
    commit = writer.flush()
    assert commit and writer.buffered_rows == 0
    assert os.path.isfile(commit.files["filings"][0])  # the data files of a committed manifest are kept


def test_before_commit_runs_before_any_file_and_its_failure_commits_nothing(out) -> None:
    fs, root = out
    seen: list[bool] = []

    def before() -> None:
        seen.append(Path(root, "_manifest").exists() or Path(root, "filings").exists())
        if len(seen) == 1:
            raise StorageError("raw files not durable")

    writer = ArchiveWriter(fs, root, "run-a", before_commit=before)
    writer.add("filings", rows.filing(A1, filed=date(2004, 4, 1)))
    with pytest.raises(StorageError, match="not durable"):
        writer.flush()
    assert writer.buffered_rows == 1 and _manifests(root) == []
    commit = writer.flush()
    assert commit is not None and commit.keys == {"filings": [A1]}
    assert seen == [False, False]  # called first, on each attempt


def test_bulk_rows_ride_along_as_arrow_without_counting_toward_a_flush(out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = out
    monkeypatch.setattr("crawler.store.row_buffer.CONVERT_ROWS", 3)
    writer = ArchiveWriter(fs, root, "run-b", max_rows=2)
    writer.add("filings", rows.filing(A1))
    values = [rows.cm_value(A1, 1, row_no, 1) for row_no in range(1, 8)]
    writer.add_bulk("cm_values", values[:4], (2004, 2))
    writer.add_bulk("cm_values", values[4:], (2004, 2))
    assert not writer.should_flush() and writer.buffered_rows == 8  # 1 counted row of max_rows 2
    buffer = writer._buffers["cm_values"][(2004, 2)]
    assert (len(buffer.tables), len(buffer.rows)) == (2, 0)  # converted every 3 rows or more, as they came
    with pytest.raises(StorageError, match="not a bulk dataset"):
        writer.add_bulk("filings", [rows.filing(A2)], (2004, 2))
    commit = writer.flush()
    assert commit is not None and commit.rows == {"filings": 1, "cm_values": 7}
    assert commit.keys == {"filings": [A1]}  # no key list for bulk rows in the manifest
    [path] = commit.files["cm_values"]
    assert pq.read_table(path).column("row_no").to_pylist() == list(range(1, 8))


def test_bulk_rows_trigger_a_flush_past_their_own_limit_and_survive_a_failed_commit(
        out, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = out
    monkeypatch.setattr(writer_module, "MAX_BULK_ROWS", 4)
    writer = ArchiveWriter(fs, root, "run-c")
    writer.add_bulk("document_text", [rows.document_text(A1, n) for n in (1, 2, 3)], (2004, 2))
    assert not writer.should_flush()
    writer.add_bulk("document_text", [rows.document_text(A1, 4)], (2004, 2))
    assert writer.should_flush()
    real = writer_module.place_file
    monkeypatch.setattr(writer_module, "place_file", lambda *a: (_ for _ in ()).throw(StorageError("disk full")))
    with pytest.raises(StorageError):
        writer.flush()
    writer.add_bulk("document_text", [rows.document_text(A1, 5)], (2004, 2))
    monkeypatch.setattr(writer_module, "place_file", real)
    commit = writer.flush()
    assert commit is not None and commit.rows == {"document_text": 5}
    assert pq.read_table(commit.files["document_text"][0]).column("sequence").to_pylist() == [1, 2, 3, 4, 5]


def test_a_bulk_row_that_does_not_fit_is_named_when_converted(out) -> None:
    fs, root = out
    writer = ArchiveWriter(fs, root, "run-d")
    with pytest.raises(StorageError, match="cm_values.value"):
        writer.add_bulk("cm_values", [rows.cm_value(A1, 1, 1, 1) | {"value": "5.497"}] * 2000, (2004, 2))
