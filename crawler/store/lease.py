"""The lease on an archive in Redis: one writer across hosts, with a fencing token checked at every commit.

The lease is per archive (:func:`archive_id`: ``s3://bucket/prefix``, or ``file://<host>/<path>`` for a local
directory), whatever identity or job class writes it. Each step is one Lua script (``lease.lua``), atomic on the
server:

- ``acquire``: free, or held by another run (``LockHeldError``, exit code 5, naming the holder's host and pid).
  The holder gets a fencing token larger than every token issued before for this archive.
- ``hold``, every third of the lease from a small thread, and right before and after every commit: extends the
  lease while it is this holder's. A lease that lapsed (this process was paused; Redis restarted) and that nobody
  took since is simply held again; one that another run took since is lost, for good: the next commit is refused
  (``LeaseLostError``, exit code 8), ``on_lost`` is called so the run can stop at once.
- ``release`` when the run ends; a holder killed outright releases the archive when its lease lapses.

A commit is only made after a ``hold`` that answered: while Redis cannot be reached the commit waits (and gives up
with ``RateStoreUnreachableError``, exit code 7, after ``EDGAR_RATE_STORE_WAIT``, as the rate limit does); the
answer then says whether the lease is still this run's. Manifests record the token (``fence``), so a reader
can tell which lease wrote each commit; README "Several hosts" says what the remaining window means for readers.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from crawler.errors import LeaseLostError, LockHeldError, RateStoreUnreachableError
from crawler.store.lock import ArchiveLock
from crawler.store.redis_store import DEFAULT_UNREACHABLE_LIMIT, Outage, RedisStore, store_errors

logger = logging.getLogger(__name__)

KEY_PREFIX = "edgar-archive:lease"
DEFAULT_LEASE_SECONDS = 30.0
_SCRIPT = resources.files("crawler.store").joinpath("lease.lua").read_text(encoding="utf-8")
_POLL = 0.5  # seconds between two tries while Redis cannot be reached
HELD, RETAKEN, LOST = 1, 2, 0


def archive_id(output: str) -> str:
    """What names an archive across hosts: its S3 URI; a local directory is this host's (``file://host/path``)."""
    if output.startswith("s3://"):
        parts = urlsplit(output)
        prefix = "/".join(part for part in parts.path.split("/") if part)
        return f"s3://{parts.netloc}/{prefix}".rstrip("/")
    return f"file://{socket.gethostname()}{Path(output).expanduser().resolve()}"


def lease_keys(archive: str) -> list[str]:
    key = f"{KEY_PREFIX}:{{{archive}}}"
    return [key, f"{key}:fence"]


