"""`edgar-archive parse-filing FILE`: JSON on stdout and the documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.cli import main
from tests.edgar.builders import seed_submission
from tests.fixtures.samples import sample, seed_text


def _run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict | None, str]:
    code = main(["parse-filing", str(path)])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_seed_prints_the_contract_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "0000905148-04-002078.txt"
    path.write_bytes(seed_submission(seed_text()))
    code, out, _ = _run(path, capsys)
    assert code == 0
    assert out["accession"] == "0000905148-04-002078" and out["items"] == ["5", "7"]
    assert out["abs"]["depositor_name"] == "CWALT, INC." and out["abs"]["series"] == "2004-J4"
    assert [(r["exhibit"], r["se_date"], r["rule"]) for r in out["se_references"]] == [
        ("99.2", "2004-04-08", "311(j)")]
    assert out["errors"] == []


def test_output_is_indented_json_in_contract_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_submission(seed_text()))
    main(["parse-filing", str(path)])
    text = capsys.readouterr().out
    assert text.startswith('{\n  "accession": "0000905148-04-002078",\n  "form_type": "8-K",')


def test_real_nc_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(sample("submissions", "0000929638-25-000114.nc"), capsys)
    assert code == 0
    assert [f["role"] for f in out["filers"]] == ["FILER", "DEPOSITOR", "SECURITIZER", "ISSUING ENTITY"]
    assert [d["encoding"] for d in out["documents"]] == ["text", "text", "uuencoded"]


def test_problems_give_exit_3_and_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = seed_submission(seed_text())
    path = tmp_path / "cut.txt"
    path.write_bytes(data[: len(data) // 2])
    code, out, _ = _run(path, capsys)
    assert code == 3
    assert out["errors"] and any("truncated" in e for e in out["errors"])
    assert out["accession"] == "0000905148-04-002078"  # what could be read is still there


def test_file_named_by_accession_that_disagrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "0000000000-04-000001.txt"
    path.write_bytes(seed_submission(seed_text()))
    code, out, _ = _run(path, capsys)
    assert code == 3 and "differs from the expected 0000000000-04-000001" in out["errors"][0]


def test_unreadable_file_gives_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(tmp_path / "missing.txt", capsys)
    assert code == 2 and out is None and "cannot read" in err
