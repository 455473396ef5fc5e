"""Which index rows are ABS 8-K-family or Form SE candidates, using only what is known without a request.

Per filer CIK: the seed table of depositors and trusts, then the registry (grown from SIC codes the
crawl reads: 6189 = asset-backed securities), then the company name. A name that leaves the question
open is settled when the index (or, through ``AbsRegistry.is_operating``, an earlier one) shows the CIK
filing forms only operating companies file (Forms 3/4/5, proxies, S-8: ``OPERATING_COMPANY_FORMS``);
otherwise the accession goes to ``undecided`` with its CIKs in ``lookup_ciks`` (a cached submissions-JSON
lookup). An accession is taken when ANY of its filers is ABS; its rows are merged into one Candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Protocol

from crawler.edgar.depositors import SEED_ABS_CIKS
from crawler.edgar.forms import form_kind, is_operating_company_form
from crawler.edgar.index import IndexEntry, MalformedLine
from crawler.edgar.urls import submission_path

ABS_SIC = 6189
_OPERATING = "operating"  # row role of a form in OPERATING_COMPANY_FORMS
# Selection reasons of rows that are not fetched (``Selection.skipped`` keys, ``Selection.decisions`` values).
NOT_TAKEN_REASONS = frozenset({"form", "out_of_range", "duplicate_row", "known_not_abs", "name_not_abs", "operating_filer"})


class CikVerdict(Enum):
    ABS = "abs"
    NOT_ABS = "not_abs"
    UNKNOWN = "unknown"


class AbsRegistry(Protocol):
    def verdict(self, cik: int) -> CikVerdict: ...

    def record(self, cik: int, *, sic: int | None, name: str, source: str) -> None: ...

    def is_operating(self, cik: int) -> bool:
        """Seen filing a form only operating companies file (kept across runs: later indexes may not show it)."""
        ...

    def mark_operating(self, ciks: Iterable[int]) -> None: ...


class MemoryAbsRegistry:
    """An in-memory :class:`AbsRegistry`: seeded CIKs are ABS for good; others follow their last known SIC."""

    def __init__(self, seed: Iterable[int] = SEED_ABS_CIKS) -> None:
        self._seed = frozenset(seed)
        self._sic: dict[int, int] = {}
        self._operating: set[int] = set()
        self.names: dict[int, str] = {}

    def verdict(self, cik: int) -> CikVerdict:
        if cik in self._seed:
            return CikVerdict.ABS
        sic = self._sic.get(cik)
        if sic is None:
            return CikVerdict.UNKNOWN
        return CikVerdict.ABS if sic == ABS_SIC else CikVerdict.NOT_ABS

    def record(self, cik: int, *, sic: int | None, name: str, source: str) -> None:
        if sic is not None:  # a known SIC is never forgotten because a later source lacks one
            self._sic[cik] = sic
        if name:
            self.names[cik] = name

    def is_operating(self, cik: int) -> bool:
        return cik in self._operating

    def mark_operating(self, ciks: Iterable[int]) -> None:
        self._operating.update(ciks)


# --- names ---------------------------------------------------------------------------------------------

_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_SERIES_YEAR = re.compile(rf"\b{_YEAR}\b")
_DEAL_ID = re.compile(rf"\b{_YEAR}-[A-Z0-9]{{1,8}}\b")  # 2004-J4, 2005-AR17, 2017-BNK4
_DEAL_WORD = re.compile(r"\b(?:TRUST|SERIES|SER|CERTIFICATES?|CERTS?|CTFS?|NOTES|REMIC|LOANS?|RECEIVABLES)\b")
_ABS_PHRASE = re.compile(
    "|".join(
        [
            r"\bPASS[- ]?THR(?:OUGH|U)\b",
            r"\bASSET[- ]?BACKED\b|\bASST\.? BACK|\bABS\b",
            r"\bCERTIFICATES\b|\bCERTS\b|\bCTFS\b",
            r"\bDEPOSITOR\b|\bRE-?SECURITIZATION\b|\bSECURITIZATION (?:TRUST|LLC|CORP)",
            r"\b(?:MASTER|OWNER|ISSUANCE|EXECUTION|GRANTOR|NOTE|LEASE|LOAN|CARD|AUTO|AUTOMOBILE|VEHICLE|EQUIPMENT"
            r"|RECEIVABLES|HOME EQUITY|STUDENT LOAN|CREDIT CARD)(?: \w+)? TRUST\b",
            r"^CW(?:ALT|MBS|ABS|HEQ|HL)\b",
        ]
    )
)
_ABS_HINT = re.compile(
    r"\bTRUSTS?\b|MORTGAGE|FUNDING|ACCEPTANCE|SECURITIES|SECURITIZ|CAPITAL|RECEIVABLE|CREDIT|FINANC|LEAS(?:E|ING)"
    r"|\bLOANS?\b|\bASSETS?\b|INVESTORS|DEPOSIT|\bCARD\b|\bBANK|\bN\.?A\.?$|NATIONAL ASSOCIATION"
    r"|\bL\.?L\.?C\.?\b|\bREMIC\b|\bSERIES\b|\bHOME EQUITY\b|\bAUTO(?:MOBILE)?\b|\bVEHICLE"
)
# Trusts that are REITs, funds or royalty trusts, not ABS issuers: no hint by themselves.
_OTHER_TRUST = re.compile(
    r"\b(?:REALTY|PROPERTY|PROPERTIES|INCOME|REAL ESTATE INVESTMENT|HOSPITALITY|ROYALTY|TIMBER|INVESTMENT)"
    r" TRUST\b|\bTRUST,? INC\b\.?"
)


@lru_cache(maxsize=65_536)
def name_verdict(company_name: str) -> CikVerdict:
    """ABS when the name reads like an ABS trust, series or deal; UNKNOWN when it reads like a possible
    depositor or finance company ("Morgan Stanley Capital I Inc", "... Mortgage Corp"); NOT_ABS otherwise."""
    name = " ".join(company_name.upper().split())
    if _ABS_PHRASE.search(name) or _DEAL_ID.search(name):
        return CikVerdict.ABS
    if _SERIES_YEAR.search(name) and _DEAL_WORD.search(name):
        return CikVerdict.ABS
    if _ABS_HINT.search(_OTHER_TRUST.sub(" ", name)):
        return CikVerdict.UNKNOWN
    return CikVerdict.NOT_ABS


# --- candidates ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filer:
    cik: int
    company_name: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """One accession to fetch (or to decide after lookups), with every filer CIK the index lists for it."""

    accession: str
    form_type: str
    date_filed: date
    filers: tuple[Filer, ...]  # sorted by CIK
    path: str  # "Archives/edgar/data/CIK/ACC.txt" under the first ABS filer (first undecided one if none yet)
    kind: str  # "8-K" | "SE"
    reason: str  # why it was taken: "seed:CIK", "registry:CIK", "name:CIK", "lookup", "unresolved_lookup"


@dataclass
class Selection:
    candidates: list[Candidate] = field(default_factory=list)
    undecided: list[Candidate] = field(default_factory=list)
    lookup_ciks: list[int] = field(default_factory=list)  # distinct, sorted
    # filers whose open name was settled NOT_ABS as operating companies: the caller keeps them (mark_operating)
    operating_ciks: frozenset[int] = frozenset()
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows
    malformed: list[MalformedLine] = field(default_factory=list)
    decisions: dict[str, str] = field(default_factory=dict)  # accession -> reason (taken, "lookup" or skip reason)


@dataclass
class _Accession:
    form_type: str
    date_filed: date
    filers: dict[int, str]
    rows: int = 0


def _filer_verdict(
    cik: int, name: str, registry: AbsRegistry, operating: Collection[int] = frozenset()
) -> tuple[CikVerdict, str]:
    """(verdict, source) for one filer: seed table, then registry, then name; an open name is NOT_ABS for
    a CIK seen filing an operating company's form (in this index: ``operating``; before: the registry)."""
    if cik in SEED_ABS_CIKS:
        return CikVerdict.ABS, "seed"
    known = CikVerdict(registry.verdict(cik).value)
    if known is not CikVerdict.UNKNOWN:
        return known, "registry"
    by_name = name_verdict(name)
    if by_name is CikVerdict.UNKNOWN and (cik in operating or registry.is_operating(cik)):
        return CikVerdict.NOT_ABS, "operating"
    return by_name, "name"


