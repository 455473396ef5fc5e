"""Scoring one Form SE record against one bundle of 8-K SE references, with readable evidence.

The policy (what counts, how much, and why) is stated in :mod:`crawler.edgar.se_link`; this
module holds the point values as named constants and turns each piece of evidence into one
short phrase an analyst can check against the filings ("SE filed 2004-04-08 = stated date").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crawler.edgar.calendar import business_days

if TYPE_CHECKING:
    from crawler.edgar.se_link import SeRecord

DEFAULT_WINDOW_DAYS = 30  # SE filing date within this many calendar days of the anchor date (both ways)
SPREAD_BUSINESS_DAYS = 4  # no stated date: the SE within this many business days on the side the words give
STATED_DATE_LATE_DAYS = 1  # an SE received (filed) this many business days after its stated date: weak, not wrong
FILED_SLACK_BUSINESS_DAYS = 0  # "filed on Form SE": the SE is dated on or before the 8-K (literal reading)

CIK_POINTS = 1.5  # shared filer/depositor CIK (one of the two gates)
FILE_NUMBER_POINTS = 3.0  # identical commission file number
SHELF_POINTS = 2.75  # depositor shelf 333-NNNNNN vs trust sub-number 333-NNNNNN-NN (the other gate)
FILE_NUMBER_CONFLICT_POINTS = -3.0  # both have file numbers, none compatible: another registration (contradiction)
DATE_CONSISTENT_POINTS = 3.0  # SE filed on the stated date, or (no stated date) within the spread
STATED_DATE_LATE_POINTS = 1.0  # SE filed up to STATED_DATE_LATE_DAYS after the stated date
TIMING_CONSISTENT_POINTS = 1.0  # "to be filed" -> SE after the 8-K ("follows" it); "filed" -> on/before it
TIMING_SAME_DAY_POINTS = -1.0  # "to be filed" and an SE the same day: "follows the 8-K" reads as later (contradiction)
TIMING_CONFLICT_POINTS = -2.0  # the SE on the wrong side of the 8-K (contradiction)
SERIES_POINTS = 2.0  # the 8-K's series named in the SE text or SE company name
SERIES_CONFLICT_POINTS = -2.0  # the SE names series, none of them the 8-K's (contradiction)
EXHIBIT_POINTS = 1.5  # an exhibit number of the bundle named in the SE text
EXHIBIT_CONFLICT_POINTS = -1.5  # the SE text names exhibit numbers, none of the bundle's
PERIOD_POINTS = 0.25  # 8-K date of report on or before the SE date (supportive only)

MIN_LINK_SCORE = 2.5  # below this a candidate is only reported, never linked
TIE_MARGIN = 0.5  # alternatives losing at most this much total score are indistinguishable
CONTEST_MARGIN = 1.0  # ... the same, between linking a reference and leaving it (and its SE to another)
CLEAR_MARGIN = 3.0  # a lead of this much over the next choice is full separation (confidence)
CONFIDENCE_SCALE = 4.0  # strength = 1 - exp(-score / scale)

_SERIES_RE = re.compile(r"series\s+(\d{4}-[A-Z0-9]+)", re.IGNORECASE)
_EXHIBIT_RE = re.compile(r"\b(?:exhibits?|ex-)\s*(?:no\.\s*)?(\d{1,3}\.\d{1,3})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Bundle:
    """References of one 8-K that one Form SE is expected to carry (same stated SE date)."""

    accession: str
    exhibits: tuple[str | None, ...]
    se_date: date | None
    timing: str
    filer_ciks: frozenset[int]
    depositor_ciks: frozenset[int]
    file_numbers: tuple[str, ...]
    series: str | None
    filed_date: date
    period_of_report: date | None

    @property
    def anchor(self) -> date:
        """The date an SE is expected near: the stated SE date, else the 8-K's filing date."""
        return self.se_date or self.filed_date

    def sort_key(self) -> tuple[str, str, str]:
        stated = self.se_date.isoformat() if self.se_date else ""
        return (self.accession, stated, ",".join(e or "" for e in self.exhibits))


