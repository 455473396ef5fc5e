""":class:`CrawlState` on one SQLite file (WAL, busy timeout, one transaction per method, versioned schema).

A method of one statement runs in SQLite's implicit transaction (autocommit mode): atomic like an explicit
``BEGIN``/``COMMIT``, without their two extra round trips; methods of several statements use ``_tx``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.errors import StorageError
from crawler.store.state import COMMITTED_KINDS, CrawlState, IndexValidators, cik_verdict, verdict_value

if TYPE_CHECKING:
    from crawler.store.writer import Commit

# One script per schema version; PRAGMA user_version says how many were applied. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE index_files (path TEXT PRIMARY KEY, last_modified TEXT, etag TEXT,
                              rows INTEGER NOT NULL, processed_at TEXT NOT NULL);
    CREATE TABLE quarters (quarter TEXT PRIMARY KEY, daily_mark INTEGER, recheck_mark INTEGER);
    CREATE TABLE committed (accession TEXT PRIMARY KEY, kind TEXT NOT NULL, manifest_id TEXT NOT NULL);
    CREATE INDEX committed_by_kind ON committed (kind);
    CREATE TABLE manifests (manifest_id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
    CREATE TABLE ciks (cik INTEGER PRIMARY KEY, sic INTEGER, name TEXT, source TEXT, updated_at TEXT NOT NULL);
    CREATE TABLE records (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                          PRIMARY KEY (namespace, key)) WITHOUT ROWID;
    CREATE TABLE runs (run_id TEXT PRIMARY KEY, mode TEXT, start TEXT, end TEXT, started_at TEXT NOT NULL,
                       finished_at TEXT, fields TEXT NOT NULL DEFAULT '{}');
    """,
    """
    ALTER TABLE ciks ADD COLUMN operating INTEGER NOT NULL DEFAULT 0;
    """,
)


