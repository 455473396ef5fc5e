"""Form SE linkage across runs: remember references and SE records in the state, decide, emit se_links rows.

The decisions themselves are ``crawler.edgar.se_link.link_references`` (pure). Decisions are remade over
the whole set of remembered references and records, so the outcome does not depend on the order in which
8-Ks and SEs arrived; a row is written only when a decision changes (``decision_changed``), with a higher
``decision_seq`` than the row it supersedes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from crawler.edgar.depositors import SEED_DEPOSITORS
from crawler.edgar.filing import document_text
from crawler.edgar.textnorm import markup_to_text
from crawler.edgar.se_link import LinkDecision, ReferenceContext, SeRecord, decision_changed, link_references
from crawler.items import SubmissionItem
from crawler.records import filed_date
from crawler.store.state import CrawlState

REFERENCES = "se_refs"
SE_RECORDS = "se_records"
DECISIONS = "se_decisions"
UNNUMBERED_EXHIBIT = "unnumbered"  # a reference whose exhibit number the 8-K does not give
SE_TEXT_CHARS = 4096  # SE document text kept for the linker (series, exhibit numbers sit near the top)
SE_TEXT_SCAN_BYTES = 65536  # bytes of one SE document read to find that text (markup included)


def _depositor_ciks(item: SubmissionItem) -> tuple[int, ...]:
    parsed = item.parsed
    assert parsed is not None
    found: dict[int, None] = {}
    if parsed.depositor_cik:
        found[parsed.depositor_cik] = None
    for company in parsed.filers:
        if company.cik and parsed.abs.depositor_name and company.name == parsed.abs.depositor_name:
            found[company.cik] = None
    wanted = (parsed.abs.depositor_name or "").upper().rstrip(".")
    for depositor in SEED_DEPOSITORS:
        if wanted and depositor.name.upper().rstrip(".") == wanted:
            found[depositor.cik] = None
    return tuple(found)


def reference_contexts(item: SubmissionItem) -> list[ReferenceContext]:
    parsed = item.parsed
    assert parsed is not None
    ciks = tuple(dict.fromkeys([*item.filer_ciks, *(c.cik for c in parsed.filers if c.cik)]))
    return [
        ReferenceContext(
            accession=item.accession, exhibit=ref.exhibit, se_date=ref.se_date, rule=ref.rule,
            timing=ref.timing, filer_ciks=ciks, depositor_ciks=_depositor_ciks(item),
            file_numbers=tuple(parsed.file_numbers), series=parsed.abs.series,
            filed_date=filed_date(item), period_of_report=parsed.period_of_report,
        )
        for ref in parsed.se_references
    ]


def se_record(item: SubmissionItem) -> SeRecord:
    parsed = item.parsed
    assert parsed is not None
    ciks = tuple(dict.fromkeys([*item.filer_ciks, *(c.cik for c in parsed.filers if c.cik)]))
    return SeRecord(
        accession=item.accession, ciks=ciks, filed_date=filed_date(item),
        file_numbers=tuple(parsed.file_numbers),
        paper=parsed.paper or item.accession.startswith("9999999997"),
        company_name=item.filer_names[0] if item.filer_names else None,
        text=se_text(item),
    )


def se_text(item: SubmissionItem) -> str | None:
    """The first ``SE_TEXT_CHARS`` of an SE's document text, markup removed (documents the parser
    flagged as placeholders and uuencoded ones skipped); None for a header-only (paper) SE."""
    parsed = item.parsed
    assert parsed is not None
    pieces: list[str] = []
    budget = SE_TEXT_CHARS
    for document in parsed.documents:
        if document.is_placeholder or document.encoding != "text" or budget <= 0:
            continue
        end = min(document.text_end, document.text_start + SE_TEXT_SCAN_BYTES)
        window = replace(document, text_end=end)
        text = " ".join(markup_to_text(document_text(item.body, window)).split())[:budget]
        if text:
            pieces.append(text)
            budget -= len(text) + 1
    return " ".join(pieces) or None


SeInput = tuple[str, str, dict[str, Any]]  # (state namespace, key, value)


@dataclass(frozen=True)
class LinkChanges:
    """Decisions that changed: their ``se_links`` rows, and the ``DECISIONS`` records to store once those rows
    are committed (``apply_decisions``)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    decisions: dict[str, dict[str, Any]] = field(default_factory=dict)


def se_inputs(item: SubmissionItem) -> list[SeInput]:
    """What the linker needs from this item: its SE record, or its 8-K references (pure)."""
    if item.kind == "SE":
        record = se_record(item)
        return [(SE_RECORDS, record.accession, _to_json(asdict(record)))]
    return [(REFERENCES, f"{c.accession}#{c.exhibit}", _to_json(asdict(c))) for c in reference_contexts(item)]


