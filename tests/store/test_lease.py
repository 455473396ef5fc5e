"""The archive's lease in a real Redis server: one holder, fencing tokens that only grow, renewal, a holder that
dies or is paused, Redis restarts and outages, and a stale holder's commit refused."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import redis

from crawler.errors import ExitCode, LeaseLostError, LockHeldError, RateStoreUnreachableError
from crawler.store.fs import resolve
from crawler.store.lease import RedisLease, archive_id, lease_keys
from crawler.store.lock import RunLock, archive_lock
from crawler.store.redis_store import RedisStore
from crawler.store.writer import ArchiveWriter
from tests.fixtures.redis import RedisServer
from tests.store import rows

REPO = Path(__file__).resolve().parents[2]
ARCHIVE = "s3://bucket/archive"
A1, A2 = "0000905148-04-004513", "0000905148-04-004514"
POLL = 0.01  # seconds between two looks at Redis while waiting for a lease to lapse (polling, not timing)


def lease(server: RedisServer, seconds: float = 30.0, archive: str = ARCHIVE, **kwargs: object) -> RedisLease:
    return RedisLease(RedisStore(server.url), archive, seconds=seconds, **kwargs)  # type: ignore[arg-type]


def wait_until_lapsed(server: RedisServer, archive: str = ARCHIVE, limit: float = 60.0) -> None:
    client = redis.Redis.from_url(server.url)
    deadline = time.monotonic() + limit
    while client.exists(lease_keys(archive)[0]):
        assert time.monotonic() < deadline, "the lease never lapsed"
        time.sleep(POLL)


@pytest.fixture
def leases() -> Iterator[list[RedisLease]]:
    taken: list[RedisLease] = []
    yield taken
    for held in taken:
        held.release()


def test_one_holder_per_archive_and_every_new_holder_a_larger_token(redis_server: RedisServer,
                                                                    leases: list[RedisLease]) -> None:
    first = lease(redis_server)
    first.acquire()
    leases.append(first)
    with pytest.raises(LockHeldError) as refused:
        lease(redis_server).acquire()
    message = str(refused.value)
    assert f"host {socket.gethostname()}, pid {os.getpid()}" in message and "lapses in 30 s" in message
    assert refused.value.exit_code == ExitCode.LOCK_HELD
    other = lease(redis_server, archive="s3://bucket/another")  # another archive is another lease
    other.acquire()
    leases.append(other)
    token = first.fence()
    assert token == first.fencing_token and first.held
    first.release()
    second = lease(redis_server)
    second.acquire()
    leases.append(second)
    assert second.fence() > token


def test_archive_ids_name_s3_archives_alike_everywhere_and_local_ones_per_host(tmp_path: Path) -> None:
    assert archive_id("s3://bucket//archive/edgar/") == archive_id("s3://bucket/archive/edgar") == \
        "s3://bucket/archive/edgar"
    assert archive_id(str(tmp_path / "out")) == f"file://{socket.gethostname()}{tmp_path}/out"


def test_a_redis_store_adds_the_lease_to_the_local_lock(redis_server: RedisServer, tmp_path: Path) -> None:
    assert isinstance(archive_lock(str(tmp_path), tmp_path / "state", None), RunLock)
    assert isinstance(archive_lock(str(tmp_path), tmp_path / "state", str(tmp_path / "rate.sqlite")), RunLock)
    with archive_lock(ARCHIVE, tmp_path / "a", redis_server.url, lease_seconds=5) as held:
        assert isinstance(held, RedisLease) and held.fence() > 0
        with pytest.raises(LockHeldError):  # the same state directory: its flock refuses first
            archive_lock("s3://bucket/other", tmp_path / "a", redis_server.url).acquire()
        with pytest.raises(LockHeldError, match="another run holds the archive s3://bucket/archive"):
            archive_lock(ARCHIVE, tmp_path / "b", redis_server.url).acquire()
    with archive_lock(ARCHIVE, tmp_path / "b", redis_server.url):  # released: flock and lease
        pass


def test_renewal_keeps_the_lease_past_its_length(redis_server: RedisServer, leases: list[RedisLease]) -> None:
    held = lease(redis_server, seconds=1.0)
    held.acquire()
    leases.append(held)
    client = redis.Redis.from_url(redis_server.url)
    key = lease_keys(ARCHIVE)[0]
    renewals, last = 0, client.pttl(key)
    while renewals < 4:  # each renewal puts the time left back up: four of them span more than the lease
        left = client.pttl(key)
        renewals += left > last
        last = left
        assert left > 0, "the lease lapsed although its holder is alive"
        time.sleep(POLL)
    with pytest.raises(LockHeldError):
        lease(redis_server).acquire()
    assert held.held and held.lost is None


HOLDER = textwrap.dedent("""
    import sys
    from crawler.store.fs import resolve
    from crawler.store.lease import RedisLease
    from crawler.store.redis_store import RedisStore
    from crawler.store.writer import ArchiveWriter
    from tests.store import rows

    url, archive, output = sys.argv[1:4]
    lease = RedisLease(RedisStore(url), archive, seconds=1.0)
    lease.acquire()
    print(lease.fencing_token, flush=True)
    fs, root = resolve(output)
    writer = ArchiveWriter(fs, root, "paused-run", guard=lease)
    writer.add("filings", rows.filing("0000905148-04-004513"))
    sys.stdin.readline()  # "commit"
    try:
        writer.flush()
    except Exception as exc:
        print(type(exc).__name__, exc, flush=True)
        sys.exit(int(getattr(exc, "exit_code", 1)))
    print("committed", flush=True)
