"""The commit log of the datasets: one JSON file per commit under ``<root>/_manifest/``.

A data file is visible to :mod:`crawler.store.load` once a manifest entry lists it, and stops being
visible once a later entry retires it (compaction). Entries are written atomically (local temp file +
rename, or one S3 PUT) *after* their data files, so a crash leaves at most unlisted files behind.
Entries are never deleted: the full log stays the source of truth. Readers normally start from a
checkpoint (:mod:`crawler.store.checkpoint`), which lives in the same directory under a dot name.

On disk (paths relative to the root, so a root can be moved or synced)::

    _manifest/<manifest_id>.json              one commit (the name is the id; ids sort by time)
    _manifest/.checkpoint-<manifest_id>.json  a checkpoint (see crawler.store.checkpoint)
    _manifest/.<name>.<hex>.tmp               a local write in progress (or left by a crash)

    {"manifest_id": "20240102T030405123456Z-run-00001", "run_id": "run", "kind": "data",
     "created_at": "2024-01-02T03:04:05.123456+00:00", "schema_version": 1,
     "files": {"filings": ["filings/year=2004/quarter=2/part-run-00001-0.parquet"]},
     "rows": {"filings": 12}, "keys": {"filings": ["0000905148-04-004513", ...]},
     "retired": {}, "fence": 1733491234123456}

``keys`` lists the key of every row committed, except for the bulk datasets (``document_text``, ``cm_*``:
``crawler.store.row_buffer.BULK_DATASETS``), whose rows are many and whose keys nothing reads from the log.
``fence`` (0.4.0) is the fencing token of the lease under which the entry was committed
(:mod:`crawler.store.lease`); absent when the run held a local lock only.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow.fs as pafs

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.schemas import SCHEMA_VERSION

MANIFEST_DIR = "_manifest"
CHECKPOINT_PREFIX = ".checkpoint-"
# Manifest bodies read at once from an object store (each is one GET; local reads stay sequential).
READ_THREADS = 16


@dataclass(frozen=True)
class ManifestEntry:
    """One commit. ``files``/``retired`` hold paths on the filesystem (root-joined), keyed by dataset."""

    manifest_id: str
    run_id: str
    kind: str  # "data" (a writer flush) or "compact"
    created_at: str
    files: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    retired: dict[str, list[str]] = field(default_factory=dict)
    fence: int | None = None  # the fencing token of the lease that committed it


@dataclass(frozen=True)
class ManifestListing:
    """One listing of ``_manifest/`` (names only, no body read): paths by manifest id and by checkpoint id,
    both in id order, and the temporary files (``.tmp``) found there."""

    manifests: dict[str, str]
    checkpoints: dict[str, str]
    temp_files: list[str]


def new_manifest_id(run_id: str, seq: int) -> str:
    """Sortable, unique id: UTC time to the microsecond, run id, sequence number."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}-{run_id}-{seq:05d}"


def manifest_path(root: str, manifest_id: str) -> str:
    return store_fs.join(root, MANIFEST_DIR, f"{manifest_id}.json")


def write_manifest(fs: pafs.FileSystem, root: str, entry: ManifestEntry) -> str:
    """Write the entry atomically (the commit point); returns its path."""
    document = {
        "manifest_id": entry.manifest_id, "run_id": entry.run_id, "kind": entry.kind,
        "created_at": entry.created_at, "schema_version": SCHEMA_VERSION,
        "files": relative_paths(root, entry.files),
        "rows": entry.rows, "keys": entry.keys,
        "retired": relative_paths(root, entry.retired),
    }
    if entry.fence is not None:
        document["fence"] = entry.fence
    path = manifest_path(root, entry.manifest_id)
    store_fs.write_atomic(fs, path, json.dumps(document, separators=(",", ":")).encode())
    return path


