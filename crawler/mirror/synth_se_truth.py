"""Which SE references the truth can answer: the rule, from what an observer of EDGAR can see.

The generator knows which SE record (if any) carries each reference's paper exhibit. The truth gives
that answer where the observable facts determine it and lists the SEs no observer could rule out
elsewhere. This rule is written from the filer behaviour the generator models, never from a linker.

Observable facts. Of the 8-K: its depositor (the SE's filer), its filing date, the commission file
number it states for the depositor, and the reference's words: "filed on Form SE dated D", "to be
filed on Form SE", "filed on Form SE". Of the SE record (paper, header only): filer CIK, filing date,
file number. Synthetic SE records have no text, so series and exhibit numbers never tell them apart;
the rule paragraph (311(h) or 311(j)) says nothing about which SE it is.

1. Compatible pair. An SE record is compatible with a reference when its filer is the 8-K's
   depositor, its file number is the one the 8-K states for the depositor, and its filing date is one
   the words allow under the filer behaviour below (in EDGAR business days): dated D -> filed on D;
   "to be filed" -> ``TO_BE_FILED_LAG`` after the 8-K; "filed on Form SE" -> ``FILED_LEAD`` before it.
   Every day of a spread is equally likely, so closeness within it is no evidence.
2. One answer for all. One Form SE carries the paper exhibits of one 8-K (each synthetic 8-K has one
   reference), so an answer for all references is a matching of compatible pairs. The observer
   prefers the explanations that account for the most references, the maximum matchings: leaving a
   reference without an SE while a compatible SE stays unused would assume both a missing record and
   a coincidental SE.
3. Truth. A reference is determinate when every maximum matching gives it the same answer; the truth
   is then the fact: its SE's accession, or null when it has none. Otherwise it is ambiguous and the
   truth lists the SEs some maximum matching gives it, with its own SE (a list of one SE means "this
   SE or none"). When every maximum matching gives a reference the same answer but that is not the
   fact (an SE filed for something else happens to fit it, and its own SE, if any, is taken), no
   observer can know: the truth keeps the fact and names the misleading SE in ``coincidental``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from crawler.mirror.synth_calendar import business_days
from crawler.mirror.synth_model import SeRecord, SeReference

TO_BE_FILED_LAG = (1, 4)  # "to be filed": the SE comes 1..4 business days after the 8-K
FILED_LEAD = (0, 3)  # "filed on Form SE" without a date: 0..3 business days before the 8-K


def business_lag(start: date, end: date) -> int:
    """Signed EDGAR business days from ``start`` to ``end`` (Friday -> Monday = 1)."""
    low, high = sorted((start, end))
    count = len(business_days(low + timedelta(days=1), high))
    return count if end >= start else -count


def compatible(reference: SeReference, record: SeRecord) -> bool:
    """Rule 1: nothing the 8-K and the SE record show rules the record out for this reference."""
    if reference.depositor is None or reference.filed is None:
        return False
    if record.depositor.cik != reference.depositor.cik or record.file_number != reference.file_number:
        return False
    if reference.style == "cover_dated":
        return record.filed == reference.se_date
    if abs((record.filed - reference.filed).days) > 14:
        return False
    lag = business_lag(reference.filed, record.filed)
    if reference.style == "to_be_filed":
        return TO_BE_FILED_LAG[0] <= lag <= TO_BE_FILED_LAG[1]
    return FILED_LEAD[0] <= -lag <= FILED_LEAD[1]


def resolve_references(references: Sequence[SeReference], records: Sequence[SeRecord]) -> None:
    """Sets ``determinate``, ``candidates`` and ``coincidental`` of every reference (rules 2 and 3)."""
    by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for j, record in enumerate(records):
        by_key[(record.depositor.cik, record.file_number)].append(j)
    edges: dict[int, list[int]] = {}
    for i, reference in enumerate(references):
        key = (reference.depositor.cik, reference.file_number) if reference.depositor else (0, "")
        edges[i] = [j for j in by_key.get(key, []) if compatible(reference, records[j])]
    for component in _components(edges):
        _resolve_component(component, edges, references, records)


def _components(edges: dict[int, list[int]]) -> list[list[int]]:
    """Reference indexes grouped by connected component of the compatibility graph."""
    by_record: dict[int, list[int]] = defaultdict(list)
    for i, js in edges.items():
        for j in js:
            by_record[j].append(i)
    seen: set[int] = set()
    components: list[list[int]] = []
    for start in sorted(edges):
        if start in seen:
            continue
        stack, members = [start], []
        seen.add(start)
        while stack:
            i = stack.pop()
            members.append(i)
            for j in edges[i]:
                for other in by_record[j]:
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
        components.append(sorted(members))
    return components


def _resolve_component(component: list[int], edges: dict[int, list[int]],
                       references: Sequence[SeReference], records: Sequence[SeRecord]) -> None:  # fmt: skip
    best = _matching_size(component, edges)
    for i in component:
        reference, own = references[i], references[i].record
        partners = [j for j in edges[i] if _matching_size(component, edges, i, j) == best - 1]
        may_go_without = not partners or _matching_size(component, edges, i) == best
        reference.coincidental, reference.candidates = None, []
        if not partners or (len(partners) == 1 and not may_go_without):
            reference.determinate = True
            observed = records[partners[0]] if partners else None
            if observed is not own:
                reference.coincidental = observed
        else:
            reference.determinate = False
            chosen = {id(records[j]): records[j] for j in partners}
            if own is not None:
                chosen[id(own)] = own
            reference.candidates = list(chosen.values())


def _matching_size(component: list[int], edges: dict[int, list[int]],
                   skip_reference: int | None = None, skip_record: int | None = None) -> int:  # fmt: skip
    """Size of a maximum matching (augmenting paths), without one reference and one record when given."""
    owner: dict[int, int] = {}

    def augment(i: int, visited: set[int]) -> bool:
        for j in edges[i]:
            if j == skip_record or j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    return sum(1 for i in component if i != skip_reference and augment(i, set()))
