"""A 1996 crawl: IMS-era submissions, MMDDYY/YYMMDD daily names found through the listing, index files
without a final newline — every ABS 8-K of the truth archived, no error recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import rows, run_crawl, truth
from tests.fixtures.mirror import make_mirror

AS_OF = date(1996, 6, 20)  # inside 1996 Q2: that quarter is crawled through its daily files


def test_a_1996_backfill_through_daily_files_archives_the_truth(tmp_path: Path) -> None:
    mirror = make_mirror(tmp_path, start=date(1996, 1, 1), end=date(1996, 6, 30), filings=150, seed=3)
    output = tmp_path / "output"
    with serve_mirror(mirror) as server:
        result = run_crawl(server.url, output, "--from", "1996-01-01", "--to", "1996-06-30",
                           "--as-of", AS_OF.isoformat())
        paths = {r["path"] for r in server.requests()}
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    daily = sorted(p for p in paths if "/daily-index/1996/QTR2/form." in p)
    assert daily and all(Path(p).name[5:11].isdigit() and len(Path(p).name) == len("form.960401.idx") for p in daily)
    expected = {t["accession"] for t in truth(mirror, "filings")
                if t["is_abs"] and date.fromisoformat(t["filed_date"]) < AS_OF}
    assert {r["accession"] for r in rows(output, "filings")} == expected
    assert rows(output, "errors") == []