def _row_role(form_type: str) -> str | None:
    return form_kind(form_type) or (_OPERATING if is_operating_company_form(form_type) else None)


def select_candidates(
    entries: Iterable[IndexEntry | MalformedLine],
    registry: AbsRegistry,
    *,
    start: date | None = None,
    end: date | None = None,
) -> Selection:
    """Group 8-K-family and SE rows by accession and decide each accession from its filers (see module doc)."""
    selection = Selection()
    accessions: dict[str, _Accession] = {}
    roles: dict[str, str | None] = {}
    operating: set[int] = set()
    other_forms = out_of_range = duplicates = 0
    for entry in entries:
        if isinstance(entry, MalformedLine):
            selection.malformed.append(entry)
            continue
        form = entry.form_type
        role = roles[form] if form in roles else roles.setdefault(form, _row_role(form))
        if role is None or role == _OPERATING:
            other_forms += 1
            if role == _OPERATING:
                operating.add(entry.cik)
        elif (start is not None and entry.date_filed < start) or (end is not None and entry.date_filed > end):
            out_of_range += 1
        else:
            group = accessions.setdefault(entry.accession, _Accession(form, entry.date_filed, {}))
            if entry.cik in group.filers:
                duplicates += 1
                continue
            group.filers[entry.cik] = entry.company_name
            group.rows += 1
    counts = {"form": other_forms, "out_of_range": out_of_range, "duplicate_row": duplicates}
    selection.skipped.update({reason: rows for reason, rows in counts.items() if rows})
    lookups: set[int] = set()
    settled: set[int] = set()
    for accession, group in accessions.items():
        _decide(selection, lookups, settled, accession, group, registry, operating)
    selection.lookup_ciks = sorted(lookups)
    selection.operating_ciks = frozenset(settled)
    return selection


