"""Mapping request paths to mirror files, and the HTTP caching and encoding rules applied to them."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote_to_bytes

from crawler.mirror.serve_folder import derived_file

SERVED_ROOTS = ("Archives", "submissions")
"""Top-level mirror folders that are served; everything else (``_truth/`` above all) is 404."""

HIDDEN_NAMES = ("_truth",)

CONTENT_TYPES = {
    ".idx": "text/plain",
    ".txt": "text/plain",
    ".nc": "text/plain",
    ".sgml": "text/plain",
    ".json": "application/json",
    ".gz": "application/x-gzip",
    ".htm": "text/html",
    ".html": "text/html",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".Z": "application/x-compress",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
}
COMPRESSED_SUFFIXES = (".gz", ".z", ".zip")
DEFAULT_CONTENT_TYPE = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class MirrorFile:
    """What a request path resolved to: a regular file of the mirror, or (``body`` set) one derived from it."""

    path: Path
    size: int
    mtime_ns: int
    body: bytes | None = None

    @property
    def content_type(self) -> str:
        suffix = self.path.suffix
        return CONTENT_TYPES.get(suffix, CONTENT_TYPES.get(suffix.lower(), DEFAULT_CONTENT_TYPE))

    @property
    def is_compressed(self) -> bool:
        """Already compressed (gzip, Unix compress, zip): served as-is, never gzip-encoded again."""
        return self.path.suffix.lower() in COMPRESSED_SUFFIXES

    @property
    def last_modified(self) -> str:
        """The file's mtime as an HTTP date."""
        return formatdate(self.mtime_ns / 1e9, usegmt=True)

    def etag(self, gzipped: bool = False) -> str:
        """Strong ETag from size and mtime; the gzip representation gets its own tag."""
        tag = f"{self.size:x}-{self.mtime_ns:x}"
        return f'"{tag}-gzip"' if gzipped else f'"{tag}"'

    def read(self, gzipped: bool = False) -> bytes:
        """The body to send: the file's bytes, or their gzip encoding (cached per stored file version)."""
        if self.body is not None:
            return gzip.compress(self.body, compresslevel=6, mtime=0) if gzipped else self.body
        if gzipped:
            return _gzip_file(str(self.path), self.size, self.mtime_ns)
        return self.path.read_bytes()


@lru_cache(maxsize=32)
def _gzip_file(path: str, size: int, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def resolve_request_path(root: Path, raw_path: bytes) -> MirrorFile | None:
    """The mirror file a raw (percent-encoded) request path names, or None for anything that must be 404.

    ``root`` must already be resolved. Refused: paths outside ``Archives/`` and ``submissions/``, any ``.``/``..``
    or empty segment (after percent-decoding), hidden names, directories, and symlinks leading out of their root.
    """
    try:
        text = unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text.startswith("/") or "\x00" in text or "\\" in text:
        return None
    segments = text[1:].split("/")
    if segments[0] not in SERVED_ROOTS or len(segments) < 2:
        return None
    for segment in segments:
        if segment in ("", ".", "..") or segment.startswith(".") or segment in HIDDEN_NAMES:
            return None
    candidate = root.joinpath(*segments)
    try:
        resolved = candidate.resolve(strict=True)
        stat = resolved.stat()
    except FileNotFoundError:
        return _derived(root, segments)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root / segments[0]) or not os.path.isfile(resolved):
        return None
    return MirrorFile(path=resolved, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def _derived(root: Path, segments: list[str]) -> MirrorFile | None:
    """A per-filing folder's file or a CIK listing, computed from the stored submission (``serve_folder``)."""
    found = derived_file(root, segments)
    if isinstance(found, Path):
        return resolve_request_path(root, ("/" + found.relative_to(root).as_posix()).encode())
    if found is None:
        return None
    return MirrorFile(path=root.joinpath(*segments), size=len(found.body), mtime_ns=found.mtime_ns, body=found.body)


def accepts_gzip(accept_encoding: str | None) -> bool:
    """True when an ``Accept-Encoding`` header allows gzip (``gzip``, ``x-gzip`` or ``*`` with q > 0)."""
    if not accept_encoding:
        return False
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


def is_not_modified(file: MirrorFile, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 conditional GET: If-None-Match (weak comparison) wins over If-Modified-Since.

    Either representation's ETag (identity or gzip) matches: both stand for the same file version.
    """
    if if_none_match is not None:
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return bool(wanted & {"*", file.etag(gzipped=False), file.etag(gzipped=True)})
    if if_modified_since is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    return file.mtime_ns // 1_000_000_000 <= since
