from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.errors import ConfigError, HttpFetchError, IncompleteBodyError, RetryableStatusError, SecBlockedError
from crawler.politeness.limiter import InProcessLimiter, RateLimiter
from crawler.politeness.session import SecSession
from tests.politeness.scripted_server import (
    RATE_BLOCK_PAGE,
    UNDECLARED_PAGE,
    CutShort,
    Reply,
    Reset,
    ScriptedServer,
    scripted_server,
)

UA = "Session Tests ops@example.org"
FILING_PATH = "/Archives/edgar/data/1269518/0000905148-04-002078.txt"
FILING = b"<SEC-DOCUMENT>0000905148-04-002078.txt : 20040406\n<TEXT>\nhello\n</TEXT>\n</SEC-DOCUMENT>\n"
LISTING_PATH = "/Archives/edgar/daily-index/2004/QTR2/index.json"
LISTING = b'{"directory": {"item": [{"name": "form.20040406.idx"}]}}'


class CountingLimiter(RateLimiter):
    """A generous limiter that counts the sends it granted."""

    def __init__(self) -> None:
        self.inner = InProcessLimiter(1000)
        self.pace = self.inner.pace
        self.grants = 0
        self.charges = 0

    def try_acquire(self, now: float | None = None) -> float:
        wait = self.inner.try_acquire(now)
        self.grants += wait == 0.0
        return wait

    def charge_late(self, now: float | None = None) -> None:
        self.charges += 1
        self.inner.charge_late(now)

    def block(self, until: float) -> None:
        self.inner.block(until)

    def blocked_until(self) -> float:
        return self.inner.blocked_until()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted_server({FILING_PATH: FILING, LISTING_PATH: LISTING}) as running:
        yield running


@pytest.fixture
def limiter() -> CountingLimiter:
    return CountingLimiter()


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def session(tmp_path: Path, limiter: CountingLimiter, slept: list[float]) -> Iterator[SecSession]:
    with SecSession(user_agent=UA, cache_path=tmp_path / "http_cache.sqlite", limiter=limiter,
                    attempts=3, block_cooldown=30.0, sleep=slept.append) as opened:
        yield opened


def test_cache_hits_cost_no_budget_and_no_request(session: SecSession, server: ScriptedServer,
                                                  limiter: CountingLimiter) -> None:
    first = session.get(server.url + FILING_PATH)
    second = session.get(server.url + FILING_PATH)
    assert first.content == second.content == FILING
    assert second.from_cache and second.expires is None  # archived filings never expire
    assert server.paths() == [FILING_PATH]
    assert limiter.grants == 1


def test_a_send_answered_later_than_usual_is_charged_again(session: SecSession, server: ScriptedServer,
                                                           limiter: CountingLimiter) -> None:
    paths = [f"/Archives/edgar/data/1/{n}.txt" for n in range(8)]
    server.files.update(dict.fromkeys(paths, FILING))
    server.script(paths[-1], Reply(200, FILING, delay=0.4))  # its connection took two more round trips
    for path in paths[:-1]:
        session.get(server.url + path)
    assert limiter.charges >= 1  # the first answer, with nothing to compare it with
    before = limiter.charges
    session.get(server.url + paths[-1])
    assert limiter.charges == before + 1


def test_listings_expire_after_ten_minutes(session: SecSession, server: ScriptedServer) -> None:
    session.get(server.url + LISTING_PATH)
    cached = session.get(server.url + LISTING_PATH)
    assert cached.from_cache
    left = cached.expires - datetime.now(timezone.utc)
    assert timedelta(minutes=9) < left <= timedelta(minutes=10)


def test_declares_identity_and_compression(session: SecSession, server: ScriptedServer) -> None:
    session.get(server.url + FILING_PATH)
    (arrival,) = server.arrivals
    assert arrival.headers["user-agent"] == UA
    assert arrival.headers["accept-encoding"] == "gzip, deflate"


def test_server_errors_and_resets_are_retried_with_backoff(session: SecSession, server: ScriptedServer,
                                                           slept: list[float]) -> None:
    server.script(FILING_PATH, Reply(503, b"busy"), Reset(FILING))
    assert session.get(server.url + FILING_PATH).content == FILING
    assert server.paths() == [FILING_PATH] * 3
    assert len(slept) == 2 and all(delay > 0 for delay in slept)


def test_retries_end_with_an_error(session: SecSession, server: ScriptedServer) -> None:
    server.script(FILING_PATH, *[Reply(500, b"down")] * 3)
    with pytest.raises(RetryableStatusError):
        session.get(server.url + FILING_PATH)
    assert len(server.arrivals) == 3


def test_connection_failures_end_as_http_fetch_error(session: SecSession, server: ScriptedServer) -> None:
    server.script(FILING_PATH, *[CutShort(FILING)] * 3)
    with pytest.raises(HttpFetchError):
        session.get(server.url + FILING_PATH)
    assert len(server.arrivals) == 3


def test_truncated_bodies_are_retried_and_never_cached(session: SecSession, server: ScriptedServer) -> None:
    cut = Reply(200, FILING[:40])
    server.script(FILING_PATH, cut, cut, cut, cut)
    with pytest.raises(IncompleteBodyError):
        session.get(server.url + FILING_PATH)
    assert session.get(server.url + FILING_PATH).content == FILING  # the 4th answer is cut too: retried again
    assert session.get(server.url + FILING_PATH).from_cache
    assert len(server.arrivals) == 5


@pytest.mark.parametrize("page", [Reply(403, RATE_BLOCK_PAGE), Reply(429, b""), Reply(200, UNDECLARED_PAGE)])
def test_a_block_page_blocks_the_budget_and_is_never_retried(session: SecSession, server: ScriptedServer,
                                                             limiter: CountingLimiter, page: Reply) -> None:
    server.script(FILING_PATH, page)
    before = time.time()
    with pytest.raises(SecBlockedError):
        session.get(server.url + FILING_PATH)
    assert limiter.blocked_until() >= before + 30.0
    with pytest.raises(SecBlockedError):  # refused locally while the block lasts
        session.get(server.url + FILING_PATH)
    assert len(server.arrivals) == 1
    limiter.inner.budget.blocked_until = 0.0  # the block is over
    assert session.get(server.url + FILING_PATH).content == FILING  # the block page was not cached


def test_not_found_is_an_answer(session: SecSession, server: ScriptedServer) -> None:
    missing = "/Archives/edgar/daily-index/2004/QTR2/form.20040410.idx"
    assert session.get(server.url + missing).status_code == 404
    assert session.get(server.url + missing).status_code == 404
    assert len(server.arrivals) == 2  # not cached


def test_user_agent_is_validated(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        SecSession(user_agent="python-requests/2.34", cache_path=tmp_path / "c.sqlite")


def test_an_oversized_cache_is_emptied_at_open(tmp_path: Path, server: ScriptedServer,
                                               limiter: CountingLimiter) -> None:
    cache = tmp_path / "http_cache.sqlite"
    with SecSession(user_agent=UA, cache_path=cache, limiter=limiter) as first:
        first.get(server.url + FILING_PATH)
    with SecSession(user_agent=UA, cache_path=cache, limiter=limiter) as second:
        assert second.get(server.url + FILING_PATH).from_cache
    with SecSession(user_agent=UA, cache_path=cache, limiter=limiter, max_cache_bytes=1) as pruned:
        assert not pruned.get(server.url + FILING_PATH).from_cache
    assert server.paths() == [FILING_PATH, FILING_PATH]
