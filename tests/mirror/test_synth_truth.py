"""Ground truth against the files: submissions, index rows, Form SE records and references, submissions JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from tests.fixtures.mirror import read_truth
from tests.fixtures.samples import sample
from tests.mirror.synth_reading import EIGHT_K, header_value

ABS_WORDS = re.compile(r"TRUST|CERTIFICATE|SECURITIES|MORTGAGE|FUNDING|ACCEP|ASSET|LOAN|RECEIVABLE|DEPOSITOR|SERIES|ABS|NOTES", re.I)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def text_of(mirror: Path, cik: int, accession: str) -> str:
    return (mirror / "Archives/edgar/data" / str(cik) / f"{accession}.txt").read_bytes().decode("latin-1")


def long_date(iso: str) -> str:
    year, month, day = map(int, iso.split("-"))
    return f"{MONTHS[month - 1]} {day}, {year}"


def test_every_truth_filing_is_on_disk_under_each_filer(small_mirror: Path) -> None:
    for row in read_truth(small_mirror, "filings"):
        texts = {text_of(small_mirror, cik, row["accession"]) for cik in row["ciks"]}
        assert len(texts) == 1  # the same bytes under every filer CIK
        text = texts.pop()
        assert header_value(text, "ACCESSION NUMBER") == [row["accession"]]
        assert header_value(text, "CONFORMED SUBMISSION TYPE") == [row["form_type"]]
        assert header_value(text, "FILED AS OF DATE") == [row["filed_date"].replace("-", "")]
        assert [int(cik) for cik in header_value(text, "CENTRAL INDEX KEY")] == row["ciks"]
        assert row["cik"] == row["ciks"][0]


def test_index_8k_rows_and_truth_filings_are_the_same_accessions(small_mirror: Path) -> None:
    rows = read_truth(small_mirror, "index_rows")
    filings = {row["accession"]: row for row in read_truth(small_mirror, "filings")}
    eight_k = [row for row in rows if row["form_type"] in EIGHT_K]
    assert {row["accession"] for row in eight_k} == set(filings)
    for row in eight_k:
        assert row["cik"] in filings[row["accession"]]["ciks"]
    forms = Counter(row["form_type"] for row in rows)
    assert forms["8-K"] < len(rows) / 5  # other forms make up most of every index
    assert {"4", "10-Q", "424B5", "SC 13G/A", "SE", "10-D", "8-K/A", "8-K12B"} <= set(forms)


def test_summary_counts_are_the_truth_counts(small_mirror: Path) -> None:
    summary = json.loads((small_mirror / "_truth/summary.json").read_text())
    filings = read_truth(small_mirror, "filings")
    assert summary["filings_8k"] == len(filings) == 400
    assert summary["abs_8k"] == sum(row["is_abs"] for row in filings)
    assert summary["se_records"] == len(read_truth(small_mirror, "se_filings"))
    assert summary["index_rows"] == len(read_truth(small_mirror, "index_rows"))
    assert (summary["start"], summary["end"]) == ("2003-10-01", "2006-06-30")
    assert 0.3 < summary["abs_8k"] / summary["filings_8k"] < 0.6


def test_abs_roles_and_file_numbers(small_mirror: Path) -> None:
    roles = Counter()
    for row in read_truth(small_mirror, "filings"):
        roles[row["abs_role"]] += 1
        assert row["is_abs"] == (row["abs_role"] != "other") == (row["sic"] == 6189)
        if row["abs_role"] == "depositor":
            assert row["cik"] == row["depositor_cik"] and row["series"]
        if row["abs_role"] == "trust":
            assert row["trust_name"] == row["company_name"] and row["depositor_name"]
            text = text_of(small_mirror, row["cik"], row["accession"])
            assert re.fullmatch(r"333-\d{5,6}-\d{2}", header_value(text, "SEC FILE NUMBER")[0])
    assert roles["other"] > roles["depositor"] > 0 and roles["trust"] > 0


def test_submissions_json_for_every_cik_with_sic(small_mirror: Path) -> None:
    real = json.loads(sample("pages", "CIK0000320193.json").read_text())
    ciks = {row["cik"] for row in read_truth(small_mirror, "index_rows")}
    files = {int(p.stem[3:]) for p in (small_mirror / "submissions").glob("CIK*.json")}
    assert files == ciks
    sics: dict[int, str] = {}
    for row in read_truth(small_mirror, "filings"):
        entity = json.loads((small_mirror / f"submissions/CIK{row['cik']:010d}.json").read_text())
        assert set(entity) == set(real) and set(entity["filings"]["recent"]) == set(real["filings"]["recent"])
        assert row["accession"] in entity["filings"]["recent"]["accessionNumber"]
        sics[row["cik"]] = entity["sic"]
        assert (entity["sic"] == "6189") == row["is_abs"]
    names = {row["cik"]: row["company_name"] for row in read_truth(small_mirror, "filings")}
    hidden_abs = [name for cik, name in names.items() if sics[cik] == "6189" and not ABS_WORDS.search(name)]
    look_alikes = [name for cik, name in names.items() if sics[cik] in ("6162", "6022") and ABS_WORDS.search(name)]
    assert hidden_abs and look_alikes


def test_se_records_are_paper_header_only_submissions(small_mirror: Path) -> None:
    records = read_truth(small_mirror, "se_filings")
    rows = {(row["accession"], row["cik"]): row for row in read_truth(small_mirror, "index_rows")}
    assert records
    for record in records:
        assert record["accession"].startswith("9999999997-") and record["paper"] is True
        assert rows[(record["accession"], record["cik"])]["form_type"] == "SE"
        text = text_of(small_mirror, record["cik"], record["accession"])
        assert "<PAPER>" in text and "<DOCUMENT>" not in text
        assert header_value(text, "CONFORMED SUBMISSION TYPE") == ["SE"]
        assert header_value(text, "SEC FILE NUMBER") == [record["file_number"]]
        assert re.fullmatch(r"333-\d{6}", record["file_number"])
    assert any(not record["referenced"] for record in records)


def test_se_references_in_every_shape(small_mirror: Path) -> None:
    records = {record["accession"]: record for record in read_truth(small_mirror, "se_filings")}
    kinds: Counter[str] = Counter()
    for row in read_truth(small_mirror, "filings"):
        if not row["se_references"]:
            continue
        text = text_of(small_mirror, row["cik"], row["accession"])
        flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())  # HTML documents break lines with <P> tags
        for ref in row["se_references"]:
            target = ref["se_accession"]
            kinds[type(target).__name__] += 1
            targets = target if isinstance(target, list) else [target] if target else []
            assert all(records[t]["cik"] == row["depositor_cik"] for t in targets)
            if ref["style"] == "cover_dated":
                phrase = f"filed on Form SE dated {long_date(ref['se_date'])}, pursuant to Rule {ref['rule']}"
                assert phrase in flat and all(records[t]["filed_date"] == ref["se_date"] for t in targets)
            elif ref["style"] == "to_be_filed":
                assert f"<TEXT>\nComputational Materials (P) [To be filed on Form SE pursuant to Rule {ref['rule']}]\n</TEXT>" in text
                assert all(records[t]["filed_date"] > row["filed_date"] for t in targets)
            else:
                assert "<TEXT>\nComputational Materials (P) [Filed on Form SE]\n</TEXT>" in text
                assert all(records[t]["filed_date"] <= row["filed_date"] for t in targets)
            assert re.search(rf"{re.escape(ref['exhibit'])}\s+Computational Materials", text)
    assert kinds["str"] and kinds["NoneType"] and kinds["list"]


def test_ambiguous_truth_means_several_ses_by_one_depositor_on_one_day(small_mirror: Path) -> None:
    records = {record["accession"]: record for record in read_truth(small_mirror, "se_filings")}
    lists = [ref["se_accession"] for row in read_truth(small_mirror, "filings") for ref in row["se_references"]
             if isinstance(ref["se_accession"], list)]  # fmt: skip
    assert lists
    for accessions in lists:
        assert len({(records[a]["cik"], records[a]["filed_date"]) for a in accessions}) == 1 < len(accessions)


def test_the_seed_like_cwalt_case(small_mirror: Path) -> None:
    seed = [row for row in read_truth(small_mirror, "filings") if row["cik"] == 1269518 and row["series"] == "2004-J4"
            and row["abs_role"] == "depositor"]  # fmt: skip
    assert len(seed) == 1
    row = seed[0]
    assert (row["period_of_report"], row["items"], row["form_type"]) == ("2004-04-06", ["5", "7"], "8-K")
    (ref,) = row["se_references"]
    assert (ref["exhibit"], ref["se_date"], ref["rule"]) == ("99.2", "2004-04-08", "311(j)")
    record = {r["accession"]: r for r in read_truth(small_mirror, "se_filings")}[ref["se_accession"]]
    assert (record["cik"], record["filed_date"]) == (1269518, "2004-04-08")
    text = text_of(small_mirror, 1269518, row["accession"])
    assert "as depositor under the Pooling" in text and "Series 2004-J4" in " ".join(text.split())
    assert re.search(r"Form SE dated\s*\n\s*April 8, 2004|Form SE dated April 8,\s*\n\s*2004", text)  # wrapped
