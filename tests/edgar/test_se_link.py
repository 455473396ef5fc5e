"""Form SE linkage: every status, every kind of evidence, assignment, order independence.

Expected links are worked out by hand from the inputs (which SE the 8-K's own statements point
to), never taken from the linker's output.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.se_link import (
    DEFAULT_WINDOW_DAYS,
    LinkDecision,
    ReferenceContext,
    SeRecord,
    decision_changed,
    link_references,
)

CWALT = 1269518
TRUST = 1304811
SEED_8K = "0000905148-04-002078"
OTHER_8K = "0000905148-04-002079"
SE_A = "9999999997-04-012345"
SE_B = "9999999997-04-012346"
APR = lambda day: date(2004, 4, day)  # noqa: E731


def ref(**changes: object) -> ReferenceContext:
    """The seed's reference: exhibit 99.2 'filed on Form SE dated April 8, 2004', Rule 311(j)."""
    base = ReferenceContext(
        accession=SEED_8K, exhibit="99.2", se_date=APR(8), rule="311(j)", timing="filed",
        filer_ciks=(CWALT,), depositor_ciks=(CWALT,), file_numbers=("333-110343",), series="2004-J4",
        filed_date=APR(9), period_of_report=APR(6),
    )
    return replace(base, **changes)


def se(accession: str = SE_A, **changes: object) -> SeRecord:
    base = SeRecord(accession=accession, ciks=(CWALT,), filed_date=APR(8), company_name="CWALT INC")
    return replace(base, **changes)


def only(decisions: list[LinkDecision], accession: str = SEED_8K, exhibit: str | None = "99.2") -> LinkDecision:
    found = [d for d in decisions if (d.accession, d.exhibit) == (accession, exhibit)]
    assert len(found) == 1
    return found[0]


def test_seed_like_case_links_with_cik_date_and_file_number_evidence() -> None:
    decision = only(link_references([ref()], [se(file_numbers=("333-110343",))], as_of=APR(12)))
    assert decision.status == "linked"
    assert decision.se_accession == SE_A
    assert decision.candidates == (SE_A,)
    assert "CIK 1269518" in decision.evidence
    assert "2004-04-08 = stated date" in decision.evidence
    assert "333-110343" in decision.evidence
    assert decision.confidence >= 0.8


def test_pending_until_window_closes_then_unresolved() -> None:
    deadline = APR(8) + timedelta(days=DEFAULT_WINDOW_DAYS)  # stated date + window
    pending = only(link_references([ref()], [], as_of=deadline))
    unresolved = only(link_references([ref()], [], as_of=deadline + timedelta(days=1)))
    assert (pending.status, pending.se_accession, pending.candidates, pending.confidence) == ("pending", None, (), 0.0)
    assert str(deadline) in pending.evidence
    assert unresolved.status == "unresolved" and unresolved.se_accession is None
    undated = only(link_references([ref(se_date=None)], [], as_of=APR(9) + timedelta(days=DEFAULT_WINDOW_DAYS + 1)))
    assert undated.status == "unresolved"  # the anchor is then the 8-K's filing date


def test_record_outside_window_is_not_a_candidate() -> None:
    far = se(filed_date=APR(8) + timedelta(days=DEFAULT_WINDOW_DAYS + 1), file_numbers=("333-110343",))
    decision = only(link_references([ref()], [far], as_of=APR(10)))
    assert decision.status == "pending"
    assert SE_A not in decision.evidence


def test_other_depositor_is_never_a_candidate() -> None:
    stranger = se(ciks=(906410,), file_numbers=("333-999999",))
    assert only(link_references([ref()], [stranger], as_of=APR(10))).status == "pending"


def test_two_indistinguishable_8ks_and_two_ses_same_day_are_ambiguous_for_both() -> None:
    refs = [ref(series=None), ref(accession=OTHER_8K, exhibit="99.1", series=None)]
    decisions = link_references(refs, [se(SE_A), se(SE_B)], as_of=APR(12))
    for decision in decisions:
        assert decision.status == "ambiguous"
        assert decision.se_accession is None
        assert decision.candidates == (SE_A, SE_B)
        assert 0 < decision.confidence <= 0.5
    assert len(decisions) == 2


