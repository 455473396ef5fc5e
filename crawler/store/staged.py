"""Staged commits: data files prepared over a long job (``rebuild``) and made live in one manifest entry.

A job writes its files under ``<root>/_rebuild/<job_id>/<dataset>/year=Y/quarter=Q/<name>``: outside the
dataset directories, so no reader sees them and a crawl's reconcile leaves them alone, and the job can be
resumed after ``kill -9``, across other runs. :func:`commit_staged` then makes them live at once:

1. each staged file is moved to the same place below its dataset directory (a rename locally; copy + delete
   on an object store), where, unlisted, it is still invisible to the readers that go by the manifest;
2. one manifest entry lists the moved files and retires the files they replace: the commit point. Readers
   see the old rows or the new ones, never both;
3. state records deferred to the commit (:func:`defer_records`) are written, the retired files deleted.

A crash during 1 leaves moved, unlisted files, which the next reconcile would delete as orphans; the job,
resuming, first moves them back (:func:`restore_staged`). If another run's reconcile came first, the job finds
them missing (:func:`is_present`) and writes them again. A crash between 2 and 3 is finished by any later
reconcile (:func:`apply_deferred`): the manifest is listed, so its deferred records are written; deferred
records of a manifest never written are dropped.
"""

from __future__ import annotations

import os
import posixpath
from datetime import datetime, timezone
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.lock import ArchiveLock
from crawler.store.manifest import ManifestEntry
from crawler.store.schemas import FILE_SCHEMAS, partition_dir, validate_row
from crawler.store.state import CrawlState
from crawler.store.writer import build_table, commit_manifest

STAGED_DIR = "_rebuild"
DEFERRED = "deferred_records"  # crawl-state namespace: manifest id -> records to write once it is listed


def staged_root(root: str, job_id: str) -> str:
    return store_fs.join(root, STAGED_DIR, job_id)


def staged_path(root: str, job_id: str, dataset: str, partition: str, name: str) -> str:
    return store_fs.join(staged_root(root, job_id), dataset, partition, name)


def live_path(root: str, job_id: str, staged: str) -> str:
    """Where a staged file goes: the same place below the dataset directory."""
    prefix = staged_root(root, job_id) + "/"
    return store_fs.join(root, staged[len(prefix):])


class StagedParts:
    """Rows streamed into one staged part ``part-<job_id>-<name>.parquet`` per dataset partition, a row group
    every ``batch_rows`` rows (memory stays bounded however big the texts). Each part appears whole or not at
    all: locally written under a temporary name, made durable and renamed by :meth:`close`; on an object store
    the object exists once its upload completes."""

    def __init__(self, fs: pafs.FileSystem, root: str, job_id: str, name: str, *, batch_rows: int = 1000) -> None:
        self.fs, self.root, self.job_id, self.name, self.batch_rows = fs, root, job_id, name, batch_rows
        self._pending: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
        self._writers: dict[tuple[str, int, int], tuple[str, pq.ParquetWriter]] = {}
        self.rows: dict[str, int] = {}

    def add(self, dataset: str, row: dict[str, Any]) -> None:
        """Buffer one row; StorageError when it does not fit the dataset's schema."""
        self.add_rows(dataset, [row], validate_row(dataset, row))

    def add_rows(self, dataset: str, rows: list[dict[str, Any]], partition: tuple[int, int]) -> None:
        """Buffer rows of ``partition`` made by code whose rows are known to fit (as ``ArchiveWriter.add_bulk``):
        Arrow checks them when it writes them (StorageError naming the column)."""
        key = (dataset, *partition)
        batch = self._pending.setdefault(key, [])
        batch.extend(rows)
        if len(batch) >= self.batch_rows:
            self._write(key)

    def close(self) -> dict[str, list[str]]:
        """Write what is buffered and put every part in place; returns the staged files by dataset."""
        try:
            for key in list(self._pending):
                self._write(key)
            files: dict[str, list[str]] = {}
            for (dataset, _, _), (path, writer) in sorted(self._writers.items()):
                writer.close()
                if store_fs.is_local(self.fs):
                    _durable_rename(path + ".tmp", path)
                files.setdefault(dataset, []).append(path)
            return files
        except OSError as exc:
            raise StorageError(f"writing staged parts of {self.job_id}: {store_fs.describe(exc)}") from exc

    def _write(self, key: tuple[str, int, int]) -> None:
        dataset = key[0]
        batch = self._pending.pop(key)
        if key not in self._writers:
            path = staged_path(self.root, self.job_id, dataset, partition_dir(key[1], key[2]),
                               f"part-{self.job_id}-{self.name}.parquet")
            target = path + ".tmp" if store_fs.is_local(self.fs) else path
            if store_fs.is_local(self.fs):
                os.makedirs(posixpath.dirname(path), exist_ok=True)
            try:
                writer = pq.ParquetWriter(target, FILE_SCHEMAS[dataset], filesystem=self.fs, compression="zstd")
            except OSError as exc:
                raise StorageError(f"writing {target}: {store_fs.describe(exc)}") from exc
            self._writers[key] = (path, writer)
        try:
            self._writers[key][1].write_table(build_table(dataset, batch))
        except OSError as exc:
            raise StorageError(f"writing {self._writers[key][0]}: {store_fs.describe(exc)}") from exc
        self.rows[dataset] = self.rows.get(dataset, 0) + len(batch)


