from __future__ import annotations

import logging

import pytest

from crawler.errors import ConfigError, RateStoreUnreachableError
from crawler.store.redis_store import Outage, RedisStore, is_redis_url, shown_url
from tests.fixtures.redis import RedisServer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_outage_logs_once_waits_and_gives_up_after_its_limit(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    outage = Outage("the rate store redis://h:6379/0", 30.0, RateStoreUnreachableError, clock=clock)
    with caplog.at_level(logging.WARNING):
        outage.failed(ConnectionError("refused"))
        clock.now += 29.9
        outage.failed(ConnectionError("refused"))  # still within the limit: the caller waits
    assert caplog.text.count("cannot be reached (refused)") == 1
    assert "giving up after 30 s" in caplog.text
    clock.now += 0.1
    with pytest.raises(RateStoreUnreachableError, match="could not be reached for 30 s"):
        outage.failed(ConnectionError("refused"))


def test_an_answer_ends_the_outage_and_the_next_one_starts_afresh(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    outage = Outage("the rate store", 30.0, RateStoreUnreachableError, clock=clock)
    outage.failed(TimeoutError())
    clock.now += 20
    with caplog.at_level(logging.WARNING):
        outage.recovered()
    assert "answers again after 20.0 s" in caplog.text
    clock.now += 20
    outage.failed(TimeoutError())  # a new outage: its own 30 s
    clock.now += 29
    outage.failed(TimeoutError())
    assert outage.since == 140.0


@pytest.mark.parametrize(("text", "redis"), [
    ("redis://localhost:6379/0", True), ("rediss://h:1/2", True), ("unix:///run/redis.sock?db=1", True),
    ("/var/lib/edgar/ratelimit.sqlite", False), ("sqlite:///tmp/x.sqlite", False), ("", False), (None, False),
])
def test_is_redis_url(text: str | None, redis: bool) -> None:
    assert is_redis_url(text) is redis


def test_passwords_are_not_shown() -> None:
    assert shown_url("redis://:s3cret@h:6379/0") == "redis://:***@h:6379/0"
    assert shown_url("redis://user:s3cret@h/0") == "redis://user:***@h/0"
    assert shown_url("redis://h:6379/0") == "redis://h:6379/0"


def test_a_bad_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a Redis URL"):
        RedisStore("http://h:6379")
    with pytest.raises(ConfigError, match="bad Redis URL"):
        RedisStore("redis://h:notaport/0")


def test_the_sync_client_talks_to_a_real_server(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    store.sync.set("edgar-archive:test", "1")
    assert store.sync.get("edgar-archive:test") == "1"
    store.close()
