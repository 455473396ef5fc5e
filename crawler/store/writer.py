"""Buffered, crash-safe writing of dataset rows: Parquet files first, then one manifest entry (the commit).

Usage (the Parquet pipeline runs ``flush`` in a worker thread; ``add`` may go on meanwhile)::

    fs, root = resolve(output)
    writer = ArchiveWriter(fs, root, run_id, on_commit=state.apply_commit)
    writer.add("filings", {"accession": "0000905148-04-004513", "cik": 1304811, "filed_date": date(2004, 4, 1), ...})
    if writer.should_flush():
        await asyncio.to_thread(writer.flush)
    ...
    await asyncio.to_thread(writer.close)

Each flush writes one file per (dataset, partition) named ``part-<run_id>-<seq:05d>-0.parquet`` under
``<root>/<dataset>/year=YYYY/quarter=Q/``. Locally a file is written under ``<root>/_staging/`` with a
``.parquet.tmp`` name and renamed into place; on S3 it goes straight to its final key. Readers that go by
the manifest (``crawler.store.load``) never see a file before its manifest entry exists.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.lock import ArchiveLock
from crawler.store.manifest import ManifestEntry, manifest_path, new_manifest_id, write_manifest
from crawler.store.row_buffer import BULK_DATASETS, RowBuffer
from crawler.store.schemas import FILE_SCHEMAS, key_string, partition_dir, validate_row

STAGING_DIR = "_staging"
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

Partition = tuple[int, int]
Buffers = dict[str, dict[Partition, RowBuffer]]
MAX_BULK_ROWS = 200_000  # bulk rows (crawler.store.row_buffer) buffered before a commit whatever max_rows says


@dataclass(frozen=True)
class Commit:
    """What one manifest entry committed: file paths on the filesystem, key strings and row counts per dataset."""

    manifest_id: str
    files: dict[str, list[str]]
    keys: dict[str, list[str]]
    rows: dict[str, int]


class ArchiveWriter:
    """Buffers rows per dataset and partition; ``flush`` commits them atomically. Thread-safe."""

    def __init__(
        self,
        fs: pafs.FileSystem,
        root: str,
        run_id: str,
        *,
        max_rows: int = 5000,
        max_seconds: float = 60.0,
        on_commit: Callable[[Commit], None] | None = None,
        before_commit: Callable[[], None] | None = None,
        guard: ArchiveLock | None = None,
    ) -> None:
        if not _RUN_ID.match(run_id):
            raise StorageError(f"run id {run_id!r} must be letters, digits, '.', '_' or '-' (it names files)")
        self.fs, self.root, self.run_id = fs, root.rstrip("/"), run_id
        self.max_rows, self.max_seconds, self.on_commit = max_rows, max_seconds, on_commit
        self.before_commit = before_commit  # e.g. make the raw files the rows point at durable
        self.guard = guard  # the archive's lock: fences every commit
        self._buffers: Buffers = {}
        self._buffered = 0  # rows counted toward max_rows
        self._bulk = 0  # rows of the bulk datasets
        self._first_added: float | None = None
        self._seq = 0
        self._closed = False
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()

    @property
    def buffered_rows(self) -> int:
        return self._buffered + self._bulk

    def add(self, dataset: str, row: dict) -> None:
        """Buffer one row; StorageError at once if the dataset, a column or a value type is wrong."""
        partition = validate_row(dataset, row)
        self._buffer(dataset, partition, [row])

    def add_bulk(self, dataset: str, rows: list[dict], partition: Partition) -> None:
        """Buffer rows of a bulk dataset (``crawler.store.row_buffer.BULK_DATASETS``), all of ``partition``, made
        by code whose rows are known to fit (crawler.records; its tests check each row): Arrow checks them when it
        converts them (StorageError naming the column). They do not count toward ``max_rows``."""
        if dataset not in BULK_DATASETS:
            raise StorageError(f"{dataset} is not a bulk dataset; add its rows one by one")
        if rows:
            self._buffer(dataset, partition, rows)

    def _buffer(self, dataset: str, partition: Partition, rows: list[dict]) -> None:
        with self._lock:
            if self._closed:
                raise StorageError(f"writer for run {self.run_id} is closed")
            partitions = self._buffers.setdefault(dataset, {})
            buffer = partitions.get(partition) or partitions.setdefault(partition, RowBuffer(dataset))
            buffer.extend(rows)
            if dataset in BULK_DATASETS:
                self._bulk += len(rows)
            else:
                self._buffered += len(rows)
            if self._first_added is None:
                self._first_added = time.monotonic()

    def should_flush(self) -> bool:
        """True when ``max_rows`` rows (``MAX_BULK_ROWS`` bulk rows) are buffered or the oldest buffered row is
        ``max_seconds`` old."""
        with self._lock:
            if not self._buffered and not self._bulk:
                return False
            assert self._first_added is not None
            return self._buffered >= self.max_rows or self._bulk >= MAX_BULK_ROWS \
                or time.monotonic() - self._first_added >= self.max_seconds

    def flush(self) -> Commit | None:
        """Write and commit everything buffered; None when nothing was. On failure the rows stay buffered."""
        with self._flush_lock:
            with self._lock:
                taken, self._buffers = self._buffers, {}
                counts, self._buffered, self._bulk, self._first_added = (self._buffered, self._bulk), 0, 0, None
                seq = self._seq
                self._seq += 1
            if not taken:
                return None
            try:
                commit = self._commit(taken, seq)
            except BaseException:
                self._restore(taken, counts)
                raise
        if self.on_commit is not None:
            self.on_commit(commit)
        return commit

    def close(self) -> Commit | None:
        """Flush what is left; later ``add`` calls fail."""
        commit = self.flush()
        with self._lock:
            self._closed = True
        return commit

    def _restore(self, taken: Buffers, counts: tuple[int, int]) -> None:
        with self._lock:
            for dataset, partitions in self._buffers.items():
                for partition, buffer in partitions.items():
                    earlier = taken.setdefault(dataset, {}).get(partition)
                    if earlier is None:
                        taken[dataset][partition] = buffer
                    else:
                        buffer.merge(earlier)
                        taken[dataset][partition] = buffer
            self._buffers = taken
            self._buffered += counts[0]
            self._bulk += counts[1]
            self._first_added = time.monotonic()

    def _commit(self, taken: Buffers, seq: int) -> Commit:
        if self.before_commit is not None:
            self.before_commit()
        manifest_id = new_manifest_id(self.run_id, seq)
        staging = store_fs.join(self.root, STAGING_DIR, f"{self.run_id}-{seq:05d}")
        files: dict[str, list[str]] = {}
        keys: dict[str, list[str]] = {}
        rows: dict[str, int] = {}
        try:
            for dataset, partitions in sorted(taken.items()):
                for (year, quarter), batch in sorted(partitions.items()):
                    table = batch.table()
                    relative = f"{dataset}/{partition_dir(year, quarter)}/part-{self.run_id}-{seq:05d}-0.parquet"
                    files.setdefault(dataset, []).append(store_fs.join(self.root, relative))
                    place_file(self.fs, table, store_fs.join(self.root, relative), store_fs.join(staging, relative))
                if dataset not in BULK_DATASETS:
                    keys[dataset] = list(dict.fromkeys(key_string(dataset, r) for b in partitions.values()
                                                       for r in b.rows))
                rows[dataset] = sum(b.count for b in partitions.values())
            entry = ManifestEntry(
                manifest_id=manifest_id, run_id=self.run_id, kind="data",
                created_at=datetime.now(timezone.utc).isoformat(), files=files, rows=rows, keys=keys,
            )
            commit_manifest(self.fs, self.root, entry, self.guard)
        except BaseException:
            self._discard([path for paths in files.values() for path in paths], staging)
            raise
        self._discard([], staging)
        return Commit(manifest_id=manifest_id, files=files, keys=keys, rows=rows)

    def _discard(self, paths: list[str], staging: str) -> None:
        """Best effort: remove files of a failed commit (reconcile removes whatever is left)."""
        for path in paths:
            try:
                self.fs.delete_file(path)
            except OSError:
                pass
        if store_fs.is_local(self.fs):
            try:
                store_fs.delete_dir(self.fs, staging)
            except (OSError, StorageError):
                pass


def commit_manifest(fs: pafs.FileSystem, root: str, entry: ManifestEntry,
                    guard: ArchiveLock | None = None) -> None:
    """Write the manifest, the commit point; a failure whose write nevertheless landed (a lost S3 reply) counts as
    committed. ``guard``: the archive's lock, asked right before the write for the fencing token the entry records
    (LeaseLostError: refused, nothing written) and told right after it."""
    if guard is not None:
        entry = replace(entry, fence=guard.fence())
    try:
        write_manifest(fs, root, entry)
    except StorageError:
        if not store_fs.exists(fs, manifest_path(root, entry.manifest_id)):
            raise
    if guard is not None:
        guard.confirm(entry.manifest_id)


def build_table(dataset: str, rows: list[dict]) -> pa.Table:
    """Rows (validated dicts) → a table of the dataset's file schema; StorageError names the failing column."""
    schema = FILE_SCHEMAS[dataset]
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError) as exc:
        for column in schema:
            try:
                pa.array([row.get(column.name) for row in rows], type=column.type)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError) as column_exc:
                raise StorageError(f"{dataset}.{column.name}: {column_exc}") from exc
        raise StorageError(f"{dataset}: cannot build a table: {exc}") from exc


def place_file(fs: pafs.FileSystem, table: pa.Table, final: str, staging: str) -> None:
    """Put ``table`` at ``final`` so that no partial file is ever there (local: stage + rename)."""
    if not store_fs.is_local(fs):
        store_fs.with_retries(lambda: _write_parquet(fs, table, final), f"writing {final}")
        return
    temp = staging + ".tmp"
    store_fs.with_retries(lambda: _write_local_durably(fs, table, temp), f"writing {temp}")
    store_fs.with_retries(lambda: _rename_into_place(temp, final), f"moving {temp} to {final}")


def _write_parquet(fs: pafs.FileSystem, table: pa.Table, path: str) -> None:
    pq.write_table(table, path, filesystem=fs, compression="zstd")


def _write_local_durably(fs: pafs.FileSystem, table: pa.Table, path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _write_parquet(fs, table, path)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rename_into_place(temp: str, final: str) -> None:
    os.makedirs(os.path.dirname(final), exist_ok=True)
    os.replace(temp, final)
