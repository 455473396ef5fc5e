"""The raw archive: every fetched submission kept byte for byte.

Layout: ``<root>/raw/YYYY/QTRn/<CIK>/<accession>.txt`` (year and quarter of the filing date, CIK without
leading zeros as in EDGAR's own paths). Bytes whose accession or date are unknown go to
``<root>/raw/_unparsed/<name>``. Files are written atomically and never modified: when different
bytes arrive for a path already taken, they are kept beside it as ``<accession>.<sha256[:12]>.txt``
and that path is returned (so ``filings.raw_path``/``raw_sha256`` always describe the same bytes).

Locally a file is complete under its name when ``put`` returns and durable after ``wait_durable()``
(``crawler.store.file_sync``); an object PUT is both at once.
"""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date

import pyarrow.fs as pafs

from crawler.errors import StorageError
from crawler.store import fs as store_fs
from crawler.store.file_sync import syncer_for
from crawler.store.schemas import partition_of

RAW_DIR = "raw"
UNPARSED_DIR = "_unparsed"
_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_CIK_IN_PATH = re.compile(rf"(?:^|/){RAW_DIR}/\d{{4}}/QTR\d/(\d+)/[^/]+$")


class RawArchive:
    """Stores raw submission bytes under ``<root>/raw/``."""

    def __init__(self, fs: pafs.FileSystem, root: str) -> None:
        self.fs = fs
        self.root = root.rstrip("/")
        self.is_local = store_fs.is_local(fs)
        self._syncer = syncer_for(self.root) if self.is_local else None
        self._made_dirs: set[str] = set()

    def path_for(self, accession: str, cik: int, filed_date: date) -> str:
        """Where a submission's bytes live (a path on ``fs``)."""
        if not _ACCESSION.match(accession):
            raise StorageError(f"not an accession number: {accession!r}")
        year, quarter = partition_of(filed_date)
        return store_fs.join(self.root, RAW_DIR, f"{year}", f"QTR{quarter}", str(int(cik)), f"{accession}.txt")

    def put(self, accession: str, cik: int, filed_date: date, data: bytes) -> str:
        """Archive ``data``; idempotent (same bytes → same path, nothing rewritten). Returns the path."""
        return self._put(self.path_for(accession, cik, filed_date), data)

    def put_unparsed(self, name: str, data: bytes) -> str:
        """Archive bytes that could not be attributed (e.g. a submission whose header did not parse)."""
        safe = _SAFE_NAME.sub("_", name).strip("._") or "unnamed"
        return self._put(store_fs.join(self.root, RAW_DIR, UNPARSED_DIR, safe), data)

    def wait_durable(self) -> None:
        """Return once every file put so far is on disk; StorageError if one could not be made durable."""
        if self._syncer is not None:
            self._syncer.wait()

    def close(self) -> None:
        if self._syncer is not None:
            self._syncer.close()

    def _put(self, path: str, data: bytes) -> str:
        if not self._exists(path):
            self._write(path, data)
            return path
        if self._same_bytes(path, data):
            return path
        digest = hashlib.sha256(data).hexdigest()[:12]
        stem, dot, suffix = path.rpartition(".")
        variant = f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{path}.{digest}"
        if not self._exists(variant):
            self._write(variant, data)
        return variant

    def _exists(self, path: str) -> bool:
        return os.path.exists(path) if self.is_local else store_fs.exists(self.fs, path)

    def _write(self, path: str, data: bytes) -> None:
        if self._syncer is None:
            store_fs.write_atomic(self.fs, path, data)
            return
        directory = os.path.dirname(path)
        try:
            store_fs.write_local(path, data, durable=False, make_parent=directory not in self._made_dirs)
        except StorageError as exc:  # the directory went away since this run made it
            if not isinstance(exc.__cause__, FileNotFoundError) or directory not in self._made_dirs:
                raise
            store_fs.write_local(path, data, durable=False)
        self._made_dirs.add(directory)
        self._syncer.submit(path)

    def _same_bytes(self, path: str, data: bytes) -> bool:
        if self.fs.get_file_info(path).size != len(data):
            return False
        return store_fs.read_bytes(self.fs, path) == data


def raw_path_cik(raw_path: str | None) -> int | None:
    """The CIK of a path :meth:`RawArchive.path_for` gave (``raw/YYYY/QTRn/<CIK>/<accession>.txt``), else None."""
    found = _CIK_IN_PATH.search(raw_path or "")
    return int(found.group(1)) if found else None
