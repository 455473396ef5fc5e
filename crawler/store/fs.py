"""Where the archive lives: a local directory or ``s3://bucket/prefix``, both behind ``pyarrow.fs``.

Every path handed out by ``crawler.store`` is a path on the filesystem returned by :func:`resolve`
(an absolute local path, or ``bucket/prefix/...`` on S3, without ``s3://``).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pyarrow.fs as pafs
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from crawler.errors import ConfigError, StorageError

T = TypeVar("T")

# Bounded retries of idempotent storage steps; tests may lower the wait.
RETRY_ATTEMPTS = 4
RETRY_WAIT_MAX = 4.0
READ_THREADS = 16  # object-store GETs at once when many files are read (read_files)

_PERMANENT_ERRNOS = frozenset({
    errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EISDIR,
    errno.EDQUOT, errno.ENOENT, errno.EEXIST, errno.ENAMETOOLONG, errno.EFBIG,
})
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def resolve(uri: str, *, s3_options: Mapping[str, str] | None = None,
            create: bool = True) -> tuple[pafs.FileSystem, str]:
    """Return ``(filesystem, root_path)`` for a local path or ``s3://bucket/prefix``.

    Local roots are created unless ``create=False`` (readers). For S3, ``s3_options`` may give ``endpoint_url``, ``access_key``,
    ``secret_key``, ``region``; otherwise the environment (``EDGAR_S3_ENDPOINT`` or ``AWS_ENDPOINT_URL``,
    ``AWS_REGION``/``AWS_DEFAULT_REGION``) and pyarrow's default credential chain apply. A plain ``http``
    endpoint is accepted only on a loopback host (tests, a local MinIO).
    """
    if uri.startswith("s3://"):
        return _resolve_s3(uri, dict(s3_options or {}))
    if "://" in uri:
        raise ConfigError(f"unsupported output {uri!r}: use a local directory or s3://bucket/prefix")
    root = Path(uri).expanduser().resolve()
    if not create:
        return pafs.LocalFileSystem(), str(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"cannot create output directory {root}: {exc.strerror or exc}") from exc
    return pafs.LocalFileSystem(), str(root)


def _resolve_s3(uri: str, options: dict[str, str]) -> tuple[pafs.FileSystem, str]:
    parts = urlsplit(uri)
    bucket, prefix = parts.netloc, parts.path.strip("/")
    if not bucket:
        raise ConfigError(f"{uri!r} names no bucket (expected s3://bucket/prefix)")
    kwargs: dict[str, object] = {"allow_bucket_creation": False, "allow_bucket_deletion": False}
    endpoint = options.get("endpoint_url") or os.environ.get("EDGAR_S3_ENDPOINT") or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        kwargs.update(_endpoint_kwargs(endpoint))
    region = options.get("region") or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if region:
        kwargs["region"] = region
    if options.get("access_key"):
        kwargs["access_key"] = options["access_key"]
        kwargs["secret_key"] = options.get("secret_key", "")
    try:
        fs = pafs.S3FileSystem(**kwargs)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot set up S3 access for {uri!r}: {exc}") from exc
    return fs, f"{bucket}/{prefix}" if prefix else bucket


def _endpoint_kwargs(endpoint: str) -> dict[str, object]:
    parts = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"S3 endpoint {endpoint!r} is not an http(s) URL")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigError(f"S3 endpoint {endpoint!r}: plain http is allowed only on loopback; use https")
    return {"endpoint_override": parts.netloc, "scheme": parts.scheme}


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_local(fs: pafs.FileSystem) -> bool:
    """True for the local filesystem (rename is atomic there; on object stores it is copy + delete)."""
    return isinstance(fs, pafs.LocalFileSystem)


def join(*parts: str) -> str:
    """Join path parts with ``/`` (pyarrow paths always use ``/``)."""
    return "/".join(part.strip("/") if i else part.rstrip("/") for i, part in enumerate(parts) if part)


def with_retries(step: Callable[[], T], what: str) -> T:
    """Run an idempotent storage step with bounded retries; permanent failures become StorageError."""
    retrying = Retrying(
        stop=stop_after_attempt(RETRY_ATTEMPTS),
        wait=wait_exponential(multiplier=0.1, max=RETRY_WAIT_MAX),
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
    try:
        return retrying(step)
    except OSError as exc:
        raise StorageError(f"{what} failed: {describe(exc)}") from exc


def is_transient(exc: BaseException) -> bool:
    """Errors worth retrying: object-store/network errors (no errno), and I/O hiccups; not full/read-only disks."""
    return isinstance(exc, OSError) and exc.errno not in _PERMANENT_ERRNOS


def describe(exc: OSError) -> str:
    hint = {
        errno.ENOSPC: " (disk full)", errno.EDQUOT: " (quota exceeded)", errno.EROFS: " (read-only filesystem)",
        errno.EACCES: " (permission denied)", errno.ENOTDIR: " (a path component is a file, not a directory)",
    }.get(exc.errno or 0, "")
    return f"{exc}{hint}"


def write_atomic(fs: pafs.FileSystem, path: str, data: bytes) -> None:
    """Make ``path`` hold ``data`` in one step: local temp file + rename, or a single object PUT."""
    if is_local(fs):
        write_local(path, data, durable=True)
        return

    def step() -> None:
        with fs.open_output_stream(path) as out:
            out.write(data)
    with_retries(step, f"writing {path}")


def write_local(path: str, data: bytes, *, durable: bool, make_parent: bool = True) -> None:
    """A local ``write_atomic``; with ``durable=False`` the bytes may still be in the page cache when it returns
    (whole or absent after a process crash; fsync them before anything durable points at them)."""
    with_retries(lambda: _write_local_atomic(path, data, durable=durable, make_parent=make_parent),
                 f"writing {path}")


def _write_local_atomic(path: str, data: bytes, *, durable: bool, make_parent: bool) -> None:
    directory = os.path.dirname(path)
    if make_parent:
        os.makedirs(directory, exist_ok=True)
    temp = os.path.join(directory, f".{os.path.basename(path)}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temp, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        _remove_quietly(temp)
        raise


def read_bytes(fs: pafs.FileSystem, path: str) -> bytes:
    def step() -> bytes:
        with fs.open_input_stream(path) as stream:
            return stream.read()
    return with_retries(step, f"reading {path}")


def read_files(fs: pafs.FileSystem, paths: Iterable[str], *, limit: int | None = None,
               threads: int = READ_THREADS) -> Iterator[bytes | None]:
    """The bytes of each file (its first ``limit`` bytes; None when it is gone), in order. On an object store
    ``threads`` GETs run at once, at most twice as many files are held read ahead; local files are read one by one."""
    if is_local(fs) or threads < 2:
        for path in paths:
            yield read_or_none(fs, path, limit)
        return
    pending: deque[Future[bytes | None]] = deque()
    remaining = iter(paths)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="read-files") as pool:
        for path in islice(remaining, 2 * threads):
            pending.append(pool.submit(read_or_none, fs, path, limit))
        while pending:
            done = pending.popleft()
            for path in islice(remaining, 1):
                pending.append(pool.submit(read_or_none, fs, path, limit))
            yield done.result()


def read_or_none(fs: pafs.FileSystem, path: str, limit: int | None = None) -> bytes | None:
    """A file's bytes (its first ``limit``), or None when it does not exist."""
    def step() -> bytes:
        with fs.open_input_file(path) as handle:
            return handle.read(limit) if limit is not None else handle.readall()

    try:
        return with_retries(step, f"reading {path}")
    except StorageError as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            return None
        raise


def exists(fs: pafs.FileSystem, path: str) -> bool:
    return fs.get_file_info(path).type != pafs.FileType.NotFound


def list_files(fs: pafs.FileSystem, directory: str) -> Iterator[pafs.FileInfo]:
    """Every file below ``directory`` (recursive); nothing when it does not exist."""
    selector = pafs.FileSelector(directory, recursive=True, allow_not_found=True)
    for info in with_retries(lambda: fs.get_file_info(selector), f"listing {directory}"):
        if info.type == pafs.FileType.File:
            yield info


def delete_file(fs: pafs.FileSystem, path: str) -> bool:
    """Delete one file; False when it was already gone."""
    try:
        with_retries(lambda: fs.delete_file(path), f"deleting {path}")
    except StorageError as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            return False
        raise
    return True


def delete_dir(fs: pafs.FileSystem, path: str) -> None:
    if exists(fs, path):
        with_retries(lambda: fs.delete_dir(path), f"deleting {path}")


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