def remember(state: CrawlState, item: SubmissionItem) -> None:
    """Store what the linker needs from this item (idempotent by key)."""
    for namespace, key, value in se_inputs(item):
        state.put_record(namespace, key, value)


def replace_se_inputs(state: CrawlState, accessions: set[str], inputs: list[SeInput]) -> None:
    """Store ``inputs``, derived anew for ``accessions``, dropping those accessions' references they no longer hold."""
    kept = {key for namespace, key, _ in inputs if namespace == REFERENCES}
    for key, _ in state.iter_records(REFERENCES):
        if key.split("#", 1)[0] in accessions and key not in kept:
            state.delete_record(REFERENCES, key)
    for namespace, key, value in inputs:
        state.put_record(namespace, key, value)


def decide_links(state: CrawlState, *, as_of: date, run_id: str) -> LinkChanges:
    """Decide every committed reference again; the rows of the decisions that changed (the state is not written)."""
    references = [_reference(v) for _, v in state.iter_records(REFERENCES)]
    references = [r for r in references if state.is_committed(r.accession)]
    records = [_record(v) for _, v in state.iter_records(SE_RECORDS)]
    records = [r for r in records if state.is_committed(r.accession)]
    decided_at = datetime.now(UTC)
    by_key = {(r.accession, r.exhibit): r for r in references}
    changes = LinkChanges()
    for decision in link_references(references, records, as_of=as_of):
        key = f"{decision.accession}#{decision.exhibit}"
        previous = state.get_record(DECISIONS, key)
        old = _decision(previous["decision"]) if previous else None
        if not decision_changed(old, decision):
            continue
        seq = previous["seq"] + 1 if previous else 1
        changes.decisions[key] = {"seq": seq, "decision": _to_json(asdict(decision))}
        changes.rows.append(_link_row(decision, by_key[(decision.accession, decision.exhibit)], seq, run_id,
                                      decided_at))
    return changes


def apply_decisions(state: CrawlState, decisions: dict[str, dict[str, Any]]) -> None:
    for key, value in decisions.items():
        state.put_record(DECISIONS, key, value)


def relink(state: CrawlState, *, as_of: date, run_id: str) -> Iterator[dict[str, Any]]:
    """Decide every committed reference again, store the decisions; yield se_links rows for those that changed."""
    changes = decide_links(state, as_of=as_of, run_id=run_id)
    apply_decisions(state, changes.decisions)
    yield from changes.rows


def _link_row(decision: LinkDecision, reference: ReferenceContext, seq: int, run_id: str,
              decided_at: datetime) -> dict[str, Any]:
    return {
        "accession": decision.accession,
        "exhibit": decision.exhibit or UNNUMBERED_EXHIBIT,
        "se_date": reference.se_date,
        "rule": reference.rule,
        "status": decision.status,
        "se_accession": decision.se_accession,
        "candidates": list(decision.candidates),
        "confidence": decision.confidence,
        "evidence": decision.evidence,
        "filed_date": reference.filed_date,
        "decision_seq": seq,
        "run_id": run_id,
        "decided_at": decided_at,
    }


def decisions_of_links(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The ``DECISIONS`` records that ``se_links`` rows were written from: each reference's latest decision (the
    highest ``decision_seq``, then the latest ``decided_at``), as :func:`relink` stored it."""
    latest: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (r["decision_seq"], r["decided_at"] or datetime.min.replace(tzinfo=UTC))):
        exhibit = None if row["exhibit"] == UNNUMBERED_EXHIBIT else row["exhibit"]
        decision = LinkDecision(accession=row["accession"], exhibit=exhibit, status=row["status"],
                                se_accession=row["se_accession"], candidates=tuple(row["candidates"] or ()),
                                confidence=row["confidence"], evidence=row["evidence"])
        latest[f"{row['accession']}#{exhibit}"] = {"seq": row["decision_seq"], "decision": _to_json(asdict(decision))}
    return latest


def _to_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _reference(value: dict[str, Any]) -> ReferenceContext:
    return ReferenceContext(**{
        **value,
        "se_date": _date(value["se_date"]), "filed_date": _date(value["filed_date"]),
        "period_of_report": _date(value["period_of_report"]),
        "filer_ciks": tuple(value["filer_ciks"]), "depositor_ciks": tuple(value["depositor_ciks"]),
        "file_numbers": tuple(value["file_numbers"]),
    })


def _record(value: dict[str, Any]) -> SeRecord:
    return SeRecord(**{**value, "filed_date": _date(value["filed_date"]), "ciks": tuple(value["ciks"]),
                       "file_numbers": tuple(value["file_numbers"])})


def _decision(value: dict[str, Any]) -> LinkDecision:
    return LinkDecision(**{**value, "candidates": tuple(value["candidates"])})
