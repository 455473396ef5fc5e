"""A quarter crawled through its daily files is re-read once from its quarterly form.idx after it closes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, rows, run_crawl, truth

QUARTERLY = "/Archives/edgar/full-index/2004/QTR2/form.idx"


def _indexed_by(filing: dict) -> bool:
    """In the 2004 Q2 quarterly index, or in a 2004 Q3 daily index published by 2004-07-07."""
    filed, disseminated = date.fromisoformat(filing["filed_date"]), date.fromisoformat(filing["disseminated_date"])
    return date(2004, 4, 1) <= filed and (filed <= date(2004, 6, 30) or disseminated <= date(2004, 7, 7))


def test_daily_then_closed_quarter_recheck(small_mirror: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    with serve_mirror(small_mirror) as server:
        daily = run_crawl(server.url, output, "--from", "2004-04-01", "--as-of", "2004-06-15")
        first = server.requests()
        closed = run_crawl(server.url, output, "--as-of", "2004-07-07")
        second = server.requests()[len(first):]
        again = run_crawl(server.url, output, "--as-of", "2004-07-07")
        third = server.requests()[len(first) + len(second):]
    for result in (daily, closed, again):
        assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert QUARTERLY not in {r["path"] for r in first}
    assert any("/daily-index/2004/QTR2/form.2004" in r["path"] for r in first)
    assert [r["status"] for r in second if r["path"] == QUARTERLY] == [200]  # the recheck, whole quarter
    assert [r["status"] for r in third if r["path"] == QUARTERLY] in ([], [304])
    expected = {t["accession"] for t in truth(small_mirror, "filings") if t["is_abs"] and _indexed_by(t)}
    archived = [r["accession"] for r in rows(output, "filings")]
    assert len(archived) == len(set(archived))
    assert set(archived) == expected
    status = subprocess.run([sys.executable, "-m", "crawler", "status", "--json", "--output", str(output)],
                            capture_output=True, text=True, env=clean_env(), timeout=60)
    assert json.loads(status.stdout)["quarters_to_recheck"] == ["2004Q3"]
