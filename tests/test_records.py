"""crawler.records.submission_rows: the one derivation of a submission's rows (crawl and rebuild)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.derive import parse_submission
from crawler.edgar.cm.rows import CmRows
from crawler.items import SubmissionItem
from crawler.records import submission_rows
from crawler.store.schemas import FILE_SCHEMAS, validate_row
from tests.edgar.builders import document, seed_submission
from tests.test_derive import HTML_EXHIBIT, SEED_BODY

ACCESSION = "0000905148-04-002078"
FETCHED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
CRAWLED = datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC)


def parsed_item(body: bytes, *, kind: str = "8-K", recorded: bool = True) -> SubmissionItem:
    item = SubmissionItem(
        accession=ACCESSION, kind=kind, index_form_type=kind, date_filed=date(2004, 4, 8),
        filer_ciks=(1269518, 1234567), filer_names=("CWALT INC", "CWALT TRUST 2004-J4"),
        url=f"http://127.0.0.1/Archives/edgar/data/1269518/{ACCESSION}.txt", body=body, fetched_at=FETCHED,
        raw_path=f"/out/raw/2004/QTR2/1269518/{ACCESSION}.txt", raw_sha256="ab" * 32, index_recorded=recorded)
    item.parsed, item.contents = parse_submission(body, accession_hint=ACCESSION)
    return item


def test_an_8k_gives_its_filing_documents_and_their_texts_all_valid() -> None:
    body = seed_submission(SEED_BODY, document("EX-99.2", 3, HTML_EXHIBIT, "ex992.htm", "TERM SHEET"))
    rows = submission_rows(parsed_item(body), "run-1", CRAWLED)
    # plus cm_* rows when the parser reads the term sheet's grid: tests/crawl/test_cm_truth.py checks those
    assert {name for name, found in rows.items() if found} - {"cm_tables", "cm_values", "cm_tranches"} == \
        {"filings", "documents", "document_text"}
    for name, found in rows.items():
        for row in found:
            validate_row(name, row)
            assert (row["accession"], row["run_id"], row["crawled_at"]) == (ACCESSION, "run-1", CRAWLED)
    (filing,) = rows["filings"]
    assert (filing["index_form_type"], filing["index_date"], filing["fetched_at"]) == ("8-K", date(2004, 4, 8), FETCHED)
    assert (filing["index_ciks"], filing["index_names"]) == ([1269518, 1234567], ["CWALT INC", "CWALT TRUST 2004-J4"])
    texts = {row["sequence"]: row for row in rows["document_text"]}
    assert [r["sequence"] for r in rows["documents"]] == list(texts) == [1, 2, 3]
    assert (texts[3]["type"], texts[3]["exhibit"], texts[3]["description"], texts[3]["filename"]) == \
        ("EX-99.2", "99.2", "TERM SHEET", "ex992.htm")
    assert (texts[3]["format"], texts[3]["text"], texts[3]["chars"]) == ("html", "Price/Yield grid\n96-04 5.497", 28)
    assert texts[1]["kind_of_exhibit"] is None


def test_an_se_gives_an_se_filing_and_rows_of_a_rebuilt_old_row_keep_unknown_provenance_null() -> None:
    rows = submission_rows(parsed_item(seed_submission(SEED_BODY), kind="SE", recorded=False), "run-1", CRAWLED)
    assert not rows.get("filings") and len(rows["se_filings"]) == 1
    (se,) = rows["se_filings"]
    validate_row("se_filings", se)
    assert all(se[c] is None for c in ("index_form_type", "index_date", "index_ciks", "index_names", "fetched_at"))


def test_cm_rows_get_the_provenance_their_dataset_has() -> None:
    item = parsed_item(seed_submission(SEED_BODY))
    item.contents[1].kind_of_exhibit = "computational_materials"
    item.contents[1].cm = CmRows(
        tables=[{"table_no": 1, "kind": "price_yield", "title": "CWALT0534CB_1A - Price/Yield - 1A3",
                 "deal": "CWALT0534CB_1A", "class": "1A3", "coupon": 5.5, "facts": [("Coupon", "5.500")],
                 "scenarios": ["100 PPC"], "measures": ["yield"], "row_count": 1, "warnings": []}],
        values=[{"table_no": 1, "row_no": 1, "scenario_no": 1, "row_label": "96-04", "price": 96.125,
                 "measure": "yield", "scenario": "100 PPC", "speed": 100.0, "unit": "PPC", "value": 6.12,
                 "value_text": "6.120"}],
        tranches=[{"table_no": 2, "class": "1A1", "rating": "AAA", "balance": 2e7}])
    rows = submission_rows(item, "run-1", CRAWLED)
    for name in ("cm_tables", "cm_values", "cm_tranches"):
        (row,) = rows[name]
        validate_row(name, row)
        assert (row["accession"], row["sequence"], row["filed_date"]) == (ACCESSION, 2, date(2004, 4, 8))
        assert set(row) <= set(FILE_SCHEMAS[name].names)
    assert (rows["cm_tables"][0]["exhibit"], rows["cm_tables"][0]["kind_of_exhibit"]) == \
        ("99.1", "computational_materials")
    assert rows["document_text"][1]["kind_of_exhibit"] == "computational_materials"
