"""Checkpoints of the commit log, so readers need not read every manifest ever written.

A checkpoint records the data files live (listed and not retired) as of the manifests it covers, and the
exact set of manifest ids it covers. A reader lists ``_manifest/`` once (names only), takes the newest
readable checkpoint and reads only the bodies of the listed manifests it does not cover, applying them
after it in id order (:func:`read_log`). Ids need not arrive in order: when two machines commit to one S3
prefix, a manifest with an older id can appear after a checkpoint was written; it is not in that
checkpoint's covered set, so it is read.

On disk, next to the manifests, written atomically (paths relative to the root, like the manifests')::

    _manifest/.checkpoint-<newest covered manifest id>.json
    {"checkpoint_format": 1, "checkpoint_id": "<newest covered manifest id>",
     "created_at": "2024-01-02T03:04:05.123456+00:00", "manifest_count": 2,
     "covered": ["<manifest id>", "<manifest id>"],
     "live": [{"manifest_id": "<id of the manifest that listed them>",
               "files": {"filings": ["filings/year=2004/quarter=2/part-run-00001-0.parquet"]}}]}

``covered`` is sorted; ``live`` holds, in id order, each covered manifest that still has a live file, with
those files in the manifest's order, so a reader gets the same files in the same (commit) order as from
the full log. The dot name keeps checkpoints out of the commit readers' way (release 0.1.0 skips dot
names in ``_manifest/``; its reconcile deletes them as temporary files, which costs only a rewrite).

Writers, both under the run lock: compaction after its commits, and reconcile at run start when more than
:data:`CHECKPOINT_INTERVAL` listed manifests are not covered. The newest :data:`CHECKPOINTS_KEPT` are kept.
Manifests are never deleted: the full log stays the source of truth and a checkpoint is only a shortcut.
A checkpoint that cannot be used (missing, truncated, corrupt, of an unknown format, or covering a
manifest no longer listed) is skipped with a warning: the next older one is used, else the full log.

Why applying the uncovered manifests after the checkpoint equals the full log: every data file is listed by
one manifest and retired only by a compaction or a rebuild that saw it live, i.e. after its manifest was
listable; so a checkpoint that covers a retiring compaction or rebuild also covers the manifest that listed the file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import pyarrow.fs as pafs

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.manifest import (
    CHECKPOINT_PREFIX,
    MANIFEST_DIR,
    ManifestEntry,
    ManifestListing,
    absolute_paths,
    list_manifest_dir,
    live_files,
    manifest_path,
    read_entries,
    relative_paths,
)

CHECKPOINT_FORMAT = 1
# Reconcile writes a checkpoint when more listed manifests than this are not covered by the newest one.
CHECKPOINT_INTERVAL = 64
CHECKPOINTS_KEPT = 3

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    """``live``: per covered manifest that still has live files, an entry holding only those ``files``."""

    checkpoint_id: str
    covered: frozenset[str]
    live: tuple[ManifestEntry, ...]


@dataclass(frozen=True)
class LogView:
    """The commit log as one reader saw it: the listing, the checkpoint used (None: the full log) and the
    bodies read, by manifest id (every listed manifest the checkpoint does not cover, plus any asked for)."""

    root: str
    listing: ManifestListing
    checkpoint: Checkpoint | None
    entries: dict[str, ManifestEntry]
    skipped_checkpoints: tuple[str, ...] = ()

    @property
    def uncovered(self) -> list[str]:
        """Ids of the listed manifests the checkpoint does not cover, in id order."""
        covered = self.checkpoint.covered if self.checkpoint else frozenset()
        return [manifest_id for manifest_id in self.listing.manifests if manifest_id not in covered]

    def merged_entries(self) -> list[ManifestEntry]:
        """The checkpoint's live groups and the uncovered manifests, in id (commit) order."""
        base = list(self.checkpoint.live) if self.checkpoint else []
        return sorted(base + [self.entries[i] for i in self.uncovered], key=lambda e: e.manifest_id)

    def live_files(self, dataset: str | None = None) -> list[str]:
        """Files committed and not retired, in commit order: the same as ``live_files`` of the full log."""
        return live_files(self.merged_entries(), dataset)

    def retired_files(self) -> set[str]:
        """Files retired by the manifests read (those retired by covered manifests are simply not live)."""
        return {path for entry in self.entries.values() for paths in entry.retired.values() for path in paths}

    def with_commits(self, entries: Iterable[ManifestEntry]) -> LogView:
        """This view after the caller committed ``entries`` itself (listed and read without a round trip)."""
        added = {entry.manifest_id: entry for entry in entries}
        manifests = dict(sorted({**self.listing.manifests,
                                 **{i: manifest_path(self.root, i) for i in added}}.items()))
        return replace(self, listing=replace(self.listing, manifests=manifests), entries={**self.entries, **added})


