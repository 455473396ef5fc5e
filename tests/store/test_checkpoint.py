from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crawler.store.checkpoint import (
    CHECKPOINTS_KEPT,
    committed_file_list,
    committed_files,
    read_log,
    write_checkpoint,
)
from crawler.store.compact import compact
from crawler.store.fs import resolve
from crawler.store.load import load
from crawler.store.manifest import (
    ManifestEntry,
    live_files,
    read_manifests,
    write_manifest,
)
from crawler.store.schemas import FILE_SCHEMAS
from crawler.store.writer import ArchiveWriter
from tests.store import rows
from tests.store.counting_fs import checkpoint_reads, counting, manifest_reads

DAYS = [date(2004, 4, 1), date(2004, 8, 2), date(2004, 11, 1), date(2005, 1, 4)]  # four partitions


def accession(n: int) -> str:
    return f"0000905148-04-{n:06d}"


def write_runs(fs, root: str, first: int, count: int) -> list[str]:
    """``count`` runs, one flush each: a filing (4 partitions in turn) and a document; returns manifest ids."""
    ids = []
    for n in range(first, first + count):
        writer = ArchiveWriter(fs, root, f"run-{n:03d}")
        writer.add("filings", rows.filing(accession(n), filed=DAYS[n % 4]))
        writer.add("documents", rows.document(accession(n), 1, filed=DAYS[n % 4]))
        ids.append(writer.close().manifest_id)
    return ids


def manifest_names(root: str) -> list[str]:
    return sorted(p.name for p in Path(root, "_manifest").glob("*.json") if not p.name.startswith("."))


def live_by_hand(root: str, dataset: str) -> set[str]:
    """Listed minus retired, from the manifest JSON files read with json alone."""
    listed: set[str] = set()
    retired: set[str] = set()
    for name in manifest_names(root):
        doc = json.loads(Path(root, "_manifest", name).read_text())
        listed.update(doc["files"].get(dataset, []))
        retired.update(doc.get("retired", {}).get(dataset, []))
    return {f"{root}/{path}" for path in listed - retired}


def checkpoint_files(root: str) -> list[Path]:
    return sorted(Path(root, "_manifest").glob(".checkpoint-*.json"))


@pytest.fixture
def archive(tmp_path: Path):
    """Six runs, a compaction of filings (which writes a checkpoint), then three more runs."""
    fs, root = resolve(str(tmp_path / "out"))
    early = write_runs(fs, root, 0, 6)
    compact(fs, root, ["filings"])
    late = write_runs(fs, root, 6, 3)
    return fs, root, early, late


def test_live_files_through_the_checkpoint_equal_the_full_log(archive) -> None:
    fs, root, _, late = archive
    [checkpoint] = checkpoint_files(root)
    counted, handler = counting(fs)

    view = read_log(counted, root)

    assert view.checkpoint is not None and checkpoint.name == f".checkpoint-{view.checkpoint.checkpoint_id}.json"
    assert manifest_reads(handler) == sorted(f"{i}.json" for i in late)  # only what the checkpoint does not cover
    full_log = read_manifests(fs, root)
    for name in ("filings", "documents", None):
        assert view.live_files(name) == live_files(full_log, name)
    for name in ("filings", "documents"):
        assert set(view.live_files(name)) == live_by_hand(root, name)
        assert committed_files(fs, root, name) == live_by_hand(root, name)
        assert committed_file_list(fs, root, name) == live_files(full_log, name)
    filings = view.live_files("filings")
    names = [path.rsplit("/", 1)[-1] for path in filings]  # the single files of two partitions, two compacted
    assert names[:2] == ["part-run-002-00000-0.parquet", "part-run-003-00000-0.parquet"]
    assert names[2].startswith("part-") and names[3].startswith("part-") and names[2] == names[3]
    assert names[4:] == [f"part-run-{n:03d}-00000-0.parquet" for n in (6, 7, 8)]


