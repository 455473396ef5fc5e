"""One writer per archive at a time.

:class:`ArchiveLock` is what a run holds while it commits: ``acquire`` (``LockHeldError``, exit code 5, when another
run holds it), ``fence`` right before every commit (the fencing token the manifest records; ``LeaseLostError`` when
the run may no longer commit) and ``confirm`` right after it. :func:`archive_lock` picks the kind:

- :class:`RunLock`: an exclusive ``flock`` on ``<state_dir>/run.lock``, for the processes of one machine. The kernel
  drops it when its holder dies (even by SIGKILL), so a stale lock is simply free: there is no pid guessing. The
  file also holds the holder's pid and start time, for the error message. It must live on a local filesystem
  (``flock`` over NFS is unreliable). Its commits carry no fencing token.
- with a Redis store (``--rate-store redis://...``), that ``flock`` plus a lease in Redis for every host
  (:class:`crawler.store.lease.RedisLease`), with a fencing token checked at every commit.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from crawler.errors import LockHeldError, StorageError
from crawler.store.state import LOCK_FILENAME


class ArchiveLock(ABC):
    """``with lock: ...`` or ``acquire()``/``release()``; never waits for another holder."""

    # called (from any thread, once) when the holder learns that it may no longer commit
    on_lost: Callable[[str], None] | None = None

    @property
    @abstractmethod
    def held(self) -> bool: ...

    @abstractmethod
    def acquire(self) -> None:
        """Take the lock at once, or raise LockHeldError naming the holder."""

    @abstractmethod
    def release(self) -> None: ...

    def fence(self) -> int | None:
        """Right before a commit: the fencing token to record in its manifest (None: a local lock has none);
        raises LeaseLostError when this holder may no longer commit."""
        return None

    def confirm(self, manifest_id: str) -> None:
        """Right after a commit: note whether it landed while the lock was still this holder's."""

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


def archive_lock(output: str, state_dir: Path, store: str | None = None, *, lease_seconds: float | None = None,
                 unreachable_limit: float | None = None) -> ArchiveLock:
    """The lock of ``output``: the state directory's ``flock``, and with a Redis ``store`` the archive's lease too
    (``lease_seconds``: default ``$EDGAR_LEASE_SECONDS`` or 30; ``unreachable_limit``: how long to wait for an
    unreachable Redis at ``acquire``, default ``$EDGAR_RATE_STORE_WAIT`` or 300)."""
    local = RunLock(Path(state_dir) / LOCK_FILENAME)
    from crawler.store.redis_store import is_redis_url

    if not is_redis_url(store):
        return local
    from crawler.store.lease import RedisLease

    return RedisLease.for_output(output, str(store), local=local, seconds=lease_seconds,
                                 unreachable_limit=unreachable_limit)


class RunLock(ArchiveLock):
    """The ``flock`` of one state directory."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock at once, or raise LockHeldError naming the holder's pid."""
        if self._fd is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError(f"cannot open lock file {self.path}: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                error = LockHeldError(
                    f"another run holds {self.path} (pid {holder.get('pid', '?')}, "
                    f"since {holder.get('started_at', '?')}); nothing was written")
                error.holder_pid = holder.get("pid")  # type: ignore[attr-defined]
                raise error from None
            raise StorageError(f"cannot lock {self.path}: {exc}") from exc
        self._fd = fd
        info = {"pid": os.getpid(), "started_at": datetime.now(timezone.utc).isoformat()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)

    def release(self) -> None:
        """Drop the lock (the file stays: unlinking a lock file races with the next acquirer)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the descriptor releases the flock


def _read_holder(fd: int) -> dict:
    try:
        data = os.pread(fd, 4096, 0)
        holder = json.loads(data) if data else {}
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}