def is_present(fs: pafs.FileSystem, root: str, job_id: str, staged: str) -> bool:
    return store_fs.exists(fs, staged) or store_fs.exists(fs, live_path(root, job_id, staged))


def restore_staged(fs: pafs.FileSystem, root: str, job_id: str, staged: list[str]) -> int:
    """Move files an interrupted commit had moved (and not listed) back to staging; returns how many."""
    moved = 0
    for path in staged:
        live = live_path(root, job_id, path)
        if not store_fs.exists(fs, path) and store_fs.exists(fs, live):
            _move(fs, live, path)
            moved += 1
    return moved


def commit_staged(fs: pafs.FileSystem, root: str, *, manifest_id: str, job_id: str,
                  files: dict[str, list[str]], rows: dict[str, int], keys: dict[str, list[str]],
                  retired: dict[str, list[str]], guard: ArchiveLock | None = None) -> ManifestEntry:
    """Move the staged ``files`` into place and commit them, retiring ``retired``: steps 1 and 2 above. ``guard``:
    the archive's lock, which fences the commit (``crawler.store.writer.commit_manifest``)."""
    live: dict[str, list[str]] = {}
    for dataset, paths in files.items():
        for path in paths:
            target = live_path(root, job_id, path)
            if store_fs.exists(fs, path):
                _move(fs, path, target)
            live.setdefault(dataset, []).append(target)
    entry = ManifestEntry(manifest_id=manifest_id, run_id=job_id, kind="rebuild",
                          created_at=datetime.now(timezone.utc).isoformat(), files=live, rows=rows, keys=keys,
                          retired=retired)
    commit_manifest(fs, root, entry, guard)
    return entry


def discard_staged(fs: pafs.FileSystem, root: str, job_id: str) -> None:
    store_fs.delete_dir(fs, staged_root(root, job_id))


def defer_records(state: CrawlState, manifest_id: str, records: list[tuple[str, str, dict]]) -> None:
    """Remember state records to write once ``manifest_id`` is committed (before writing it)."""
    state.put_record(DEFERRED, manifest_id, {"records": [list(record) for record in records]})


def apply_deferred(state: CrawlState, listed: set[str] | dict[str, str]) -> int:
    """Write the deferred records of every listed manifest; drop those of manifests never written."""
    applied = 0
    for manifest_id, value in state.iter_records(DEFERRED):
        if manifest_id in listed:
            for namespace, key, record in value["records"]:
                state.put_record(namespace, key, record)
                applied += 1
        state.delete_record(DEFERRED, manifest_id)
    return applied


def _move(fs: pafs.FileSystem, source: str, target: str) -> None:
    if store_fs.is_local(fs):
        os.makedirs(posixpath.dirname(target), exist_ok=True)
    store_fs.with_retries(lambda: fs.move(source, target), f"moving {source} to {target}")


def _durable_rename(temp: str, path: str) -> None:
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
