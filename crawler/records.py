"""Dataset rows (CONTRACT.md "Datasets") built from items: pure functions, no I/O."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from crawler.items import ErrorItem, SubmissionItem


def _iso_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _ciks(item: SubmissionItem) -> list[int]:
    seen: dict[int, None] = dict.fromkeys(item.filer_ciks)
    if item.parsed is not None:
        seen.update(dict.fromkeys(c.cik for c in item.parsed.filers if c.cik is not None))
    return list(seen)


def _primary_company(item: SubmissionItem) -> tuple[str | None, int | None]:
    """Canonical (uncut) header name and SIC of the item's primary filer, falling back to the index."""
    name = item.filer_names[0] if item.filer_names else None
    if item.parsed is None:
        return name, None
    for company in item.parsed.filers:
        if company.cik == item.primary_cik:
            return company.name or name, company.sic
    first = item.parsed.filers[0] if item.parsed.filers else None
    return (first.name or name, first.sic) if first else (name, None)


def filed_date(item: SubmissionItem) -> date:
    parsed = item.parsed
    return parsed.filed_date if parsed is not None and parsed.filed_date else item.date_filed


def _common(item: SubmissionItem, run_id: str, crawled_at: datetime) -> dict[str, Any]:
    return {
        "accession": item.accession,
        "filed_date": filed_date(item),
        "run_id": run_id,
        "crawled_at": crawled_at,
    }


def filing_row(item: SubmissionItem, run_id: str, crawled_at: datetime) -> dict[str, Any]:
    parsed = item.parsed
    assert parsed is not None
    name, sic = _primary_company(item)
    facts = parsed.abs
    return {
        **_common(item, run_id, crawled_at),
        "cik": item.primary_cik,
        "ciks": _ciks(item),
        "company_name": name,
        "form_type": parsed.form_type or item.index_form_type,
        "period_of_report": parsed.period_of_report,
        "accepted_at": parsed.accepted_at,
        "items": list(parsed.items),
        "sic": sic,
        "file_numbers": list(parsed.file_numbers),
        "is_abs": facts.is_abs,
        "abs_role": facts.role,
        "depositor_name": facts.depositor_name,
        "series": facts.series,
        "trust_name": facts.trust_name,
        "agreement_date": _iso_date(facts.agreement_date),
        "underwriter": facts.underwriter,
        "paper": parsed.paper,
        "document_count": len(parsed.documents),
        "se_reference_count": len(parsed.se_references),
        "source_url": item.url,
        "raw_path": item.raw_path,
        "raw_size": len(item.body),
        "raw_sha256": item.raw_sha256,
        "parse_errors": list(parsed.errors),
    }


def document_rows(item: SubmissionItem, run_id: str, crawled_at: datetime) -> list[dict[str, Any]]:
    parsed = item.parsed
    assert parsed is not None
    rows = []
    for position, document in enumerate(parsed.documents, start=1):
        rows.append({
            **_common(item, run_id, crawled_at),
            "sequence": document.sequence if document.sequence is not None else position,
            "type": document.type,
            "exhibit": document.exhibit,
            "filename": document.filename,
            "description": document.description,
            "size": document.size,
            "sha256": document.sha256,
            "encoding": document.encoding,
            "decoded_size": document.decoded_size,
            "decoded_sha256": document.decoded_sha256,
            "paper_placeholder": document.is_placeholder,
        })
    return _unique_sequences(rows)


def _unique_sequences(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep (accession, sequence) unique even when a broken filing repeats a <SEQUENCE>."""
    used: set[int] = set()
    next_free = max((r["sequence"] for r in rows), default=0) + 1
    for row in rows:
        if row["sequence"] in used:
            row["sequence"], next_free = next_free, next_free + 1
        used.add(row["sequence"])
    return rows


def se_filing_row(item: SubmissionItem, run_id: str, crawled_at: datetime) -> dict[str, Any]:
    parsed = item.parsed
    assert parsed is not None
    name, _ = _primary_company(item)
    return {
        **_common(item, run_id, crawled_at),
        "cik": item.primary_cik,
        "ciks": _ciks(item),
        "company_name": name,
        "paper": parsed.paper or item.accession.startswith("9999999997"),
        "file_numbers": list(parsed.file_numbers),
        "document_count": len(parsed.documents),
        "source_url": item.url,
        "raw_path": item.raw_path,
        "raw_sha256": item.raw_sha256,
    }


def error_row(error: ErrorItem, run_id: str, occurred_at: datetime) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "occurred_at": error.occurred_at or occurred_at,
        "url": error.url,
        "accession": error.accession,
        "stage": error.stage,
        "error": error.error,
        "detail": error.detail,
        "raw_path": error.raw_path,
    }
