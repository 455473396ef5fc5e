"""Two hosts on one S3 archive (moto) sharing one Redis: one writes, the other exits 5 having sent nothing; the
writer is killed with ``kill -9``; once its lease has lapsed the other host, with a state directory of its own
(empty), takes the archive over: it rebuilds what it needs from the archive, fetches no archived filing again and
finishes the archive with every filing once, its commits carrying a larger fencing token."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest
import redis

from bench.server_log import request_kind
from crawler.errors import ExitCode
from crawler.mirror.launch import MirrorServer, serve_mirror
from crawler.store.fs import resolve
from crawler.store.lease import archive_id, lease_keys
from tests.crawl.runs import clean_env, crawl_command, mirror_range, range_args
from tests.fixtures.redis import RedisServer
from tests.fixtures.s3 import S3Server
from tests.reliability.archive_checks import expected_accessions

LEASE_SECONDS = "3"
POLL = 0.02  # seconds between two looks at the mirror's log, S3 or Redis (polling, not timing)
DEADLINE = 180.0


def user_agent(host: str) -> str:
    return f"Archive Hosts {host} hosts@example.org"


def host_command(host: str, url: str, uri: str, redis_url: str, state: Path, mirror: Path, *extra: str) -> list[str]:
    command = crawl_command(url, Path("unused"), "--rate-store", redis_url, "--user-agent", user_agent(host),
                            "--state-dir", str(state), *range_args(mirror), *extra)
    command[command.index("--output") + 1] = uri
    return command


def host_env(s3: S3Server) -> dict[str, str]:
    return {**clean_env(), "EDGAR_S3_ENDPOINT": s3.endpoint_url, "AWS_ACCESS_KEY_ID": s3.access_key,
            "AWS_SECRET_ACCESS_KEY": s3.secret_key, "AWS_REGION": s3.region, "EDGAR_LEASE_SECONDS": LEASE_SECONDS}


def manifests(fs: pafs.FileSystem, root: str) -> list[dict[str, Any]]:
    infos = fs.get_file_info(pafs.FileSelector(f"{root}/_manifest", allow_not_found=True))
    found = []
    for info in sorted(infos, key=lambda i: i.path):
        if info.base_name.endswith(".json") and not info.base_name.startswith("."):
            with fs.open_input_stream(info.path) as stream:
                found.append(json.loads(stream.read()))
    return found


def committed_rows(fs: pafs.FileSystem, root: str, name: str, column: str) -> list[Any]:
    listed, retired = set(), set()
    for entry in manifests(fs, root):
        listed.update(entry["files"].get(name, []))
        retired.update(entry.get("retired", {}).get(name, []))
    paths = sorted(f"{root}/{path}" for path in listed - retired)
    if not paths:
        return []
    return ds.dataset(paths, format="parquet", filesystem=fs).to_table(columns=[column]).column(column).to_pylist()


def submissions_of(server: MirrorServer, host: str) -> list[str]:
    return [r["path"] for r in server.requests()
            if r.get("user_agent") == user_agent(host) and request_kind(r["path"]) == "submission"]


def wait_for(condition: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(POLL)


@pytest.mark.s3
def test_two_hosts_one_s3_archive_one_writer_then_a_takeover_after_kill_9(
        small_mirror: Path, s3_server: S3Server, redis_server: RedisServer, tmp_path: Path) -> None:
    uri = f"s3://{s3_server.bucket}/archive"
    fs, root = resolve(uri, s3_options=s3_server.options, create=False)
    env = host_env(s3_server)
    with serve_mirror(small_mirror) as server:
        first = subprocess.Popen(
            host_command("first", server.url, uri, redis_server.url, tmp_path / "first", small_mirror,
                         "--flush-rows", "10", "--rate", "20"),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: len(submissions_of(server, "first")) >= 40 and manifests(fs, root), "first commits")
            refused = subprocess.run(host_command("second", server.url, uri, redis_server.url, tmp_path / "second",
                                                  small_mirror),
                                     env=env, capture_output=True, text=True, timeout=DEADLINE)
            assert first.poll() is None, "the first host should still be crawling"
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        assert refused.returncode == ExitCode.LOCK_HELD, refused.stderr[-3000:]
        assert f"another run holds the archive {archive_id(uri)}" in refused.stderr
        assert f"pid {first.pid}" in refused.stderr
        assert not [r for r in server.requests() if r.get("user_agent") == user_agent("second")]

        before = manifests(fs, root)
        archived = {key for entry in before for name in ("filings", "se_filings")
                    for key in entry["keys"].get(name, [])}
        assert archived and {entry["fence"] for entry in before} == {before[0]["fence"]}
        client = redis.Redis.from_url(redis_server.url)
        wait_for(lambda: not client.exists(lease_keys(archive_id(uri))[0]), "the killed host's lease to lapse")

        taken_over = subprocess.run(host_command("second", server.url, uri, redis_server.url, tmp_path / "second",
                                                 small_mirror),
                                    env=env, capture_output=True, text=True, timeout=DEADLINE)
        assert taken_over.returncode == ExitCode.OK, taken_over.stderr[-3000:]
        fetched_again = [path for path in submissions_of(server, "second")
                         if os.path.basename(path).removesuffix(".txt") in archived]
        assert fetched_again == []

    after = manifests(fs, root)[len(before):]
    assert after and {entry["fence"] for entry in after} == {after[0]["fence"]}
    assert after[0]["fence"] > before[0]["fence"]
    filings = Counter(committed_rows(fs, root, "filings", "accession"))
    se_filings = Counter(committed_rows(fs, root, "se_filings", "accession"))
    want_filings, want_se = expected_accessions(small_mirror, *mirror_range(small_mirror))
    assert set(filings) == want_filings and max(filings.values()) == 1
    assert set(se_filings) == want_se and max(se_filings.values(), default=1) == 1

