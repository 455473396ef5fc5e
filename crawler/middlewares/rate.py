"""``RateLimitMiddleware``: every request waits for the shared rate budget, and all go through one download slot.

Registered last among request-path middlewares (order 950, after the HTTP cache at 900) so that only real network
sends are counted. The wait is awaited (``async def process_request``): a Redis budget is asked without blocking
the reactor. Each answer is judged (:mod:`crawler.politeness.lateness`): a send that may have reached the server
late is charged again. If the rate store cannot be reached for ``EDGAR_RATE_STORE_WAIT`` seconds, nothing having
been sent meanwhile, the run stops (close reason ``rate_store_unreachable``, exit code 7). It also refuses to
start without a declared identity when SEC hosts are targeted.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import deferred_from_coro

from crawler.archive_run import RATE_STORE_UNREACHABLE
from crawler.config import SEC_MAX_RATE, is_sec_host, validate_user_agent
from crawler.errors import ConfigError, RateStoreUnreachableError, SecBlockedError
from crawler.middlewares.block import sec_run_stopping, stop_run
from crawler.politeness.lateness import LatenessJudge
from crawler.politeness.limiter import acquire
from crawler.politeness.rate_store import limiter_from_settings

if TYPE_CHECKING:
    from typing_extensions import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

DOWNLOAD_SLOT = "edgar"
"""The one download slot of every request, whatever its host (www and data hosts share concurrency)."""

NOT_BEFORE_META = "edgar_not_before"
"""``request.meta`` key: wall-clock time before which the request is not sent (set by the back-off retry)."""

SENT_AT_META = "edgar_sent_at"
"""``request.meta`` key: wall-clock time the budget granted this send."""

GRANTED_META = "edgar_granted"
"""``request.meta`` key: ``time.monotonic()`` of the grant, until the answer has been judged (then removed)."""



_POLL_SECONDS = 0.5  # a waiting request re-checks "is the run stopping?" this often

_HOW_TO_SET = (
    "set it with --user-agent or EDGAR_USER_AGENT (edgar-archive), "
    "or -s USER_AGENT=\"Example Capital ops@example.com\" (scrapy crawl)"
)


def check_identity(settings: BaseSettings) -> bool:
    """Validate identity and rate when ``EDGAR_BASE_URL``/``EDGAR_DATA_URL`` are SEC hosts; True when they are.

    Raises ConfigError when USER_AGENT lacks an organisation and contact e-mail, or EDGAR_RATE exceeds 10.
    """
    targets = (settings.get("EDGAR_BASE_URL") or "", settings.get("EDGAR_DATA_URL") or "")
    if not any(is_sec_host(url) for url in targets):
        return False
    try:
        validate_user_agent(settings.get("USER_AGENT"))
    except ConfigError as exc:
        raise ConfigError(f"{exc} ({_HOW_TO_SET})") from exc
    rate = settings.getfloat("EDGAR_RATE", 5.0)
    if rate > SEC_MAX_RATE:
        raise ConfigError(f"EDGAR_RATE {rate:g} exceeds SEC's limit of {SEC_MAX_RATE:g} requests per second")
    return True


class RateLimitMiddleware:
    """Awaits the shared :class:`~crawler.politeness.limiter.RateLimiter` before each send.

    Settings: ``EDGAR_RATE_LIMIT_ENABLED`` (default True), ``EDGAR_RATE``, ``EDGAR_RATE_STORE``, ``EDGAR_JOB_CLASS``,
    ``EDGAR_CLASS_RATES``, ``EDGAR_RATE_STORE_WAIT``.
    Stats: ``edgar/ratelimit/waits``, ``edgar/ratelimit/wait_seconds``, ``edgar/ratelimit/backoff_seconds``,
    ``edgar/ratelimit/late_sends``, ``edgar/stop_reason``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("EDGAR_RATE_LIMIT_ENABLED", True):
            raise NotConfigured
        self.crawler = crawler
        self.identity_checked = check_identity(settings)
        self.limiter = limiter_from_settings(settings)
        self.lateness = LatenessJudge(self.limiter.rule.tolerance)
        self.stop_reason: str | None = None
        crawler.signals.connect(self.on_run_stopping, signal=sec_run_stopping)
        crawler.signals.connect(self.on_headers_received, signal=signals.headers_received)
        crawler.signals.connect(self.on_spider_closed, signal=signals.spider_closed)
        if settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") < settings.getint("CONCURRENT_REQUESTS"):
            logger.warning(
                "CONCURRENT_REQUESTS_PER_DOMAIN < CONCURRENT_REQUESTS: requests granted by the rate limiter may "
                "queue in the '%s' slot and leave in bursts; keep them equal", DOWNLOAD_SLOT,
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def on_run_stopping(self, reason: str) -> None:
        self.stop_reason = reason

    async def on_spider_closed(self) -> None:
        await self.limiter.aclose()

    def on_headers_received(self, request: Request) -> None:
        self._judge(request)

    def process_response(self, request: Request, response: Response) -> Response:
        self._judge(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._judge(request)

    def _judge(self, request: Request) -> None:
        """The first news of a send (its headers, or its failure): charge it again if it may have been late."""
        granted = request.meta.pop(GRANTED_META, None)
        if granted is None:
            return
        now = time.monotonic()
        round_trip = request.meta.get("download_latency")  # from the start of the download (Scrapy's monotonic)
        held = 0.0 if round_trip is None else now - round_trip - granted
        if self.lateness.is_late(held, now - granted if round_trip is None else round_trip):
            charging = deferred_from_coro(self.limiter.charge_late_async())
            charging.addErrback(lambda failure: logger.error("charging a late send failed: %s", failure.value))
            self.crawler.stats.inc_value("edgar/ratelimit/late_sends")

    async def process_request(self, request: Request) -> None:
        request.meta["download_slot"] = DOWNLOAD_SLOT
        self._refuse_if_stopping()
        if not self.identity_checked and is_sec_host(request.url):
            validate_user_agent(self.crawler.settings.get("USER_AGENT"))
            self.identity_checked = True
        stats = self.crawler.stats
        not_before = request.meta.get(NOT_BEFORE_META)
        if not_before is not None and (delay := float(not_before) - time.time()) > 0:
            await self._sleep(delay)
            stats.inc_value("edgar/ratelimit/backoff_seconds", delay, start=0.0)
        try:
            grant = await acquire(self.limiter, sleep=self._sleep)
        except RateStoreUnreachableError as exc:
            self._stop_unreachable(exc)
            raise
        if grant.waited > 0:
            stats.inc_value("edgar/ratelimit/waits")
            stats.inc_value("edgar/ratelimit/wait_seconds", grant.waited, start=0.0)
        request.meta[SENT_AT_META] = grant.sent_at
        request.meta[GRANTED_META] = grant.monotonic
        request.meta.pop("download_latency", None)  # a retry's copy holds the previous attempt's

    def _stop_unreachable(self, error: RateStoreUnreachableError) -> None:
        if self.stop_reason is None:
            self.crawler.stats.set_value("edgar/stop_reason", RATE_STORE_UNREACHABLE)
            stop_run(self.crawler, RATE_STORE_UNREACHABLE, f"{error}: the run stops (exit code 7)")

    async def _sleep(self, seconds: float) -> None:
        """Sleep in short steps, abandoning the wait (SecBlockedError) once the run is stopping."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._refuse_if_stopping()
            await sleep(min(left, _POLL_SECONDS))
        self._refuse_if_stopping()

    def _refuse_if_stopping(self) -> None:
        if self.stop_reason is not None:
            raise SecBlockedError(f"not sent: the run is stopping ({self.stop_reason})")
        engine = self.crawler.engine
        if engine is not None and not engine.running:
            raise IgnoreRequest("not sent: the crawl is shutting down")
