"""Archives for the rebuild tests: the real ``rebuild`` CLI, readers, and an archive as release 0.3.0 wrote it.

``rebuild_command``/``run_rebuild`` run ``python -m crawler rebuild``; ``datasets`` reads datasets through
``crawler.store.load.load`` in a form two archives can be compared in; ``as_version_030`` turns a
crawled archive into what release 0.3.0 would have written (no ``document_text``/``cm_*``, no ``index_*``
or ``fetched_at`` columns in its files).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from crawler.store.load import load, read_table
from crawler.store.schemas import FILE_SCHEMAS, KEYS, partition_dir
from tests.crawl.runs import clean_env, mirror_range

DERIVED = ("filings", "documents", "se_filings", "document_text", "cm_tables", "cm_values", "cm_tranches")
NEW_COLUMNS_040 = ("index_form_type", "index_date", "index_ciks", "index_names", "fetched_at")
DATASETS_030 = ("filings", "documents", "se_filings", "se_links", "errors", "runs")


def as_of(mirror: Path) -> str:
    return (mirror_range(mirror)[1] + timedelta(days=1)).isoformat()


def rebuild_command(output: Path, mirror: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "rebuild", "--output", str(output), "--as-of", as_of(mirror),
            "--progress", "off", *extra]


def run_rebuild(output: Path, mirror: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(rebuild_command(output, mirror, *extra), capture_output=True, text=True, env=clean_env(),
                          timeout=timeout)


def copy_archive(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def datasets(output: Path | str, names: tuple[str, ...] = DERIVED, drop: tuple[str, ...] = (),
             fs: Any = None) -> dict[str, pd.DataFrame]:
    """Each dataset as ``load`` gives it, sorted by key, every value as text (``_text``), ``raw_path`` from
    its ``raw/`` on (the archive may have been copied)."""
    frames = {}
    for name in names:
        frame = load(str(output), name, fs=fs)
        if "raw_path" in frame:
            frame["raw_path"] = frame["raw_path"].map(lambda p: p[p.find("/raw/") + 1:] if isinstance(p, str) else p)
        frame = frame.drop(columns=[c for c in drop if c in frame]).sort_values(list(KEYS[name]))
        frames[name] = frame.reset_index(drop=True).astype(object).map(_text)
    return frames


def _text(value: Any) -> str:
    """One cell as comparable text: every kind of missing value alike, arrays as lists."""
    if hasattr(value, "tolist"):
        return repr(value.tolist())
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return "null"
    return repr(value)


def assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    for name, frame in left.items():
        other = right[name]
        assert list(frame.columns) == list(other.columns), name
        assert len(frame) == len(other), (name, len(frame), len(other))
        for column in frame.columns:
            differs = frame[column] != other[column]
            assert not differs.any(), (name, column, frame.loc[differs, column].head(3).tolist(),
                                       other.loc[differs, column].head(3).tolist())


def as_version_030(crawled: Path, target: Path) -> Path:
    """``target``: the raw files and crawl state of ``crawled``, with the datasets 0.3.0 wrote, in its columns."""
    shutil.copytree(crawled / "raw", target / "raw")
    shutil.copytree(crawled / "_state", target / "_state")
    files: dict[str, list[str]] = {}
    rows: dict[str, int] = {}
    keys: dict[str, list[str]] = {}
    for name in DATASETS_030:
        table = read_table(str(crawled), name, latest=False)
        schema = pa.schema([f for f in FILE_SCHEMAS[name] if f.name not in NEW_COLUMNS_040])
        for (year, quarter), part in _partitions(table).items():
            relative = f"{name}/{partition_dir(year, quarter)}/part-v030-00000-0.parquet"
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(part.select(schema.names).cast(schema), target / relative, compression="zstd")
            files.setdefault(name, []).append(relative)
        rows[name] = table.num_rows
        if name in ("filings", "se_filings"):
            keys[name] = table.column("accession").to_pylist()
    manifest = {"manifest_id": "20000101T000000000000Z-v030-00000", "run_id": "v030", "kind": "data",
                "created_at": "2000-01-01T00:00:00+00:00", "schema_version": 1, "files": files, "rows": rows,
                "keys": keys, "retired": {}}
    (target / "_manifest").mkdir()
    (target / "_manifest" / f"{manifest['manifest_id']}.json").write_text(json.dumps(manifest))
    return target


def _partitions(table: pa.Table) -> dict[tuple[int, int], pa.Table]:
    found: dict[tuple[int, int], pa.Table] = {}
    pairs = set(zip(table.column("year").to_pylist(), table.column("quarter").to_pylist(), strict=True))
    for year, quarter in sorted(pairs):
        mask = [y == year and q == quarter for y, q in zip(table.column("year").to_pylist(),
                                                           table.column("quarter").to_pylist(), strict=True)]
        found[(year, quarter)] = table.filter(pa.array(mask))
    return found


def key_counts(output: Path, name: str) -> dict[Any, int]:
    """How often each key occurs in the committed files (plain pyarrow, no de-duplication)."""
    from collections import Counter

    from tests.crawl.runs import rows as committed_rows

    columns = list(KEYS[name])
    return Counter(tuple(row[c] for c in columns) for row in committed_rows(output, name, columns))