def test_file_numbers_tell_them_apart() -> None:
    refs = [ref(series=None), ref(accession=OTHER_8K, exhibit="99.1", series=None, file_numbers=("333-109272",))]
    records = [se(SE_A, file_numbers=("333-109272",)), se(SE_B, file_numbers=("333-110343",))]
    decisions = link_references(refs, records, as_of=APR(12))
    assert only(decisions).se_accession == SE_B
    assert only(decisions, OTHER_8K, "99.1").se_accession == SE_A
    assert {d.status for d in decisions} == {"linked"}
    assert "same file number 333-109272" in only(decisions, OTHER_8K, "99.1").evidence


def test_one_se_claimed_equally_by_two_8ks_is_ambiguous_not_shared() -> None:
    refs = [ref(series=None), ref(accession=OTHER_8K, exhibit="99.1", series=None)]
    decisions = link_references(refs, [se(SE_A)], as_of=APR(12))
    assert [(d.status, d.se_accession, d.candidates) for d in decisions] == [("ambiguous", None, (SE_A,))] * 2


def test_stronger_claim_wins_and_the_other_reference_waits() -> None:
    refs = [ref(), ref(accession=OTHER_8K, exhibit="99.1", file_numbers=())]
    decisions = link_references(refs, [se(SE_A, file_numbers=("333-110343",))], as_of=APR(12))
    assert (only(decisions).status, only(decisions).se_accession) == ("linked", SE_A)
    loser = only(decisions, OTHER_8K, "99.1")
    assert loser.status == "pending" and loser.se_accession is None
    assert SE_A in loser.evidence


def test_trust_filed_8k_links_to_depositor_se_through_shelf_prefix() -> None:
    trust_ref = ref(filer_ciks=(TRUST,), depositor_ciks=(), file_numbers=("333-110343-12",))
    decision = only(link_references([trust_ref], [se(file_numbers=("333-110343",))], as_of=APR(12)))
    assert (decision.status, decision.se_accession) == ("linked", SE_A)
    assert "shelf 333-110343 matches 333-110343-12" in decision.evidence
    other_trust = se(file_numbers=("333-110343-13",))  # another deal on the same shelf
    assert only(link_references([trust_ref], [other_trust], as_of=APR(12))).status == "pending"
    no_numbers = se(file_numbers=())
    assert only(link_references([trust_ref], [no_numbers], as_of=APR(12))).status == "pending"


def test_to_be_filed_prefers_the_se_after_the_8k() -> None:
    to_be_filed = ref(se_date=None, timing="to_be_filed", filed_date=APR(6))
    records = [se(SE_A, filed_date=APR(5)), se(SE_B, filed_date=APR(7))]
    decision = only(link_references([to_be_filed], records, as_of=APR(12)))
    assert (decision.status, decision.se_accession) == ("linked", SE_B)
    assert "to be filed" in decision.evidence


def test_filed_prefers_the_se_before_the_8k() -> None:
    filed = ref(se_date=None, timing="filed", filed_date=APR(12))
    records = [se(SE_A, filed_date=APR(8)), se(SE_B, filed_date=APR(16))]
    decision = only(link_references([filed], records, as_of=APR(20)))
    assert (decision.status, decision.se_accession) == ("linked", SE_A)


def test_to_be_filed_se_before_the_8k_is_rejected_with_evidence() -> None:
    to_be_filed = ref(se_date=None, timing="to_be_filed", filed_date=APR(12), file_numbers=())
    decision = only(link_references([to_be_filed], [se(filed_date=APR(7))], as_of=date(2004, 6, 1)))
    assert decision.status == "unresolved"
    assert decision.candidates == ()
    assert "rejected" in decision.evidence and SE_A in decision.evidence


