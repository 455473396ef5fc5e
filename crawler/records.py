"""Dataset rows (CONTRACT.md "Datasets") built from items: pure functions, no I/O.

:func:`submission_rows` is the one derivation of a submission's rows, used by the crawl (``pipelines.parquet``)
and by ``rebuild``; its input is an item parsed by ``crawler.derive.parse_submission``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from crawler.derive import DocumentContent
from crawler.items import ErrorItem, SubmissionItem
from crawler.store.schemas import FILE_SCHEMAS

if TYPE_CHECKING:
    from crawler.edgar.filing import ParsedFiling

SubmissionRows = dict[str, list[dict[str, Any]]]
# the provenance columns the caller adds to crawler.edgar.cm.rows.CmRows, where the dataset has them
_CM_PROVENANCE = ("accession", "sequence", "exhibit", "kind_of_exhibit", "filed_date", "run_id", "crawled_at")
_CM_COLUMNS = {name: frozenset(_CM_PROVENANCE) & set(FILE_SCHEMAS[name].names)
               for name in ("cm_tables", "cm_values", "cm_tranches")}


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


def _common(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> dict[str, Any]:
    return {
        "accession": item.accession,
        "filed_date": filed_date(item),
        "run_id": run_id,
        "crawled_at": crawled_at,
    }


def submission_rows(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> SubmissionRows:
    """Every derived row of one archived submission: ``filings`` or ``se_filings``, ``documents``,
    ``document_text`` and the ``cm_*`` datasets (``errors`` and ``se_links`` are made elsewhere)."""
    main = ("se_filings", se_filing_row) if item.kind == "SE" else ("filings", filing_row)
    rows: SubmissionRows = {main[0]: [main[1](item, run_id, crawled_at)],
                            "documents": document_rows(item, run_id, crawled_at),
                            "document_text": document_text_rows(item, run_id, crawled_at)}
    rows.update(cm_rows(item, run_id, crawled_at))
    return rows


def _index_columns(item: SubmissionItem) -> dict[str, Any]:
    """What the index row and the fetch said (kept so that ``rebuild`` can derive the same row again)."""
    if not item.index_recorded:
        return dict.fromkeys(("index_form_type", "index_date", "index_ciks", "index_names", "fetched_at"))
    return {"index_form_type": item.index_form_type, "index_date": item.date_filed,
            "index_ciks": list(item.filer_ciks), "index_names": list(item.filer_names), "fetched_at": item.fetched_at}


def filing_row(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> dict[str, Any]:
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
        **_index_columns(item),
    }


def _parsed(item: SubmissionItem) -> tuple[ParsedFiling, list[DocumentContent]]:
    assert item.parsed is not None and item.contents is not None, "parse it with crawler.derive.parse_submission"
    return item.parsed, item.contents


def document_rows(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> list[dict[str, Any]]:
    parsed, contents = _parsed(item)
    rows = []
    for document, content in zip(parsed.documents, contents, strict=True):
        rows.append({
            **_common(item, run_id, crawled_at),
            "sequence": content.sequence,
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
    return rows


def document_text_rows(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> list[dict[str, Any]]:
    parsed, contents = _parsed(item)
    return [{
        **_common(item, run_id, crawled_at),
        "sequence": content.sequence,
        "type": document.type,
        "exhibit": document.exhibit,
        "description": document.description,
        "filename": document.filename,
        "format": content.format,
        "kind_of_exhibit": content.kind_of_exhibit,
        "text": content.text,
        "chars": len(content.text) if content.text is not None else None,
        "cm_warnings": list(content.cm_warnings),
    } for document, content in zip(parsed.documents, contents, strict=True)]


def cm_rows(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> SubmissionRows:
    """The ``cm_tables``, ``cm_values`` and ``cm_tranches`` rows of every exhibit read as CM."""
    parsed, contents = _parsed(item)
    rows: SubmissionRows = {"cm_tables": [], "cm_values": [], "cm_tranches": []}
    for document, content in zip(parsed.documents, contents, strict=True):
        if content.cm is None:
            continue
        provenance = {**_common(item, run_id, crawled_at), "sequence": content.sequence,
                      "exhibit": document.exhibit, "kind_of_exhibit": content.kind_of_exhibit}
        for name, found in (("cm_tables", content.cm.tables), ("cm_values", content.cm.values),
                            ("cm_tranches", content.cm.tranches)):
            added = {column: provenance[column] for column in _CM_COLUMNS[name]}
            rows[name].extend(row | added for row in found)
    return rows


def se_filing_row(item: SubmissionItem, run_id: str | None, crawled_at: datetime | None) -> dict[str, Any]:
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
        **_index_columns(item),
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