def test_the_checkpoint_on_disk(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    ids = write_runs(fs, root, 0, 1) + write_runs(fs, root, 4, 1)  # one partition
    report = compact(fs, root, ["filings"])
    compaction_id = report.commits[0].manifest_id
    [path] = checkpoint_files(root)
    assert path.name == f".checkpoint-{max(ids + [compaction_id])}.json"
    doc = json.loads(path.read_text())
    assert doc["checkpoint_format"] == 1 and doc["manifest_count"] == 3
    assert doc["covered"] == sorted(ids + [compaction_id])
    documents = "documents/year=2004/quarter=2"
    assert doc["live"] == [  # retired filings files are gone; the compacted one is listed by the compaction
        {"manifest_id": ids[0], "files": {"documents": [f"{documents}/part-run-000-00000-0.parquet"]}},
        {"manifest_id": ids[1], "files": {"documents": [f"{documents}/part-run-004-00000-0.parquet"]}},
        {"manifest_id": compaction_id,
         "files": {"filings": [f"filings/year=2004/quarter=2/part-{compaction_id}.parquet"]}},
    ]


def test_a_manifest_with_an_older_id_written_after_the_checkpoint_is_read(archive) -> None:
    fs, root, early, _ = archive
    old_id = "20000101T000000000000Z-other-machine-00000"
    assert old_id < min(early)
    path = f"{root}/filings/year=2004/quarter=2/part-other-machine-00000-0.parquet"
    pq.write_table(pa.Table.from_pylist([rows.filing(accession(99))], schema=FILE_SCHEMAS["filings"]), path)
    write_manifest(fs, root, ManifestEntry(manifest_id=old_id, run_id="other-machine", kind="data",
                                           created_at="2000-01-01T00:00:00+00:00", files={"filings": [path]},
                                           rows={"filings": 1}, keys={"filings": [accession(99)]}))
    counted, handler = counting(fs)

    view = read_log(counted, root)

    assert old_id not in view.checkpoint.covered and f"{old_id}.json" in manifest_reads(handler)
    assert path in view.live_files("filings")
    assert view.live_files("filings") == live_files(read_manifests(fs, root), "filings")
    assert sorted(load(root, "filings")["accession"]) == sorted(accession(n) for n in [*range(9), 99])


@pytest.mark.parametrize("damage", ["truncated", "not json", "unknown format", "covers a missing manifest"])
def test_an_unusable_checkpoint_falls_back_to_the_full_log(archive, damage: str,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    fs, root, early, _ = archive
    [path] = checkpoint_files(root)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "not json":
        path.write_bytes(b"\x00" * 64)
    elif damage == "unknown format":
        path.write_text(json.dumps({**json.loads(data), "checkpoint_format": 99}))
    else:
        # run-002's filing is alone in its partition (not compacted): without its manifest it is not committed
        Path(root, "_manifest", f"{early[2]}.json").rename(Path(root, f"{early[2]}.json.aside"))
    expected = sorted(accession(n) for n in range(9) if damage != "covers a missing manifest" or n != 2)
    counted, handler = counting(fs)

    with caplog.at_level(logging.WARNING, logger="crawler.store.checkpoint"):
        view = read_log(counted, root)

    assert view.checkpoint is None and "full log" in caplog.text and path.name in caplog.text
    assert manifest_reads(handler) == manifest_names(root)
    assert view.live_files("filings") == live_files(read_manifests(fs, root), "filings")
    assert sorted(load(root, "filings")["accession"]) == expected


def test_an_unusable_newest_checkpoint_falls_back_to_an_older_one(archive, caplog) -> None:
    fs, root, _, late = archive
    newer = write_checkpoint(fs, read_log(fs, root))
    older, newest = checkpoint_files(root)
    assert newest.name == f".checkpoint-{newer.checkpoint_id}.json" == f".checkpoint-{max(late)}.json"
    newest.write_bytes(newest.read_bytes()[:-1])
    counted, handler = counting(fs)

    with caplog.at_level(logging.WARNING, logger="crawler.store.checkpoint"):
        view = read_log(counted, root)

    assert "an older checkpoint" in caplog.text
    assert checkpoint_reads(handler) == [older.name, newest.name]
    assert f".checkpoint-{view.checkpoint.checkpoint_id}.json" == older.name
    assert manifest_reads(handler) == sorted(f"{i}.json" for i in late)
    assert view.live_files() == live_files(read_manifests(fs, root))

    repaired = write_checkpoint(fs, view)  # rewrites the damaged one (same newest id) and keeps the older
    assert repaired.checkpoint_id == max(late) and checkpoint_files(root) == [older, newest]
    assert read_log(fs, root).checkpoint.covered == {name.removesuffix(".json") for name in manifest_names(root)}


def test_old_and_unusable_checkpoints_are_pruned(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    written = []
    for n in range(CHECKPOINTS_KEPT + 2):
        write_runs(fs, root, n, 1)
        written.append(write_checkpoint(fs, read_log(fs, root)).checkpoint_id)
    assert [p.name for p in checkpoint_files(root)] == [f".checkpoint-{i}.json" for i in written[-CHECKPOINTS_KEPT:]]
    checkpoint_files(root)[-1].write_text("{")
    write_runs(fs, root, 10, 1)
    last = write_checkpoint(fs, read_log(fs, root)).checkpoint_id
    # the oldest of the three goes by age, the damaged newest because it is unusable
    assert [p.name for p in checkpoint_files(root)] == [f".checkpoint-{i}.json" for i in (written[-2], last)]


def test_an_empty_log_has_no_checkpoint(tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    view = read_log(fs, root)
    assert view.live_files() == [] and write_checkpoint(fs, view) is None and checkpoint_files(root) == []
