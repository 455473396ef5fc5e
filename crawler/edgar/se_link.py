"""Form SE linkage: each SE reference of an 8-K gets a scored, explained decision.

Policy (point values are the named constants of :mod:`crawler.edgar.se_scoring`):

Bundles. The references of one 8-K that state the same SE date are taken as one paper
submission: one Form SE cover sheet may carry several paper exhibits of the same 8-K, so they
share one SE record. References without a stated date join the 8-K's dated bundle when the 8-K
states exactly one SE date, else they form their own bundle. References with the same
(accession, exhibit) are merged into one (the most informative one is kept: stated date, rule,
known timing). Each bundle is linked to at most one SE, and each SE to at most one bundle.

Candidates. An SE record is a candidate for a bundle when (a) it shares a CIK with the 8-K's
filer or depositor CIKs, or its file number is compatible on the same shelf (``333-110343``
vs the trust's ``333-110343-12``: a trust-filed 8-K reaches its depositor's SE that way; two
different trusts of one shelf are different deals), and (b) it was filed within ``window_days``
(default ``DEFAULT_WINDOW_DAYS`` = 30 calendar days) of the anchor date: the stated "dated" SE
date, else the 8-K's filing date.

Scores. Evidence adds points (distances in EDGAR business days):
  - shared CIK; identical file number (strong) or shelf prefix (strong);
  - the date: the SE filed on the stated "dated" date; with no stated date, within the spread
    the words give: ``SPREAD_BUSINESS_DAYS`` business days ending on the 8-K's filing day for
    "filed on Form SE", the as many days after it for "to be filed" (:func:`se_scoring.spread`),
    every day of the spread scoring the same (how long filers take is unconfirmed, EDGAR.md 4.5:
    a nearer day is no evidence). Paper is filed when the SEC receives it (Exchange Act Rule 0-3),
    so an SE filed a day after its stated date is weak evidence, not wrong;
  - timing: "to be filed" wants the SE after the 8-K (EDGAR.md 4.2: it "follows"), "filed on
    Form SE" on or before it;
  - the 8-K's series and exhibit numbers found in the SE's text or company name (gain, or cost
    when the SE names others); 8-K date of report on or before the SE (supportive only: it is
    worth less than ``TIE_MARGIN``, like the identical-number-versus-shelf difference, so
    supportive evidence alone never decides between SEs).
Contradictions. An SE that goes against a statement of the 8-K is named in the evidence and
never linked: filed on another day than the stated date (other than a day late), beyond the
spread, on the wrong side of the 8-K (a "to be filed" SE on the 8-K's own day included), under
a file number of another registration, or naming other series only. Every other candidate with
``MIN_LINK_SCORE`` is linkable. Consistent candidates score alike whatever kind of statement
they satisfy, so which of several references an SE belongs to is decided by the assignment
below, never by the kind of wording.

Assignment, not first-come. Bundles and linkable candidates form a bipartite graph; each
connected component is solved as a maximum-weight one-to-one assignment, and for every bundle
the weight lost by each alternative (another SE, or none) is computed. Choices are
indistinguishable when two SEs lie within ``TIE_MARGIN`` of each other, or when linking and
leaving the reference unlinked (its SE then going to a rival reference) lie within
``CONTEST_MARGIN`` (wider: references without any SE record are common, EDGAR.md 4.3). A bundle
whose only near-best choice is one SE is ``linked``; with several near-best choices it is
``ambiguous`` and every SE among them is listed. The linker never guesses and never gives one
SE to two 8-Ks.

No link. A bundle with no SE is ``pending`` while ``as_of`` is on or before anchor + window
(the SE may still be filed, or its record may appear in a later index), ``unresolved`` after.

Confidence (0..1): ``1 - exp(-score / CONFIDENCE_SCALE)``, times the separation from the next
choice (full at a lead of ``CLEAR_MARGIN``) for ``linked``; divided by the number of
near-best choices for ``ambiguous``; 0 for ``pending`` and ``unresolved``.

Order independence. Inputs are deduplicated and sorted canonically; decisions depend only on
the sets of references and records, on ``as_of`` (pending vs unresolved) and on the window.
An 8-K crawled before its SE, after it, or with the SE in a later run ends with the same
decision.

Update rule (see :func:`decision_changed`). Decisions are recomputed from all references and
SE records known at each run. A new ``se_links`` row is written only when the status, the
linked SE or the candidate set changes (pending -> linked, pending -> unresolved,
ambiguous -> linked when new evidence arrives, linked -> ambiguous when an equal rival
appears, unresolved -> linked when a late index brings the SE); the newest row per
(accession, exhibit) is the current decision. Confidence or wording changes alone write no row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from crawler.edgar.se_decide import decide_component, unlinked_decision
from crawler.edgar.se_scoring import DEFAULT_WINDOW_DAYS, Bundle, CandidateScore, score_candidate, shelf_prefix

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "LinkDecision",
    "ReferenceContext",
    "SeRecord",
    "decision_changed",
    "link_references",
]

LINK_STATUSES = ("linked", "ambiguous", "pending", "unresolved")
TIMINGS = ("filed", "to_be_filed", "unknown")


@dataclass(frozen=True, slots=True)
class SeRecord:
    """An SE submission found in the indexes (usually paper: ``9999999997-`` accession, header only)."""

    accession: str
    ciks: tuple[int, ...]
    filed_date: date
    file_numbers: tuple[str, ...] = ()
    paper: bool = True
    company_name: str | None = None
    text: str | None = None  # document text when the SE has documents


@dataclass(frozen=True, slots=True)
class ReferenceContext:
    """One SE reference of one 8-K, with what the 8-K says about itself."""

    accession: str
    exhibit: str | None
    se_date: date | None
    rule: str | None
    timing: str  # "filed" | "to_be_filed" | "unknown"
    filer_ciks: tuple[int, ...]
    depositor_ciks: tuple[int, ...]
    file_numbers: tuple[str, ...]
    series: str | None
    filed_date: date
    period_of_report: date | None


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """The decision for one (8-K accession, exhibit) reference."""

    accession: str
    exhibit: str | None
    status: str  # "linked" | "ambiguous" | "pending" | "unresolved"
    se_accession: str | None
    candidates: tuple[str, ...]
    confidence: float
    evidence: str


def link_references(
    references: Sequence[ReferenceContext],
    records: Sequence[SeRecord],
    *,
    as_of: date,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[LinkDecision]:
    """Decide every reference against every SE record; one decision per (accession, exhibit).

    The result is sorted by (accession, exhibit) and depends only on the sets of inputs.
    """
    unique_records = _canonical_records(records)
    bundles = _bundles(_canonical_references(references))
    scores = _scores(bundles, unique_records, window_days)
    considered: dict[int, dict[str, CandidateScore]] = defaultdict(dict)
    for (b, r), score in scores.items():
        considered[b][unique_records[r].accession] = score
    decisions: list[LinkDecision] = []
    for component_bundles, component_records in _components(len(bundles), scores):
        if component_records:
            outcomes = decide_component(
                [bundles[b] for b in component_bundles],
                [unique_records[r] for r in component_records],
                {
                    (i, j): scores[b, r]
                    for i, b in enumerate(component_bundles)
                    for j, r in enumerate(component_records)
                    if (b, r) in scores
                },
            )
        else:
            outcomes = [None] * len(component_bundles)
        for b, outcome in zip(component_bundles, outcomes):
            bundle = bundles[b]
            deadline = bundle.anchor + timedelta(days=window_days)
            for exhibit in bundle.exhibits:
                if outcome is None:
                    status, conf, evidence = unlinked_decision(bundle, considered[b], as_of, deadline, window_days)
                    decisions.append(LinkDecision(bundle.accession, exhibit, status, None, (), conf, evidence))
                else:
                    decisions.append(LinkDecision(bundle.accession, exhibit, *outcome.fields(bundle, exhibit)))
    return sorted(decisions, key=lambda d: (d.accession, d.exhibit or ""))


def _scores(bundles: list[Bundle], records: list[SeRecord], window_days: int) -> dict[tuple[int, int], CandidateScore]:
    """Scores of every (bundle, record) pair that passes the gates; records are found by CIK and
    shelf, then by filing date (each key's records sorted by date)."""
    by_key: dict[object, list[tuple[date, int]]] = defaultdict(list)
    for r, record in enumerate(records):
        for key in {*record.ciks, *(shelf_prefix(n) for n in record.file_numbers)}:
            by_key[key].append((record.filed_date, r))
    for entries in by_key.values():
        entries.sort()
    window = timedelta(days=window_days)
    scores: dict[tuple[int, int], CandidateScore] = {}
    for b, bundle in enumerate(bundles):
        nearby: set[int] = set()
        for key in {*bundle.filer_ciks, *bundle.depositor_ciks, *(shelf_prefix(f) for f in bundle.file_numbers)}:
            entries = by_key.get(key, [])
            low = bisect_left(entries, (bundle.anchor - window, -1))
            high = bisect_right(entries, (bundle.anchor + window, len(records)))
            nearby.update(r for _, r in entries[low:high])
        for r in sorted(nearby):
            score = score_candidate(bundle, records[r], window_days)
            if score is not None:
                scores[b, r] = score
    return scores


def decision_changed(old: LinkDecision | None, new: LinkDecision) -> bool:
    """True when ``new`` must be written as a new ``se_links`` row (see the update rule above)."""
    if old is None:
        return True
    return (old.status, old.se_accession, old.candidates) != (new.status, new.se_accession, new.candidates)


def _canonical_records(records: Sequence[SeRecord]) -> list[SeRecord]:
    by_accession: dict[str, SeRecord] = {}
    for record in sorted(records, key=_record_key):
        by_accession.setdefault(record.accession, record)
    return [by_accession[a] for a in sorted(by_accession)]


def _record_key(record: SeRecord) -> tuple:
    # Duplicates of one accession: the most informative copy first (text, file numbers, CIKs).
    return (record.accession, record.text is None, -len(record.file_numbers), -len(record.ciks), repr(record))


def _canonical_references(references: Sequence[ReferenceContext]) -> list[ReferenceContext]:
    by_key: dict[tuple[str, str], ReferenceContext] = {}
    for reference in sorted(references, key=_reference_key):
        by_key.setdefault((reference.accession, reference.exhibit or ""), reference)
    return [by_key[k] for k in sorted(by_key)]


def _reference_key(ref: ReferenceContext) -> tuple:
    informative = (ref.se_date is None, ref.rule is None, ref.timing == "unknown")
    return (ref.accession, ref.exhibit or "", informative, repr(ref))


def _bundles(references: list[ReferenceContext]) -> list[Bundle]:
    by_filing: dict[str, list[ReferenceContext]] = defaultdict(list)
    for reference in references:
        by_filing[reference.accession].append(reference)
    bundles: list[Bundle] = []
    for accession in sorted(by_filing):
        refs = by_filing[accession]
        dates = sorted({r.se_date for r in refs if r.se_date is not None})
        groups: dict[date | None, list[ReferenceContext]] = defaultdict(list)
        for ref in refs:
            groups[ref.se_date if ref.se_date or len(dates) != 1 else dates[0]].append(ref)
        for se_date in sorted(groups, key=lambda d: d.isoformat() if d else ""):
            bundles.append(_bundle(accession, se_date, groups[se_date]))
    return bundles


def _bundle(accession: str, se_date: date | None, refs: list[ReferenceContext]) -> Bundle:
    timings = {r.timing for r in refs} - {"unknown"}
    series = sorted({r.series for r in refs if r.series})
    periods = sorted({r.period_of_report for r in refs if r.period_of_report})
    return Bundle(
        accession=accession,
        exhibits=tuple(r.exhibit for r in refs),
        se_date=se_date,
        timing=timings.pop() if len(timings) == 1 else "unknown",
        filer_ciks=frozenset(c for r in refs for c in r.filer_ciks),
        depositor_ciks=frozenset(c for r in refs for c in r.depositor_ciks),
        file_numbers=tuple(sorted({f for r in refs for f in r.file_numbers})),
        series=series[0] if series else None,
        filed_date=min(r.filed_date for r in refs),
        period_of_report=periods[0] if periods else None,
    )


def _components(bundle_count: int, scores: dict[tuple[int, int], CandidateScore]) -> list[tuple[list[int], list[int]]]:
    """Connected components of bundles and records joined by linkable candidates."""
    parent = list(range(bundle_count))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_bundle_of_record: dict[int, int] = {}
    for (b, r), score in sorted(scores.items()):
        if score.linkable:
            other = first_bundle_of_record.setdefault(r, b)
            parent[find(b)] = find(other)
    members: dict[int, tuple[list[int], list[int]]] = {}
    for b in range(bundle_count):
        members.setdefault(find(b), ([], []))[0].append(b)
    for r, b in sorted(first_bundle_of_record.items()):
        members[find(b)][1].append(r)
    return [members[root] for root in sorted(members)]
