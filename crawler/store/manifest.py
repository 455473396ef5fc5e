"""The commit log of the datasets: one JSON file per commit under ``<root>/_manifest/``.

A data file is visible to :mod:`crawler.store.load` once a manifest entry lists it, and stops being
visible once a later entry retires it (compaction). Entries are written atomically (local temp file +
rename, or one S3 PUT) *after* their data files, so a crash leaves at most unlisted files behind.

On disk (paths relative to the root, so a root can be moved or synced)::

    {"manifest_id": "20240102T030405123456Z-run-00001", "run_id": "run", "kind": "data",
     "created_at": "2024-01-02T03:04:05.123456+00:00", "schema_version": 1,
     "files": {"filings": ["filings/year=2004/quarter=2/part-run-00001-0.parquet"]},
     "rows": {"filings": 12}, "keys": {"filings": ["0000905148-04-004513", ...]},
     "retired": {}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow.fs as pafs

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.schemas import SCHEMA_VERSION

MANIFEST_DIR = "_manifest"


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
        "files": {name: [_relative(root, p) for p in paths] for name, paths in entry.files.items()},
        "rows": entry.rows, "keys": entry.keys,
        "retired": {name: [_relative(root, p) for p in paths] for name, paths in entry.retired.items()},
    }
    path = manifest_path(root, entry.manifest_id)
    store_fs.write_atomic(fs, path, json.dumps(document, separators=(",", ":")).encode())
    return path


def read_manifests(fs: pafs.FileSystem, root: str) -> list[ManifestEntry]:
    """Every committed entry, oldest first."""
    directory = store_fs.join(root, MANIFEST_DIR)
    paths = sorted(info.path for info in store_fs.list_files(fs, directory) if is_manifest_name(info.base_name))
    return [_parse(root, path, store_fs.read_bytes(fs, path)) for path in paths]


def is_manifest_name(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(".")


def committed_files(fs: pafs.FileSystem, root: str, dataset: str | None = None) -> set[str]:
    """Paths of the data files currently committed (listed and not retired), for one dataset or all."""
    return set(live_files(read_manifests(fs, root), dataset))


def committed_file_list(fs: pafs.FileSystem, root: str, dataset: str | None = None) -> list[str]:
    """Like :func:`committed_files`, in commit order (older files first)."""
    return live_files(read_manifests(fs, root), dataset)


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


def _parse(root: str, path: str, data: bytes) -> ManifestEntry:
    try:
        doc = json.loads(data)
        return ManifestEntry(
            manifest_id=doc["manifest_id"], run_id=doc["run_id"], kind=doc.get("kind", "data"),
            created_at=doc["created_at"],
            files={name: [store_fs.join(root, p) for p in paths] for name, paths in doc["files"].items()},
            rows={name: int(n) for name, n in doc["rows"].items()},
            keys={name: list(keys) for name, keys in doc.get("keys", {}).items()},
            retired={name: [store_fs.join(root, p) for p in paths] for name, paths in doc.get("retired", {}).items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StorageError(f"manifest {path} is unreadable ({exc}); move it aside to continue") from exc


def _relative(root: str, path: str) -> str:
    prefix = root.rstrip("/") + "/"
    if not path.startswith(prefix):
        raise StorageError(f"{path} is outside the archive root {root}")
    return path[len(prefix):]