def test_a_rejected_se_states_each_fact_once() -> None:
    stated = ref(filed_date=APR(13))  # "dated April 8", same file number as the SE
    early = only(link_references([stated], [se(SE_A, filed_date=APR(7))], as_of=APR(14)))
    rejection = early.evidence.split(f"{SE_A} rejected (", 1)[1]
    phrases = rejection.rstrip(")").replace("contradicts: ", "").replace("other evidence: ", "").split("; ")
    assert rejection.startswith("contradicts: ") and "other evidence: " in rejection
    assert len(phrases) == len(set(phrases)) >= 2, phrases


def test_stated_date_beats_closeness_to_the_8k() -> None:
    records = [se(SE_A, filed_date=APR(9)), se(SE_B, filed_date=APR(8))]
    decision = only(link_references([ref(file_numbers=())], records, as_of=APR(12)))
    assert (decision.status, decision.se_accession) == ("linked", SE_B)


def test_undated_reference_does_not_prefer_the_nearer_day_within_the_spread() -> None:
    # "Filed on Form SE", no date: the four business days ending on the 8-K's day (Friday April 9:
    # April 6..9) are equally plausible; Monday April 5 is outside that spread.
    undated = ref(se_date=None, timing="filed", file_numbers=(), period_of_report=None)
    for farther, expected in ((APR(8), "ambiguous"), (APR(7), "ambiguous"), (APR(6), "ambiguous"), (APR(5), "linked")):
        records = [se(SE_A, filed_date=APR(9)), se(SE_B, filed_date=farther)]
        decision = only(link_references([undated], records, as_of=APR(12)))
        assert decision.status == expected, farther
        assert decision.candidates == ((SE_A, SE_B) if expected == "ambiguous" else (SE_A,))
    alone = only(link_references([undated], [se(SE_B, filed_date=APR(5))], as_of=date(2004, 6, 1)))
    assert alone.status == "unresolved" and "outside the usual spread" in alone.evidence
    # "To be filed": the four business days after the 8-K (April 12..15); Friday April 16 is outside.
    later = ref(se_date=None, timing="to_be_filed", file_numbers=(), period_of_report=None)
    for farther, expected in ((APR(13), "ambiguous"), (APR(15), "ambiguous"), (APR(16), "linked")):
        records = [se(SE_A, filed_date=APR(12)), se(SE_B, filed_date=farther)]
        assert only(link_references([later], records, as_of=APR(20))).status == expected, farther


def test_stated_date_is_exact_a_day_late_is_weak_and_earlier_contradicts() -> None:
    stated = ref(file_numbers=(), filed_date=APR(13))  # "dated April 8"; the 8-K itself filed April 13
    late = only(link_references([stated], [se(SE_A, filed_date=APR(9))], as_of=APR(14)))
    assert (late.status, late.se_accession) == ("linked", SE_A)
    assert "1 business day after the stated 2004-04-08" in late.evidence
    early = only(link_references([stated], [se(SE_A, filed_date=APR(7))], as_of=APR(14)))
    assert early.status == "pending" and "contradicts" in early.evidence
    both = only(link_references([stated], [se(SE_A, filed_date=APR(9)), se(SE_B)], as_of=APR(14)))
    assert (both.status, both.se_accession) == ("linked", SE_B)


def test_assignment_is_joint_not_first_come() -> None:
    # OTHER_8K states April 9 firmly; the undated seed reference, alone ambiguous between the
    # April 8 and April 9 SEs, gets the April 8 one.
    undated = ref(se_date=None, file_numbers=(), period_of_report=None)
    stated = ref(accession=OTHER_8K, exhibit="99.1", se_date=APR(9), file_numbers=(), period_of_report=None)
    records = [se(SE_A, filed_date=APR(9)), se(SE_B, filed_date=APR(8))]
    assert only(link_references([undated], records, as_of=APR(12))).status == "ambiguous"
    for order in ([undated, stated], [stated, undated]):
        decisions = link_references(order, records, as_of=APR(12))
        assert (only(decisions).status, only(decisions).se_accession) == ("linked", SE_B)
        other = only(decisions, OTHER_8K, "99.1")
        assert (other.status, other.se_accession) == ("linked", SE_A)


