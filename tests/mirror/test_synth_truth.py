"""Ground truth against the files: submissions, index rows, Form SE records and references, submissions JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

from crawler.edgar.calendar import business_days

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


def _fits(filing: dict, reference: dict, record: dict) -> bool:
    """What the 8-K and the SE record show allows this SE (the rule of synth_se_truth, read independently):
    same depositor and file number; dated D -> filed on D; "to be filed" -> 1..4 business days after the
    8-K; "filed on Form SE" -> 0..3 business days before it."""
    if record["cik"] != filing["depositor_cik"] or record["file_number"] != reference["file_number"]:
        return False
    if reference["style"] == "cover_dated":
        return record["filed_date"] == reference["se_date"]
    low, high = sorted((date.fromisoformat(filing["filed_date"]), date.fromisoformat(record["filed_date"])))
    lag = sum(1 for day in business_days(low, high) if day != low)
    if reference["style"] == "to_be_filed":
        return record["filed_date"] > filing["filed_date"] and 1 <= lag <= 4
    return record["filed_date"] <= filing["filed_date"] and lag <= 3


def _answers_of_best_explanations(edges: dict[str, list[str]]) -> dict[str, set[str | None]]:
    """Brute force over every matching of references to compatible SEs (each SE used once): the answers
    each reference gets in the matchings that explain the most references."""
    keys = sorted(edges)
    best_size, answers = -1, {key: set() for key in keys}

    def walk(index: int, used: frozenset[str], chosen: tuple[str | None, ...]) -> None:
        nonlocal best_size
        if index == len(keys):
            size = sum(answer is not None for answer in chosen)
            if size > best_size:
                best_size = size
                for key in keys:
                    answers[key] = set()
            if size == best_size:
                for key, answer in zip(keys, chosen):
                    answers[key].add(answer)
            return
        for option in [None, *edges[keys[index]]]:
            if option is None or option not in used:
                walk(index + 1, used | ({option} if option else set()), (*chosen, option))

    walk(0, frozenset(), ())
    return answers


def _components(edges: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """References joined by a shared compatible SE."""
    groups: list[tuple[set[str], dict[str, list[str]]]] = []
    for key, ses in edges.items():
        joined = [group for group in groups if group[0] & set(ses)]
        merged: tuple[set[str], dict[str, list[str]]] = (set(ses), {key: ses})
        for group in joined:
            groups.remove(group)
            merged[0].update(group[0])
            merged[1].update(group[1])
        groups.append(merged)
    return [group[1] for group in groups]


def check_se_truth(filings: list[dict], records: list[dict]) -> Counter[str]:
    refs = {f"{row['accession']}#{ref['exhibit']}": (row, ref) for row in filings for ref in row["se_references"]}
    edges = {key: sorted(r["accession"] for r in records if _fits(row, ref, r)) for key, (row, ref) in refs.items()}
    answers: dict[str, set[str | None]] = {}
    for component in _components({k: v for k, v in edges.items() if v}):
        answers.update(_answers_of_best_explanations(component))
    kinds: Counter[str] = Counter()
    for key, (_, ref) in refs.items():
        truth, seen = ref["se_accession"], answers.get(key, {None})
        if isinstance(truth, list):  # ambiguous: the best explanations disagree on this reference
            kinds["ambiguous"] += 1
            assert len(seen) > 1 and set(truth) >= {a for a in seen if a is not None}, (key, seen, truth)
        else:  # determinate: one answer, the fact, or else the coincidental SE the truth names
            kinds["one" if truth else "none"] += 1
            kinds["coincidental"] += ref["coincidental"] is not None
            assert seen == {ref["coincidental"] or truth}, (key, seen, truth)
    return kinds


def test_se_truth_follows_the_observable_rule(small_mirror: Path) -> None:
    kinds = check_se_truth(read_truth(small_mirror, "filings"), read_truth(small_mirror, "se_filings"))
    assert kinds["one"] and kinds["none"] and kinds["ambiguous"], kinds


def test_se_truth_rule_on_larger_plans() -> None:
    from crawler.mirror.synth_plan import Planner
    from crawler.mirror.synth_truth import filing_truth, se_truth

    kinds: Counter[str] = Counter()
    for seed in (1, 2):  # the truth rows as the writer makes them, without writing the files
        plan = Planner(seed, date(2003, 1, 1), date(2005, 12, 31), 8000).build()
        filings = [filing_truth(filing) for filing in plan.filings if filing.se_refs]
        kinds += check_se_truth(filings, [se_truth(record, set()) for record in plan.se_records])
    assert kinds["ambiguous"] >= 10 and kinds["one"] >= 100, kinds


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
