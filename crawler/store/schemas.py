"""One explicit pyarrow schema per dataset (CONTRACT.md "Datasets"), its key and its partition date.

``SCHEMAS[name]`` is what readers see: the file columns plus the Hive partition columns ``year`` (int16)
and ``quarter`` (int8). Files hold ``FILE_SCHEMAS[name]``, i.e. everything but ``year``/``quarter``:
with the partition columns also inside the files, ``pd.read_parquet("output/filings")`` and
``ds.dataset(..., partitioning="hive")`` fail ("Unable to merge: Field year has incompatible types").
Schema evolution: add nullable columns only (old files then read them as null).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

import pyarrow as pa

from crawler.errors import StorageError

SCHEMA_VERSION = 1

_STR = pa.string()
_DATE = pa.date32()
_TS = pa.timestamp("us", tz="UTC")
_STRS = pa.list_(pa.string())
_INTS = pa.list_(pa.int64())
_F64 = pa.float64()
_FACTS = pa.map_(pa.string(), pa.string())  # label -> verbatim text, in the order printed

# What the index row and the fetch said about a submission (0.4.0; null in rows archived before): enough,
# with the raw bytes, for ``rebuild`` to derive the same row again.
_FETCHED = (("index_form_type", _STR), ("index_date", _DATE), ("index_ciks", _INTS), ("index_names", _STRS),
            ("fetched_at", _TS))

PARTITION_SCHEMA = pa.schema([pa.field("year", pa.int16()), pa.field("quarter", pa.int8())])


def _schema(*fields: tuple[str, pa.DataType] | tuple[str, pa.DataType, bool]) -> pa.Schema:
    built = [pa.field(f[0], f[1], nullable=f[2] if len(f) == 3 else True) for f in fields]  # type: ignore[misc]
    metadata = {b"schema_version": str(SCHEMA_VERSION).encode()}
    return pa.schema(built + list(PARTITION_SCHEMA), metadata=metadata)


SCHEMAS: dict[str, pa.Schema] = {
    "filings": _schema(
        ("accession", _STR, False), ("cik", pa.int64(), False), ("ciks", _INTS), ("company_name", _STR),
        ("form_type", _STR), ("filed_date", _DATE, False), ("period_of_report", _DATE), ("accepted_at", _TS),
        ("items", _STRS), ("sic", pa.int32()), ("file_numbers", _STRS), ("is_abs", pa.bool_()),
        ("abs_role", _STR), ("depositor_name", _STR), ("series", _STR), ("trust_name", _STR),
        ("agreement_date", _DATE), ("underwriter", _STR), ("paper", pa.bool_()), ("document_count", pa.int32()),
        ("se_reference_count", pa.int32()), ("source_url", _STR), ("raw_path", _STR), ("raw_size", pa.int64()),
        ("raw_sha256", _STR), ("parse_errors", _STRS), ("run_id", _STR), ("crawled_at", _TS), *_FETCHED,
    ),
    "documents": _schema(
        ("accession", _STR, False), ("sequence", pa.int32(), False), ("type", _STR), ("exhibit", _STR),
        ("filename", _STR), ("description", _STR), ("size", pa.int64()), ("sha256", _STR), ("encoding", _STR),
        ("decoded_size", pa.int64()), ("decoded_sha256", _STR), ("paper_placeholder", pa.bool_()),
        ("filed_date", _DATE, False), ("run_id", _STR), ("crawled_at", _TS),
    ),
    "se_filings": _schema(
        ("accession", _STR, False), ("cik", pa.int64()), ("ciks", _INTS), ("company_name", _STR),
        ("filed_date", _DATE, False), ("paper", pa.bool_()), ("file_numbers", _STRS), ("document_count", pa.int32()),
        ("source_url", _STR), ("raw_path", _STR), ("raw_sha256", _STR), ("run_id", _STR), ("crawled_at", _TS),
        *_FETCHED,
    ),
    "se_links": _schema(
        ("accession", _STR, False), ("exhibit", _STR, False), ("se_date", _DATE), ("rule", _STR),
        ("status", _STR, False), ("se_accession", _STR), ("candidates", _STRS), ("confidence", pa.float64()),
        ("evidence", _STR), ("filed_date", _DATE, False), ("decision_seq", pa.int64(), False), ("run_id", _STR),
        ("decided_at", _TS),
    ),
    "errors": _schema(
        ("run_id", _STR, False), ("occurred_at", _TS, False), ("url", _STR), ("accession", _STR),
        ("stage", _STR, False), ("error", _STR), ("detail", _STR), ("raw_path", _STR),
    ),
    "runs": _schema(
        ("run_id", _STR, False), ("started_at", _TS, False), ("finished_at", _TS), ("mode", _STR),
        ("from", _DATE), ("to", _DATE), ("requests", pa.int64()), ("bytes", pa.int64()),
        ("new_filings", pa.int64()), ("errors", pa.int64()), ("status", _STR), ("exit_code", pa.int32()),
        ("version", _STR),
        # 0.4.0: the most requests sent in any 1-s window (crawler.peak_rate) and the run's --rate
        ("peak_requests_per_second", pa.int64()), ("rate_cap", _F64),
        # 0.4.0: the crawl state's watermark and the quarters it still has to re-read from form.idx, as the run left
        # them (what a host taking the archive over starts from; crawler.takeover)
        ("watermark", _DATE), ("recheck_quarters", _STRS),
    ),
    # Computational Materials (crawler.edgar.cm): one row per table of a CM exhibit document
    "cm_tables": _schema(
        ("accession", _STR, False), ("sequence", pa.int32(), False), ("table_no", pa.int32(), False),
        ("exhibit", _STR), ("kind_of_exhibit", _STR), ("kind", _STR, False), ("title", _STR), ("deal", _STR),
        ("class", _STR), ("balance", _F64), ("coupon", _F64), ("delay_days", pa.int32()), ("dated_date", _DATE),
        ("settle_date", _DATE), ("first_payment_date", _DATE), ("wac", _F64), ("wam", pa.int32()),
        ("net_wac", _F64), ("wala", pa.int32()), ("index", _STR), ("margin", _F64), ("cap", _F64),
        ("floor", _F64), ("facts", _FACTS), ("scenarios", _STRS), ("measures", _STRS), ("row_count", pa.int32()),
        ("warnings", _STRS), ("filed_date", _DATE, False), ("run_id", _STR), ("crawled_at", _TS),
    ),
    # one row per table x row x column (scenario) cell with a value printed
    "cm_values": _schema(
        ("accession", _STR, False), ("sequence", pa.int32(), False), ("table_no", pa.int32(), False),
        ("row_no", pa.int32(), False), ("scenario_no", pa.int32(), False), ("row_label", _STR), ("price", _F64),
        ("row_date", _DATE), ("row_value", _F64), ("measure", _STR), ("scenario", _STR), ("speed", _F64),
        ("unit", _STR), ("value", _F64), ("value_text", _STR), ("percent", _F64), ("filed_date", _DATE, False),
        ("run_id", _STR), ("crawled_at", _TS),
    ),
    # one row per class of a deal summary's tranche table
    "cm_tranches": _schema(
        ("accession", _STR, False), ("sequence", pa.int32(), False), ("table_no", pa.int32(), False),
        ("class", _STR, False), ("description", _STR), ("rating", _STR), ("balance", _F64), ("coupon", _F64),
        ("principal_window", _STR), ("avg_life", _F64), ("dated_date", _DATE), ("notes", _STR),
        ("texts", _FACTS), ("filed_date", _DATE, False), ("run_id", _STR), ("crawled_at", _TS),
    ),
    # the readable text of every document of an archived filing (null for uuencoded binaries)
    "document_text": _schema(
        ("accession", _STR, False), ("sequence", pa.int32(), False), ("type", _STR), ("exhibit", _STR),
        ("description", _STR), ("filename", _STR), ("format", _STR), ("kind_of_exhibit", _STR), ("text", _STR),
        ("chars", pa.int64()), ("filed_date", _DATE, False), ("run_id", _STR), ("crawled_at", _TS),
        ("cm_warnings", _STRS),  # the CM parser's warnings about the exhibit as a whole (0.4.0)
    ),
}

FILE_SCHEMAS: dict[str, pa.Schema] = {
    name: pa.schema([f for f in schema if f.name not in PARTITION_SCHEMA.names], metadata=schema.metadata)
    for name, schema in SCHEMAS.items()
}

KEYS: dict[str, tuple[str, ...]] = {
    "filings": ("accession",),
    "documents": ("accession", "sequence"),
    "se_filings": ("accession",),
    "se_links": ("accession", "exhibit", "decision_seq"),
    "errors": ("run_id", "occurred_at", "url", "stage"),
    "runs": ("run_id",),
    "cm_tables": ("accession", "sequence", "table_no"),
    "cm_values": ("accession", "sequence", "table_no", "row_no", "scenario_no"),
    "cm_tranches": ("accession", "sequence", "table_no", "class"),
    "document_text": ("accession", "sequence"),
}

DATE_COLUMN: dict[str, str] = {
    "filings": "filed_date", "documents": "filed_date", "se_filings": "filed_date",
    "se_links": "filed_date", "errors": "occurred_at", "runs": "started_at",
    "cm_tables": "filed_date", "cm_values": "filed_date", "cm_tranches": "filed_date", "document_text": "filed_date",
}

# Among rows with the same key, the one with the latest value here wins (dedup, compaction).
VERSION_COLUMN: dict[str, str] = {
    "filings": "crawled_at", "documents": "crawled_at", "se_filings": "crawled_at",
    "se_links": "decided_at", "errors": "occurred_at", "runs": "finished_at",
    "cm_tables": "crawled_at", "cm_values": "crawled_at", "cm_tranches": "crawled_at", "document_text": "crawled_at",
}

DATASETS: tuple[str, ...] = tuple(SCHEMAS)


def partition_of(value: date) -> tuple[int, int]:
    """``(year, quarter)`` of a date or an aware datetime (taken in UTC)."""
    if isinstance(value, datetime):
        value = value.astimezone(timezone.utc)
    return value.year, (value.month - 1) // 3 + 1


def partition_dir(year: int, quarter: int) -> str:
    return f"year={year}/quarter={quarter}"


def key_string(dataset: str, row: dict) -> str:
    """The row's key as one string: ``accession`` or ``accession#sequence`` (None → empty)."""
    return "#".join(_key_part(row.get(column)) for column in KEYS[dataset])


