"""What ``rebuild`` re-derives: one :class:`Source` per committed ``filings``/``se_filings`` row, in shards.

A source is the row's raw file and the provenance the crawl kept beside the bytes (the index row and the fetch,
columns ``index_*`` and ``fetched_at`` since 0.4.0; its ``run_id`` and ``crawled_at``, which the rebuilt rows
keep). For rows archived before 0.4.0 the index facts are taken from the row itself (form type, CIKs, company
name and filing date are what the crawl derived from them, so the same rows come out) and, failing that, the
CIK from the raw path; their ``index_*`` columns stay null.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from crawler.items import SubmissionItem
from crawler.store import fs as store_fs
from crawler.store.raw import RAW_DIR, raw_path_cik

SHARD_SUBMISSIONS = 2000  # raw files per shard: one Parquet part per dataset partition each
SOURCE_DATASETS = {"filings": "8-K", "se_filings": "SE"}
SOURCE_COLUMNS = ("accession", "cik", "ciks", "company_name", "form_type", "filed_date", "source_url", "raw_path",
                  "raw_sha256", "run_id", "crawled_at", "index_form_type", "index_date", "index_ciks", "index_names",
                  "fetched_at")  # those of them the dataset has


@dataclass(frozen=True, slots=True)
class Source:
    """One submission to derive again (picklable; JSON via :meth:`to_json`/:meth:`from_json`)."""

    accession: str
    kind: str  # "8-K" | "SE"
    raw_path: str | None  # as the row records it
    raw_sha256: str | None
    url: str
    run_id: str | None
    crawled_at: datetime | None
    index_form_type: str
    index_date: date
    filer_ciks: tuple[int, ...]
    filer_names: tuple[str, ...]
    fetched_at: datetime | None
    index_recorded: bool

    def to_json(self) -> dict[str, Any]:
        value = asdict(self)
        for name in ("crawled_at", "index_date", "fetched_at"):
            value[name] = value[name].isoformat() if value[name] is not None else None
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Source:
        return cls(**{
            **value, "crawled_at": _datetime(value["crawled_at"]), "fetched_at": _datetime(value["fetched_at"]),
            "index_date": date.fromisoformat(value["index_date"]), "filer_ciks": tuple(value["filer_ciks"]),
            "filer_names": tuple(value["filer_names"]),
        })


def sources_of(table: pa.Table, kind: str) -> list[Source]:
    """Sources of the rows of ``table`` (one row per accession, with the ``SOURCE_COLUMNS`` its dataset has)."""
    return [source_of(row, kind) for row in table.to_pylist()]


def source_of(row: dict[str, Any], kind: str) -> Source:
    recorded = row.get("index_ciks") is not None
    if recorded:
        ciks, names = tuple(row["index_ciks"]), tuple(row["index_names"] or ())
        form_type, day = row["index_form_type"] or "", row["index_date"] or row["filed_date"]
    else:
        ciks = tuple(row["ciks"] or ()) or tuple(c for c in (row["cik"], raw_path_cik(row["raw_path"])) if c)[:1]
        names = (row["company_name"],) if row["company_name"] else ()
        form_type, day = row.get("form_type") or kind, row["filed_date"]
    return Source(
        accession=row["accession"], kind=kind, raw_path=row["raw_path"], raw_sha256=row["raw_sha256"],
        url=row["source_url"] or "", run_id=row["run_id"], crawled_at=row["crawled_at"], index_form_type=form_type,
        index_date=day, filer_ciks=ciks, filer_names=names, fetched_at=row["fetched_at"] if recorded else None,
        index_recorded=recorded,
    )


def shards(sources: list[Source], size: int = SHARD_SUBMISSIONS) -> list[list[Source]]:
    """Sources in raw-path order (so a shard covers few partitions), cut into shards of ``size``."""
    ordered = sorted(sources, key=lambda s: (s.raw_path or "", s.accession))
    return [ordered[at : at + size] for at in range(0, len(ordered), max(size, 1))]


def located(root: str, raw_path: str) -> str:
    """Where a recorded raw path is now: under ``root`` even when the archive was moved since."""
    if raw_path.startswith(root.rstrip("/") + "/"):
        return raw_path
    at = raw_path.rfind(f"/{RAW_DIR}/")
    relative = raw_path[at + 1:] if at >= 0 else raw_path.lstrip("/")
    return store_fs.join(root, relative)


def item_of(source: Source, body: bytes, raw_path: str, raw_sha256: str) -> SubmissionItem:
    """The item the crawl had when it archived these bytes (parse it with ``crawler.derive.parse_submission``)."""
    return SubmissionItem(
        accession=source.accession, kind=source.kind, index_form_type=source.index_form_type,
        date_filed=source.index_date, filer_ciks=source.filer_ciks, filer_names=source.filer_names, url=source.url,
        body=body, fetched_at=source.fetched_at, raw_path=raw_path, raw_sha256=raw_sha256,
        index_recorded=source.index_recorded,
    )


def _datetime(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