# CIK facts this process wrote, most recent last: a depositor's or a trust's header repeats the same SIC and name
# filing after filing, and rewriting an unchanged row is a transaction per filing for nothing
RECORDED_CACHE_SIZE = 4096


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class SqliteCrawlState(CrawlState):
    """The crawl state in ``path`` (created with its parent directories). Thread-safe."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._recorded: OrderedDict[int, tuple[int | None, str, str]] = OrderedDict()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db: sqlite3.Connection | None = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
            self._db.execute("PRAGMA busy_timeout = 30000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open crawl state {self.path}: {exc}") from exc

    # --- plumbing ----------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._db is None:
                raise StorageError(f"crawl state {self.path} is closed")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StorageError(f"crawl state {self.path}: {exc}") from exc

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """One statement read in its own implicit transaction (autocommit mode: no BEGIN/COMMIT round trips)."""
        with self._lock:
            if self._db is None:
                raise StorageError(f"crawl state {self.path} is closed")
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StorageError(f"crawl state {self.path}: {exc}") from exc

    def _write(self, sql: str, params: tuple = ()) -> None:
        """One statement written atomically in its own implicit transaction (as ``_tx`` with one statement)."""
        self._query(sql, params)

    def _migrate(self) -> None:
        with self._tx() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StorageError(f"crawl state {self.path} has schema version {version}, newer than this "
                                   f"program's {len(MIGRATIONS)}; upgrade edgar-archive")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- index files -------------------------------------------------------------------------------
    def index_validators(self, path: str) -> IndexValidators | None:
        rows = self._query("SELECT last_modified, etag, rows, processed_at FROM index_files WHERE path = ?", (path,))
        return IndexValidators(*rows[0]) if rows else None

    def record_index_file(self, path: str, *, last_modified: str | None, etag: str | None, rows: int) -> None:
        self._write("INSERT OR REPLACE INTO index_files VALUES (?, ?, ?, ?, ?)",
                    (path, last_modified, etag, rows, _now()))

    # --- watermark and quarters ----------------------------------------------------------------------
    def watermark(self) -> date | None:
        rows = self._query("SELECT value FROM meta WHERE key = 'watermark'")
        return date.fromisoformat(rows[0][0]) if rows else None

    def set_watermark(self, day: date) -> None:
        self._write("INSERT OR REPLACE INTO meta VALUES ('watermark', ?)", (day.isoformat(),))

    def quarters_to_recheck(self) -> list[str]:
        rows = self._query("SELECT quarter FROM quarters WHERE daily_mark IS NOT NULL "
                           "AND (recheck_mark IS NULL OR recheck_mark < daily_mark) ORDER BY quarter")
        return [quarter for (quarter,) in rows]

    def mark_quarter_daily(self, quarter: str) -> None:
        self._mark_quarter(quarter, "daily_mark")

    def mark_quarter_rechecked(self, quarter: str) -> None:
        self._mark_quarter(quarter, "recheck_mark")

    def _mark_quarter(self, quarter: str, column: str) -> None:
        # Marks come from one increasing counter, so "read daily after its last recheck" is a comparison.
        with self._tx() as db:
            mark = db.execute("SELECT COALESCE(MAX(MAX(COALESCE(daily_mark, 0), COALESCE(recheck_mark, 0))), 0) + 1 "
                              "FROM quarters").fetchone()[0]
            db.execute(f"INSERT INTO quarters (quarter, {column}) VALUES (?, ?) "
                       f"ON CONFLICT (quarter) DO UPDATE SET {column} = excluded.{column}", (quarter, mark))

    # --- commits ---------------------------------------------------------------------------------------
    def is_committed(self, accession: str) -> bool:
        return bool(self._query("SELECT 1 FROM committed WHERE accession = ?", (accession,)))

    def committed_count(self, kind: str | None = None) -> int:
        if kind is None:
            return int(self._query("SELECT COUNT(*) FROM committed")[0][0])
        return int(self._query("SELECT COUNT(*) FROM committed WHERE kind = ?", (kind,))[0][0])

    def apply_commit(self, commit: Commit) -> None:
        with self._tx() as db:
            if db.execute("SELECT 1 FROM manifests WHERE manifest_id = ?", (commit.manifest_id,)).fetchone():
                return
            for dataset, kind in COMMITTED_KINDS.items():
                db.executemany("INSERT OR IGNORE INTO committed VALUES (?, ?, ?)",
                               ((key, kind, commit.manifest_id) for key in commit.keys.get(dataset, ())))
            db.execute("INSERT INTO manifests VALUES (?, ?)", (commit.manifest_id, _now()))

    def applied_manifests(self) -> set[str]:
        return {manifest_id for (manifest_id,) in self._query("SELECT manifest_id FROM manifests")}

    # --- CIK registry ------------------------------------------------------------------------------------
    def verdict(self, cik: int) -> Any:
        rows = self._query("SELECT sic FROM ciks WHERE cik = ?", (int(cik),))
        return cik_verdict(verdict_value(int(cik), rows[0][0] if rows else None))

    def record(self, cik: int, *, sic: int | None, name: str, source: str) -> None:
        """Learn a CIK's SIC and name (a missing SIC or an empty name forgets nothing); ``updated_at`` says when
        this process first wrote these facts (a repeat of the last facts written for the CIK writes nothing)."""
        facts = (sic, name, source)
        with self._lock:
            if self._recorded.get(int(cik)) == facts:
                self._recorded.move_to_end(int(cik))
                return
            self._write(
                "INSERT INTO ciks (cik, sic, name, source, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cik) "
                "DO UPDATE SET sic = COALESCE(excluded.sic, ciks.sic), "
                "name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE ciks.name END, "
                "source = excluded.source, updated_at = excluded.updated_at",
                (int(cik), sic, name, source, _now()))
            self._recorded[int(cik)] = facts
            if len(self._recorded) > RECORDED_CACHE_SIZE:
                self._recorded.popitem(last=False)

    def is_operating(self, cik: int) -> bool:
        rows = self._query("SELECT operating FROM ciks WHERE cik = ?", (int(cik),))
        return bool(rows and rows[0][0])

    def mark_operating(self, ciks: Iterable[int]) -> None:
        now = _now()
        with self._tx() as db:
            db.executemany(
                "INSERT INTO ciks (cik, sic, name, source, updated_at, operating) VALUES (?, NULL, '', 'index_forms', ?, 1) "
                "ON CONFLICT (cik) DO UPDATE SET operating = 1",
                ((int(cik), now) for cik in ciks))

    # --- keyed JSON records ------------------------------------------------------------------------------
    def put_record(self, namespace: str, key: str, value: dict) -> None:
        try:
            text = json.dumps(value, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise StorageError(f"record {namespace}/{key} is not JSON-serialisable: {exc}") from exc
        self._write("INSERT OR REPLACE INTO records VALUES (?, ?, ?)", (namespace, key, text))

    def get_record(self, namespace: str, key: str) -> dict | None:
        rows = self._query("SELECT value FROM records WHERE namespace = ? AND key = ?", (namespace, key))
        return json.loads(rows[0][0]) if rows else None

    def delete_record(self, namespace: str, key: str) -> None:
        self._write("DELETE FROM records WHERE namespace = ? AND key = ?", (namespace, key))

    def iter_records(self, namespace: str) -> Iterator[tuple[str, dict]]:
        rows = self._query("SELECT key, value FROM records WHERE namespace = ? ORDER BY key", (namespace,))
        return iter([(key, json.loads(value)) for key, value in rows])

    # --- runs ----------------------------------------------------------------------------------------------
    def start_run(self, run_id: str, *, mode: str, start: date | None, end: date | None) -> None:
        self._write("INSERT OR REPLACE INTO runs (run_id, mode, start, end, started_at) VALUES (?, ?, ?, ?, ?)",
                    (run_id, mode, start and start.isoformat(), end and end.isoformat(), _now()))

    def finish_run(self, run_id: str, **fields: Any) -> None:
        with self._tx() as db:
            row = db.execute("SELECT fields FROM runs WHERE run_id = ?", (run_id,)).fetchone()
            if row is None:
                raise StorageError(f"finish_run: run {run_id!r} was never started")
            merged = {**json.loads(row[0]), **fields}
            db.execute("UPDATE runs SET finished_at = ?, fields = ? WHERE run_id = ?",
                       (_now(), json.dumps(merged, default=str, sort_keys=True), run_id))

    def run_ids(self) -> set[str]:
        return {run_id for (run_id,) in self._query("SELECT run_id FROM runs")}

    def last_runs(self, n: int = 10) -> list[dict]:
        rows = self._query("SELECT run_id, mode, start, end, started_at, finished_at, fields FROM runs "
                           "ORDER BY started_at DESC, rowid DESC LIMIT ?", (n,))
        return [
            {**json.loads(fields), "run_id": run_id, "mode": mode,
             "start": start and date.fromisoformat(start), "end": end and date.fromisoformat(end),
             "started_at": started_at, "finished_at": finished_at}
            for run_id, mode, start, end, started_at, finished_at, fields in rows
        ]
