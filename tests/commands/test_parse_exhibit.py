"""`edgar-archive parse-exhibit FILE` and the CM keys `parse-filing` adds to each document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.cli import main
from tests.edgar.builders import document, seed_submission
from tests.edgar.cm.exhibits import DEAL_SUMMARY, INTEX_PRICE_YIELD
from tests.fixtures.samples import sample, seed_text


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict | None, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_prints_the_contract_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ex991.txt"
    path.write_bytes(INTEX_PRICE_YIELD.replace("\n", "\r\n").encode("latin-1"))
    code, out, _ = _run(["parse-exhibit", str(path)], capsys)
    assert code == 0 and out["kind_of_exhibit"] == "computational_materials" and out["warnings"] == []
    (table,) = out["tables"]
    assert {k: table[k] for k in ("table_no", "kind", "title", "deal", "class")} == {
        "table_no": 1, "kind": "price_yield", "title": "CWALT0512_2A - Price/Yield - 2A4", "deal": "CWALT0512_2A",
        "class": "2A4"}
    assert table["facts"]["WAC(1)"] == "5.934" and table["scenarios"] == ["50 PPC", "100 PPC", "150 PPC", "200 PPC"]
    assert table["rows"][0] == {"label": "99-24+", "values": ["5.531", "5.538", "5.545", "5.551"], "warnings": []}
    assert out["tranches"] == []


def test_tranches_and_a_real_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "summary.txt"
    path.write_text(DEAL_SUMMARY, encoding="latin-1")
    code, out, _ = _run(["parse-exhibit", str(path)], capsys)
    assert code == 0 and [t["class"] for t in out["tranches"]] == ["A1", "A2", "B"]
    assert out["tranches"][0] == {"table_no": 1, "class": "A1", "description": None, "rating": "AAA",
                                  "balance": "120,000,000.00", "coupon": "5.5", "principal_window": "04/05 - 11/20",
                                  "avg_life": "3.35", "dated": "01-Mar-05", "notes": "FIX            (sequential)"}
    code, out, _ = _run(["parse-exhibit", str(sample("comp-materials", "cwalt-2005-34cb-efc5-1659-ex991.txt"))], capsys)
    assert code == 0 and out["tables"][0]["rows"][1]["values"][0] == "5.487"


def test_type_option_and_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(INTEX_PRICE_YIELD)
    code, out, _ = _run(["parse-exhibit", "--type", "8-K", str(path)], capsys)
    assert code == 0 and out == {"kind_of_exhibit": "other", "tables": [], "tranches": [], "warnings": []}
    code, out, err = _run(["parse-exhibit", str(tmp_path / "missing.txt")], capsys)
    assert code == 2 and out is None and "cannot read" in err


def test_parse_filing_adds_tables_to_cm_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "0000905148-04-002078.txt"
    extra = document("EX-99.3", 3, INTEX_PRICE_YIELD.encode("latin-1"), "ex993.txt", "COMPUTATIONAL MATERIALS")
    path.write_bytes(seed_submission(seed_text(), extra))
    code, out, _ = _run(["parse-filing", str(path)], capsys)
    assert code == 0
    kinds = [(d["sequence"], d["kind_of_exhibit"], len(d.get("tables", [])), "tables" in d) for d in out["documents"]]
    assert kinds == [(1, "other", 0, False), (2, "computational_materials", 0, True),
                     (3, "computational_materials", 1, True)]
    assert out["documents"][2]["tables"][0]["class"] == "2A4" and out["documents"][2]["tranches"] == []


def test_parse_filing_reads_no_tables_from_binaries(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["parse-filing", str(sample("submissions", "0000929638-25-000114.nc"))], capsys)
    assert code == 0
    assert [(d["encoding"], d["kind_of_exhibit"], "tables" in d) for d in out["documents"]] == [
        ("text", "other", False), ("text", "other", False), ("uuencoded", "other", False)]
