from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pyarrow as pa
import pytest

from crawler.errors import StorageError
from crawler.store.schemas import (
    DATE_COLUMN, FILE_SCHEMAS, KEYS, SCHEMA_VERSION, SCHEMAS, key_string, partition_of, validate_row,
)
from tests.store import rows

# CONTRACT.md "Datasets": columns each dataset must include.
CONTRACT_COLUMNS = {
    "filings": "accession cik company_name form_type filed_date period_of_report items sic file_numbers abs_role "
               "depositor_name series trust_name paper document_count se_reference_count source_url raw_sha256 "
               "run_id crawled_at",
    "documents": "accession sequence type exhibit filename description size sha256 encoding paper_placeholder",
    "se_filings": "accession cik company_name filed_date paper file_numbers",
    "se_links": "accession exhibit se_date rule status se_accession confidence evidence",
    "errors": "run_id url accession stage error detail",
    "runs": "run_id started_at finished_at mode from to requests bytes new_filings status",
}


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_schema_has_contract_columns_and_int_partitions(name: str) -> None:
    schema = SCHEMAS[name]
    assert set(CONTRACT_COLUMNS[name].split()) <= set(schema.names)
    assert schema.field("year").type == pa.int16()
    assert schema.field("quarter").type == pa.int8()
    assert "year" not in FILE_SCHEMAS[name].names and "quarter" not in FILE_SCHEMAS[name].names
    assert FILE_SCHEMAS[name].metadata[b"schema_version"] == str(SCHEMA_VERSION).encode()
    for key in KEYS[name]:
        assert key in schema.names
    assert DATE_COLUMN[name] in schema.names


def test_column_types_follow_the_conventions() -> None:
    filings = SCHEMAS["filings"]
    assert filings.field("accession").nullable is False
    assert filings.field("cik").type == pa.int64() and not filings.field("cik").nullable
    assert filings.field("filed_date").type == pa.date32()
    assert filings.field("crawled_at").type == pa.timestamp("us", tz="UTC")
    assert filings.field("items").type == pa.list_(pa.string())
    assert filings.field("ciks").type == pa.list_(pa.int64())
    assert SCHEMAS["se_links"].field("decision_seq").type == pa.int64()
    assert SCHEMAS["se_links"].field("confidence").type == pa.float64()


def test_partition_of_dates_and_utc_datetimes() -> None:
    assert partition_of(date(2004, 3, 31)) == (2004, 1)
    assert partition_of(date(2004, 4, 1)) == (2004, 2)
    assert partition_of(date(2004, 12, 31)) == (2004, 4)
    new_york = timezone(timedelta(hours=-5))
    # 2004-12-31 20:00 in New York is 2005-01-01 01:00 UTC.
    assert partition_of(datetime(2004, 12, 31, 20, 0, tzinfo=new_york)) == (2005, 1)


def test_key_strings() -> None:
    assert key_string("filings", rows.filing("0000905148-04-004513")) == "0000905148-04-004513"
    assert key_string("documents", rows.document("0000905148-04-004513", 3)) == "0000905148-04-004513#3"
    link = rows.se_link("0000905148-04-004513", "99.2", seq=7)
    assert key_string("se_links", link) == "0000905148-04-004513#99.2#7"
    error = rows.error("http://x/a", occurred_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert key_string("errors", error) == "r1#2024-01-02T03:04:05+00:00#http://x/a#fetch"


def test_valid_rows_pass_and_give_their_partition() -> None:
    assert validate_row("filings", rows.filing("0000905148-04-004513", filed=date(2004, 8, 23))) == (2004, 3)
    assert validate_row("errors", rows.error("u")) == (2024, 1)
    assert validate_row("runs", rows.run("r9")) == (2024, 1)


@pytest.mark.parametrize(("change", "message"), [
    ({"cik": "1269518"}, "filings.cik: expected int64"),
    ({"cik": True}, "filings.cik"),
    ({"sic": 2**31}, "filings.sic: expected int32"),
    ({"filed_date": "2004-04-01"}, "filings.filed_date: expected a datetime.date"),
    ({"filed_date": datetime(2004, 4, 1, tzinfo=timezone.utc)}, "filings.filed_date"),
    ({"crawled_at": datetime(2024, 1, 1)}, "filings.crawled_at: expected a timezone-aware datetime"),
    ({"items": "8.01"}, "filings.items"),
    ({"items": ["8.01", 9]}, "filings.items"),
    ({"accession": None}, "filings.accession: missing value"),
    ({"paper": "no"}, "filings.paper"),
    ({"brand_new_column": 1}, "unknown column(s) brand_new_column"),
])
def test_drift_raises_storage_error_naming_dataset_and_column(change: dict, message: str) -> None:
    row = rows.filing("0000905148-04-004513")
    row.update(change)
    with pytest.raises(StorageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_row("filings", row)


def test_unknown_dataset() -> None:
    with pytest.raises(StorageError, match="unknown dataset 'filling'"):
        validate_row("filling", {})