""")


def start_holder(redis_url: str, output: Path) -> tuple[subprocess.Popen[str], int]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, redis_url, ARCHIVE, str(output)], cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    return holder, int(holder.stdout.readline())


def manifests(root: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((root / "_manifest").glob("*.json"))]


def test_a_killed_holder_frees_the_archive_when_its_lease_lapses(redis_server: RedisServer, tmp_path: Path,
                                                                 leases: list[RedisLease]) -> None:
    holder, token = start_holder(redis_server.url, tmp_path / "out")
    try:
        with pytest.raises(LockHeldError, match=f"pid {holder.pid}"):
            lease(redis_server).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    wait_until_lapsed(redis_server)
    successor = lease(redis_server)
    successor.acquire()
    leases.append(successor)
    assert successor.fence() > token


def test_a_paused_holder_whose_lease_was_taken_over_commits_nothing(redis_server: RedisServer, tmp_path: Path,
                                                                     leases: list[RedisLease]) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    holder, stale = start_holder(redis_server.url, tmp_path / "out")
    try:
        holder.send_signal(signal.SIGSTOP)  # a long GC pause, a frozen VM: its renewals stop
        wait_until_lapsed(redis_server)
        successor = lease(redis_server)
        successor.acquire()
        leases.append(successor)
        writer = ArchiveWriter(fs, root, "successor", guard=successor)
        writer.add("filings", rows.filing(A2))
        writer.flush()
        holder.send_signal(signal.SIGCONT)
        out, _ = holder.communicate("commit\n", timeout=60)
    finally:
        holder.kill()
    assert holder.returncode == ExitCode.LEASE_LOST, out
    assert "LeaseLostError" in out and "another run took the lease over" in out
    [committed] = manifests(Path(root))
    assert committed["run_id"] == "successor" and committed["fence"] == successor.fencing_token > stale
    assert not list(Path(root).rglob("part-paused-run-*"))  # its data files were removed, never listed


def test_a_commit_records_the_fencing_token_and_a_lost_lease_refuses_it(redis_server: RedisServer, tmp_path: Path,
                                                                        leases: list[RedisLease]) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    held = lease(redis_server, seconds=300.0)  # its next renewal is 100 s away: none comes in between
    held.acquire()
    leases.append(held)
    writer = ArchiveWriter(fs, root, "run-a", guard=held)
    writer.add("filings", rows.filing(A1))
    writer.flush()
    assert [m["fence"] for m in manifests(Path(root))] == [held.fencing_token]
    client = redis.Redis.from_url(redis_server.url)
    client.delete(lease_keys(ARCHIVE)[0])  # as if it had lapsed ...
    usurper = lease(redis_server)
    usurper.acquire()  # ... and another run had taken it
    leases.append(usurper)
    writer.add("filings", rows.filing(A2, filed=date(2004, 5, 3)))
    with pytest.raises(LeaseLostError, match="another run took the lease over"):
        writer.flush()
    assert len(manifests(Path(root))) == 1 and writer.buffered_rows == 1
    assert not held.held


def test_a_restarted_empty_redis_leaves_the_holder_its_lease_and_tokens_still_grow(
        redis_server: RedisServer, leases: list[RedisLease], caplog: pytest.LogCaptureFixture) -> None:
    held = lease(redis_server)
    held.acquire()
    leases.append(held)
    token = held.fence()
    with caplog.at_level(logging.WARNING):
        redis_server.kill()
        redis_server.start()  # empty: the lease and the last token are gone
        assert held.fence() == token  # nobody took it meanwhile: held again
    assert "had lapsed" in caplog.text
    with pytest.raises(LockHeldError):
        lease(redis_server).acquire()
    held.release()
    successor = lease(redis_server)
    successor.acquire()
    leases.append(successor)
    assert successor.fence() > token


def test_while_redis_is_away_a_commit_waits_for_it_up_to_the_limit(
        redis_server: RedisServer, leases: list[RedisLease], caplog: pytest.LogCaptureFixture) -> None:
    patient = lease(redis_server, seconds=1.0)
    hasty = lease(redis_server, seconds=1.0, archive="s3://bucket/another", unreachable_limit=0.5)
    for held in (patient, hasty):
        held.acquire()
        leases.append(held)
    token = patient.fence()
    redis_server.kill()
    with pytest.raises(RateStoreUnreachableError, match="lease store .* no commit was made meanwhile"):
        hasty.fence()
    committed: list[int] = []
    with caplog.at_level(logging.ERROR):
        waiting = threading.Thread(target=lambda: committed.append(patient.fence()))
        waiting.start()
        wait_for_log(caplog, "no commit is made until it answers")
        assert not committed
        redis_server.start()  # empty, and away for longer than the lease: nobody took it meanwhile
        waiting.join(timeout=60)
    assert committed == [token] and patient.held


def wait_for_log(caplog: pytest.LogCaptureFixture, text: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while text not in caplog.text:
        assert time.monotonic() < deadline, f"never logged: {text}"
        time.sleep(POLL)


def test_an_unreachable_redis_at_start_ends_with_the_rate_store_code(redis_server: RedisServer) -> None:
    redis_server.kill()
    with pytest.raises(RateStoreUnreachableError, match="lease store .* could not be reached"):
        lease(redis_server, unreachable_limit=0.5).acquire()