@dataclass(frozen=True, slots=True)
class CandidateScore:
    """Total points of one SE for one bundle, the evidence phrases behind them, and what it contradicts."""

    points: float
    when_points: float  # the part earned by the SE's date and the 8-K's timing words
    evidence: tuple[str, ...]
    contradictions: tuple[str, ...] = ()  # statements of the 8-K this SE goes against

    @property
    def linkable(self) -> bool:
        return self.points >= MIN_LINK_SCORE and not self.contradictions


Part = tuple[float, str, bool]  # (points, evidence phrase, contradicts a statement of the 8-K)


def shelf_prefix(file_number: str) -> str:
    """``333-110343-12`` -> ``333-110343``; a number without a sub-number is its own shelf."""
    parts = file_number.strip().split("-")
    return "-".join(parts[:2])


def score_candidate(bundle: Bundle, record: SeRecord, window_days: int) -> CandidateScore | None:
    """Points and evidence of ``record`` for ``bundle``; ``None`` when it is no candidate at all.

    A record is a candidate when it passes a gate (shared CIK, or compatible file numbers on the
    same shelf) and its filing date lies within ``window_days`` of the bundle's anchor date.
    """
    if abs((record.filed_date - bundle.anchor).days) > window_days:
        return None
    cik_part = _cik_evidence(bundle, record)
    file_part = _file_number_evidence(bundle.file_numbers, record.file_numbers)
    if cik_part is None and (file_part is None or file_part[2]):
        return None
    when = [p for p in (_date_evidence(bundle, record), _timing_evidence(bundle, record)) if p is not None]
    parts = [p for p in (cik_part, *when, file_part) if p is not None]
    parts.extend(_text_evidence(bundle, record))
    if bundle.period_of_report is not None and bundle.period_of_report <= record.filed_date:
        parts.append((PERIOD_POINTS, f"8-K date of report {bundle.period_of_report} on or before the SE", False))
    return CandidateScore(
        points=round(sum(p for p, _, _ in parts), 6),
        when_points=round(sum(p for p, _, _ in when), 6),
        evidence=tuple(text for _, text, _ in parts),
        contradictions=tuple(text for _, text, wrong in parts if wrong),
    )


def confidence(points: float, separation: float = 1.0, shares: int = 1) -> float:
    """0..1: strength of the evidence, times its separation from rivals, split among tied options."""
    strength = 1.0 - math.exp(-max(points, 0.0) / CONFIDENCE_SCALE)
    return round(strength * max(0.0, min(1.0, separation)) / max(shares, 1), 3)


def _cik_evidence(bundle: Bundle, record: SeRecord) -> Part | None:
    shared_depositor = sorted(bundle.depositor_ciks.intersection(record.ciks))
    if shared_depositor:
        return CIK_POINTS, f"same depositor CIK {shared_depositor[0]}", False
    shared_filer = sorted(bundle.filer_ciks.intersection(record.ciks))
    if shared_filer:
        return CIK_POINTS, f"same filer CIK {shared_filer[0]}", False
    return None


@lru_cache(maxsize=65536)
def business_distance(start: date, end: date) -> int:
    """Signed count of EDGAR business days after ``start`` up to ``end`` (Friday -> Monday = 1)."""
    if end == start:
        return 0
    low, high = (start, end) if end > start else (end, start)
    count = sum(1 for _ in business_days(low + timedelta(days=1), high))
    return count if end > start else -count


def _date_evidence(bundle: Bundle, record: SeRecord) -> Part:
    """Rule: the SE is filed on the stated date (a day late is weak: paper is filed when received);
    with no stated date, within the spread the words give (:func:`spread`), each day of it as likely."""
    distance = business_distance(bundle.anchor, record.filed_date)
    if bundle.se_date is not None:
        if distance == 0:
            return DATE_CONSISTENT_POINTS, f"SE filed {record.filed_date} = stated date", False
        text = f"SE filed {record.filed_date}, {_days(distance)} the stated {bundle.se_date}"
        if 0 < distance <= STATED_DATE_LATE_DAYS:
            return STATED_DATE_LATE_POINTS, text, False
        return 0.0, text, True
    low, high = spread(bundle.timing)
    text = f"no stated SE date; SE filed {record.filed_date}, {_days(distance)} the 8-K filed {bundle.filed_date}"
    if low <= distance <= high:
        return DATE_CONSISTENT_POINTS, text, False
    return 0.0, f"{text}, outside the usual spread", True


