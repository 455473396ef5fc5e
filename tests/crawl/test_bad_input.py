"""Bad input loses nothing: a listed filing that 404s and a filing whose header is garbage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import rows, run_crawl, truth

FROM, TO, AS_OF = "2004-01-01", "2004-06-30", "2004-07-01"


@pytest.fixture
def mirror_copy(small_mirror: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mirror"
    shutil.copytree(small_mirror, copy, copy_function=shutil.copy2)
    return copy


def abs_8ks(mirror: Path) -> list[dict]:
    return sorted((t for t in truth(mirror, "filings") if t["is_abs"] and len(t["ciks"]) == 1
                   and FROM <= t["filed_date"] <= TO), key=lambda t: t["accession"])


def submission(mirror: Path, record: dict) -> Path:
    return mirror / "Archives" / "edgar" / "data" / str(record["cik"]) / f"{record['accession']}.txt"


def test_a_missing_filing_is_an_error_row_and_is_fetched_by_the_next_run(mirror_copy: Path, tmp_path: Path) -> None:
    missing = abs_8ks(mirror_copy)[0]
    path = submission(mirror_copy, missing)
    kept = path.read_bytes()
    path.unlink()
    output = tmp_path / "output"
    with serve_mirror(mirror_copy) as server:
        first = run_crawl(server.url, output, "--from", FROM, "--to", TO, "--as-of", AS_OF)
        errors = rows(output, "errors")
        archived = {r["accession"] for r in rows(output, "filings")}
        path.write_bytes(kept)
        second = run_crawl(server.url, output, "--from", FROM, "--to", TO, "--as-of", AS_OF)
    assert first.returncode == ExitCode.PARTIAL, first.stderr[-2000:]
    assert [(e["stage"], e["accession"], e["error"]) for e in errors] == [("submission", missing["accession"],
                                                                           "HTTP 404")]
    assert archived == ({t["accession"] for t in abs_8ks(mirror_copy)} | _joint(mirror_copy)) - {missing["accession"]}
    assert second.returncode == ExitCode.OK, second.stderr[-2000:]
    assert missing["accession"] in {r["accession"] for r in rows(output, "filings")}


def _joint(mirror: Path) -> set[str]:
    return {t["accession"] for t in truth(mirror, "filings")
            if t["is_abs"] and len(t["ciks"]) > 1 and FROM <= t["filed_date"] <= TO}


def test_a_filing_with_a_garbage_header_keeps_its_bytes_and_records_the_problem(
        mirror_copy: Path, tmp_path: Path) -> None:
    target = abs_8ks(mirror_copy)[1]
    path = submission(mirror_copy, target)
    original = path.read_bytes()
    start, end = original.index(b"<SEC-HEADER>"), original.index(b"</SEC-HEADER>")
    broken = original[:start] + b"<SEC-HEADER>\n\x00\xff garbage \x80\x81 <<<>>>\n" + original[end:]
    path.write_bytes(broken)
    output = tmp_path / "output"
    with serve_mirror(mirror_copy) as server:
        result = run_crawl(server.url, output, "--from", FROM, "--to", TO, "--as-of", AS_OF)
    assert result.returncode in (ExitCode.OK, ExitCode.PARTIAL), result.stderr[-2000:]
    raw = list((output / "raw").rglob(f"{target['accession']}*.txt"))
    assert [p.read_bytes() for p in raw] == [broken]
    filings = {r["accession"]: r for r in rows(output, "filings")}
    errors = [e for e in rows(output, "errors") if e["accession"] == target["accession"]]
    if target["accession"] in filings:
        assert filings[target["accession"]]["parse_errors"] == [e["detail"] for e in errors]
        assert errors and all(e["stage"] == "parse" for e in errors)
    else:  # dropped as not ABS: then its raw bytes are still kept (asserted above) and nothing is refetched
        assert result.returncode == ExitCode.OK
