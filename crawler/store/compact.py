"""Compaction: per partition, merge the committed files into one, dropping exact key duplicates.

For each dataset: every partition with several files (or duplicate keys) is read with the dataset's
schema, de-duplicated by key (the newest ``crawled_at``/``decided_at``/... wins; ``se_links`` keeps every
decision, its key includes ``decision_seq``), sorted by date and key, and written to a new uniquely
named file. One manifest entry per dataset then adds the new files and retires the old ones (the commit
point); the old files are deleted last. A crash before the commit leaves unlisted files (reconcile
removes them); after it, retired files (reconcile removes them too). Then a checkpoint of the commit log
is written (:mod:`crawler.store.checkpoint`; a failure there is only logged). Must run under the run lock.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.checkpoint import read_log, refresh_checkpoint
from crawler.store.load import dedupe
from crawler.store.lock import ArchiveLock
from crawler.store.manifest import ManifestEntry, new_manifest_id
from crawler.store.schemas import (
    DATASETS,
    DATE_COLUMN,
    FILE_SCHEMAS,
    KEYS,
    VERSION_COLUMN,
)
from crawler.store.writer import STAGING_DIR, Commit, commit_manifest, place_file


@dataclass
class DatasetCompaction:
    """Counts for one dataset (rows and files are those committed before and after)."""

    dataset: str
    rows_before: int = 0
    rows_after: int = 0
    files_before: int = 0
    files_after: int = 0
    partitions_rewritten: int = 0
    files_deleted: int = 0


@dataclass
class CompactReport:
    datasets: dict[str, DatasetCompaction] = field(default_factory=dict)
    commits: list[Commit] = field(default_factory=list)

    @property
    def duplicates_removed(self) -> int:
        return sum(d.rows_before - d.rows_after for d in self.datasets.values())


def compact(fs: pafs.FileSystem, root: str, datasets: Iterable[str] | None = None, *,
            guard: ArchiveLock | None = None) -> CompactReport:
    """Compact the named datasets (all by default); returns counts and the manifest commits made. ``guard``: the
    archive's lock, which fences each commit (``crawler.store.writer.commit_manifest``)."""
    root = root.rstrip("/")
    names = list(datasets) if datasets is not None else list(DATASETS)
    unknown = [n for n in names if n not in FILE_SCHEMAS]
    if unknown:
        raise StorageError(f"unknown dataset(s) {', '.join(unknown)}; expected some of {', '.join(DATASETS)}")
    view = read_log(fs, root)
    report = CompactReport()
    committed: list[ManifestEntry] = []
    for seq, name in enumerate(names):
        report.datasets[name], entry = _compact_dataset(fs, root, name, view.live_files(name), seq, guard)
        if entry is not None:
            committed.append(entry)
            report.commits.append(Commit(manifest_id=entry.manifest_id, files=entry.files, keys={}, rows=entry.rows))
    refresh_checkpoint(fs, view.with_commits(committed))
    return report


def _compact_dataset(fs: pafs.FileSystem, root: str, name: str, files: list[str], seq: int,
                     guard: ArchiveLock | None) -> tuple[DatasetCompaction, ManifestEntry | None]:
    """Rewrite the partitions of one dataset that need it and commit them; the entry is None when none did."""
    result = DatasetCompaction(name, files_before=len(files))
    manifest_id = new_manifest_id("compact", seq)
    staging = store_fs.join(root, STAGING_DIR, manifest_id)
    added: list[str] = []
    retired: list[str] = []
    for directory, members in _by_partition(files).items():
        table = _read(fs, name, members)
        merged = _merge(name, table)
        result.rows_before += table.num_rows
        result.rows_after += merged.num_rows
        if len(members) == 1 and merged.num_rows == table.num_rows:
            continue
        target = posixpath.join(directory, f"part-{manifest_id}.parquet")
        place_file(fs, merged, target, store_fs.join(staging, target[len(root) + 1:]))
        if pq.read_metadata(target, filesystem=fs).num_rows != merged.num_rows:
            raise StorageError(f"compaction of {directory}: {target} does not hold the rows written")
        added.append(target)
        retired.extend(members)
        result.partitions_rewritten += 1
    result.files_after = len(files) - len(retired) + len(added)
    entry = None
    if added:
        entry = ManifestEntry(manifest_id=manifest_id, run_id="compact", kind="compact",
                              created_at=datetime.now(timezone.utc).isoformat(), files={name: added},
                              rows={name: result.rows_after}, retired={name: retired})
        commit_manifest(fs, root, entry, guard)
        result.files_deleted = sum(store_fs.delete_file(fs, path) for path in retired)
    if store_fs.is_local(fs):
        store_fs.delete_dir(fs, staging)
    return result, entry


def _by_partition(files: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for path in files:
        groups.setdefault(posixpath.dirname(path), []).append(path)
    return groups


def _read(fs: pafs.FileSystem, name: str, files: list[str]) -> pa.Table:
    try:
        return ds.dataset(files, schema=FILE_SCHEMAS[name], format="parquet", filesystem=fs).to_table()
    except (OSError, pa.ArrowInvalid) as exc:
        raise StorageError(f"compaction cannot read {name} files {files[0]}...: {exc}") from exc


def _merge(name: str, table: pa.Table) -> pa.Table:
    keys = KEYS[name]
    merged = dedupe(table, keys, VERSION_COLUMN[name])
    order = [(DATE_COLUMN[name], "ascending")] + [(k, "ascending") for k in keys]
    return merged.sort_by(order).replace_schema_metadata(FILE_SCHEMAS[name].metadata)