def test_a_narrow_lead_over_another_references_claim_is_ambiguous() -> None:
    # Both 8-Ks say "filed on Form SE" without a date; the SE is the seed 8-K's filing day and three
    # business days before the other's: a small lead, and references often have no SE record at all.
    near = ref(se_date=None, filed_date=APR(8), file_numbers=())
    far = ref(accession=OTHER_8K, exhibit="99.1", se_date=None, filed_date=APR(13), file_numbers=())
    decisions = link_references([near, far], [se(SE_A)], as_of=APR(14))
    assert [(d.status, d.candidates) for d in decisions] == [("ambiguous", (SE_A,))] * 2
    assert "another reference's claim" in only(decisions).evidence


def test_to_be_filed_does_not_take_an_se_of_the_same_day() -> None:
    to_be_filed = ref(se_date=None, timing="to_be_filed", filed_date=APR(8), file_numbers=())
    decision = only(link_references([to_be_filed], [se(filed_date=APR(8))], as_of=APR(9)))
    assert decision.status == "pending" and "rejected" in decision.evidence


def test_series_and_exhibit_in_se_text_decide() -> None:
    records = [
        se(SE_A, text="CWALT, Inc. Mortgage Pass-Through Certificates, Series 2004-J5. Exhibit 99.1"),
        se(SE_B, text="CWALT, Inc. Mortgage Pass-Through Certificates, Series 2004-J4. Exhibit 99.2"),
    ]
    decision = only(link_references([ref(file_numbers=())], records, as_of=APR(12)))
    assert (decision.status, decision.se_accession) == ("linked", SE_B)
    assert "series 2004-J4 named in the SE" in decision.evidence
    assert "exhibit 99.2 named in the SE" in decision.evidence


def test_one_se_carries_several_exhibits_of_the_same_8k() -> None:
    refs = [ref(exhibit="99.1"), ref(exhibit="99.2"), ref(exhibit="99.3", se_date=None)]
    decisions = link_references(refs, [se()], as_of=APR(12))
    assert [(d.exhibit, d.status, d.se_accession) for d in decisions] == [
        ("99.1", "linked", SE_A), ("99.2", "linked", SE_A), ("99.3", "linked", SE_A),
    ]
    assert "also 99.1, 99.3" in only(decisions).evidence


def test_different_stated_dates_of_one_8k_mean_different_ses() -> None:
    refs = [ref(exhibit="99.1", se_date=APR(5)), ref(exhibit="99.2", se_date=APR(8))]
    decisions = link_references(refs, [se(SE_A, filed_date=APR(5)), se(SE_B, filed_date=APR(8))], as_of=APR(12))
    assert [(d.exhibit, d.se_accession) for d in decisions] == [("99.1", SE_A), ("99.2", SE_B)]


def test_duplicates_are_merged() -> None:
    decisions = link_references([ref(), ref(rule=None)], [se(), se()], as_of=APR(12))
    assert [(d.status, d.se_accession) for d in decisions] == [("linked", SE_A)]


def test_three_arrival_orders_end_identically() -> None:
    refs = [ref(), ref(accession=OTHER_8K, exhibit="99.1", se_date=APR(9), file_numbers=())]
    records = [se(SE_A, file_numbers=("333-110343",)), se(SE_B, filed_date=APR(9))]
    final = link_references(refs, records, as_of=APR(20))
    # 8-Ks first, SEs in a later run
    first = link_references(refs, [], as_of=APR(10))
    assert {d.status for d in first} == {"pending"}
    assert link_references(refs, records, as_of=APR(20)) == final
    assert all(decision_changed(old, new) for old, new in zip(first, final))
    # SEs first (no reference yet: nothing decided), 8-Ks later
    assert link_references([], records, as_of=APR(10)) == []
    assert link_references(list(reversed(refs)), list(reversed(records)), as_of=APR(20)) == final
    assert [(d.status, d.se_accession) for d in final] == [("linked", SE_A), ("linked", SE_B)]


