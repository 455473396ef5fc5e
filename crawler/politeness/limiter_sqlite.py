"""A rate limiter whose state lives in a SQLite file, so several processes on one machine share one budget.

Every decision runs in one ``BEGIN IMMEDIATE`` transaction (one writer at a time, WAL journal): read the block and
the latest sends, apply :class:`~crawler.politeness.limiter.WindowRule`, record the send. Overlapping cron runs,
two crawls and helper scripts pointed at the same file therefore never exceed the cap together.

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
from pathlib import Path

from crawler.errors import ConfigError
from crawler.politeness.limiter import (
    DEFAULT_MARGIN,
    DEFAULT_SMOOTHING,
    DEFAULT_WINDOW,
    RateLimiter,
    WindowRule,
    default_rate_db_path,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sends (ts REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sends_ts ON sends (ts);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE IF NOT EXISTS waiters (ticket TEXT PRIMARY KEY, since REAL NOT NULL, seen REAL NOT NULL);
"""
_KEEP_SECONDS = 120.0  # sends older than this are pruned; far more than any window needs
_PRUNE_EVERY = 64  # grants between two prunes
_WAITER_TTL = 2.0  # seconds (at least; see __init__) after its last ask that a waiting ticket still counts
_TURN_POLL = 0.01  # seconds to wait when a free slot is another limiter's turn


class SqliteRateLimiter(RateLimiter):
    """Cross-process limiter backed by ``path`` (default :func:`default_rate_db_path`); thread-safe.

    Each process checks every recorded send against its own rate, so processes with different rates together
    stay within the largest of them; give them all the same rate to share the budget fairly.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        rate: float = 5.0,
        *,
        window: float = DEFAULT_WINDOW,
        margin: float = DEFAULT_MARGIN,
        smoothing: float = DEFAULT_SMOOTHING,
        busy_timeout: float = 30.0,
    ) -> None:
        self.rule = WindowRule(rate, window, margin, smoothing)
        self.path = Path(path).expanduser() if path else default_rate_db_path()
        self._lock = threading.Lock()
        self._grants = 0
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
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                at = time.time() if now is None else now
                wait = self.rule.wait(self._latest_sends(), at, self._read_blocked_until())
                if wait == 0.0 and not self._my_turn(at):
                    wait = _TURN_POLL
                if wait == 0.0:
                    self._grant(at)
                else:
                    self._db.execute(
                        "INSERT INTO waiters VALUES (?, ?, ?) ON CONFLICT (ticket) DO UPDATE SET seen = excluded.seen",
                        (self._ticket, at, at))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return wait

    def _my_turn(self, at: float) -> bool:
        """No other limiter has waited longer for a slot (tickets of those that stopped asking are dropped)."""
        self._db.execute("DELETE FROM waiters WHERE seen < ?", (at - self._waiter_ttl,))
        oldest = self._db.execute("SELECT ticket FROM waiters ORDER BY since, ticket LIMIT 1").fetchone()
        return oldest is None or oldest[0] == self._ticket

    def _grant(self, at: float) -> None:
        self._db.execute("INSERT INTO sends (ts) VALUES (?)", (at,))
        self._db.execute("DELETE FROM waiters WHERE ticket = ?", (self._ticket,))
        self._grants += 1
        if self._grants % _PRUNE_EVERY == 0:
            keep_after = at - max(_KEEP_SECONDS, 2 * self.rule.span)
            self._db.execute("DELETE FROM sends WHERE ts < ?", (keep_after,))

    def mark_answered(self, sent_at: float, answered_at: float) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE sends SET ts = ? WHERE rowid = (SELECT rowid FROM sends WHERE ts = ? LIMIT 1)",
                (max(sent_at, answered_at), sent_at),
            )

    def block(self, until: float) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO state (key, value) VALUES ('blocked_until', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
                (until,),
            )

    def blocked_until(self) -> float:
        with self._lock:
            return self._read_blocked_until()

    def close(self) -> None:
        with self._lock:
            try:
                self._db.execute("DELETE FROM waiters WHERE ticket = ?", (self._ticket,))
            except sqlite3.Error:
                pass  # the ticket expires by itself
            finally:
                self._db.close()

    def _latest_sends(self) -> list[float]:
        rows = self._db.execute(
            "SELECT ts FROM sends ORDER BY ts DESC LIMIT ?", (self.rule.max_sends,)
        ).fetchall()
        return [row[0] for row in reversed(rows)]

    def _read_blocked_until(self) -> float:
        row = self._db.execute("SELECT value FROM state WHERE key = 'blocked_until'").fetchone()
        return float(row[0]) if row else 0.0