def read_log(fs: pafs.FileSystem, root: str, *, listing: ManifestListing | None = None,
             also_read: Iterable[str] = ()) -> LogView:
    """List ``_manifest/`` (unless ``listing`` is given), read the newest usable checkpoint and the bodies of
    the manifests it does not cover, plus those of ``also_read`` (ids; unlisted ones are ignored)."""
    root = root.rstrip("/")
    listing = listing if listing is not None else list_manifest_dir(fs, root)
    checkpoint, skipped = _newest_usable(fs, root, listing)
    covered = checkpoint.covered if checkpoint else frozenset()
    extra = set(also_read)
    wanted = [i for i in listing.manifests if i not in covered or i in extra]
    bodies = read_entries(fs, root, [listing.manifests[i] for i in wanted])
    return LogView(root, listing, checkpoint, dict(zip(wanted, bodies)), tuple(skipped))


def committed_file_list(fs: pafs.FileSystem, root: str, dataset: str | None = None) -> list[str]:
    """Paths of the data files currently committed (listed and not retired), in commit order."""
    return read_log(fs, root).live_files(dataset)


def committed_files(fs: pafs.FileSystem, root: str, dataset: str | None = None) -> set[str]:
    """Like :func:`committed_file_list`, as a set."""
    return set(committed_file_list(fs, root, dataset))


def read_checkpoint(fs: pafs.FileSystem, root: str, path: str) -> Checkpoint:
    """Parse one checkpoint; StorageError when it is missing, truncated, corrupt or of an unknown format."""
    data = store_fs.read_bytes(fs, path)
    try:
        doc = json.loads(data)
        if doc.get("checkpoint_format") != CHECKPOINT_FORMAT:
            raise ValueError(f"checkpoint_format {doc.get('checkpoint_format')!r}, expected {CHECKPOINT_FORMAT}")
        covered = frozenset(_strings(doc["covered"]))
        live = tuple(_live_entry(root, group) for group in doc["live"])
        strays = [entry.manifest_id for entry in live if entry.manifest_id not in covered]
        if strays:
            raise ValueError(f"live files of manifest {strays[0]}, which it does not cover")
        return Checkpoint(checkpoint_id=str(doc["checkpoint_id"]), covered=covered, live=live)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"checkpoint {path} is unreadable ({exc})") from exc


def write_checkpoint(fs: pafs.FileSystem, view: LogView) -> Checkpoint | None:
    """Write a checkpoint of ``view`` (covering its checkpoint's manifests and every uncovered one), then
    prune old and unusable checkpoints; None when the log is empty. Run it under the run lock."""
    covered = (view.checkpoint.covered if view.checkpoint else frozenset()) | frozenset(view.uncovered)
    if not covered:
        return None
    checkpoint = Checkpoint(checkpoint_id=max(covered), covered=covered, live=_live_groups(view.merged_entries()))
    document = {
        "checkpoint_format": CHECKPOINT_FORMAT, "checkpoint_id": checkpoint.checkpoint_id,
        "created_at": datetime.now(timezone.utc).isoformat(), "manifest_count": len(covered),
        "covered": sorted(covered),
        "live": [{"manifest_id": e.manifest_id, "files": relative_paths(view.root, e.files)} for e in checkpoint.live],
    }
    store_fs.write_atomic(fs, checkpoint_path(view.root, checkpoint.checkpoint_id),
                          json.dumps(document, separators=(",", ":")).encode())
    _prune(fs, view, checkpoint.checkpoint_id)
    return checkpoint