def test_ambiguous_becomes_linked_when_the_se_text_arrives() -> None:
    refs = [ref(file_numbers=())]
    before = only(link_references(refs, [se(SE_A), se(SE_B)], as_of=APR(12)))
    with_text = se(SE_B, text="Exhibit 99.2, Series 2004-J4")
    after = only(link_references(refs, [se(SE_A), se(SE_B), with_text], as_of=APR(13)))
    assert before.status == "ambiguous" and after.status == "linked" and after.se_accession == SE_B
    assert decision_changed(before, after)


def test_decision_changed_rule() -> None:
    pending = LinkDecision(SEED_8K, "99.2", "pending", None, (), 0.0, "waiting")
    assert decision_changed(None, pending)
    assert not decision_changed(pending, replace(pending, evidence="other words", confidence=0.1))
    assert decision_changed(pending, replace(pending, status="unresolved"))
    linked = LinkDecision(SEED_8K, "99.2", "linked", SE_A, (SE_A,), 0.9, "x")
    assert decision_changed(pending, linked)
    assert decision_changed(linked, replace(linked, se_accession=SE_B, candidates=(SE_B,)))
    ambiguous = LinkDecision(SEED_8K, "99.2", "ambiguous", None, (SE_A, SE_B), 0.4, "x")
    assert decision_changed(ambiguous, replace(ambiguous, candidates=(SE_A,)))
    assert not decision_changed(linked, replace(linked, confidence=0.5))


# --- order independence on random small worlds ---------------------------------------------

_DEPOSITORS = {100: "333-100000", 200: "333-200000"}


@st.composite
def _references(draw: st.DrawFn) -> ReferenceContext:
    depositor = draw(st.sampled_from(sorted(_DEPOSITORS)))
    filing = draw(st.integers(0, 3))
    trust = draw(st.booleans())
    shelf = _DEPOSITORS[depositor]
    return ReferenceContext(
        accession=f"0000000001-04-00000{filing}",
        exhibit=draw(st.sampled_from(["99.1", "99.2", None])),
        se_date=draw(st.one_of(st.none(), st.integers(0, 8).map(APR_OFFSET))),
        rule=draw(st.sampled_from([None, "311(j)"])),
        timing=draw(st.sampled_from(["filed", "to_be_filed", "unknown"])),
        filer_ciks=(900 + filing,) if trust else (depositor,),
        depositor_ciks=draw(st.sampled_from([(), (depositor,)])),
        file_numbers=draw(st.sampled_from([(), (shelf,), (f"{shelf}-0{filing}",)])),
        series=draw(st.sampled_from([None, "2004-1", "2004-2"])),
        filed_date=APR_OFFSET(filing * 2),
        period_of_report=draw(st.one_of(st.none(), st.just(APR_OFFSET(0)))),
    )


@st.composite
def _records(draw: st.DrawFn) -> SeRecord:
    depositor = draw(st.sampled_from(sorted(_DEPOSITORS)))
    return SeRecord(
        accession=f"9999999997-04-00000{draw(st.integers(0, 5))}",
        ciks=(depositor,),
        filed_date=APR_OFFSET(draw(st.integers(0, 8))),
        file_numbers=draw(st.sampled_from([(), (_DEPOSITORS[depositor],)])),
        text=draw(st.sampled_from([None, "Series 2004-1 Exhibit 99.1", "Series 2004-2"])),
    )


def APR_OFFSET(days: int) -> date:  # noqa: N802
    return APR(1) + timedelta(days=days)


@settings(max_examples=150, deadline=None)
@given(
    refs=st.lists(_references(), max_size=7),
    records=st.lists(_records(), max_size=6),
    seed=st.integers(0, 2**16),
    as_of_offset=st.integers(0, 60),
)
def test_decisions_depend_only_on_the_sets(refs: list, records: list, seed: int, as_of_offset: int) -> None:
    as_of = APR_OFFSET(as_of_offset)
    expected = link_references(refs, records, as_of=as_of)
    shuffler = random.Random(seed)
    shuffled_refs = refs + refs[: shuffler.randint(0, len(refs))]
    shuffled_records = records + records[: shuffler.randint(0, len(records))]
    shuffler.shuffle(shuffled_refs)
    shuffler.shuffle(shuffled_records)
    assert link_references(shuffled_refs, shuffled_records, as_of=as_of) == expected
    _check_invariants(expected, refs)


