"""Small builders of dataset rows for the storage tests (values written out by hand)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

UTC = timezone.utc
T0 = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
T1 = datetime(2024, 1, 3, 3, 4, 5, tzinfo=UTC)
# filings/se_filings columns of the index row and the fetch (null: as in rows archived before 0.4.0)
FETCHED_UNKNOWN = dict.fromkeys(("index_form_type", "index_date", "index_ciks", "index_names", "fetched_at"))


def filing(accession: str, *, filed: date = date(2004, 4, 1), cik: int = 1269518, crawled_at: datetime = T0,
           **extra: Any) -> dict[str, Any]:
    row = {
        "accession": accession, "cik": cik, "ciks": [cik], "company_name": "CWALT INC", "form_type": "8-K",
        "filed_date": filed, "period_of_report": filed, "accepted_at": None, "items": ["5", "7"], "sic": 6189,
        "file_numbers": ["333-110343"], "is_abs": True, "abs_role": "depositor", "depositor_name": "CWALT, Inc.",
        "series": "2004-J4", "trust_name": None, "agreement_date": None, "underwriter": None, "paper": False,
        "document_count": 2, "se_reference_count": 1,
        "source_url": f"http://127.0.0.1/Archives/edgar/data/{cik}/{accession}.txt",
        "raw_path": None, "raw_size": 1234, "raw_sha256": "ab" * 32, "parse_errors": [], "run_id": "r1",
        "crawled_at": crawled_at, **FETCHED_UNKNOWN,
    }
    row.update(extra)
    return row


def document(accession: str, sequence: int, *, filed: date = date(2004, 4, 1), exhibit: str | None = None,
             crawled_at: datetime = T0, **extra: Any) -> dict[str, Any]:
    row = {
        "accession": accession, "sequence": sequence, "type": f"EX-{exhibit}" if exhibit else "8-K",
        "exhibit": exhibit, "filename": f"doc{sequence}.txt", "description": None, "size": 100 * sequence,
        "sha256": "cd" * 32, "encoding": "text", "decoded_size": None, "decoded_sha256": None,
        "paper_placeholder": False, "filed_date": filed, "run_id": "r1", "crawled_at": crawled_at,
    }
    row.update(extra)
    return row


def se_link(accession: str, exhibit: str, *, seq: int, status: str = "pending", filed: date = date(2004, 4, 1),
            se_accession: str | None = None, decided_at: datetime = T0) -> dict[str, Any]:
    return {
        "accession": accession, "exhibit": exhibit, "se_date": filed, "rule": "311(j)", "status": status,
        "se_accession": se_accession, "candidates": [se_accession] if se_accession else [],
        "confidence": 0.9 if se_accession else None, "evidence": "same CIK, same day", "filed_date": filed,
        "decision_seq": seq, "run_id": "r1", "decided_at": decided_at,
    }


def se_filing(accession: str, *, filed: date = date(2004, 4, 1), cik: int = 1269518) -> dict[str, Any]:
    return {
        "accession": accession, "cik": cik, "ciks": [cik], "company_name": "CWALT INC", "filed_date": filed,
        "paper": True, "file_numbers": [], "document_count": 1, "source_url": None, "raw_path": None,
        "raw_sha256": None, "run_id": "r1", "crawled_at": T0, **FETCHED_UNKNOWN,
    }


def error(url: str, *, occurred_at: datetime = T0, stage: str = "fetch") -> dict[str, Any]:
    return {"run_id": "r1", "occurred_at": occurred_at, "url": url, "accession": None, "stage": stage,
            "error": "HTTP 404", "detail": "not found", "raw_path": None}


def run(run_id: str, *, started_at: datetime = T0) -> dict[str, Any]:
    return {"run_id": run_id, "started_at": started_at, "finished_at": T1, "mode": "range",
            "from": date(2004, 4, 1), "to": date(2004, 6, 30), "requests": 10, "bytes": 1000,
            "new_filings": 3, "errors": 0, "status": "finished", "exit_code": 0, "version": "0.1.0"}


def document_text(accession: str, sequence: int, *, text: str | None = "Price/Yield", filed: date = date(2004, 4, 1),
                  crawled_at: datetime = T0) -> dict[str, Any]:
    return {
        "accession": accession, "sequence": sequence, "type": "EX-99.1", "exhibit": "99.1", "description": None,
        "filename": "ex991.txt", "format": "text" if text is not None else "uuencoded",
        "kind_of_exhibit": "computational_materials", "text": text, "chars": len(text) if text is not None else None,
        "cm_warnings": [], "filed_date": filed, "run_id": "r1", "crawled_at": crawled_at,
    }


def cm_table(accession: str, table_no: int, *, facts: list[tuple[str, str]] | None = None,
             crawled_at: datetime = T0) -> dict[str, Any]:
    return {
        "accession": accession, "sequence": 2, "table_no": table_no, "exhibit": "99.1",
        "kind_of_exhibit": "computational_materials", "kind": "price_yield",
        "title": "CWALT0534CB_1A - Price/Yield - 1A3", "deal": "CWALT0534CB_1A", "class": "1A3", "coupon": 5.5,
        "facts": facts if facts is not None else [("Coupon", "5.500"), ("Note", "a"), ("Note", "b")],
        "scenarios": ["100 PPC", "300 PPC"], "measures": ["yield", "yield"], "row_count": 1, "warnings": [],
        "filed_date": date(2004, 4, 1), "run_id": "r1", "crawled_at": crawled_at,
    }


def cm_value(accession: str, table_no: int, row_no: int, scenario_no: int, *, value: float = 5.497,
             crawled_at: datetime = T0) -> dict[str, Any]:
    return {
        "accession": accession, "sequence": 2, "table_no": table_no, "row_no": row_no, "scenario_no": scenario_no,
        "row_label": "96-04", "price": 96.125, "measure": "yield", "scenario": "100 PPC", "speed": 100.0,
        "unit": "PPC", "value": value, "value_text": f"{value:.3f}", "filed_date": date(2004, 4, 1), "run_id": "r1",
        "crawled_at": crawled_at,
    }
