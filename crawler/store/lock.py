"""One run per output at a time: an exclusive ``flock`` on ``<state_dir>/run.lock``.

The kernel drops the lock when its holder dies (even by SIGKILL), so a stale lock is simply free:
there is no pid guessing. The file also holds the holder's pid and start time, for the error message.
It must live on a local filesystem (``flock`` over NFS is unreliable).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from crawler.errors import LockHeldError, StorageError


class RunLock:
    """``with RunLock(path): ...`` or ``acquire()``/``release()``; never waits."""

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

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


def _read_holder(fd: int) -> dict:
    try:
        data = os.pread(fd, 4096, 0)
        holder = json.loads(data) if data else {}
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}
