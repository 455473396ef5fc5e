"""``depositor_8k``: EDGAR indexes → ABS 8-K and SE candidates → one full-submission request each.

Run as ``scrapy crawl depositor_8k -a from=2004-04-01 -a to=2004-06-30`` or ``edgar-archive crawl``.
All EDGAR knowledge (planning, index parsing, selection) lives in ``crawler.edgar``; this class only
turns its answers into requests and items.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.archive_run import ArchiveRun, ProcessedIndex
from crawler.edgar.calendar import Quarter, may_be_unpublished
from crawler.edgar.company import parse_company_json
from crawler.edgar.gone import GoneLimits, describe
from crawler.edgar.index import iter_index_bytes
from crawler.edgar.planner import (
    IndexFileRequest,
    ListingRequest,
    daily_files_from_listing,
    first_unread_day,
    plan_range,
    unlisted_days,
)
from crawler.edgar.selection import Candidate, CikVerdict, resolve_undecided, select_candidates
from crawler.edgar.urls import submissions_json_path
from crawler.errors import EdgarArchiveError
from crawler.items import ErrorItem, SubmissionItem
from crawler.politeness.block import is_missing
from crawler.retry_records import SubmissionRetries

NOT_ABS_NAMESPACE = "fetched_not_abs"

logger = logging.getLogger(__name__)


class _SeenDailyFiles(Mapping[str, str]):
    """Last-Modified of daily index files already processed, read from the state on demand."""

    def __init__(self, run: ArchiveRun) -> None:
        self._run = run

    def __getitem__(self, path: str) -> str:
        found = self._run.state.index_validators(path)
        if found is None or found.last_modified is None:
            raise KeyError(path)
        return found.last_modified

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class Depositor8kSpider(scrapy.Spider):
    name = "depositor_8k"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requested: set[str] = set()
        self.waiting: dict[int, list[Candidate]] = {}  # CIK being looked up -> candidates waiting for it
        self.pending: dict[str, set[int]] = {}  # accession -> CIKs whose lookups are still outstanding
        self.looked_up: set[int] = set()
        self.lookups_done: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Depositor8kSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        limits = GoneLimits(runs=settings.getint("EDGAR_GONE_AFTER_RUNS"),
                            days=settings.getint("EDGAR_GONE_AFTER_DAYS"))
        spider.run = ArchiveRun.open(crawler, start=kwargs.get("from"), end=kwargs.get("to"))
        spider.retries = SubmissionRetries(spider.run.state, limits, as_of=spider.run.window.as_of,
                                           retry_gone=settings.getbool("EDGAR_RETRY_GONE"))
        spider.base_url = crawler.settings.get("EDGAR_BASE_URL").rstrip("/")
        spider.data_url = crawler.settings.get("EDGAR_DATA_URL").rstrip("/")
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    def on_closed(self, spider: scrapy.Spider, reason: str) -> None:
        self.run.finalize(self.crawler, reason)

    async def start(self) -> AsyncIterator[Any]:
        for candidate in self.retries.load():
            request = self._submission_request(candidate)
            if request is not None:
                yield request
        window = self.run.window
        recheck = [Quarter.parse(q) for q in self.run.state.quarters_to_recheck()]
        for step in plan_range(window.start, window.end, today=window.as_of, recheck=recheck):
            yield self._plan_request(step)

    # --- indexes ---------------------------------------------------------------------------------

    def _plan_request(self, step: IndexFileRequest | ListingRequest) -> scrapy.Request:
        if isinstance(step, ListingRequest):
            return scrapy.Request(self._url(step.path), callback=self.parse_listing, errback=self.on_error,
                                  meta={"step": step, "stage": "listing"}, dont_filter=True)
        headers = self._conditional_headers(step)
        self.crawler.stats.inc_value("edgar/index/planned")
        return scrapy.Request(self._url(step.path), callback=self.parse_index, errback=self.on_error,
                              headers=headers, dont_filter=True,
                              meta={"step": step, "stage": "index", "handle_httpstatus_list": [304]})

    def _conditional_headers(self, step: IndexFileRequest) -> dict[str, str]:
        state = self.run.state
        validators = state.index_validators(step.path)
        coverage = state.get_record("index_coverage", step.path)
        if validators is None or coverage is None:
            return {}
        wanted_start, wanted_end = max(step.start, step.quarter.start), min(step.end, step.quarter.end)
        if date.fromisoformat(coverage["start"]) > wanted_start or date.fromisoformat(coverage["end"]) < wanted_end:
            return {}
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified and step.day is None:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        step: ListingRequest = response.meta["step"]
        window = self.run.window
        if may_be_unpublished(step.quarter, window.as_of):  # the first day's index may not be listed yet
            unlisted = unlisted_days(step, response.body, through=window.last_complete_day)
            if unlisted:
                self.run.mark_unread(unlisted[0])
        for daily in daily_files_from_listing(step, response.body, seen=_SeenDailyFiles(self.run)):
            yield self._plan_request(daily)

    def parse_index(self, response: Response) -> Iterator[Any]:
        step: IndexFileRequest = response.meta["step"]
        self.crawler.stats.inc_value("edgar/index/done")
        if response.status == 304:
            self.crawler.stats.inc_value("edgar/index/not_modified")
            return
        selection = select_candidates(iter_index_bytes(response.body), self.run.state, start=step.start, end=step.end)
        stats = self.crawler.stats
        for reason, rows in selection.skipped.items():
            stats.inc_value(f"edgar/selection/skipped/{reason}", rows)
        for bad in selection.malformed:
            yield ErrorItem(stage="index", error="malformed index line", url=response.url,
                            detail=f"line {bad.line_number}: {bad.reason}: {bad.text[:300]!r}")
        for candidate in selection.candidates:
            request = self._submission_request(candidate)
            if request is not None:
                yield request
        self.run.state.mark_operating(selection.operating_ciks)  # later indexes may not show their forms
        yield from self._lookups(selection.undecided, set(selection.lookup_ciks))
        self.run.processed_indexes.append(ProcessedIndex(
            path=step.path, last_modified=step.last_modified or response.headers.get("Last-Modified", b"").decode(),
            etag=response.headers.get("ETag", b"").decode() or None, rows=len(selection.candidates),
            start=step.start, end=step.end, quarter=str(step.quarter), daily=step.day is not None,
            quarter_start=step.quarter.start, quarter_end=step.quarter.end))

    # --- company lookups (only where the name leaves it open) -------------------------------------

    def _lookups(self, undecided: list[Candidate], lookup_ciks: set[int]) -> Iterator[scrapy.Request]:
        for candidate in undecided:
            unknown = {f.cik for f in candidate.filers if f.cik in lookup_ciks and f.cik not in self.lookups_done
                       and self.run.state.verdict(f.cik) is CikVerdict.UNKNOWN}
            if not unknown:
                yield from self._resolved([candidate])
                continue
            self.pending[candidate.accession] = unknown
            for cik in unknown:
                self.waiting.setdefault(cik, []).append(candidate)
                if cik not in self.looked_up:
                    self.looked_up.add(cik)
                    self.crawler.stats.inc_value("edgar/company/lookups")
                    yield scrapy.Request(f"{self.data_url}/{submissions_json_path(cik)}", callback=self.parse_company,
                                         errback=self.on_company_error, meta={"cik": cik, "stage": "company"})

    def parse_company(self, response: Response) -> Iterator[Any]:
        cik = response.meta["cik"]
        try:
            info = parse_company_json(response.body)
            self.run.state.record(cik, sic=info.sic, name=info.name, source="submissions")
        except EdgarArchiveError as exc:  # an unusable lookup leaves the CIK unknown: the header will decide
            yield ErrorItem(stage="company", error=type(exc).__name__, url=response.url, detail=str(exc))
        yield from self._lookup_done(cik)

    def on_company_error(self, failure: Failure) -> Iterator[Any]:
        yield self._error_item(failure, stage="company")
        yield from self._lookup_done(failure.request.meta["cik"])

    def _lookup_done(self, cik: int) -> Iterator[scrapy.Request]:
        """Decide the candidates whose last pending lookup this was (a still-unknown filer means: fetch)."""
        self.lookups_done.add(cik)
        ready = []
        for candidate in self.waiting.pop(cik, []):
            left = self.pending.get(candidate.accession, set())
            left.discard(cik)
            if not left:
                self.pending.pop(candidate.accession, None)
                ready.append(candidate)
        yield from self._resolved(ready)

    def _resolved(self, candidates: list[Candidate]) -> Iterator[scrapy.Request]:
        taken, rejected = resolve_undecided(candidates, self.run.state)
        self.crawler.stats.inc_value("edgar/selection/skipped/lookup_not_abs", len(rejected))
        for candidate in taken:
            request = self._submission_request(candidate)
            if request is not None:
                yield request

    # --- submissions ------------------------------------------------------------------------------

    def _submission_request(self, candidate: Candidate) -> scrapy.Request | None:
        state = self.run.state
        if candidate.accession in self.requested:
            return None
        self.requested.add(candidate.accession)
        if state.is_committed(candidate.accession) or state.get_record(NOT_ABS_NAMESPACE, candidate.accession):
            self.crawler.stats.inc_value("edgar/submissions/already_archived")
            return None
        if self.retries.skips(candidate.accession):
            self.crawler.stats.inc_value("edgar/submissions/gone_skipped")
            return None
        self.crawler.stats.inc_value(f"edgar/submissions/requested/{candidate.kind}")
        # dont_filter: `requested` already makes each accession one request; Scrapy's fingerprint (a canonicalised
        # URL hashed per request) would only repeat that check
        return scrapy.Request(self._url(candidate.path), callback=self.parse_submission, errback=self.on_error,
                              meta={"candidate": candidate, "stage": "submission"}, priority=10, dont_filter=True)

    def parse_submission(self, response: Response) -> Iterator[SubmissionItem]:
        candidate: Candidate = response.meta["candidate"]
        self.retries.succeeded(candidate.accession)
        yield SubmissionItem(
            accession=candidate.accession, kind=candidate.kind, index_form_type=candidate.form_type,
            date_filed=candidate.date_filed, filer_ciks=tuple(f.cik for f in candidate.filers),
            filer_names=tuple(f.company_name for f in candidate.filers), url=response.url,
            body=response.body, fetched_at=datetime.now(UTC))

    # --- errors -----------------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> Iterator[ErrorItem]:
        meta = failure.request.meta
        if "step" in meta:
            yield from self._index_failed(failure, meta["step"])
            return
        yield self._error_item(failure, stage=meta.get("stage", "request"))
        candidate = meta.get("candidate")
        if candidate is None:
            return
        gone = self.retries.failed(candidate, _missing_status(failure))
        if gone is not None:
            self.crawler.stats.inc_value("edgar/submissions/gone")
            yield ErrorItem(stage="submission", error="gone", url=failure.request.url, accession=candidate.accession,
                            detail=describe(gone, self.retries.limits))

    def _index_failed(self, failure: Failure, step: IndexFileRequest | ListingRequest) -> Iterator[ErrorItem]:
        """An index not read keeps the watermark before its days; in a quarter's first days a refused or missing
        index means SEC has published nothing yet, which is no error."""
        window = self.run.window
        unread = first_unread_day(step, window.start, window.end)
        if unread is not None:
            self.run.mark_unread(unread)
        status = _missing_status(failure)
        if status is not None and may_be_unpublished(step.quarter, window.as_of):
            self.crawler.stats.inc_value("edgar/index/not_yet_published")
            logger.info("nothing published yet for %s (HTTP %d for %s): SEC publishes a quarter's first index in the "
                        "evening of its first business day; the next run reads it", step.quarter, status,
                        failure.request.url)
            return
        yield self._error_item(failure, stage=failure.request.meta.get("stage", "request"))

    def _error_item(self, failure: Failure, *, stage: str) -> ErrorItem:
        request = failure.request
        candidate = request.meta.get("candidate")
        response = getattr(failure.value, "response", None)
        error = f"HTTP {response.status}" if response is not None else type(failure.value).__name__
        return ErrorItem(stage=stage, error=error, url=request.url,
                         accession=candidate.accession if candidate else None,
                         detail=str(failure.value)[:2000])

    def _url(self, path: str) -> str:
        base = self.data_url if path.startswith("submissions/") else self.base_url
        return f"{base}/{path.lstrip('/')}"


def _missing_status(failure: Failure) -> int | None:
    """The status of an answer saying the path is not there (yet), else None (no answer, or another one)."""
    response = getattr(failure.value, "response", None)
    if response is None or not is_missing(response.status, response.body):
        return None
    return int(response.status)
