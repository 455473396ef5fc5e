"""Bring the output and the crawl state into agreement after any crash. Run it under the run lock.

- Manifest entries the state has not applied (the process died between the commit and ``on_commit``)
  are applied: their accessions count as committed, so nothing is fetched or counted twice; so are the
  state records a staged commit deferred to its manifest (``crawler.store.staged``), or they are dropped
  when that manifest was never written.
- Data files no manifest lists (the process died between writing them and the commit) are deleted,
  as are files retired by a compaction that died before deleting them.
- Leftover staging directories and temporary files are deleted.

On object stores several machines may write the same prefix under different (local) locks, so unlisted
files younger than ``orphan_min_age`` (default there: one hour) are left for a later run.

Manifest bodies read: those the state has not applied (a fresh state: all of them) and those the newest
checkpoint does not cover (for the live files). When more than ``CHECKPOINT_INTERVAL`` are uncovered a new
checkpoint is written, so a run start reads a bounded number of bodies however long the log grows. Files
retired by a compaction the checkpoint covers are simply not live: they go like any orphan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyarrow.fs as pafs

from crawler.store import fs as store_fs
from crawler.store.checkpoint import (
    CHECKPOINT_INTERVAL,
    LogView,
    read_log,
    refresh_checkpoint,
)
from crawler.store.manifest import ManifestEntry, list_manifest_dir
from crawler.store.schemas import DATASETS
from crawler.store.staged import apply_deferred
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
    manifests_read: int = 0
    checkpoint_written: str | None = None
    applied: tuple[ManifestEntry, ...] = field(default=(), repr=False)  # the entries applied, in id order

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
    listing = list_manifest_dir(fs, root)
    applied = state.applied_manifests()
    unapplied = [manifest_id for manifest_id in listing.manifests if manifest_id not in applied]
    view = read_log(fs, root, listing=listing, also_read=unapplied)
    committed_before = state.committed_count()
    for manifest_id in unapplied:
        entry = view.entries[manifest_id]
        state.apply_commit(Commit(manifest_id=entry.manifest_id, files=entry.files, keys=entry.keys, rows=entry.rows))
    apply_deferred(state, listing.manifests)
    counts = _remove_unlisted(fs, root, view, orphan_min_age)
    checkpoint = refresh_checkpoint(fs, view, more_than=CHECKPOINT_INTERVAL)
    return ReconcileReport(
        manifests_applied=len(unapplied),
        accessions_applied=state.committed_count() - committed_before,
        orphan_files_removed=counts["orphan"],
        retired_files_removed=counts["retired"],
        staging_files_removed=_clear_staging(fs, root),
        temp_files_removed=sum(store_fs.delete_file(fs, path) for path in listing.temp_files),
        orphans_kept_young=counts["young"],
        manifests_read=len(view.entries),
        checkpoint_written=checkpoint.checkpoint_id if checkpoint else None,
        applied=tuple(view.entries[manifest_id] for manifest_id in unapplied),
    )


def _remove_unlisted(fs: pafs.FileSystem, root: str, view: LogView, orphan_min_age: float) -> dict[str, int]:
    live = set(view.live_files())
    retired = view.retired_files()
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
    return counts


def _is_ours(name: str) -> bool:
    """Files this package writes into dataset directories (anything else is left alone)."""
    return name.endswith((".parquet", ".tmp"))


def _clear_staging(fs: pafs.FileSystem, root: str) -> int:
    staging = store_fs.join(root, STAGING_DIR)
    removed = sum(1 for _ in store_fs.list_files(fs, staging))
    store_fs.delete_dir(fs, staging)
    return removed