def list_manifest_dir(fs: pafs.FileSystem, root: str) -> ManifestListing:
    """List ``_manifest/`` once (not recursively); nothing when it does not exist."""
    directory = store_fs.join(root, MANIFEST_DIR)
    selector = pafs.FileSelector(directory, recursive=False, allow_not_found=True)
    infos = store_fs.with_retries(lambda: fs.get_file_info(selector), f"listing {directory}")
    manifests: dict[str, str] = {}
    checkpoints: dict[str, str] = {}
    temps: list[str] = []
    for info in sorted(infos, key=lambda i: i.path):
        name = info.base_name
        if info.type != pafs.FileType.File:
            continue
        if is_manifest_name(name):
            manifests[name[:-len(".json")]] = info.path
        elif is_checkpoint_name(name):
            checkpoints[name[len(CHECKPOINT_PREFIX):-len(".json")]] = info.path
        elif name.endswith(".tmp"):
            temps.append(info.path)
    return ManifestListing(dict(sorted(manifests.items())), dict(sorted(checkpoints.items())), temps)


def read_manifest(fs: pafs.FileSystem, root: str, path: str) -> ManifestEntry:
    """One entry; StorageError when it cannot be read or parsed."""
    return _parse(root, path, store_fs.read_bytes(fs, path))


def read_entries(fs: pafs.FileSystem, root: str, paths: list[str]) -> list[ManifestEntry]:
    """The entries at ``paths``, in that order (several GETs at once on an object store)."""
    if len(paths) < 2 or store_fs.is_local(fs):
        return [read_manifest(fs, root, path) for path in paths]
    with ThreadPoolExecutor(max_workers=min(READ_THREADS, len(paths))) as pool:
        return list(pool.map(lambda path: read_manifest(fs, root, path), paths))


def read_manifests(fs: pafs.FileSystem, root: str) -> list[ManifestEntry]:
    """Every committed entry, oldest first: the full log (every body is read; see crawler.store.checkpoint)."""
    return read_entries(fs, root, list(list_manifest_dir(fs, root).manifests.values()))


def is_manifest_name(name: str) -> bool:
    """A commit's file name: ``<manifest_id>.json`` (dot names are checkpoints or temporary files)."""
    return name.endswith(".json") and not name.startswith((".", "_"))


def is_checkpoint_name(name: str) -> bool:
    return name.startswith(CHECKPOINT_PREFIX) and name.endswith(".json") and len(name) > len(CHECKPOINT_PREFIX) + 5


def live_files(entries: list[ManifestEntry], dataset: str | None = None) -> list[str]:
    """Files listed and not retired by ``entries`` (taken in order), in commit order."""
    live: dict[str, None] = {}
    for entry in entries:
        for name, paths in entry.files.items():
            if dataset is None or name == dataset:
                live.update(dict.fromkeys(paths))
        for name, paths in entry.retired.items():
            if dataset is None or name == dataset:
                for path in paths:
                    live.pop(path, None)
    return list(live)


def relative_paths(root: str, paths_by_dataset: dict[str, list[str]]) -> dict[str, list[str]]:
    """Paths on the filesystem -> paths relative to ``root`` (as stored on disk)."""
    return {name: [_relative(root, p) for p in paths] for name, paths in paths_by_dataset.items()}


def absolute_paths(root: str, paths_by_dataset: dict[str, list[str]]) -> dict[str, list[str]]:
    """Paths as stored on disk -> paths on the filesystem; TypeError/AttributeError on a malformed value."""
    return {name: [store_fs.join(root, p) for p in paths] for name, paths in paths_by_dataset.items()}


def _parse(root: str, path: str, data: bytes) -> ManifestEntry:
    try:
        doc = json.loads(data)
        return ManifestEntry(
            manifest_id=doc["manifest_id"], run_id=doc["run_id"], kind=doc.get("kind", "data"),
            created_at=doc["created_at"],
            files=absolute_paths(root, doc["files"]),
            rows={name: int(n) for name, n in doc["rows"].items()},
            keys={name: list(keys) for name, keys in doc.get("keys", {}).items()},
            retired=absolute_paths(root, doc.get("retired", {})),
            fence=int(doc["fence"]) if doc.get("fence") is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"manifest {path} is unreadable ({exc}); move it aside to continue") from exc


def _relative(root: str, path: str) -> str:
    prefix = root.rstrip("/") + "/"
    if not path.startswith(prefix):
        raise StorageError(f"{path} is outside the archive root {root}")
    return path[len(prefix):]
