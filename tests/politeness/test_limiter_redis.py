"""The Redis budget against a real server (tests/fixtures/redis.py): the Lua script decides as the Python rule,
hosts share the schedule, the block and the turns, and an unreachable server grants nothing."""

from __future__ import annotations

import logging
import math
import time
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.utils.defer import deferred_f_from_coro_f

from crawler.errors import RateStoreUnreachableError
from crawler.politeness.limiter import InProcessLimiter, acquire
from crawler.politeness.limiter_redis import RedisRateLimiter, budget_keys
from crawler.store.redis_store import RedisStore
from tests.fixtures.redis import RedisServer, free_port
from tests.politeness.simulation import peak_in_window
from tests.politeness.test_limiter import (
    assert_same_decisions,
    granted_times,
    most_in_any_window,
    operations,
    rates,
)

UA = "Redis Tests ops@example.org"
ON_ONE_SERVER = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def host(server: RedisServer, rate: float = 10.0, identity: str = UA, **options: object) -> RedisRateLimiter:
    """One host's limiter: its own connections, as another machine would have."""
    return RedisRateLimiter(RedisStore(server.url), identity, rate, **options)  # type: ignore[arg-type]


@given(ops=operations, class_rate=st.sampled_from([None, 3.0, 6.0]))
@ON_ONE_SERVER
def test_the_script_decides_exactly_as_the_python_rule(redis_server: RedisServer, ops: list[tuple[str, float]],
                                                        class_rate: float | None) -> None:
    identity = f"Example ops-{uuid.uuid4().hex}@example.org"  # a fresh budget per example
    redis = host(redis_server, identity=identity, job_class="backfill", class_rate=class_rate)
    python = InProcessLimiter(10, job_class="backfill", class_rate=class_rate)
    # blocks are wall-clock durations in Redis (a key's expiry): they are tested in real time below
    assert_same_decisions(redis, python, ops, tolerance=1e-6, blocks=False)  # waits are returned to the microsecond
    redis.close()


@given(rate=rates, gaps=st.lists(st.floats(min_value=0.0, max_value=0.4), min_size=1, max_size=60))
@ON_ONE_SERVER
def test_no_window_holds_more_than_rate_grants(redis_server: RedisServer, rate: float, gaps: list[float]) -> None:
    limiter = host(redis_server, rate, identity=f"Example ops-{uuid.uuid4().hex}@example.org")
    assert most_in_any_window(granted_times(limiter, gaps), 1.0) <= math.floor(rate)
    limiter.close()


def test_hosts_share_one_schedule_on_the_servers_clock(redis_server: RedisServer) -> None:
    hosts = [host(redis_server) for _ in range(3)]
    grants: list[float] = []
    deadline = time.monotonic() + 30
    while len(grants) < 25 and time.monotonic() < deadline:  # three hosts asking in turn, as fast as they can
        for limiter in hosts:
            if limiter.try_acquire() == 0.0:
                grants.append(time.time())
    assert len(grants) == 25
    assert peak_in_window(grants) <= 10
    gaps = [b - a for a, b in zip(grants, grants[1:])]
    assert min(gaps) >= hosts[0].rule.interval - 0.01  # evenly spaced, whichever host asked (local clock noise)


def test_budgets_are_per_contact_address(redis_server: RedisServer) -> None:
    first, other = host(redis_server), host(redis_server, identity="Other Org ops@other.example")
    laptop = host(redis_server, identity="Redis Tests laptop script OPS@example.org")
    assert first.try_acquire() == 0.0
    assert first.try_acquire() > 0.0
    assert laptop.try_acquire() > 0.0  # the same contact: the same organisation, one budget
    assert other.try_acquire() == 0.0  # another organisation's budget
    assert budget_keys(UA, "nightly")[0] == "edgar-archive:{ops@example.org}:tat"


