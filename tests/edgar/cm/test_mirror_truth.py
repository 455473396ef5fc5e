"""The parser against the synthetic mirror's truth: every Computational Materials document ``mirror synth`` writes
parses into exactly the ``cm_tables``, ``cm_values`` and ``cm_tranches`` rows of ``_truth/`` (the truth is
written from the generator's numbers, the rows are read from the printed text)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows
from crawler.mirror.synth_blocks import make_blocks
from crawler.mirror.synth_filings import SubmissionWriter
from crawler.mirror.synth_plan import Planner

from tests.fixtures.mirror import read_truth
from tests.mirror.cm_reading import Doc, documents

PROVENANCE = ("accession", "sequence", "exhibit", "kind_of_exhibit", "filed_date")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _parsed_rows(accession: str, sequence: int, doc: Doc) -> tuple[str, dict[str, list[dict]]]:
    parsed = parse_exhibit(doc.text, doc_type=doc.type, description=doc.description, filename=doc.filename)
    rows = exhibit_rows(parsed)
    out: dict[str, list[dict]] = {"cm_tables": [], "cm_values": [], "cm_tranches": []}
    for name, found in (("cm_tables", rows.tables), ("cm_values", rows.values), ("cm_tranches", rows.tranches)):
        for row in found:
            plain = {key: _plain(value) for key, value in row.items()}
            for pairs in ("facts", "texts"):
                if pairs in plain:
                    plain[pairs] = dict(plain[pairs])
            out[name].append({"accession": accession, "sequence": sequence, **plain})
    return parsed.kind_of_exhibit, out


def _truth_without_provenance(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in PROVENANCE or k in ("accession", "sequence")} for row in rows]


def check_parser_reads_the_truth(truth: dict[str, list[dict]], docs: dict[tuple[str, int], Doc]) -> None:
    kinds = {(row["accession"], row["sequence"]): row["kind_of_exhibit"] for row in truth["cm_tables"]}
    parsed: dict[str, list[dict]] = {"cm_tables": [], "cm_values": [], "cm_tranches": []}
    for (accession, sequence), kind in sorted(kinds.items()):
        found_kind, rows = _parsed_rows(accession, sequence, docs[(accession, sequence)])
        assert found_kind == kind, (accession, sequence)
        for name in parsed:
            parsed[name] += rows[name]
    for name, rows in parsed.items():
        expected = _truth_without_provenance(truth[name])
        assert len(rows) == len(expected), name
        for got, want in zip(rows, expected):
            assert {k: got.get(k) for k in want} == want, (name, want)


def test_the_parser_reads_the_small_mirror_as_its_truth(small_mirror: Path) -> None:
    truth = {name: read_truth(small_mirror, name) for name in ("cm_tables", "cm_values", "cm_tranches")}
    ciks = {row["accession"]: row["cik"] for row in read_truth(small_mirror, "filings")}
    docs = {}
    for accession in {row["accession"] for row in truth["cm_tables"]}:
        path = small_mirror / "Archives/edgar/data" / str(ciks[accession]) / f"{accession}.txt"
        for sequence, doc in documents(path.read_bytes().decode("latin-1")).items():
            docs[(accession, sequence)] = doc
    assert len(truth["cm_values"]) > 1000
    check_parser_reads_the_truth(truth, docs)


@pytest.mark.parametrize("seed", [3])
def test_the_parser_reads_a_larger_plan_as_its_truth(seed: int) -> None:
    plan = Planner(seed, date(2004, 7, 1), date(2005, 12, 31), 1500).build()
    writer = SubmissionWriter(seed, make_blocks(seed))
    truth: dict[str, list[dict]] = {"cm_tables": [], "cm_values": [], "cm_tranches": []}
    docs = {}
    for filing in sorted((f for f in plan.filings if f.kind == "cm"), key=lambda f: f.accession):
        for sequence, doc in documents(writer.filing_bytes(filing).decode("latin-1")).items():
            docs[(filing.accession, sequence)] = doc
        for name, chunk in zip(truth, filing.cm_truth):
            truth[name] += [json.loads(line) for line in chunk.splitlines()]
    assert len(truth["cm_tables"]) > 300
    check_parser_reads_the_truth(truth, docs)
