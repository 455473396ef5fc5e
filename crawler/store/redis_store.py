"""The Redis server that several hosts share: connections to it, and what to do while it cannot be reached.

``redis://[:password@]host:port/db`` (``rediss://`` for TLS, ``unix:///path.sock?db=N``), as redis-py reads it.
The rate budget and the block pause live there today (:mod:`crawler.politeness.limiter_redis`); nothing here
knows about rates, so a run lease or the crawl state can use the same connections.

- :class:`RedisStore`: a synchronous client (helper code, any thread) and an asyncio client per event loop
  (Scrapy runs on asyncio), with short timeouts, so an unreachable server is noticed within about a second and
  never hangs a caller; a call on a connection the server dropped (a restart) is retried once on a new one;
- :class:`Outage`: failing closed. The first failed call logs one clear line; the caller waits and tries again;
  once the server has been unreachable for ``limit`` seconds, the caller's error is raised.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from crawler.errors import ConfigError, EdgarArchiveError

if TYPE_CHECKING:
    import redis
    import redis.asyncio

logger = logging.getLogger(__name__)

REDIS_SCHEMES = ("redis", "rediss", "unix")
CONNECT_TIMEOUT = 1.0  # seconds to open a connection
CALL_TIMEOUT = 2.0  # seconds for one command's answer
DEFAULT_UNREACHABLE_LIMIT = 300.0  # seconds a caller waits for an unreachable server before giving up


def is_redis_url(text: str | None) -> bool:
    return bool(text) and urlsplit(str(text)).scheme in REDIS_SCHEMES


def shown_url(url: str) -> str:
    """``url`` without its password, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _client_options(*, asynchronous: bool) -> dict[str, Any]:
    from redis.backoff import NoBackoff

    if asynchronous:
        from redis.asyncio.retry import Retry
    else:
        from redis.retry import Retry
    return {"socket_connect_timeout": CONNECT_TIMEOUT, "socket_timeout": CALL_TIMEOUT,
            "retry": Retry(NoBackoff(), 1), "decode_responses": True}


class RedisStore:
    """Connections to one Redis server; thread-safe for the synchronous client."""

    def __init__(self, url: str) -> None:
        import redis

        if not is_redis_url(url):
            raise ConfigError(f"not a Redis URL: {shown_url(url)!r} (expected redis://host:port/db)")
        self.url = url
        self.shown = shown_url(url)
        try:
            self._sync: redis.Redis = redis.Redis.from_url(url, **_client_options(asynchronous=False))
        except ValueError as exc:
            raise ConfigError(f"bad Redis URL {self.shown!r}: {exc}") from exc
        self._async: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, redis.asyncio.Redis] = (
            weakref.WeakKeyDictionary())

    @property
    def sync(self) -> redis.Redis:
        return self._sync

    def for_running_loop(self) -> redis.asyncio.Redis:
        """The asyncio client of the running event loop (its connections belong to that loop)."""
        import redis.asyncio

        loop = asyncio.get_running_loop()
        client = self._async.get(loop)
        if client is None:
            client = self._async[loop] = redis.asyncio.Redis.from_url(self.url, **_client_options(asynchronous=True))
        return client

    async def aclose(self) -> None:
        """Close the running loop's asyncio client (a later call opens a new one)."""
        client = self._async.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()

    def close(self) -> None:
        self._sync.close()
        self._async.clear()  # clients of other loops cannot be awaited from here; their sockets close with them


def store_errors() -> tuple[type[BaseException], ...]:
    """What a call to an unreachable (or unusable) server raises."""
    import redis

    return (redis.RedisError, OSError)


class Outage:
    """Tracks one period of the store being unreachable; the caller waits between tries, this decides when to stop.

    ``error`` builds the exception raised once the store has been unreachable for ``limit`` seconds; ``held_back``
    names what waits for the store, as in "nothing is sent" (and "nothing was sent meanwhile", "sending resumes").
    """

    def __init__(self, what: str, limit: float, error: Callable[[str], EdgarArchiveError],
                 clock: Callable[[], float] = time.monotonic, *,
                 held_back: tuple[str, str, str] = ("nothing is sent", "nothing was sent", "sending resumes")) -> None:
        self.what = what
        self.limit = limit
        self.error = error
        self.clock = clock
        self.held_back = held_back
        self.since: float | None = None

    def failed(self, problem: BaseException) -> None:
        """A call failed: log the first failure; raise ``error`` once the outage is longer than ``limit``."""
        now = self.clock()
        if self.since is None:
            self.since = now
            logger.error("%s cannot be reached (%s): %s until it answers; giving up after %.0f s",
                         self.what, problem or type(problem).__name__, self.held_back[0], self.limit)
        elif now - self.since >= self.limit:
            raise self.error(f"{self.what} could not be reached for {now - self.since:.0f} s "
                             f"({problem or type(problem).__name__}); {self.held_back[1]} meanwhile")

    def recovered(self) -> None:
        """A call succeeded: close the outage (and say so, if there was one)."""
        if self.since is not None:
            logger.warning("%s answers again after %.1f s: %s", self.what, self.clock() - self.since, self.held_back[2])
            self.since = None