def test_a_block_met_by_one_host_pauses_the_others(redis_server: RedisServer) -> None:
    blocked, other = host(redis_server), host(redis_server)
    until = time.time() + 30
    blocked.block(until)
    wait = other.try_acquire()
    assert 29 < wait <= 30.1
    assert other.blocked_until() == pytest.approx(until, abs=0.1)
    other.block(until - 10)  # an earlier end never shortens it
    assert host(redis_server).try_acquire() > 29


def test_free_slots_go_to_the_host_that_waited_longest(redis_server: RedisServer) -> None:
    first, second = host(redis_server), host(redis_server)
    interval = first.rule.interval
    now = 1_000.0
    assert first.try_acquire(now) == 0.0
    assert first.try_acquire(now + 0.01) > 0  # first waits, with a ticket
    assert second.try_acquire(now + interval) > 0  # the slot is free, but first has waited longer
    assert first.try_acquire(now + interval) == 0.0
    later = now + interval + 0.01 + max(2.0, 3 * first.rule.span) + 0.1
    assert second.try_acquire(now + interval + 0.01) > 0  # second waits now, with a ticket
    assert first.try_acquire(now + 3 * interval) > 0  # a free slot, but second has waited longer
    assert second.try_acquire(now + 3 * interval) == 0.0
    assert first.try_acquire(later) == 0.0  # second stopped asking: its ticket no longer counts


def test_a_capped_class_is_held_to_its_rate_across_hosts(redis_server: RedisServer) -> None:
    backfills = [host(redis_server, job_class="backfill", class_rate=6) for _ in range(2)]
    now, grants = 2_000.0, []
    while now < 2_010.0:
        now += 0.002
        for limiter in backfills:
            if limiter.try_acquire(now) == 0.0:
                grants.append(now)
    assert peak_in_window(grants) == 6


def test_nothing_is_granted_while_redis_is_down_and_the_run_stops_after_the_limit(
        redis_server: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    limiter = host(redis_server, unreachable_limit=0.0)
    assert limiter.try_acquire() == 0.0
    redis_server.kill()
    with caplog.at_level(logging.ERROR):
        assert limiter.try_acquire() >= 0.5  # wait and try again: never granted, never a local budget
    assert "cannot be reached" in caplog.text and "nothing is sent" in caplog.text
    with pytest.raises(RateStoreUnreachableError, match="could not be reached"):
        limiter.try_acquire()


def test_a_restarted_redis_takes_over_the_charges_and_the_block_it_missed(
        redis_server: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    limiter = host(redis_server)
    assert limiter.try_acquire() == 0.0
    redis_server.kill()
    assert limiter.try_acquire() > 0.0
    limiter.charge_late()
    limiter.block(time.time() + 20)  # a block page met while Redis is away: this host pauses anyway
    assert limiter.try_acquire() >= 19
    redis_server.start()  # empty: it lost the schedule
    with caplog.at_level(logging.WARNING):
        assert limiter.try_acquire() >= 19  # delivered now
    assert "answers again" in caplog.text
    assert host(redis_server).try_acquire() >= 19  # every other host sees the block


@deferred_f_from_coro_f
async def test_the_async_path_shares_the_budget_and_waits_while_redis_is_down(redis_server: RedisServer) -> None:
    limiter = host(redis_server)
    grants = [(await acquire(limiter)).sent_at for _ in range(3)]
    assert min(b - a for a, b in zip(grants, grants[1:])) >= limiter.rule.interval - 0.01
    redis_server.kill()
    assert await limiter.try_acquire_async() >= 0.5
    await limiter.charge_late_async()  # kept until Redis is back, no error
    redis_server.start()
    assert await limiter.try_acquire_async() > 0.0  # the charge, delivered: the next slot is one interval away
    await limiter.aclose()


def test_a_server_that_was_never_there_is_an_outage_not_a_crash() -> None:
    limiter = RedisRateLimiter(RedisStore(f"redis://127.0.0.1:{free_port()}/0"), UA, 10)
    assert limiter.try_acquire() >= 0.5
    assert limiter.outage.since is not None
