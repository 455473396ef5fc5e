"""A filing whose file never comes back: retried by a few runs, then recorded as gone and skipped, until asked for."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, rows, run_crawl, truth

RANGE = ("--from", "2004-01-01", "--to", "2004-06-30")
QUARTERLY = ("Archives/edgar/full-index/2004/QTR1/form.idx", "Archives/edgar/full-index/2004/QTR2/form.idx")


@pytest.fixture
def mirror_copy(small_mirror: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mirror"
    shutil.copytree(small_mirror, copy, copy_function=shutil.copy2)
    return copy


def missing_filing(mirror: Path) -> tuple[str, Path]:
    """An ABS 8-K of the range with one filer, its file taken away (returned path)."""
    record = min((t for t in truth(mirror, "filings") if t["is_abs"] and len(t["ciks"]) == 1
                  and "2004-01-01" <= t["filed_date"] <= "2004-06-30"), key=lambda t: t["accession"])
    return record["accession"], mirror / "Archives/edgar/data" / str(record["cik"]) / f"{record['accession']}.txt"


def status(output: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", "status", *options, "--output", str(output)],
                          capture_output=True, text=True, env=clean_env(), timeout=60)


def test_a_missing_filing_is_retried_then_gone_then_skipped_until_retry_gone(mirror_copy: Path, tmp_path: Path) -> None:
    accession, path = missing_filing(mirror_copy)
    url_path = "/" + str(path.relative_to(mirror_copy))
    kept = path.read_bytes()
    path.unlink()
    output = tmp_path / "output"
    codes, fetches = [], []
    with serve_mirror(mirror_copy) as server:
        def crawl(as_of: str, *extra: str) -> None:
            before = len(server.requests())
            result = run_crawl(server.url, output, *RANGE, "--as-of", as_of, "--gone-after-runs", "3", *extra)
            codes.append(result.returncode)
            fetches.append([r["status"] for r in server.requests()[before:] if r["path"] == url_path])

        for as_of in ("2004-07-01", "2004-07-02", "2004-07-06"):
            crawl(as_of)
        gone_status = json.loads(status(output, "--json").stdout)["gone"]
        gone_text = status(output).stdout
        errors = [(e["error"], e["accession"]) for e in rows(output, "errors")]
        for index in QUARTERLY:  # rewritten: the next run reads the index rows again, the gone filing among them
            os.utime(mirror_copy / index)
        crawl("2004-07-07")
        path.write_bytes(kept)
        crawl("2004-07-08")
        crawl("2004-07-09", "--retry-gone")
    assert codes == [ExitCode.PARTIAL] * 3 + [ExitCode.OK] * 3
    assert fetches == [[404], [404], [404], [], [], [200]]
    assert errors.count(("HTTP 404", accession)) == 3 and errors.count(("gone", accession)) == 1
    assert [(g["accession"], g["runs"], g["last_status"], g["first_seen"], g["last_seen"]) for g in gone_status] == [
        (accession, 3, 404, "2004-07-01", "2004-07-06")]
    assert "filings given up as gone: 1" in gone_text and accession in gone_text
    assert accession in {r["accession"] for r in rows(output, "filings")}
    assert json.loads(status(output, "--json").stdout)["gone"] == []


def test_a_missing_filing_is_gone_after_thirty_days_with_fewer_runs(mirror_copy: Path, tmp_path: Path) -> None:
    accession, path = missing_filing(mirror_copy)
    path.unlink()
    output = tmp_path / "output"
    with serve_mirror(mirror_copy) as server:
        codes = [run_crawl(server.url, output, *RANGE, "--as-of", as_of).returncode
                 for as_of in ("2004-07-01", "2004-07-30", "2004-07-31", "2004-08-02")]
    assert codes == [ExitCode.PARTIAL] * 3 + [ExitCode.OK]
    gone = [e for e in rows(output, "errors") if e["error"] == "gone"]
    assert [(e["accession"], e["stage"]) for e in gone] == [(accession, "submission")]
    assert "in 3 run(s) from 2004-07-01 to 2004-07-31" in gone[0]["detail"]
