"""A rate limiter whose budget lives in a SQLite file, so several processes on one machine share it.

Every decision runs in one ``BEGIN IMMEDIATE`` transaction (one writer at a time, WAL journal): read the
budget, apply the :class:`~crawler.politeness.limiter.Pace`, write it back. Overlapping cron runs, two crawls and
helper scripts pointed at the same file therefore never exceed the cap together.

The budget is shared in turn: a limiter that is refused leaves a ticket (``waiters``), and a free slot goes to
the limiter whose ticket is oldest. Without it a crawl with many requests waiting can take every slot while a
helper script with one request starves. A ticket not renewed for ``_WAITER_TTL`` seconds (its process died or
stopped asking) no longer counts.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from crawler.errors import ConfigError
from crawler.politeness.limiter import (
    DEFAULT_JOB_CLASS,
    DEFAULT_MARGIN,
    DEFAULT_WINDOW,
    Budget,
    Pace,
    RateLimiter,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE IF NOT EXISTS waiters (ticket TEXT PRIMARY KEY, since REAL NOT NULL, seen REAL NOT NULL);
"""
_TAT = "tat"
_BLOCKED_UNTIL = "blocked_until"
_WAITER_TTL = 2.0  # seconds (at least; see __init__) after its last ask that a waiting ticket still counts
_TURN_POLL = 0.01  # seconds to wait when a free slot is another limiter's turn


def _class_key(job_class: str) -> str:
    return f"tat:{job_class}"


class SqliteRateLimiter(RateLimiter):
    """Cross-process limiter backed by the SQLite file ``path``; thread-safe."""

    def __init__(
        self,
        path: str | Path,
        rate: float = 5.0,
        *,
        window: float = DEFAULT_WINDOW,
        margin: float = DEFAULT_MARGIN,
        job_class: str = DEFAULT_JOB_CLASS,
        class_rate: float | None = None,
        busy_timeout: float = 30.0,
    ) -> None:
        self.pace = Pace.of(rate, window=window, margin=margin, job_class=job_class, class_rate=class_rate)
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._ticket = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._waiter_ttl = max(_WAITER_TTL, 3 * self.rule.span)  # longer than any wait between two asks
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the shared rate-limit database {self.path}: {exc}") from exc

    def try_acquire(self, now: float | None = None) -> float:
        with self._lock, self._transaction():
            at = time.time() if now is None else now
            budget = self._read_budget()
            wait = self.pace.wait(budget, at)
            if wait == 0.0 and not self._my_turn(at):
                wait = _TURN_POLL
            if wait == 0.0:
                self._take(budget, at)
                self._db.execute("DELETE FROM waiters WHERE ticket = ?", (self._ticket,))
            else:
                self._db.execute(
                    "INSERT INTO waiters VALUES (?, ?, ?) ON CONFLICT (ticket) DO UPDATE SET seen = excluded.seen",
                    (self._ticket, at, at))
            return wait

    def charge_late(self, now: float | None = None) -> None:
        with self._lock, self._transaction():
            self._take(self._read_budget(), time.time() if now is None else now)

    def block(self, until: float) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                (_BLOCKED_UNTIL, until),
            )

    def blocked_until(self) -> float:
        with self._lock:
            return self._read_budget().blocked_until

    def close(self) -> None:
        with self._lock:
            try:
                self._db.execute("DELETE FROM waiters WHERE ticket = ?", (self._ticket,))
            except sqlite3.Error:
                pass  # the ticket expires by itself
            finally:
                self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _my_turn(self, at: float) -> bool:
        """No other limiter has waited longer for a slot (tickets of those that stopped asking are dropped)."""
        self._db.execute("DELETE FROM waiters WHERE seen < ?", (at - self._waiter_ttl,))
        oldest = self._db.execute("SELECT ticket FROM waiters ORDER BY since, ticket LIMIT 1").fetchone()
        return oldest is None or oldest[0] == self._ticket

    def _read_budget(self) -> Budget:
        keys = (_TAT, _BLOCKED_UNTIL, _class_key(self.pace.job_class))
        values = dict(self._db.execute("SELECT key, value FROM state WHERE key IN (?, ?, ?)", keys).fetchall())
        budget = Budget(tat=values.get(_TAT, 0.0), blocked_until=values.get(_BLOCKED_UNTIL, 0.0))
        if keys[2] in values:
            budget.class_tats[self.pace.job_class] = values[keys[2]]
        return budget

    def _take(self, budget: Budget, at: float) -> None:
        self.pace.take(budget, at)
        rows = [(_TAT, budget.tat)]
        rows += [(_class_key(job_class), tat) for job_class, tat in budget.class_tats.items()]
        self._db.executemany("INSERT INTO state (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", rows)

