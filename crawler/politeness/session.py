"""``SecSession``: the HTTP client of non-Scrapy code (dry-run planning, company lookups), as polite as the crawl.

- a requests-cache SQLite cache: filings under ``/Archives/edgar/data/`` never expire, index files and listings
  are revalidated after 10 minutes (conditional requests), submissions JSON after a day; only complete 200
  answers are stored; the file is pruned at open (expired entries, then oldest entries beyond ``max_cache_bytes``);
- the shared :class:`~crawler.politeness.limiter.RateLimiter`, asked only for real network sends (cache hits are
  free) in the transport adapter, which also charges a send again when its answer shows it may have reached the
  server late (:mod:`crawler.politeness.lateness`), as the crawl does;
- a validated User-Agent and ``Accept-Encoding: gzip, deflate``;
- tenacity retries with exponential back-off and jitter on connection errors, timeouts, 408/5xx and truncated
  bodies; a block page blocks the limiter and raises ``SecBlockedError`` (never retried, never cached).

Not thread-safe (one session per thread); several sessions and crawls share the budget through the limiter.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests_cache import NEVER_EXPIRE, CachedSession
from tenacity import Retrying, before_sleep_log, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from crawler.config import DEFAULT_RATE, validate_user_agent
from crawler.errors import HttpFetchError, IncompleteBodyError, RetryableStatusError, SecBlockedError
from crawler.politeness.block import Verdict, classify_response
from crawler.politeness.bodies import content_problem
from crawler.politeness.lateness import LatenessJudge
from crawler.politeness.limiter import DEFAULT_JOB_CLASS, RateLimiter, acquire_blocking
from crawler.politeness.rate_store import class_rates, shared_limiter

logger = logging.getLogger(__name__)

URL_EXPIRY: dict[str, Any] = {
    "*/Archives/edgar/data/*": NEVER_EXPIRE,
    "*/Archives/edgar/daily-index/*": timedelta(minutes=10),
    "*/Archives/edgar/full-index/*": timedelta(minutes=10),
    "*/submissions/*": timedelta(days=1),
}
DEFAULT_EXPIRY = timedelta(hours=1)
DEFAULT_MAX_CACHE_BYTES = 512 * 1024 * 1024
_PRUNE_STEPS = (timedelta(days=30), timedelta(days=7), timedelta(days=1))
_TRANSIENT = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
    RetryableStatusError,
    IncompleteBodyError,
)


class _LimitedAdapter(HTTPAdapter):
    """Takes one grant from the limiter per real network send (cache hits never reach the adapter)."""

    def __init__(self, limiter: RateLimiter, *, wait_for_block: bool, sleep: Callable[[float], Any]) -> None:
        super().__init__()
        self.limiter = limiter
        self.wait_for_block = wait_for_block
        self.sleep = sleep
        self.lateness = LatenessJudge(limiter.rule.tolerance)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        blocked_until = self.limiter.blocked_until()
        if not self.wait_for_block and blocked_until > time.time():
            raise SecBlockedError(
                f"SEC block in force for {blocked_until - time.time():.0f} more seconds; not sending {request.url}"
            )
        grant = acquire_blocking(self.limiter, sleep=self.sleep)
        started = time.monotonic()
        try:
            return super().send(request, *args, **kwargs)  # returns once the headers are in
        finally:
            if self.lateness.is_late(held=started - grant.monotonic, round_trip=time.monotonic() - started):
                self.limiter.charge_late()


class SecSession:
    """Polite, cached HTTP GETs for helper code; see the module docstring.

    ``limiter`` defaults to ``shared_limiter(rate, rate_store, ...)``: in-process unless ``rate_store`` names the
    SQLite file or the Redis server a crawl uses, with the job class's cap (``class_rate``, else the class's entry
    in ``$EDGAR_CLASS_RATES`` or the defaults). ``attempts`` counts the first try; ``sleep`` is replaceable in
    tests.
    """

    def __init__(
        self,
        *,
        user_agent: str | None,
        cache_path: str | Path,
        rate: float = DEFAULT_RATE,
        limiter: RateLimiter | None = None,
        rate_store: str | Path | None = None,
        job_class: str = DEFAULT_JOB_CLASS,
        class_rate: float | None = None,
        timeout: float = 60.0,
        attempts: int = 5,
        backoff_initial: float = 1.0,
        backoff_max: float = 60.0,
        block_cooldown: float = 600.0,
        wait_for_block: bool = False,
        max_cache_bytes: int = DEFAULT_MAX_CACHE_BYTES,
        sleep: Callable[[float], Any] = time.sleep,
    ) -> None:
        self.user_agent = validate_user_agent(user_agent)
        if limiter is None:
            cap = class_rate if class_rate is not None else class_rates().get(job_class)
            limiter = shared_limiter(rate, rate_store, job_class=job_class, class_rate=cap, identity=self.user_agent)
        self.limiter = limiter
        self.timeout = timeout
        self.block_cooldown = block_cooldown
        self.cache_path = Path(cache_path)
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        self.http = CachedSession(
            str(self.cache_path),
            backend="sqlite",
            wal=True,
            allowable_codes=(200,),
            expire_after=DEFAULT_EXPIRY,
            urls_expire_after=URL_EXPIRY,
            filter_fn=_complete_answer,
        )
        adapter = _LimitedAdapter(self.limiter, wait_for_block=wait_for_block, sleep=sleep)
        self.http.mount("http://", adapter)
        self.http.mount("https://", adapter)
        self.http.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"})
        self._retrying = Retrying(
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(initial=backoff_initial, max=backoff_max),
            retry=retry_if_exception_type(_TRANSIENT),
            before_sleep=before_sleep_log(logger, logging.WARNING),
            sleep=sleep,
            reraise=True,
        )
        self._prune(max_cache_bytes)

    def get(self, url: str) -> requests.Response:
        """GET ``url`` (from the cache when fresh); 404 and other final answers are returned as they are.

        Raises SecBlockedError (block page, or a block in force), HttpFetchError/RetryableStatusError or
        IncompleteBodyError once the retries are spent.
        """
        try:
            return self._retrying(self._get_once, url)
        except requests.exceptions.RequestException as exc:
            raise HttpFetchError(f"GET {url} failed: {exc}") from exc

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SecSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _get_once(self, url: str) -> requests.Response:
        response = self.http.get(url, timeout=self.timeout)
        verdict = classify_response(response.status_code, response.content)
        if verdict in (Verdict.RATE_BLOCK, Verdict.IDENTITY_REFUSED):
            self.limiter.block(time.time() + self.block_cooldown)
            raise SecBlockedError(
                f"SEC answered {url} with its block page ({verdict.value}, HTTP {response.status_code}); "
                f"no request for {self.block_cooldown:.0f} s"
            )
        if verdict is Verdict.RETRYABLE:
            raise RetryableStatusError(f"GET {url}: HTTP {response.status_code}")
        if response.status_code == 200 and not getattr(response, "from_cache", False):
            problem = content_problem(urlsplit(url).path, response.content)
            if problem is not None:
                raise IncompleteBodyError(f"GET {url}: {problem}")
        return response

    def _prune(self, max_bytes: int) -> None:
        self.http.cache.delete(expired=True)
        for age in _PRUNE_STEPS:
            if self._cache_bytes() <= max_bytes:
                return
            self.http.cache.delete(older_than=age)
        if self._cache_bytes() > max_bytes:
            self.http.cache.clear()

    def _cache_bytes(self) -> int:
        db_path = Path(self.http.cache.responses.db_path)
        files = (db_path, Path(f"{db_path}-wal"))
        return sum(path.stat().st_size for path in files if path.exists())


def _complete_answer(response: requests.Response) -> bool:
    """Cache filter: only data answers that are whole (never block pages, never truncated bodies)."""
    if classify_response(response.status_code, response.content) is not Verdict.OK:
        return False
    return content_problem(urlsplit(response.url).path, response.content) is None
