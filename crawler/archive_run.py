"""One crawl run's shared resources: lock, state, writer, raw archive, and its finalisation.

``open`` takes the archive's lock, reconciles the state with the archive and adopts what runs this state never ran
committed (:mod:`crawler.takeover`), then plans the dates.

Created by the spider's ``from_crawler`` (so ``scrapy crawl`` and ``edgar-archive crawl`` behave alike);
pipelines reach it with ``ArchiveRun.of(crawler)``. ``finalize`` runs on ``spider_closed``, after every
pipeline has finished: it makes the Form SE decisions, commits the last batch, and only for a finished
run moves the watermark and records the index files processed.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from crawler import __version__
from crawler.errors import EdgarArchiveError, ExitCode, LeaseLostError, RateStoreUnreachableError, StorageError
from crawler.linking import relink
from crawler.peak_rate import CAP_STAT, PEAK_STAT
from crawler.run_dates import CrawlWindow, crawl_window, parse_as_of
from crawler.store.fs import describe, resolve
from crawler.store.lock import ArchiveLock, archive_lock
from crawler.store.raw import RawArchive
from crawler.store.state import CrawlState, SqliteCrawlState, default_state_dir
from crawler.store.writer import ArchiveWriter
from crawler.takeover import catch_up

logger = logging.getLogger(__name__)

_RUNS: weakref.WeakKeyDictionary[Crawler, ArchiveRun] = weakref.WeakKeyDictionary()

FINISHED = "finished"
STORAGE_FAILED = "storage_failed"
RATE_STORE_UNREACHABLE = "rate_store_unreachable"  # crawler.middlewares.rate closes the spider with it
LEASE_LOST = "lease_lost"
CLOSE_REASON_EXIT_CODES = {"sec_blocked": ExitCode.SEC_BLOCKED, "sec_identity_refused": ExitCode.CONFIG,
                           STORAGE_FAILED: ExitCode.STORAGE, RATE_STORE_UNREACHABLE: ExitCode.RATE_STORE,
                           LEASE_LOST: ExitCode.LEASE_LOST}


@dataclass(slots=True)
class ProcessedIndex:
    path: str
    last_modified: str | None
    etag: str | None
    rows: int
    start: date
    end: date
    quarter: str
    daily: bool
    quarter_start: date | None = None
    quarter_end: date | None = None


@dataclass
class ArchiveRun:
    run_id: str
    window: CrawlWindow
    started_at: datetime
    root: str
    fs: Any
    state: CrawlState
    lock: ArchiveLock
    writer: ArchiveWriter
    raw: RawArchive
    processed_indexes: list[ProcessedIndex] = field(default_factory=list)
    first_unread: date | None = None  # the earliest day of the window whose index rows were not read
    errors: int = 0
    new_filings: int = 0
    exit_code: ExitCode = ExitCode.OK
    closed: bool = False
    storage_failure: EdgarArchiveError | None = None

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveRun:
        return _RUNS[crawler]

    @classmethod
    def open(cls, crawler: Crawler, *, start: str | None, end: str | None) -> ArchiveRun:
        """Take the lock, open and reconcile the state, and plan the dates; raises LockHeldError/ConfigError."""
        settings = crawler.settings
        output = settings.get("EDGAR_OUTPUT")
        state_dir = Path(settings.get("EDGAR_STATE_DIR") or default_state_dir(output))
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the state directory {state_dir}: {describe(exc)}") from exc
        lock = archive_lock(output, state_dir, settings.get("EDGAR_RATE_STORE"),
                            lease_seconds=settings.getfloat("EDGAR_LEASE_SECONDS", 30.0),
                            unreachable_limit=settings.getfloat("EDGAR_RATE_STORE_WAIT", 300.0))
        lock.acquire()
        try:
            fs, root = resolve(output)
            state = SqliteCrawlState(state_dir / "state.sqlite")
            catch_up(fs, root, state)
            as_of = parse_as_of(settings.get("EDGAR_AS_OF"))
            window = crawl_window(start, end, as_of=as_of, watermark=state.watermark())
        except BaseException:
            lock.release()
            raise
        run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
        raw = RawArchive(fs, root)
        writer = ArchiveWriter(
            fs, root, run_id,
            max_rows=settings.getint("EDGAR_FLUSH_ROWS", 5000),
            max_seconds=settings.getfloat("EDGAR_FLUSH_SECONDS", 60.0),
            on_commit=state.apply_commit,
            before_commit=raw.wait_durable,
            guard=lock,
        )
        run = cls(run_id=run_id, window=window, started_at=datetime.now(UTC), root=root, fs=fs, state=state,
                  lock=lock, writer=writer, raw=raw)
        state.start_run(run_id, mode=window.mode, start=window.start, end=window.end)
        _RUNS[crawler] = run
        for signal in (signals.item_error, signals.spider_error):
            crawler.signals.connect(run.on_failure, signal=signal)
        lock.on_lost = lambda reason: run.stop_from_thread(crawler, LEASE_LOST)
        logger.info("run %s: %s %s..%s (as of %s)", run_id, window.mode, window.start, window.end, window.as_of)
        return run

    def on_failure(self, failure: Failure, spider: Any, **_: Any) -> None:
        """A pipeline or callback could not store something: stop the run (nothing fetched now could be kept)."""
        reason = _failure_reason(failure.value)
        if reason is None or self.storage_failure is not None:
            return
        self.storage_failure = failure.value
        logger.error("run %s stops: %s", self.run_id, failure.value)
        self.stop(spider.crawler, reason)

    def stop_from_thread(self, crawler: Crawler, reason: str) -> None:
        from twisted.internet import reactor  # installed by now (importing it earlier would install the default one)

        reactor.callFromThread(self.stop, crawler, reason)

    def stop(self, crawler: Crawler, reason: str) -> None:
        """Close the spider with ``reason`` (nothing fetched from now on could be kept)."""
        engine = crawler.engine
        if engine is not None and engine.spider is not None and not self.closed:
            closing = deferred_from_coro(engine.close_spider_async(reason=reason))
            closing.addErrback(lambda failed: logger.error("closing the spider failed: %s", failed.value))

    def mark_unread(self, day: date) -> None:
        """``day``'s index rows were not read: the watermark stays before it, so the next run reads it."""
        self.first_unread = day if self.first_unread is None else min(self.first_unread, day)

    def finalize(self, crawler: Crawler, reason: str) -> ExitCode:
        """Decide Form SE links, commit everything, record progress; always releases the lock."""
        if self.closed:
            return self.exit_code
        self.closed = True
        try:
            self._commit_run(crawler.stats, reason)
        except EdgarArchiveError as exc:
            logger.error("run %s could not be completed: %s", self.run_id, exc)
            self.exit_code = exc.exit_code
        except Exception:
            logger.exception("run %s failed while finishing", self.run_id)
            self.exit_code = ExitCode.INTERNAL
        finally:
            crawler.stats.set_value("edgar/exit_code", int(self.exit_code))
            self.raw.close()
            self.state.close()
            self.lock.release()
        return self.exit_code

    def _commit_run(self, stats: Any, reason: str) -> None:
        self.writer.flush()  # links are decided over committed filings only
        for row in relink(self.state, as_of=self.window.as_of, run_id=self.run_id):
            self.writer.add("se_links", row)
        self.writer.flush()
        if reason == FINISHED:
            self._record_progress()
        self.exit_code = self._exit_code(reason)
        self.writer.add("runs", self._run_row(stats, reason))
        self.writer.close()
        self.state.finish_run(self.run_id, status=reason, exit_code=int(self.exit_code),
                              new_filings=self.new_filings, errors=self.errors)

    def _record_progress(self) -> None:
        for index in self.processed_indexes:
            self.state.record_index_file(index.path, last_modified=index.last_modified, etag=index.etag,
                                         rows=index.rows)
            self.state.put_record("index_coverage", index.path, self._coverage(index))
            if index.daily:
                self.state.mark_quarter_daily(index.quarter)
            else:
                self.state.mark_quarter_rechecked(index.quarter)
        current = self.state.watermark()
        last = self.window.watermark_after(self.first_unread)
        if current is None or last > current:
            self.state.set_watermark(last)

    def _coverage(self, index: ProcessedIndex) -> dict[str, str]:
        """Days of ``index.path`` whose rows are archived: this run's, joined to an overlapping earlier span."""
        start, end = index.start, index.end
        if index.quarter_start and index.quarter_end:
            start, end = max(start, index.quarter_start), min(end, index.quarter_end)
        earlier = self.state.get_record("index_coverage", index.path)
        if earlier:
            old_start, old_end = date.fromisoformat(earlier["start"]), date.fromisoformat(earlier["end"])
            if old_start <= end + timedelta(days=1) and start <= old_end + timedelta(days=1):
                start, end = min(start, old_start), max(end, old_end)
        return {"start": start.isoformat(), "end": end.isoformat()}

    def _exit_code(self, reason: str) -> ExitCode:
        if reason in CLOSE_REASON_EXIT_CODES:
            return CLOSE_REASON_EXIT_CODES[reason]
        if reason != FINISHED or self.errors:
            return ExitCode.PARTIAL
        return ExitCode.OK

    def _run_row(self, stats: Any, reason: str) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC),
            "mode": self.window.mode,
            "from": self.window.start,
            "to": self.window.end,
            "requests": stats.get_value("downloader/request_count", 0),
            "bytes": stats.get_value("downloader/response_bytes", 0),
            "new_filings": self.new_filings,
            "errors": self.errors,
            "status": reason,
            "exit_code": int(self.exit_code),
            "version": __version__,
            "peak_requests_per_second": stats.get_value(PEAK_STAT),
            "rate_cap": stats.get_value(CAP_STAT),
            "watermark": self.state.watermark(),
            "recheck_quarters": self.state.quarters_to_recheck(),
        }


def _failure_reason(error: BaseException) -> str | None:
    """The close reason of an error that stops a run (storing, or committing under the archive's lease)."""
    if isinstance(error, LeaseLostError):
        return LEASE_LOST
    if isinstance(error, RateStoreUnreachableError):  # the lease store, at a commit
        return RATE_STORE_UNREACHABLE
    return STORAGE_FAILED if isinstance(error, StorageError) else None
