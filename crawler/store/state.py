"""The crawl state: what a run needs to continue where the last one stopped.

:class:`CrawlState` is the interface (a Redis-backed version could implement it later);
:class:`~crawler.store.state_sqlite.SqliteCrawlState` is the implementation. The Parquet manifest is the
truth about what is archived; the state's ``committed`` ledger is rebuilt from it by
:func:`crawler.store.reconcile.reconcile` after a crash.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from crawler.store.writer import Commit

STATE_FILENAME = "state.sqlite"
LOCK_FILENAME = "run.lock"
ABS_SIC = 6189
# Which datasets' keys are accessions committed, and under which kind.
COMMITTED_KINDS = {"filings": "8-K", "se_filings": "SE"}


@dataclass(frozen=True, slots=True)
class IndexValidators:
    """What was seen when an index file was last processed (for conditional requests)."""

    last_modified: str | None
    etag: str | None
    rows: int
    processed_at: str


def verdict_value(cik: int, sic: int | None) -> str:
    """The registry's rule (as ``crawler.edgar.selection.MemoryAbsRegistry``): seeded ABS CIKs are "abs" for
    good; otherwise SIC 6189 (asset-backed securities) → "abs", another SIC → "not_abs", none → "unknown"."""
    if cik in _seed_abs_ciks():
        return "abs"
    if sic is None:
        return "unknown"
    return "abs" if sic == ABS_SIC else "not_abs"


@cache
def _seed_abs_ciks() -> frozenset[int]:
    try:
        from crawler.edgar.depositors import SEED_ABS_CIKS
    except ImportError:
        return frozenset()
    return frozenset(SEED_ABS_CIKS)


def cik_verdict(value: str) -> Any:
    """``crawler.edgar.selection.CikVerdict(value)`` (imported lazily: the module is optional for the store)."""
    try:
        from crawler.edgar.selection import CikVerdict
    except ImportError:
        return _FallbackVerdict(value)
    return CikVerdict(value)


class _FallbackVerdict(Enum):
    ABS = "abs"
    NOT_ABS = "not_abs"
    UNKNOWN = "unknown"


class CrawlState(ABC):
    """Durable crawl progress. Every method is one transaction; safe to call from several threads."""

    # --- index files -------------------------------------------------------------------------------
    @abstractmethod
    def index_validators(self, path: str) -> IndexValidators | None:
        """Validators recorded for an index file path, or None if it was never processed."""

    @abstractmethod
    def record_index_file(self, path: str, *, last_modified: str | None, etag: str | None, rows: int) -> None:
        """Remember that an index file was processed (replaces earlier validators)."""

    # --- watermark and quarters ----------------------------------------------------------------------
    @abstractmethod
    def watermark(self) -> date | None:
        """Last index day fully committed, or None before the first finished run."""

    @abstractmethod
    def set_watermark(self, day: date) -> None: ...

    @abstractmethod
    def quarters_to_recheck(self) -> list[str]:
        """Quarters (``"2004Q2"``) read from daily indexes and not yet rechecked in ``form.idx``, oldest first.

        The caller decides whether a quarter has closed.
        """

    @abstractmethod
    def mark_quarter_daily(self, quarter: str) -> None: ...

    @abstractmethod
    def mark_quarter_rechecked(self, quarter: str) -> None: ...

    # --- commits ---------------------------------------------------------------------------------------
    @abstractmethod
    def is_committed(self, accession: str) -> bool:
        """True once a manifest listing the accession's ``filings`` or ``se_filings`` row was applied."""

    @abstractmethod
    def committed_count(self, kind: str | None = None) -> int:
        """Accessions committed, of one kind (``"8-K"`` or ``"SE"``) or all."""

    @abstractmethod
    def apply_commit(self, commit: Commit) -> None:
        """Record a manifest entry as applied, with its filings/se_filings keys. Idempotent."""

    @abstractmethod
    def applied_manifests(self) -> set[str]: ...

    # --- CIK registry (crawler.edgar.selection.AbsRegistry) --------------------------------------------
    @abstractmethod
    def verdict(self, cik: int) -> Any:
        """``CikVerdict`` of a CIK: ABS if seeded, else ABS/NOT_ABS from its last known SIC, else UNKNOWN."""

    @abstractmethod
    def record(self, cik: int, *, sic: int | None, name: str, source: str) -> None:
        """Learn a CIK's SIC and name; a known SIC is never forgotten because a later source lacks one."""

    @abstractmethod
    def is_operating(self, cik: int) -> bool:
        """The CIK was seen filing a form only operating companies file (Forms 3/4/5, proxies, S-8 ...)."""

    @abstractmethod
    def mark_operating(self, ciks: Iterable[int]) -> None:
        """Remember CIKs seen filing such forms (for good; the SIC, when known, still decides first)."""

    # --- keyed JSON records ------------------------------------------------------------------------------
    @abstractmethod
    def put_record(self, namespace: str, key: str, value: dict) -> None: ...

    @abstractmethod
    def get_record(self, namespace: str, key: str) -> dict | None: ...

    @abstractmethod
    def delete_record(self, namespace: str, key: str) -> None: ...

    @abstractmethod
    def iter_records(self, namespace: str) -> Iterator[tuple[str, dict]]:
        """``(key, value)`` pairs of a namespace in key order (a snapshot: safe to modify while iterating)."""

    # --- runs ----------------------------------------------------------------------------------------------
    @abstractmethod
    def start_run(self, run_id: str, *, mode: str, start: date | None, end: date | None) -> None: ...

    @abstractmethod
    def finish_run(self, run_id: str, **fields: Any) -> None:
        """Record the end of a run: ``status``, ``exit_code``, ``new_filings``, ``errors`` or any JSON-able field."""

    @abstractmethod
    def run_ids(self) -> set[str]:
        """Every run started with this state (``start_run``)."""

    @abstractmethod
    def last_runs(self, n: int = 10) -> list[dict]:
        """Newest first: ``run_id, mode, start, end (date|None), started_at, finished_at (ISO str|None)``
        plus the fields given to ``finish_run``."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def default_state_dir(output: str) -> Path:
    """Where the state and lock of an output live.

    ``EDGAR_STATE_DIR`` wins; a local output keeps them in ``<output>/_state``; ``s3://bucket/prefix``
    uses ``~/.local/state/edgar-archive/<bucket>_<prefix>`` (the lock must be on a local filesystem).
    """
    override = os.environ.get("EDGAR_STATE_DIR")
    if override:
        return Path(override).expanduser()
    if output.startswith("s3://"):
        parts = urlsplit(output)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{parts.netloc}_{parts.path.strip('/')}").strip("_")
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
        return base / "edgar-archive" / name
    return Path(output).expanduser().resolve() / "_state"


def __getattr__(name: str) -> Any:
    # ``from crawler.store.state import SqliteCrawlState`` without an import cycle.
    if name == "SqliteCrawlState":
        from crawler.store.state_sqlite import SqliteCrawlState
        return SqliteCrawlState
    raise AttributeError(name)
