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
        writer.add("cm_values", rows.cm_value(f"0000905148-04-{n:06d}", 1, 1, 1))
        writer.add("document_text", rows.document_text(f"0000905148-04-{n:06d}", 1))
        writer.flush()
    read: list[str] = []
    real = checkpoint.read_entries

    def recording(fs, root, paths):
        read.extend(paths)
        return real(fs, root, paths)

    monkeypatch.setattr(checkpoint, "read_entries", recording)
    report = status.collect_status(root, state_dir=str(tmp_path / "no-state"))
    assert report["datasets"]["filings"] == 3 and report["datasets"]["errors"] == 3
    assert report["datasets"]["cm_values"] == 3 and report["datasets"]["document_text"] == 3
    assert report["datasets"]["cm_tables"] == 0 and "cm_values 3" in status.format_status(report)
    assert report["errors_by_stage"] == {"fetch": 1, "parse": 2}
    assert sorted(read) == sorted(str(p) for p in Path(root, "_manifest").glob("*.json"))  # each body once


def test_status_lists_gone_filings_with_their_history(tmp_path: Path) -> None:
    from datetime import date

    from crawler.edgar.gone import GoneLimits
    from crawler.edgar.selection import Candidate, Filer
    from crawler.retry_records import SubmissionRetries
    from crawler.store.state import SqliteCrawlState

    state_dir = tmp_path / "state"
    state_dir.mkdir()
    state = SqliteCrawlState(state_dir / "state.sqlite")
    for n in range(12):
        candidate = Candidate(accession=f"0000905148-04-{n:06d}", form_type="8-K", date_filed=date(2004, 4, 1),
                              filers=(Filer(1269518, "CWALT INC"),), kind="8-K", reason="seed:1269518",
                              path=f"Archives/edgar/data/1269518/0000905148-04-{n:06d}.txt")
        SubmissionRetries(state, GoneLimits(runs=1), as_of=date(2004, 7, 1)).failed(candidate, 404)
    state.close()
    report = status.collect_status(str(tmp_path / "out"), state_dir=str(state_dir))
    assert len(report["gone"]) == 12 and report["retry_pending"] == 0
    assert report["gone"][0] == {"accession": "0000905148-04-000000", "kind": "8-K", "date_filed": "2004-04-01",
                                 "path": "Archives/edgar/data/1269518/0000905148-04-000000.txt", "runs": 1,
                                 "first_seen": "2004-07-01", "last_seen": "2004-07-01", "last_status": 404,
                                 "gone_on": "2004-07-01"}
    lines = status.format_status(report).splitlines()
    assert "filings given up as gone: 12 (crawl --retry-gone fetches them again)" in lines
    assert ("  0000905148-04-000000 Archives/edgar/data/1269518/0000905148-04-000000.txt: HTTP 404 in 1 run(s) "
            "2004-07-01..2004-07-01") in lines
    assert "  ... and 2 more (status --json lists them all)" in lines