def _key_part(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    return str(value)


def validate_row(dataset: str, row: dict) -> tuple[int, int]:
    """Check a row against the dataset's schema; return its ``(year, quarter)``.

    Raises StorageError naming the dataset and column on an unknown dataset or column, a missing
    non-null value, or a value of the wrong Python type (str for int, naive datetime, datetime for date, ...).
    """
    checks = _CHECKS.get(dataset)
    if checks is None:
        raise StorageError(f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    unknown = row.keys() - checks.keys() - set(PARTITION_SCHEMA.names)
    if unknown:
        raise StorageError(f"{dataset}: unknown column(s) {', '.join(sorted(unknown))} (schema drift?)")
    for column, (nullable, check, expected) in checks.items():
        value = row.get(column)
        if value is None:
            if not nullable:
                raise StorageError(f"{dataset}.{column}: missing value for a non-null column")
        elif not check(value):
            raise StorageError(f"{dataset}.{column}: expected {expected}, got {type(value).__name__} {value!r:.80}")
    return partition_of(row[DATE_COLUMN[dataset]])


def _is_text_map(value: object) -> bool:
    """A map column's value: a dict, or a list of (key, value) pairs (labels may repeat), of strings."""
    pairs = value.items() if isinstance(value, dict) else value
    if not isinstance(pairs, (list, tuple)) and not isinstance(value, dict):
        return False
    return all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str)
               for p in pairs)


