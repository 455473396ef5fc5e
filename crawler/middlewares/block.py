"""``SecBlockMiddleware``: SEC's block pages pause every send, are retried after the pause, never reach the spider.

Order 560, so its ``process_response`` runs before the retry middleware's (550). A block (429, or SEC's
"Request Rate Threshold Exceeded" page) blocks the shared limiter until ``now + SEC_BLOCK_COOLDOWN`` (every
process sharing the limiter pauses too) and returns a fresh copy of the request, which waits for the pause in
``RateLimitMiddleware``. Block pages of requests already in flight extend the pause but count as the same
block. The ``SEC_MAX_BLOCKS``-th block closes the spider with reason ``sec_blocked``.

SEC's undeclared-tool page closes the spider with reason ``sec_identity_refused`` when no answer since the start
(or since the previous such page) showed our identity accepted; otherwise it is handled as a rate block, since
SEC has been seen to send that page to declared clients that went too fast.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from crawler.errors import SecBlockedError
from crawler.politeness.block import Verdict, classify_response
from crawler.politeness.rate_store import limiter_from_settings

if TYPE_CHECKING:
    from typing_extensions import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

sec_run_stopping = object()
"""Scrapy signal sent (with ``reason``) when the run must stop (SEC's answers, the rate store out of reach);
waiting requests are then abandoned."""

BLOCK_RETRIES_META = "edgar_block_retries"
CLOSE_REASON_BLOCKED = "sec_blocked"
CLOSE_REASON_IDENTITY = "sec_identity_refused"


def stop_run(crawler: Crawler, reason: str, message: str) -> Deferred[Any] | None:
    """Log ``message``, send :data:`sec_run_stopping` (waiting sends are abandoned) and close the spider."""
    logger.error(message)
    crawler.signals.send_catch_log(sec_run_stopping, reason=reason)
    engine = crawler.engine
    if engine is None or engine.spider is None:
        return None
    closing = deferred_from_coro(engine.close_spider_async(reason=reason))
    closing.addErrback(lambda failure: logger.error("closing the spider failed: %s", failure.value))
    return closing


def _retry_after_seconds(response: Response) -> float:
    value = response.headers.get(b"Retry-After")
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0  # an HTTP date: SEC sends none; the cooldown covers it


def _clock(at: float) -> str:
    return datetime.fromtimestamp(at).astimezone().strftime("%H:%M:%S %Z")


class SecBlockMiddleware:
    """Settings: ``SEC_BLOCK_ENABLED`` (True), ``SEC_BLOCK_COOLDOWN`` (600 s), ``SEC_MAX_BLOCKS`` (3).

    Stats: ``sec/blocked`` (blocks, i.e. pauses), ``sec/block_pages`` (block answers), ``sec/block_retries``,
    ``sec/identity_refused``, ``sec/stop_reason``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("SEC_BLOCK_ENABLED", True):
            raise NotConfigured
        self.crawler = crawler
        self.cooldown = settings.getfloat("SEC_BLOCK_COOLDOWN", 600.0)
        self.max_blocks = settings.getint("SEC_MAX_BLOCKS", 3)
        self.limiter = limiter_from_settings(settings)
        self.blocks = 0
        self.stop_reason: str | None = None
        self._paused_until = 0.0
        self._identity_confirmed = False
        self._closing: Deferred[Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        verdict = classify_response(response.status, response.body)
        if verdict in (Verdict.RATE_BLOCK, Verdict.IDENTITY_REFUSED):
            return await self._on_block(request, response, verdict)
        if verdict in (Verdict.OK, Verdict.NOT_FOUND):
            self._identity_confirmed = True
        return response

    async def _on_block(self, request: Request, response: Response, verdict: Verdict) -> Request:
        stats = self.crawler.stats
        stats.inc_value("sec/block_pages")
        now = time.time()
        sent_at = float(request.meta.get("edgar_sent_at", now))
        new_block = sent_at >= self._paused_until and self.limiter.blocked_until() <= now
        resume_at = now + max(self.cooldown, _retry_after_seconds(response))
        await self.limiter.block_async(resume_at)
        self._paused_until = max(self._paused_until, resume_at)
        if self.stop_reason is not None:
            raise SecBlockedError(f"SEC refused {request.url} while the run is stopping ({self.stop_reason})")
        if verdict is Verdict.IDENTITY_REFUSED:
            stats.inc_value("sec/identity_refused")
            if new_block and not self._identity_confirmed:
                self._stop(CLOSE_REASON_IDENTITY, (
                    f"SEC refused the declared User-Agent {self._user_agent()!r} as an undeclared automated tool "
                    f"({request.url}); check that it names your organisation and a contact e-mail. "
                    f"No request will be sent before {_clock(resume_at)}."
                ))
                raise SecBlockedError(f"SEC refused our identity at {request.url}")
            self._identity_confirmed = False
        if new_block:
            self.blocks += 1
            stats.inc_value("sec/blocked")
            if self.blocks >= self.max_blocks:
                self._stop(CLOSE_REASON_BLOCKED, (
                    f"SEC rate block {self.blocks} of at most {self.max_blocks} in this run ({request.url}): "
                    f"stopping; no request may be sent before {_clock(resume_at)}."
                ))
                raise SecBlockedError(f"SEC rate block at {request.url}; the run stops")
            logger.warning(
                "SEC rate block %d of at most %d (HTTP %d for %s): no request is sent before %s (%.0f s pause)",
                self.blocks, self.max_blocks, response.status, request.url, _clock(resume_at), resume_at - now,
            )
        return self._retry(request)

    def _retry(self, request: Request) -> Request:
        retry = request.replace(dont_filter=True)
        retry.meta[BLOCK_RETRIES_META] = request.meta.get(BLOCK_RETRIES_META, 0) + 1
        self.crawler.stats.inc_value("sec/block_retries")
        return retry

    def _stop(self, reason: str, message: str) -> None:
        self.stop_reason = reason
        self.crawler.stats.set_value("sec/stop_reason", reason)
        self._closing = stop_run(self.crawler, reason, message)

    def _user_agent(self) -> str:
        return str(self.crawler.settings.get("USER_AGENT") or "")
