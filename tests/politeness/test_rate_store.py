from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.errors import ConfigError
from crawler.politeness.limiter import DEFAULT_MARGIN, InProcessLimiter
from crawler.politeness.limiter_redis import RedisRateLimiter
from crawler.politeness.limiter_sqlite import SqliteRateLimiter
from crawler.politeness.rate_store import (
    REDIS_MARGIN,
    class_rates,
    limiter_from_settings,
    reset_shared_limiters,
    resolve_store,
    shared_limiter,
)
from tests.fixtures.redis import RedisServer

UA = "Store Tests ops@example.org"


@pytest.fixture(autouse=True)
def fresh_limiters() -> Iterator[None]:
    reset_shared_limiters()
    yield
    reset_shared_limiters()


def test_shared_limiters_are_one_per_store(tmp_path: Path) -> None:
    assert shared_limiter(5) is shared_limiter(5)
    in_process_a, in_process_b = shared_limiter(5), shared_limiter(8)
    in_process_a.block(2e9)
    assert in_process_b.blocked_until() == 2e9  # one process, one budget and one block
    db = tmp_path / "shared.sqlite"
    first = shared_limiter(5, db)
    assert isinstance(first, SqliteRateLimiter) and first.path == db
    assert shared_limiter(5, str(db)) is first
    assert shared_limiter(5, f"sqlite://{db}") is first
    assert first.blocked_until() == 0.0  # the in-process block does not leak into the file


def test_limiter_from_settings_reads_rate_store_and_job_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              redis_server: RedisServer) -> None:
    monkeypatch.delenv("EDGAR_RATE_DB", raising=False)
    monkeypatch.delenv("EDGAR_CLASS_RATES", raising=False)
    in_process = limiter_from_settings(Settings({"EDGAR_RATE": 7}))
    assert isinstance(in_process, InProcessLimiter) and in_process.rule.rate == 7
    monkeypatch.setenv("EDGAR_RATE_DB", str(tmp_path / "env.sqlite"))  # the 0.3.0 variable still names a file
    from_env = limiter_from_settings(Settings({"EDGAR_RATE": 7}))
    assert isinstance(from_env, SqliteRateLimiter) and from_env.path == tmp_path / "env.sqlite"
    shared = limiter_from_settings(Settings({"EDGAR_RATE": 10, "EDGAR_RATE_STORE": redis_server.url,
                                             "EDGAR_JOB_CLASS": "backfill", "USER_AGENT": UA}))
    assert isinstance(shared, RedisRateLimiter)
    assert shared.pace.class_rule is not None and shared.pace.class_rule.rate == 6.0  # the default reservation
    assert shared.keys[1] == "edgar-archive:{ops@example.org}:tat:backfill"
    with pytest.raises(ConfigError):
        limiter_from_settings(Settings({"EDGAR_RATE": 0}))


def test_a_budget_shared_through_redis_keeps_a_larger_margin_unless_one_is_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redis_server: RedisServer) -> None:
    monkeypatch.delenv("EDGAR_RATE_MARGIN", raising=False)
    assert shared_limiter(10).rule.margin == DEFAULT_MARGIN  # type: ignore[attr-defined]
    assert shared_limiter(10, tmp_path / "one-machine.sqlite").rule.margin == DEFAULT_MARGIN  # type: ignore[attr-defined]
    shared = shared_limiter(10, redis_server.url, identity=UA)
    assert isinstance(shared, RedisRateLimiter)
    assert shared.pace.rule.margin == REDIS_MARGIN > DEFAULT_MARGIN
    assert shared.pace.rule.interval == pytest.approx((1 + REDIS_MARGIN) / 10)
    reset_shared_limiters()
    monkeypatch.setenv("EDGAR_RATE_MARGIN", "0.1")
    assert shared_limiter(10, redis_server.url, identity=UA).pace.rule.margin == 0.1  # type: ignore[attr-defined]


def test_a_redis_store_needs_an_identity(redis_server: RedisServer) -> None:
    with pytest.raises(ConfigError, match="User-Agent"):
        shared_limiter(10, redis_server.url)


def test_class_rates_from_settings_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDGAR_CLASS_RATES", raising=False)
    assert class_rates() == {"backfill": 6.0}
    monkeypatch.setenv("EDGAR_CLASS_RATES", '{"backfill": 4, "laptop": 1.5}')
    assert class_rates() == {"backfill": 4.0, "laptop": 1.5}
    assert class_rates({"backfill": "5"}) == {"backfill": 5.0}
    for bad in ('{"backfill": 0}', "[1, 2]", '{"no spaces": 1}', "not json"):
        with pytest.raises(ConfigError):
            class_rates(bad)


@pytest.mark.parametrize(("given", "kind"), [
    (None, None), ("", None), ("redis://h:6379/0", "redis"), ("/tmp/x.sqlite", "file"), ("sqlite:///tmp/x", "file"),
])
def test_resolve_store(given: str | None, kind: str | None) -> None:
    resolved = resolve_store(given)
    if kind is None:
        assert resolved is None
    elif kind == "redis":
        assert resolved == given
    else:
        assert resolved is not None and Path(resolved).is_absolute()


def test_an_unknown_store_scheme_is_refused() -> None:
    with pytest.raises(ConfigError, match="redis://"):
        resolve_store("memcached://h:11211")
