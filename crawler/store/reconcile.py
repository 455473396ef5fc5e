"""Bring the output and the crawl state into agreement after any crash. Run it under the run lock.

- Manifest entries the state has not applied (the process died between the commit and ``on_commit``)
  are applied: their accessions count as committed, so nothing is fetched or counted twice.
- Data files no manifest lists (the process died between writing them and the commit) are deleted,
  as are files retired by a compaction that died before deleting them.
- Leftover staging directories and temporary files are deleted.

On object stores several machines may write the same prefix under different (local) locks, so unlisted
files younger than ``orphan_min_age`` (default there: one hour) are left for a later run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pyarrow.fs as pafs

from crawler.store import fs as store_fs
from crawler.store.manifest import MANIFEST_DIR, is_manifest_name, live_files, read_manifests
from crawler.store.schemas import DATASETS
from crawler.store.state import CrawlState
from crawler.store.writer import STAGING_DIR, Commit

S3_ORPHAN_MIN_AGE = 3600.0


@dataclass(frozen=True)
class ReconcileReport:
    manifests_applied: int = 0
    accessions_applied: int = 0
    orphan_files_removed: int = 0
    retired_files_removed: int = 0
    staging_files_removed: int = 0
    temp_files_removed: int = 0
    orphans_kept_young: int = 0

    @property
    def changed(self) -> bool:
        return any(v for v in (self.manifests_applied, self.orphan_files_removed, self.retired_files_removed,
                               self.staging_files_removed, self.temp_files_removed))


def reconcile(fs: pafs.FileSystem, root: str, state: CrawlState, *,
              orphan_min_age: float | None = None) -> ReconcileReport:
    """Apply unapplied manifest entries to ``state`` and remove uncommitted files; returns what was done."""
    root = root.rstrip("/")
    if orphan_min_age is None:
        orphan_min_age = 0.0 if store_fs.is_local(fs) else S3_ORPHAN_MIN_AGE
    entries = read_manifests(fs, root)
    applied = state.applied_manifests()
    committed_before = state.committed_count()
    pending = [e for e in entries if e.manifest_id not in applied]
    for entry in pending:
        state.apply_commit(Commit(manifest_id=entry.manifest_id, files=entry.files, keys=entry.keys, rows=entry.rows))
    live = set(live_files(entries))
    retired = {path for entry in entries for paths in entry.retired.values() for path in paths}
    counts = {"orphan": 0, "retired": 0, "young": 0}
    cutoff = time.time() - orphan_min_age
    for name in DATASETS:
        for info in store_fs.list_files(fs, store_fs.join(root, name)):
            if info.path in live or not _is_ours(info.base_name):
                continue
            if info.path in retired:
                counts["retired"] += store_fs.delete_file(fs, info.path)
            elif orphan_min_age and info.mtime is not None and info.mtime.timestamp() > cutoff:
                counts["young"] += 1
            else:
                counts["orphan"] += store_fs.delete_file(fs, info.path)
    return ReconcileReport(
        manifests_applied=len(pending),
        accessions_applied=state.committed_count() - committed_before,
        orphan_files_removed=counts["orphan"],
        retired_files_removed=counts["retired"],
        staging_files_removed=_clear_staging(fs, root),
        temp_files_removed=_clear_manifest_temps(fs, root),
        orphans_kept_young=counts["young"],
    )


def _is_ours(name: str) -> bool:
    """Files this package writes into dataset directories (anything else is left alone)."""
    return name.endswith((".parquet", ".tmp"))


def _clear_staging(fs: pafs.FileSystem, root: str) -> int:
    staging = store_fs.join(root, STAGING_DIR)
    removed = sum(1 for _ in store_fs.list_files(fs, staging))
    store_fs.delete_dir(fs, staging)
    return removed


def _clear_manifest_temps(fs: pafs.FileSystem, root: str) -> int:
    removed = 0
    for info in store_fs.list_files(fs, store_fs.join(root, MANIFEST_DIR)):
        if not is_manifest_name(info.base_name):
            removed += store_fs.delete_file(fs, info.path)
    return removed
