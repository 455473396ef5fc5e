"""Reading the archive the safe way: only files committed in the manifest, with the current schema.

    from crawler.store.load import load
    filings = load("output", "filings", filters=[("year", "==", 2004)])

``year`` comes back as int16 and ``quarter`` as int8; integer and boolean columns as pandas' nullable
dtypes (``Int64``, ``Int32``, ``boolean``) so a null never turns a column into floats; dates as
``datetime.date`` objects, timestamps as ``datetime64[us, UTC]``, lists as arrays.

Plain readers work on the directories too (tests/store/test_readers.py checks each line). The partition
columns live only in the directory names, so each reader needs to be told their types::

    pd.read_parquet("output/filings", partitioning=ds.partitioning(
        pa.schema([("year", pa.int16()), ("quarter", pa.int8())]), flavor="hive"))   # bare: category
    duckdb: read_parquet('output/filings/**/*.parquet', hive_partitioning=true,
                         hive_types={'year': SMALLINT, 'quarter': TINYINT})           # bare: BIGINT
    pl.scan_parquet("output/filings/**/*.parquet", hive_schema={"year": pl.Int16, "quarter": pl.Int8})  # bare: Int64
    ds.dataset("output/filings", partitioning=PARTITIONING)                            # "hive": int32

Those readers also see the files of a crashed flush until the next run's reconcile deletes them, and
every ``se_links`` decision (take the highest ``decision_seq`` per ``(accession, exhibit)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.checkpoint import LogView, read_log
from crawler.store.schemas import KEYS, PARTITION_SCHEMA, SCHEMAS, VERSION_COLUMN

if TYPE_CHECKING:
    import pandas

PARTITIONING = ds.partitioning(PARTITION_SCHEMA, flavor="hive")


def dataset(root: str, name: str, *, fs: pafs.FileSystem | None = None, log: LogView | None = None) -> ds.Dataset:
    """The committed files of a dataset as a pyarrow Dataset with the current schema.

    ``root`` is an output URI (local path or ``s3://bucket/prefix``), or a path on ``fs`` when given.
    ``log``: the commit log already read (``crawler.store.checkpoint.read_log(fs, root)``) when reading
    several datasets at once; by default it is read here (one listing, the newest checkpoint, and the
    manifests it does not cover). Columns added to the schema after a file was written read as null.
    """
    if name not in SCHEMAS:
        raise StorageError(f"unknown dataset {name!r}; expected one of {', '.join(SCHEMAS)}")
    if fs is None:
        fs, root = store_fs.resolve(root, create=False)
    root = root.rstrip("/")
    files = (log if log is not None else read_log(fs, root)).live_files(name)
    return ds.dataset(files, schema=SCHEMAS[name], format="parquet", filesystem=fs,
                      partitioning=PARTITIONING, partition_base_dir=store_fs.join(root, name))


def read_table(root: str, name: str, *, latest: bool = True, filters: Any = None,
               fs: pafs.FileSystem | None = None) -> pa.Table:
    """Like :func:`load` but returns a pyarrow Table."""
    expression = pq.filters_to_expression(filters) if isinstance(filters, list) else filters
    table = dataset(root, name, fs=fs).to_table(filter=expression)
    return latest_rows(name, table) if latest else table


def load(root: str, name: str, *, latest: bool = True, filters: Any = None,
         fs: pafs.FileSystem | None = None) -> pandas.DataFrame:
    """A dataset as a pandas DataFrame.

    ``filters``: a pyarrow expression or pandas-style list (``[("year", "==", 2004)]``).
    ``latest=True`` keeps one row per key (the newest by ``crawled_at``/``decided_at``) and, for
    ``se_links``, only the highest ``decision_seq`` per ``(accession, exhibit)``.
    """
    table = read_table(root, name, latest=latest, filters=filters, fs=fs)
    return table.to_pandas(types_mapper=nullable_dtype)


def latest_rows(name: str, table: pa.Table) -> pa.Table:
    """One row per key, the newest winning; for se_links one decision per (accession, exhibit)."""
    table = dedupe(table, KEYS[name], VERSION_COLUMN[name])
    if name == "se_links":
        table = dedupe(table, ("accession", "exhibit"), "decision_seq")
    return table


def dedupe(table: pa.Table, keys: tuple[str, ...], newest_by: str) -> pa.Table:
    """Keep, for each distinct key, the row with the greatest ``newest_by`` (nulls lose; on a tie the
    later row of ``table`` wins, so pass rows in commit order). The result is sorted by key."""
    if table.num_rows < 2:
        return table
    position = "__position"
    table = table.append_column(position, pa.array(range(table.num_rows), pa.int64()))
    order = [(k, "ascending", "at_end") for k in keys] + [(newest_by, "descending", "at_end"),
                                                           (position, "descending", "at_end")]
    table = table.take(pc.sort_indices(table, sort_keys=order)).drop_columns([position])
    first = pa.array([True] + [False] * (table.num_rows - 1))
    for key in keys:
        first = pc.or_(first, _differs_from_previous(table.column(key).combine_chunks()))
    return table.filter(first)


def _differs_from_previous(column: pa.Array) -> pa.Array:
    current, previous = column.slice(1), column.slice(0, len(column) - 1)
    differs = pc.fill_null(pc.not_equal(current, previous), False)
    one_null = pc.xor(pc.is_null(current), pc.is_null(previous))
    return pa.concat_arrays([pa.array([True]), pc.or_(differs, one_null)])


def nullable_dtype(data_type: pa.DataType) -> Any:
    """``to_pandas``'s ``types_mapper`` of :func:`load`: nullable integers and booleans."""
    import pandas as pd

    if data_type in (pa.int16(), pa.int8()):
        return None  # partition columns are never null: plain numpy int16/int8
    return {
        pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype(),
    }.get(data_type)