def spread(timing: str) -> tuple[int, int]:
    """Business days from the 8-K to its SE that fit the words when no date is stated: two windows of
    SPREAD_BUSINESS_DAYS meeting at the 8-K, "filed on Form SE" the one ending on the 8-K's own day,
    "to be filed" the one after it; either when the words say neither."""
    before, after = (-(SPREAD_BUSINESS_DAYS - 1), 0), (1, SPREAD_BUSINESS_DAYS)
    if timing == "filed":
        return before
    if timing == "to_be_filed":
        return after
    return before[0], after[1]


def _days(distance: int) -> str:
    if distance == 0:
        return "same business day as"
    unit = "business day" if abs(distance) == 1 else "business days"
    return f"{abs(distance)} {unit} {'after' if distance > 0 else 'before'}"


def _timing_evidence(bundle: Bundle, record: SeRecord) -> Part | None:
    if bundle.timing == "to_be_filed":
        if record.filed_date > bundle.filed_date:
            return TIMING_CONSISTENT_POINTS, "SE after the 8-K, as 'to be filed' says", False
        if record.filed_date == bundle.filed_date:
            return TIMING_SAME_DAY_POINTS, "SE the same day as the 8-K that says 'to be filed'", True
        return TIMING_CONFLICT_POINTS, "SE before the 8-K although it says 'to be filed'", True
    if bundle.timing == "filed":
        lag = business_distance(bundle.filed_date, record.filed_date)
        if lag <= FILED_SLACK_BUSINESS_DAYS:
            return TIMING_CONSISTENT_POINTS, "SE on/before the 8-K, as 'filed on Form SE' says", False
        return TIMING_CONFLICT_POINTS, f"SE {lag} business days after the 8-K although it says 'filed on Form SE'", True
    return None


def _file_number_evidence(ours: tuple[str, ...], theirs: tuple[str, ...]) -> Part | None:
    if not ours or not theirs:
        return None
    best: Part | None = None
    for mine in sorted(ours):
        for other in sorted(theirs):
            part = _file_number_pair(mine.strip(), other.strip())
            if part is not None and (best is None or part[0] > best[0]):
                best = part
    if best is not None:
        return best
    return FILE_NUMBER_CONFLICT_POINTS, f"SE file number {_listed(theirs)} differs from 8-K's {_listed(ours)}", True


def _file_number_pair(mine: str, other: str) -> Part | None:
    if mine == other:
        return FILE_NUMBER_POINTS, f"same file number {mine}", False
    if shelf_prefix(mine) != shelf_prefix(other):
        return None
    if mine == shelf_prefix(mine) or other == shelf_prefix(other):
        return SHELF_POINTS, f"shelf {other} matches {mine}", False
    return None  # two different trusts of one shelf: different deals


def _text_evidence(bundle: Bundle, record: SeRecord) -> list[Part]:
    parts: list[Part] = []
    haystack = " ".join(t for t in (record.text, record.company_name) if t)
    if bundle.series and haystack:
        named = {s.upper() for s in _SERIES_RE.findall(haystack)}
        if bundle.series.upper() in named or re.search(rf"\b{re.escape(bundle.series)}\b", haystack, re.IGNORECASE):
            parts.append((SERIES_POINTS, f"series {bundle.series} named in the SE", False))
        elif named:
            parts.append((SERIES_CONFLICT_POINTS, f"SE names series {_listed(named)}, not {bundle.series}", True))
    if record.text:
        named_exhibits = set(_EXHIBIT_RE.findall(record.text))
        ours = {e for e in bundle.exhibits if e}
        if ours & named_exhibits:
            parts.append((EXHIBIT_POINTS, f"exhibit {_listed(ours & named_exhibits)} named in the SE", False))
        elif ours and named_exhibits:
            text = f"SE names exhibit {_listed(named_exhibits)}, not {_listed(ours)}"
            parts.append((EXHIBIT_CONFLICT_POINTS, text, False))
    return parts


def _listed(values: object) -> str:
    return ", ".join(sorted(values))  # type: ignore[call-overload]
