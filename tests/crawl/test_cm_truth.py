"""The crawl of a synthetic mirror equals the Computational Materials it wrote (``_truth/cm_*.jsonl``), exactly.

Every column of ``cm_tables``, ``cm_values`` and ``cm_tranches`` but ``run_id``/``crawled_at`` (which say when
the crawl ran) is compared, row by row by key, for the CM exhibits of every ABS 8-K the crawl covers. The truth
is written by ``mirror synth`` from the numbers it generated, never by the parser.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from crawler.store.schemas import FILE_SCHEMAS, KEYS
from tests.crawl.runs import mirror_range, rows, truth

CM_DATASETS = ("cm_tables", "cm_values", "cm_tranches")
WHEN_CRAWLED = {"run_id", "crawled_at"}


def columns(name: str) -> set[str]:
    return set(FILE_SCHEMAS[name].names) - WHEN_CRAWLED


def covered(mirror: Path) -> set[str]:
    """Accessions of the ABS 8-Ks in the mirror's range: those a crawl of the range archives."""
    start, end = mirror_range(mirror)
    return {t["accession"] for t in truth(mirror, "filings")
            if t["is_abs"] and start <= date.fromisoformat(t["filed_date"]) <= end}


def comparable(value: Any, like: Any, is_map: bool) -> Any:
    """A dataset value in the form of the truth's JSON value ``like``: dates as ISO text; a map column (pairs,
    labels may repeat) as an object or as [label, text] pairs, whichever the truth uses."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_map and value is not None:
        pairs = [list(pair) for pair in value]
        return dict(value) if isinstance(like, dict) and len(dict(value)) == len(pairs) else pairs
    return value


def equal(got: Any, want: Any) -> bool:
    if isinstance(got, float) and isinstance(want, float) and math.isnan(got) and math.isnan(want):
        return True
    return bool(got == want)


@pytest.mark.parametrize("name", CM_DATASETS)
def test_the_crawl_equals_the_mirrors_cm_truth(name: str, crawled_small: Path, small_mirror: Path) -> None:
    wanted = [t for t in truth(small_mirror, name) if t["accession"] in covered(small_mirror)]
    assert wanted, f"_truth/{name}.jsonl holds no row for the ABS 8-Ks of the mirror"
    for line in wanted:
        assert set(line) - {"year", "quarter"} == columns(name), (name, set(line) ^ columns(name))
    key = KEYS[name]
    expected = {tuple(t[k] for k in key): t for t in wanted}
    assert len(expected) == len(wanted), f"_truth/{name}.jsonl repeats a key"
    got = {tuple(r[k] for k in key): r for r in rows(crawled_small, name)}
    assert len(got) == len(rows(crawled_small, name)), f"{name}: a key occurs twice in the crawl"
    mismatches = []
    for row_key in sorted(set(expected) & set(got)):
        row, want = got[row_key], expected[row_key]
        for column in sorted(columns(name)):
            is_map = pa.types.is_map(FILE_SCHEMAS[name].field(column).type)
            value = comparable(row[column], want[column], is_map)
            if not equal(value, want[column]):
                mismatches.append((row_key, column, value, want[column]))
    only_crawled, only_truth = sorted(set(got) - set(expected)), sorted(set(expected) - set(got))
    assert not (only_crawled or only_truth or mismatches), (
        f"{name}: {len(only_crawled)} rows only in the crawl {only_crawled[:3]}, {len(only_truth)} only in the "
        f"truth {only_truth[:3]}, {len(mismatches)} values differ {mismatches[:6]}")
