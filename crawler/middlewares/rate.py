"""``RateLimitMiddleware``: every request waits for the shared rate budget, and all go through one download slot.

Registered last among request-path middlewares (order 950, after the HTTP cache at 900) so that only real network
sends are counted. It also refuses to start without a declared identity when SEC hosts are targeted.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import sleep

from crawler.config import SEC_MAX_RATE, is_sec_host, validate_user_agent
from crawler.errors import ConfigError, SecBlockedError
from crawler.middlewares.block import sec_run_stopping
from crawler.politeness.limiter import acquire, limiter_from_settings

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

ANSWERED_META = "edgar_answered"
"""``request.meta`` key: True once the send's record moved to the time its answer began."""

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

    Settings: ``EDGAR_RATE_LIMIT_ENABLED`` (default True), ``EDGAR_RATE``, ``EDGAR_RATE_DB``.
    Stats: ``edgar/ratelimit/waits``, ``edgar/ratelimit/wait_seconds``, ``edgar/ratelimit/backoff_seconds``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("EDGAR_RATE_LIMIT_ENABLED", True):
            raise NotConfigured
        self.crawler = crawler
        self.identity_checked = check_identity(settings)
        self.limiter = limiter_from_settings(settings)
        self.stop_reason: str | None = None
        crawler.signals.connect(self.on_run_stopping, signal=sec_run_stopping)
        crawler.signals.connect(self.on_headers_received, signal=signals.headers_received)
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

    def on_headers_received(self, request: Request) -> None:
        self._mark_answered(request)

    def process_response(self, request: Request, response: Response) -> Response:
        self._mark_answered(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._mark_answered(request)

    def _mark_answered(self, request: Request) -> None:
        """The server saw this request by now: count the send from now on (see RateLimiter.mark_answered)."""
        sent_at = request.meta.get(SENT_AT_META)
        if sent_at is not None and not request.meta.get(ANSWERED_META):
            request.meta[ANSWERED_META] = True
            self.limiter.mark_answered(sent_at, time.time())

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
        grant = await acquire(self.limiter, sleep=self._sleep)
        if grant.waited > 0:
            stats.inc_value("edgar/ratelimit/waits")
            stats.inc_value("edgar/ratelimit/wait_seconds", grant.waited, start=0.0)
        request.meta[SENT_AT_META] = grant.sent_at
        request.meta[ANSWERED_META] = False

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
