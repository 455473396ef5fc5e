"""`edgar-archive parse-index` on the real index files, a gzip copy, a damaged copy and unreadable input."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from crawler.cli import main
from tests.fixtures.samples import sample

KEYS = {"form_type", "company_name", "cik", "date_filed", "filename", "accession", "abs_candidate", "selection"}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], list[str]]:
    code = main(["parse-index", *args])
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    return code, rows, captured.err.splitlines()


def data_lines(path: Path) -> list[str]:
    lines = path.read_bytes().decode("latin-1").splitlines()
    dashed = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    return [line for line in lines[dashed + 1 :] if line.strip()]


@pytest.mark.parametrize("name", ["form.20200318.idx", "company.20221003.idx", "master.20181231.idx", "master.idx", "empty-form.idx"])
def test_every_real_row_is_printed_with_the_contract_keys(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = sample("index", name)
    code, rows, errors = run_cli(capsys, str(path))
    assert (code, errors) == (0, [])
    expected = data_lines(path)
    assert len(rows) == len(expected)
    for record, line in zip(rows, expected, strict=True):
        assert set(record) == KEYS
        assert isinstance(record["cik"], int) and isinstance(record["abs_candidate"], bool)
        assert record["filename"] in line and str(record["cik"]) in line
        assert record["accession"] == record["filename"].rsplit("/", 1)[1].removesuffix(".txt")


def test_sampled_row_values_and_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run_cli(capsys, str(sample("index", "master.20181231.idx")))
    assert code == 0
    by_accession = {row["accession"]: row for row in rows}
    first = rows[0]
    assert first == {
        "form_type": "4",
        "company_name": "HENRY SCHEIN INC",
        "cik": 1000228,
        "date_filed": "2018-12-31",
        "filename": "edgar/data/1000228/0001209191-18-064398.txt",
        "accession": "0001209191-18-064398",
        "abs_candidate": False,
        "selection": "form",
    }
    trusts = [row for row in rows if row["form_type"] == "8-K" and "Student Loan Trust" in row["company_name"]]
    assert len(trusts) == 3 and all(row["abs_candidate"] and row["selection"].startswith("name:") for row in trusts)
    plain = [row for row in rows if row["form_type"] == "8-K" and row["selection"] == "name_not_abs"]
    assert plain and not any(row["abs_candidate"] for row in plain)
    operating = [row for row in rows if row["selection"] == "operating_filer"]  # EnLink: 8-K and DEF 14C
    assert operating and not any(row["abs_candidate"] for row in operating)
    lookups = [row for row in rows if row["selection"] == "lookup"]
    assert lookups and all(row["abs_candidate"] for row in lookups)
    assert by_accession[trusts[0]["accession"]]["cik"] == trusts[0]["cik"]


def test_gzip_copy_prints_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = sample("index", "company.20221003.idx")
    packed = tmp_path / "company.20221003.idx.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    plain = run_cli(capsys, str(path))
    assert run_cli(capsys, str(packed)) == plain


def test_malformed_lines_go_to_stderr_and_exit_3(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = sample("index", "form.20200318.idx").read_bytes().split(b"\n")
    lines.insert(12, b"THIS IS NOT A ROW")
    damaged = tmp_path / "form.idx"
    damaged.write_bytes(b"\n".join(lines))
    code, rows, errors = run_cli(capsys, str(damaged))
    assert code == 3
    assert len(rows) == 4084
    [error] = [json.loads(line) for line in errors]
    assert error["file"] == str(damaged) and error["line"] == 13 and error["reason"]


def test_unreadable_files_exit_2_after_the_readable_ones(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = tmp_path / "blocked.idx"
    html.write_text("<html><title>SEC.gov | Request Rate Threshold Exceeded</title></html>\n")
    code, rows, errors = run_cli(capsys, str(tmp_path / "missing.idx"), str(html), str(sample("index", "master.idx")))
    assert code == 2
    assert len(rows) == 20
    assert len(errors) == 2 and all("cannot read index" in line for line in errors)


def test_candidates_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run_cli(capsys, "--candidates-only", str(sample("index", "master.20181231.idx")))
    assert code == 0 and rows and all(row["abs_candidate"] for row in rows)


def test_zip_is_read_and_unix_compress_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    zipped = tmp_path / "master.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(sample("index", "master.idx"), "master.idx")
    code, rows, _ = run_cli(capsys, str(zipped))
    assert (code, len(rows)) == (0, 20)
    compressed = tmp_path / "master.idx.Z"
    compressed.write_bytes(b"\x1f\x9d\x90" + b"x" * 20)
    code, rows, errors = run_cli(capsys, str(compressed))
    assert (code, rows) == (2, []) and "compress" in errors[0]