def _check_invariants(decisions: list[LinkDecision], refs: list[ReferenceContext]) -> None:
    assert len(decisions) == len({(r.accession, r.exhibit) for r in refs})
    owners: dict[str, set[str]] = {}
    for d in decisions:
        assert 0.0 <= d.confidence <= 1.0
        if d.status == "linked":
            assert d.candidates == (d.se_accession,)
            owners.setdefault(d.se_accession, set()).add(d.accession)
        elif d.status == "ambiguous":
            assert d.se_accession is None and d.candidates and list(d.candidates) == sorted(d.candidates)
        else:
            assert d.status in ("pending", "unresolved") and d.se_accession is None and d.candidates == ()
    assert all(len(filings) == 1 for filings in owners.values()), "an SE linked to two 8-Ks"


@pytest.mark.parametrize("window", [2, 30])
def test_window_setting_is_honoured(window: int) -> None:
    # anchor: the 8-K's filing day, 2004-04-09; the SE 4 calendar (2 business) days later
    record = se(filed_date=APR(13), file_numbers=("333-110343",))
    to_be_filed = ref(se_date=None, timing="to_be_filed")
    decision = only(link_references([to_be_filed], [record], as_of=APR(20), window_days=window))
    assert decision.status == ("linked" if window == 30 else "unresolved")  # a 2-day window closed on 04-11


def test_date_distances_count_edgar_business_days() -> None:
    from crawler.edgar.se_scoring import business_distance

    assert business_distance(date(2004, 4, 2), date(2004, 4, 5)) == 1  # Friday -> Monday
    assert business_distance(date(2004, 7, 2), date(2004, 7, 6)) == 1  # Independence Day observed on Monday 5th
    assert business_distance(date(2004, 4, 8), date(2004, 4, 1)) == -5
    assert business_distance(date(2004, 4, 8), date(2004, 4, 8)) == 0


# --- the synthetic mirror's independent truth ---------------------------------------------

SE_MIRROR = {"seed": 0, "start": date(2004, 1, 1), "end": date(2004, 12, 31), "filings": 3500}


@pytest.fixture(scope="session")
def se_mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2004 mirror with a few dozen SE references (the default small mirror has a handful), made once."""
    from tests.fixtures.mirror import make_mirror

    return make_mirror(tmp_path_factory.mktemp("se_mirror"), **SE_MIRROR)


def test_linkage_on_a_synthetic_mirror(se_mirror: Path) -> None:
    from bench.se_linkage import read_mirror, score
    from tests.fixtures.mirror import read_truth

    filings = read_truth(se_mirror, "filings")
    references, records, problems = read_mirror(se_mirror)
    assert problems == []
    decisions = link_references(references, records, as_of=date(2005, 12, 31))
    report = score(decisions, filings)
    counts = report["counts"]
    assert counts["truth_one"] >= 30 and counts["truth_ambiguous"] >= 2, counts  # enough to measure anything
    assert report["precision"] >= 0.99, report["wrong_links"]
    assert report["recall"] >= 0.95, report["missed_links"]
    assert report["ambiguous_reported"] == 1.0 and report["ambiguous_candidates_cover_truth"] == 1.0
    # The seed-like case (CWALT 2004-J4, exhibit 99.2, SE dated April 8, 2004) links with its evidence.
    by_key = {(d.accession, d.exhibit): d for d in decisions}
    seed = [f for f in filings if "seed" in f["features"] and f["se_references"]]
    assert seed, "the mirror has no seed-like filing"
    for filing in seed:
        for reference in filing["se_references"]:
            decision = by_key[(filing["accession"], reference["exhibit"])]
            assert (decision.status, decision.se_accession) == ("linked", reference["se_accession"])
            assert f"CIK {filing['cik']}" in decision.evidence and "= stated date" in decision.evidence
            assert "same file number" in decision.evidence