def default_lease_seconds() -> float:
    return float(os.environ.get("EDGAR_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS)


class RedisLease(ArchiveLock):
    """The lease on ``archive`` in ``store``, taken after ``local`` (the state directory's ``flock``)."""

    def __init__(self, store: RedisStore, archive: str, *, local: ArchiveLock | None = None,
                 seconds: float = DEFAULT_LEASE_SECONDS, unreachable_limit: float = DEFAULT_UNREACHABLE_LIMIT,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if seconds <= 0:
            raise ValueError(f"a lease lasts a positive number of seconds, not {seconds}")
        self.store, self.archive, self.local = store, archive, local
        self.seconds, self.unreachable_limit, self.clock = seconds, unreachable_limit, clock
        self.keys = lease_keys(archive)
        self.token = uuid.uuid4().hex
        self.holder = json.dumps({"host": socket.gethostname(), "pid": os.getpid(),
                                  "since": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        self.fencing_token: int | None = None
        self.lost: str | None = None
        self._commits_held = self._outage("no commit is made", "no commit was made", "commits resume")
        self._state = threading.Lock()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self._script = store.sync.register_script(_SCRIPT)

    @classmethod
    def for_output(cls, output: str, url: str, *, local: ArchiveLock | None = None, seconds: float | None = None,
                   unreachable_limit: float | None = None) -> RedisLease:
        limit = unreachable_limit if unreachable_limit is not None else float(
            os.environ.get("EDGAR_RATE_STORE_WAIT") or DEFAULT_UNREACHABLE_LIMIT)
        return cls(RedisStore(url), archive_id(output), local=local,
                   seconds=seconds if seconds is not None else default_lease_seconds(), unreachable_limit=limit)

    @property
    def held(self) -> bool:
        return self.fencing_token is not None and self.lost is None

    def acquire(self) -> None:
        if self.fencing_token is not None:
            return
        if self.local is not None:
            self.local.acquire()
        try:
            self._take()
        except BaseException:
            if self.local is not None:
                self.local.release()
            raise
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name="archive-lease", daemon=True)
        self._renewer.start()
        logger.info("holding the lease on %s (fencing token %d, %g s, renewed every %g s)", self.archive,
                    self.fencing_token, self.seconds, self.seconds / 3)

    def release(self) -> None:
        if self.fencing_token is None:
            return
        self._stop.set()
        if self._renewer is not None and self._renewer is not threading.current_thread():
            self._renewer.join()
        try:
            self._call("release")
        except store_errors() as exc:
            logger.warning("could not release the lease on %s (%s): it lapses within %g s", self.archive, exc,
                           self.seconds)
        finally:
            self.fencing_token = None
            self.store.close()
            if self.local is not None:
                self.local.release()

    def fence(self) -> int:
        """Hold the lease right now; its fencing token, or LeaseLostError. While Redis cannot be reached this waits
        (RateStoreUnreachableError after ``unreachable_limit`` seconds): a commit is made only after an answer."""
        if self.fencing_token is None:
            raise LeaseLostError(f"no commit to {self.archive}: this run does not hold its lease")
        while True:
            answered = self._hold()
            if answered:
                assert self.fencing_token is not None
                return self.fencing_token
            if answered is False:
                raise LeaseLostError(f"no commit to {self.archive}: {self.lost}")
            time.sleep(_POLL)

    def confirm(self, manifest_id: str) -> None:
        if self._hold() is False:
            logger.error("manifest %s of %s was written as this run's lease was lost (%s): its rows are kept (readers "
                         "keep one row per key) and this run commits nothing more", manifest_id, self.archive,
                         self.lost)

    # --- the steps -----------------------------------------------------------------------------------------
    def _take(self) -> None:
        outage = self._outage("nothing is written", "nothing was written", "the run starts")
        while True:
            try:
                reply = self._call("acquire")
            except store_errors() as exc:
                outage.failed(exc)
                time.sleep(_POLL)
                continue
            outage.recovered()
            if int(reply[0]) == HELD:
                self.fencing_token, self.lost = int(reply[1]), None
                return
            raise _held_error(self.archive, reply[1], int(reply[2]))

    def _renew(self) -> None:
        while True:
            try:
                answered = self._hold()
            except RateStoreUnreachableError:
                answered = None  # past the limit: the next commit gives up; renewing goes on meanwhile
            if answered is False or self._stop.wait(self.seconds / 3 if answered else _POLL):
                return

    def _hold(self) -> bool | None:
        """True: held (extended); False: lost; None: Redis did not answer (RateStoreUnreachableError once it has not
        for ``unreachable_limit`` seconds)."""
        if self.lost is not None:
            return False
        try:
            reply = self._call("hold")
        except store_errors() as exc:
            with self._state:
                self._commits_held.failed(exc)
            return None
        with self._state:
            self._commits_held.recovered()
        if int(reply[0]) == LOST:
            return self._lose(f"another run took the lease over ({_describe(reply[1])}); this run was paused "
                              f"or cut off from Redis for longer than the lease ({self.seconds:g} s)")
        if int(reply[0]) == RETAKEN:
            logger.warning("the lease on %s had lapsed (Redis restarted, or this process was paused) and nobody "
                           "took it meanwhile: held again with fencing token %s", self.archive, reply[1])
        return True

    def _lose(self, reason: str) -> bool:
        with self._state:
            first, self.lost = self.lost is None, self.lost or reason
        if first:
            logger.error("lost the lease on %s: %s", self.archive, reason)
            if self.on_lost is not None:
                self.on_lost(reason)
        return False

    def _outage(self, *held_back: str) -> Outage:
        return Outage(f"the lease store {self.store.shown}", self.unreachable_limit, RateStoreUnreachableError,
                      self.clock, held_back=held_back)  # type: ignore[arg-type]

    def _call(self, mode: str) -> list:
        return self._script(keys=self.keys, args=[mode, self.token, int(self.seconds * 1000), self.holder,
                                                  self.fencing_token or ""])


def _held_error(archive: str, holder: str, left_ms: int) -> LockHeldError:
    info = _holder(holder)
    error = LockHeldError(f"another run holds the archive {archive} ({_describe(holder)}; its lease lapses in "
                          f"{max(left_ms, 0) / 1000:.0f} s unless it is renewed); nothing was written")
    error.holder_pid = info.get("pid")  # type: ignore[attr-defined]
    return error


def _holder(text: str) -> dict:
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _describe(text: str) -> str:
    info = _holder(text)
    return f"host {info.get('host', '?')}, pid {info.get('pid', '?')}, since {info.get('since', '?')}"
