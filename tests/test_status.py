from __future__ import annotations

from pathlib import Path

import pytest

from crawler import status
from crawler.store import checkpoint
from crawler.store.fs import resolve
from crawler.store.writer import ArchiveWriter
from tests.store import rows


def test_status_reads_the_commit_log_once_for_every_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    writer = ArchiveWriter(fs, root, "run-1", max_rows=1)
    for n in range(3):
        writer.add("filings", rows.filing(f"0000905148-04-{n:06d}"))
        writer.add("errors", rows.error(f"http://127.0.0.1/{n}", stage="parse" if n else "fetch"))
        writer.flush()
    read: list[str] = []
    real = checkpoint.read_entries

    def recording(fs, root, paths):
        read.extend(paths)
        return real(fs, root, paths)

    monkeypatch.setattr(checkpoint, "read_entries", recording)
    report = status.collect_status(root, state_dir=str(tmp_path / "no-state"))
    assert report["datasets"]["filings"] == 3 and report["datasets"]["errors"] == 3
    assert report["errors_by_stage"] == {"fetch": 1, "parse": 2}
    assert sorted(read) == sorted(str(p) for p in Path(root, "_manifest").glob("*.json"))  # each body once