def _decide(
    selection: Selection,
    lookups: set[int],
    settled: set[int],
    accession: str,
    group: _Accession,
    registry: AbsRegistry,
    operating: Collection[int],
) -> None:
    filers = tuple(Filer(cik, name) for cik, name in sorted(group.filers.items()))
    verdicts = [(filer, *_filer_verdict(filer.cik, filer.company_name, registry, operating)) for filer in filers]
    settled.update(filer.cik for filer, _, source in verdicts if source == "operating")
    taken = [(filer, source) for filer, verdict, source in verdicts if verdict is CikVerdict.ABS]
    unknown = [filer for filer, verdict, _ in verdicts if verdict is CikVerdict.UNKNOWN]
    if taken:
        filer, source = taken[0]
        reason = f"{source}:{filer.cik}"
        selection.candidates.append(_candidate(accession, group, filers, filer.cik, reason))
    elif unknown:
        reason = "lookup"
        selection.undecided.append(_candidate(accession, group, filers, unknown[0].cik, reason))
        lookups.update(filer.cik for filer in unknown)
    else:
        sources = {source for _, _, source in verdicts}
        reason = "name_not_abs"
        if sources == {"registry"}:
            reason = "known_not_abs"
        elif "operating" in sources:
            reason = "operating_filer"
        selection.skipped[reason] += group.rows
    selection.decisions[accession] = reason


def _candidate(accession: str, group: _Accession, filers: tuple[Filer, ...], cik: int, reason: str) -> Candidate:
    return Candidate(
        accession=accession,
        form_type=group.form_type,
        date_filed=group.date_filed,
        filers=filers,
        path=submission_path(cik, accession),
        kind=form_kind(group.form_type) or "",
        reason=reason,
    )


def resolve_undecided(
    undecided: Iterable[Candidate], registry: AbsRegistry
) -> tuple[list[Candidate], list[Candidate]]:
    """After lookups were recorded in ``registry`` (and ``Selection.operating_ciks`` marked in it with
    ``mark_operating``): (now candidates, now rejected).

    A filer still UNKNOWN (its lookup failed or gave no SIC) keeps the accession a candidate: the
    submission's own header will decide, and nothing is lost.
    """
    taken: list[Candidate] = []
    rejected: list[Candidate] = []
    for candidate in undecided:
        verdicts = [(filer, _filer_verdict(filer.cik, filer.company_name, registry)[0]) for filer in candidate.filers]
        abs_filers = [filer for filer, verdict in verdicts if verdict is CikVerdict.ABS]
        still_unknown = [filer for filer, verdict in verdicts if verdict is CikVerdict.UNKNOWN]
        if abs_filers:
            cik = abs_filers[0].cik
            taken.append(replace(candidate, path=submission_path(cik, candidate.accession), reason=f"lookup:{cik}"))
        elif still_unknown:
            cik = still_unknown[0].cik
            path = submission_path(cik, candidate.accession)
            taken.append(replace(candidate, path=path, reason="unresolved_lookup"))
        else:
            rejected.append(replace(candidate, reason="lookup_not_abs"))
    return taken, rejected
