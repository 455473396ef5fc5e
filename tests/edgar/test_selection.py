"""Candidate selection: accessions merged across CIKs, registry before name, lookups once, skip reasons."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.edgar.depositors import SEED_DEPOSITORS
from crawler.edgar.index import IndexEntry, MalformedLine, iter_index_bytes
from crawler.edgar.selection import (
    CikVerdict,
    MemoryAbsRegistry,
    name_verdict,
    resolve_undecided,
    select_candidates,
)
from tests.fixtures.samples import sample

DAY = date(2004, 10, 15)


def row(form: str, name: str, cik: int, accession: str, day: date = DAY) -> IndexEntry:
    return IndexEntry(form, name, cik, day, f"edgar/data/{cik}/{accession}.txt")


def test_one_candidate_per_accession_with_every_filer() -> None:
    acc = "0000905148-04-004513"
    rows = [
        row("8-K", "CWABS Revolving Home Equity Loan Trust, Series 2004-M", 1304811, acc),
        row("10-Q", "ACME INC", 5, "0000000005-04-000001"),
        row("8-K", "CWABS INC", 1021913, acc),
        row("8-K", "CWABS INC", 1021913, acc),  # the same row twice
    ]
    selection = select_candidates(rows, MemoryAbsRegistry())
    [candidate] = selection.candidates
    assert candidate.accession == acc and candidate.kind == "8-K" and candidate.form_type == "8-K"
    assert [(f.cik, f.company_name) for f in candidate.filers] == [
        (1021913, "CWABS INC"),
        (1304811, "CWABS Revolving Home Equity Loan Trust, Series 2004-M"),
    ]
    assert candidate.path == f"Archives/edgar/data/1021913/{acc}.txt"  # the first ABS filer (a seeded depositor)
    assert candidate.reason == "seed:1021913"
    assert selection.skipped == {"form": 1, "duplicate_row": 1}


def test_registry_wins_over_the_name() -> None:
    registry = MemoryAbsRegistry()
    registry.record(700, sic=6022, name="Lookalike Mortgage Loan Trust 2004-1", source="header")
    registry.record(800, sic=6189, name="PLAIN NAME INC", source="header")
    rows = [
        row("8-K", "Lookalike Mortgage Loan Trust 2004-1", 700, "0000000700-04-000001"),
        row("8-K", "PLAIN NAME INC", 800, "0000000800-04-000001"),
    ]
    selection = select_candidates(rows, registry)
    assert [c.accession for c in selection.candidates] == ["0000000800-04-000001"]
    assert selection.candidates[0].reason == "registry:800"
    assert selection.skipped == {"known_not_abs": 1}
    assert selection.decisions["0000000700-04-000001"] == "known_not_abs"


def test_any_abs_filer_takes_the_accession_and_fixes_the_path() -> None:
    registry = MemoryAbsRegistry()
    registry.record(100, sic=6022, name="BIG BANK", source="header")
    rows = [row("8-K", "BIG BANK", 100, "0000000100-04-000009"), row("8-K", "Owner Trust 2004-B", 2000, "0000000100-04-000009")]
    [candidate] = select_candidates(rows, registry).candidates
    assert candidate.path == "Archives/edgar/data/2000/0000000100-04-000009.txt"
    assert [f.cik for f in candidate.filers] == [100, 2000]


def test_lookups_are_listed_once_and_undecided_resolve_after_recording() -> None:
    rows = [
        row("8-K", "Acme Mortgage Corp", 300, "0000000300-04-000001"),
        row("8-K/A", "Acme Mortgage Corp", 300, "0000000300-04-000002"),
        row("8-K", "Zenith Capital Corp", 400, "0000000400-04-000001"),
        row("8-K", "Nimbus Funding LLC", 500, "0000000500-04-000001"),
        row("8-K", "HENRY SCHEIN INC", 600, "0000000600-04-000001"),
    ]
    registry = MemoryAbsRegistry()
    selection = select_candidates(rows, registry)
    assert selection.candidates == []
    assert selection.lookup_ciks == [300, 400, 500]
    assert [c.accession for c in selection.undecided] == [r.accession for r in rows[:4]]
    assert selection.skipped == {"name_not_abs": 1}
    registry.record(300, sic=6189, name="ACME MORTGAGE CORP", source="submissions")
    registry.record(400, sic=6798, name="ZENITH CAPITAL CORP", source="submissions")
    taken, rejected = resolve_undecided(selection.undecided, registry)
    assert [(c.accession, c.reason) for c in taken] == [
        ("0000000300-04-000001", "lookup:300"),
        ("0000000300-04-000002", "lookup:300"),
        ("0000000500-04-000001", "unresolved_lookup"),  # no answer for 500: the header will decide
    ]
    assert taken[0].path == "Archives/edgar/data/300/0000000300-04-000001.txt"
    assert [c.accession for c in rejected] == ["0000000400-04-000001"]


def test_forms_dates_and_malformed_lines() -> None:
    bad = MalformedLine(12, "junk", "too_few_columns")
    rows = [
        row("SE", "CWALT INC", 1269518, "9999999997-04-000001"),
        row("8-K12G3/A", "Home Equity Loan Trust 2004-1", 900, "0000000900-04-000001"),
        row("8-K", "Home Equity Loan Trust 2004-1", 900, "0000000900-04-000002", date(2004, 12, 1)),
        row("10-D", "Home Equity Loan Trust 2004-1", 900, "0000000900-04-000003"),
        bad,
    ]
    selection = select_candidates(rows, MemoryAbsRegistry(), start=date(2004, 10, 1), end=date(2004, 10, 31))
    assert [(c.accession, c.kind) for c in selection.candidates] == [("9999999997-04-000001", "SE"), ("0000000900-04-000001", "8-K")]
    assert selection.skipped == {"out_of_range": 1, "form": 1}
    assert selection.malformed == [bad]


def test_registry_protocol_values_from_another_enum_are_accepted() -> None:
    class OtherVerdict:  # the store's registry returns its own enum with the same values
        def __init__(self, value: str) -> None:
            self.value = value

    class StoreLike:
        def verdict(self, cik: int) -> OtherVerdict:
            return OtherVerdict("abs" if cik == 42 else "unknown")

        def record(self, cik: int, *, sic: int | None, name: str, source: str) -> None: ...

    selection = select_candidates([row("8-K", "PLAIN INC", 42, "0000000042-04-000001")], StoreLike())  # type: ignore[arg-type]
    assert selection.candidates[0].reason == "registry:42"


def test_memory_registry_keeps_a_known_sic() -> None:
    registry = MemoryAbsRegistry()
    assert registry.verdict(777) is CikVerdict.UNKNOWN
    registry.record(777, sic=6189, name="X", source="header")
    registry.record(777, sic=None, name="X", source="index")
    assert registry.verdict(777) is CikVerdict.ABS
    assert registry.verdict(1269518) is CikVerdict.ABS  # seeded depositor


def test_seed_table() -> None:
    ciks = {d.cik for d in SEED_DEPOSITORS}
    assert {1269518, 906410, 1021913, 808851, 762153, 1099391, 774352, 809940, 807641, 1081915, 1317069} <= ciks
    assert 1278123 not in ciks  # CWT is not a depositor
    assert len(ciks) == len(SEED_DEPOSITORS)


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("CWABS Revolving Home Equity Loan Trust, Series 2004-M", CikVerdict.ABS),
        ("HOMESTAR MORTGAGE ACCEP CORP ASST BACK CERTS SER 2004-3", CikVerdict.ABS),
        ("Alternative Loan Trust 2007-J1", CikVerdict.ABS),
        ("WaMu Mortgage Pass-Through Certificates Series 2005-AR17", CikVerdict.ABS),
        ("BMW Vehicle Lease Trust 2017-2", CikVerdict.ABS),
        ("Chase Issuance Trust", CikVerdict.ABS),
        ("CWALT, INC.", CikVerdict.ABS),
        ("J.P. Morgan Chase Commercial Mortgage Securities Trust 2014-", CikVerdict.ABS),
        ("Morgan Stanley Capital I Inc", CikVerdict.UNKNOWN),
        ("Acme Mortgage Corp", CikVerdict.UNKNOWN),
        ("First National Funding LLC", CikVerdict.UNKNOWN),
        ("Discover Bank", CikVerdict.UNKNOWN),
        ("Structured Asset Securities Corp", CikVerdict.UNKNOWN),
        ("APPLE INC", CikVerdict.NOT_ABS),
        ("HENRY SCHEIN INC", CikVerdict.NOT_ABS),
        ("ARBOR REALTY TRUST INC", CikVerdict.NOT_ABS),
        ("5E Advanced Materials, Inc.", CikVerdict.NOT_ABS),
    ],
)
def test_name_verdict(name: str, verdict: CikVerdict) -> None:
    assert name_verdict(name) is verdict


def test_real_daily_master_index_selects_the_student_loan_trust_8ks() -> None:
    data = sample("index", "master.20181231.idx").read_bytes()
    lines = [line.split("|") for line in data.decode("latin-1").splitlines() if line.count("|") == 4]
    trust_8ks = sorted(f[4].rsplit("/", 1)[1][:-4] for f in lines if f[2] == "8-K" and "Student Loan Trust" in f[1])
    assert len(trust_8ks) == 3
    selection = select_candidates(iter_index_bytes(data), MemoryAbsRegistry())
    assert sorted(c.accession for c in selection.candidates) == trust_8ks
    eight_k = [f for f in lines[1:] if f[2] in {"8-K", "8-K/A"}]
    accessions = {f[4].rsplit("/", 1)[1][:-4] for f in eight_k}
    assert set(selection.decisions) == accessions
    not_abs = ("name_not_abs", "operating_filer")
    assert len(selection.candidates) + len(selection.undecided) + sum(
        1 for reason in selection.decisions.values() if reason in not_abs
    ) == len(accessions)
    assert sum(selection.skipped[reason] for reason in not_abs) + sum(
        1 for f in eight_k if selection.decisions[f[4].rsplit("/", 1)[1][:-4]] not in not_abs
    ) == len(eight_k)


def test_real_daily_index_settles_open_names_of_operating_companies_without_lookups() -> None:
    data = sample("index", "master.20181231.idx").read_bytes()
    lines = [line.split("|") for line in data.decode("latin-1").splitlines() if line.count("|") == 4][1:]
    section_16_or_proxy = {f[0] for f in lines if f[2] in {"3", "4", "5", "4/A", "DEF 14A", "DEFA14A", "DEF 14C", "S-8"}}
    open_8k_filers = {f[0] for f in lines if f[2].startswith("8-K") and name_verdict(f[1]) is CikVerdict.UNKNOWN}
    expected = {int(cik) for cik in open_8k_filers & section_16_or_proxy}
    assert expected  # the sample holds such filers: the test would prove nothing otherwise
    selection = select_candidates(iter_index_bytes(data), MemoryAbsRegistry())
    assert selection.operating_ciks == expected
    assert expected.isdisjoint(selection.lookup_ciks)
    assert set(selection.lookup_ciks) == {int(cik) for cik in open_8k_filers} - expected


def test_forms_only_operating_companies_file_settle_an_open_name() -> None:
    rows = [
        row("8-K", "Zenith Capital Corp", 400, "0000000400-04-000001"),
        row("4", "Zenith Capital Corp", 400, "0000000999-04-000001", date(2004, 12, 20)),  # out of range: still evidence
        row("4", "SMITH JOHN A", 999, "0000000999-04-000001", date(2004, 12, 20)),
        row("8-K", "Nimbus Funding LLC", 500, "0000000500-04-000001"),
        row("10-Q", "Nimbus Funding LLC", 500, "0000000500-04-000002"),  # some ABS trusts filed 10-Qs: no evidence
        row("8-K", "Harbor Mortgage Loan Trust 2004-1", 600, "0000000600-04-000001"),
        row("DEF 14A", "Harbor Mortgage Loan Trust 2004-1", 600, "0000000600-04-000002"),  # an ABS name wins
        row("8-K", "CWALT INC", 1269518, "0000000700-04-000001"),
        row("S-8", "CWALT INC", 1269518, "0000000700-04-000002"),  # a seeded depositor wins
    ]
    selection = select_candidates(rows, MemoryAbsRegistry(), start=date(2004, 10, 1), end=date(2004, 10, 31))
    assert selection.operating_ciks == {400}
    assert selection.lookup_ciks == [500]
    assert selection.decisions["0000000400-04-000001"] == "operating_filer"
    assert selection.skipped["operating_filer"] == 1
    assert [c.accession for c in selection.candidates] == ["0000000600-04-000001", "0000000700-04-000001"]


def test_an_accession_with_a_settled_and_an_open_filer_waits_for_the_lookup_only() -> None:
    acc = "0000000800-04-000001"
    rows = [
        row("8-K", "Zenith Capital Corp", 400, acc),
        row("8-K", "Nimbus Funding LLC", 500, acc),
        row(" 4 ", "Zenith Capital Corp", 400, "0000000999-04-000001"),
    ]
    registry = MemoryAbsRegistry()
    selection = select_candidates(rows, registry)
    assert selection.lookup_ciks == [500] and selection.operating_ciks == {400}
    registry.record(500, sic=6022, name="NIMBUS FUNDING LLC", source="submissions")
    # without the evidence kept in the registry, 400 is still open and the header would have to decide
    taken, _ = resolve_undecided(selection.undecided, registry)
    assert [(c.accession, c.reason) for c in taken] == [(acc, "unresolved_lookup")]
    registry.mark_operating(selection.operating_ciks)
    taken, rejected = resolve_undecided(selection.undecided, registry)
    assert (taken, [c.accession for c in rejected]) == ([], [acc])


def test_evidence_kept_in_the_registry_settles_later_indexes_without_it() -> None:
    registry = MemoryAbsRegistry()
    first_day = [row("8-K", "Zenith Capital Corp", 400, "0000000400-04-000001"),
                 row("4", "Zenith Capital Corp", 400, "0000000999-04-000001")]
    registry.mark_operating(select_candidates(first_day, registry).operating_ciks)
    next_day = [row("8-K", "Zenith Capital Corp", 400, "0000000400-04-000002", date(2004, 10, 18)),
                row("8-K", "Harbor Mortgage Loan Trust 2004-1", 400, "0000000400-04-000003", date(2004, 10, 18))]
    selection = select_candidates(next_day, registry)
    assert selection.lookup_ciks == []
    assert selection.decisions["0000000400-04-000002"] == "operating_filer"
    assert selection.decisions["0000000400-04-000003"] == "name:400"  # a name that reads ABS still wins
    registry.record(400, sic=6189, name="ZENITH CAPITAL CORP", source="header")  # and a known SIC wins over both
    assert select_candidates(next_day, registry).decisions["0000000400-04-000002"] == "registry:400"
