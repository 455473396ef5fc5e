"""SEC's rate block as ``mirror serve`` plays it: the threshold page, a timed block, extended by requests in it.

Timing is read from the server's request log (its arrival timestamps), never asserted from client-side clocks.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.fixtures.server import DECLARED_UA, TINY_FILING, MirrorServerFactory, Reply, fetch

UA = {"User-Agent": DECLARED_UA}
LIMIT = 5
BLOCK_SECONDS = 1.0
POLL_INTERVAL = 0.4  # fewer than LIMIT requests per second: polls alone never trip the limit
CLOCK_SLACK = 0.05  # log ts is wall-clock, the gate's clock monotonic


def in_window_before(records: list[dict], ts: float) -> int:
    """Requests logged in the 1-s window (ts - 1, ts]."""
    return sum(1 for r in records if ts - 1.0 < r["ts"] <= ts)


def assert_threshold_page(reply: Reply) -> None:
    assert reply.status == 403
    text = reply.body.decode("utf-8")
    assert "<title>SEC.gov | Request Rate Threshold Exceeded</title>" in text
    assert "Request Rate Threshold Exceeded" in text
    assert "10 minutes" in text and "fair access" in text
    assert "retry-after" not in reply.headers


def test_rate_block_starts_over_the_limit_and_is_extended_by_requests_during_it(
    tiny_mirror: Path, mirror_server_factory: MirrorServerFactory
) -> None:
    server = mirror_server_factory(
        tiny_mirror, "--rate-limit", str(LIMIT), "--block-seconds", str(BLOCK_SECONDS)
    )
    burst = []
    while len(burst) < 50 and (not burst or burst[-1].status == 200):
        burst.append(fetch(server.url, TINY_FILING, headers=UA))
    assert [r.status for r in burst[:-1]] == [200] * (len(burst) - 1) and len(burst) > LIMIT
    assert_threshold_page(burst[-1])

    polls: list[Reply] = []
    first_block_ts = server.requests()[len(burst) - 1]["ts"]
    while len(polls) < 10 and server.requests()[-1]["ts"] <= first_block_ts + BLOCK_SECONDS + 0.2:
        time.sleep(POLL_INTERVAL)
        polls.append(fetch(server.url, TINY_FILING, headers=UA))
    for reply in polls:
        assert_threshold_page(reply)

    records = server.requests()
    late = records[-1]
    assert late["blocked"] is True
    assert late["ts"] > first_block_ts + BLOCK_SECONDS  # the first block alone would be over by now
    assert in_window_before(records, late["ts"]) <= LIMIT  # so the limit did not trip again: it was extended

    attempts: list[Reply] = []
    while len(attempts) < 5 and (not attempts or attempts[-1].status != 200):
        time.sleep(BLOCK_SECONDS + 0.3)  # bounded: a quiet spell longer than the block lifts it
        attempts.append(fetch(server.url, TINY_FILING, headers=UA))
    assert attempts[-1].status == 200

    records = server.requests()
    assert [r["status"] for r in records] == [reply.status for reply in burst + polls + attempts]
    assert all(r["blocked"] == (r["status"] == 403) for r in records)
    last_blocked = max(r["ts"] for r in records if r["blocked"])
    assert records[-1]["ts"] - last_blocked >= BLOCK_SECONDS - CLOCK_SLACK


def test_undeclared_agent_during_a_block_gets_the_threshold_page(
    tiny_mirror: Path, mirror_server_factory: MirrorServerFactory
) -> None:
    server = mirror_server_factory(tiny_mirror, "--rate-limit", "1", "--block-seconds", "30")
    assert fetch(server.url, TINY_FILING, headers=UA).status == 200
    assert_threshold_page(fetch(server.url, TINY_FILING, headers=UA))
    assert_threshold_page(fetch(server.url, TINY_FILING))
    assert [(r["status"], r["blocked"]) for r in server.requests()] == [(200, False), (403, True), (403, True)]


def test_sigusr1_starts_a_block_at_once(tiny_mirror: Path, mirror_server_factory: MirrorServerFactory) -> None:
    import signal

    server = mirror_server_factory(tiny_mirror, "--block-seconds", "600")  # no rate limit: only the signal blocks
    assert fetch(server.url, TINY_FILING, headers=UA).status == 200
    server.process.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + 10
    while (reply := fetch(server.url, TINY_FILING, headers=UA)).status == 200:  # the signal is handled soon after
        assert time.monotonic() < deadline, "SIGUSR1 never started a block"
        time.sleep(0.05)
    assert_threshold_page(reply)
    assert server.requests()[-1]["blocked"] is True