def refresh_checkpoint(fs: pafs.FileSystem, view: LogView, *, more_than: int = 0) -> Checkpoint | None:
    """Write a checkpoint when more than ``more_than`` listed manifests are uncovered. A failure is logged,
    not raised: a checkpoint is only a shortcut, the next writer tries again."""
    if len(view.uncovered) <= more_than:
        return None
    try:
        return write_checkpoint(fs, view)
    except StorageError as exc:
        logger.warning("could not write a checkpoint of the manifests (%s); readers use the older one", exc)
        return None


def checkpoint_path(root: str, checkpoint_id: str) -> str:
    return store_fs.join(root, MANIFEST_DIR, f"{CHECKPOINT_PREFIX}{checkpoint_id}.json")


def _newest_usable(fs: pafs.FileSystem, root: str, listing: ManifestListing) -> tuple[Checkpoint | None, list[str]]:
    skipped: list[str] = []
    for checkpoint_id in reversed(listing.checkpoints):
        path = listing.checkpoints[checkpoint_id]
        try:
            checkpoint = read_checkpoint(fs, root, path)
            missing = checkpoint.covered - listing.manifests.keys()
            if missing:
                raise StorageError(f"checkpoint {path} covers {len(missing)} manifest(s) not in the log, "
                                   f"e.g. {min(missing)}")
            return checkpoint, skipped
        except StorageError as exc:
            skipped.append(checkpoint_id)
            fallback = "an older checkpoint" if len(skipped) < len(listing.checkpoints) else "the full log"
            logger.warning("%s; reading from %s instead", exc, fallback)
    return None, skipped


def _live_groups(entries: list[ManifestEntry]) -> tuple[ManifestEntry, ...]:
    """The live files of ``entries`` (in order), grouped by the manifest that listed them, in commit order."""
    live: dict[tuple[str, str], str] = {}
    for entry in entries:
        for name, paths in entry.files.items():
            for path in paths:
                live.setdefault((name, path), entry.manifest_id)
        for name, paths in entry.retired.items():
            for path in paths:
                live.pop((name, path), None)
    groups: dict[str, dict[str, list[str]]] = {}
    for (name, path), manifest_id in live.items():
        groups.setdefault(manifest_id, {}).setdefault(name, []).append(path)
    return tuple(ManifestEntry(manifest_id=i, run_id="", kind="checkpoint", created_at="", files=files)
                 for i, files in sorted(groups.items()))


def _live_entry(root: str, group: dict) -> ManifestEntry:
    files = group["files"]
    for paths in files.values():
        _strings(paths)
    manifest_id = group["manifest_id"]
    if not isinstance(manifest_id, str):
        raise TypeError(f"manifest_id {manifest_id!r} is not a string")
    return ManifestEntry(manifest_id=manifest_id, run_id="", kind="checkpoint", created_at="",
                         files=absolute_paths(root, files))


def _strings(values: object) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("expected a list of strings")
    return values


def _prune(fs: pafs.FileSystem, view: LogView, written: str) -> None:
    """Delete checkpoints older than the newest CHECKPOINTS_KEPT, and those found unusable."""
    names = sorted(set(view.listing.checkpoints) | {written})
    doomed = set(names[:-CHECKPOINTS_KEPT]) | set(view.skipped_checkpoints)
    for checkpoint_id in sorted(doomed - {written}):
        try:
            store_fs.delete_file(fs, view.listing.checkpoints[checkpoint_id])
        except StorageError as exc:
            logger.warning("could not delete an old checkpoint (%s)", exc)