def _value_check(data_type: pa.DataType) -> Callable[[object], bool]:
    if pa.types.is_map(data_type):
        return _is_text_map
    if pa.types.is_list(data_type):
        item = _value_check(data_type.value_type)
        return lambda v: isinstance(v, (list, tuple)) and all(x is not None and item(x) for x in v)
    if pa.types.is_boolean(data_type):
        return lambda v: isinstance(v, bool)
    if pa.types.is_integer(data_type):
        bound = 2 ** (data_type.bit_width - 1)
        return lambda v: isinstance(v, int) and not isinstance(v, bool) and -bound <= v < bound
    if pa.types.is_floating(data_type):
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if pa.types.is_timestamp(data_type):
        return lambda v: isinstance(v, datetime) and v.utcoffset() is not None
    if pa.types.is_date(data_type):
        return lambda v: isinstance(v, date) and not isinstance(v, datetime)
    return lambda v: isinstance(v, str)


def _expected(data_type: pa.DataType) -> str:
    if pa.types.is_timestamp(data_type):
        return "a timezone-aware datetime"
    if pa.types.is_date(data_type):
        return "a datetime.date"
    return str(data_type)


_CHECKS: dict[str, dict[str, tuple[bool, Callable[[object], bool], str]]] = {
    name: {f.name: (f.nullable, _value_check(f.type), _expected(f.type)) for f in schema}
    for name, schema in FILE_SCHEMAS.items()
}
