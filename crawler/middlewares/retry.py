"""``BackoffRetryMiddleware``: Scrapy's retry policy plus exponential back-off with full jitter and a run budget.

Replaces ``scrapy.downloadermiddlewares.retry.RetryMiddleware`` at order 550 (disable that one). Retries
``RETRY_HTTP_CODES``, the exceptions of ``RETRY_EXCEPTIONS`` (connection errors, resets, timeouts, data loss) and
bodies flagged incomplete by the verify middlewares, through Scrapy's own ``get_retry_request`` (stats
``retry/*``, ``RETRY_TIMES``, ``max_retry_times``/``dont_retry`` meta). The back-off is not slept here: the retry
carries ``meta["edgar_not_before"]`` and ``RateLimitMiddleware`` holds it until then.

A request that is given up reaches its errback: with the exception, with ``HttpError`` for a status code (via
Scrapy's HttpErrorMiddleware), or with ``IncompleteBodyError`` for a truncated body.
"""

from __future__ import annotations

import logging
import random
import time
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message

from crawler.errors import IncompleteBodyError
from crawler.middlewares.rate import NOT_BEFORE_META
from crawler.politeness.backoff import RetryBudget, backoff_delay

if TYPE_CHECKING:
    from typing_extensions import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

INCOMPLETE_FLAG = "edgar-incomplete: "
"""Prefix of the ``response.flags`` entry the verify middlewares add to an incomplete body."""


def incomplete_detail(response: Response) -> str | None:
    """The verify middlewares' reason when ``response`` was flagged incomplete, else None."""
    for flag in response.flags:
        if flag.startswith(INCOMPLETE_FLAG):
            return flag[len(INCOMPLETE_FLAG):]
    return None


class BackoffRetryMiddleware:
    """Settings: ``RETRY_ENABLED``, ``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``,
    ``RETRY_PRIORITY_ADJUST``, ``RETRY_BACKOFF_BASE`` (1 s), ``RETRY_BACKOFF_MAX`` (60 s),
    ``RETRY_BUDGET_RATIO`` (0.1) and ``RETRY_BUDGET_MIN`` (20): at most ``MIN + RATIO * answers seen`` retries.

    Stats: Scrapy's ``retry/count``, ``retry/reason_count/<reason>``, ``retry/max_reached``, plus
    ``edgar/retry/backoff_seconds`` (delays assigned) and ``edgar/retry/budget_exhausted`` (retries refused).
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured
        self.crawler = crawler
        self.max_retry_times = settings.getint("RETRY_TIMES")
        self.retry_http_codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.priority_adjust = settings.getint("RETRY_PRIORITY_ADJUST")
        self.exceptions = tuple(
            load_object(name) if isinstance(name, str) else name for name in settings.getlist("RETRY_EXCEPTIONS")
        )
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.budget = RetryBudget(
            ratio=settings.getfloat("RETRY_BUDGET_RATIO", 0.1), floor=settings.getint("RETRY_BUDGET_MIN", 20)
        )
        self.rng = random.Random()
        self._budget_warned = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        self.budget.record_attempt()
        detail = incomplete_detail(response)
        if detail is not None:
            retry = None if request.meta.get("dont_retry") else self._retry(request, "incomplete_body")
            if retry is None:
                raise IncompleteBodyError(f"{request.url}: {detail}")
            return retry
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        return self._retry(request, response_status_message(response.status)) or response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        self.budget.record_attempt()
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions):
            return None
        return self._retry(request, exception)

    def _retry(self, request: Request, reason: str | Exception) -> Request | None:
        if not self.budget.available():
            self.crawler.stats.inc_value("edgar/retry/budget_exhausted")
            if not self._budget_warned:
                self._budget_warned = True
                logger.warning(
                    "retry budget exhausted (%d retries for %d answers): failures are no longer retried",
                    self.budget.spent, self.budget.attempts,
                )
            return None
        spider = self.crawler.spider
        assert spider is not None
        retry = get_retry_request(
            request,
            spider=spider,
            reason=reason,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            logger=logger,
        )
        if retry is None:
            return None
        self.budget.spend()
        delay = backoff_delay(retry.meta["retry_times"], base=self.backoff_base, cap=self.backoff_max, rng=self.rng)
        retry.meta[NOT_BEFORE_META] = time.time() + delay
        self.crawler.stats.inc_value("edgar/retry/backoff_seconds", delay, start=0.0)
        return retry
