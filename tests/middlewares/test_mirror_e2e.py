"""End to end against ``mirror serve`` (a child process): its rate block, its faults, its request log."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from tests.fixtures.server import serve_mirror
from tests.middlewares.probe import politeness_settings, run_probe
from tests.politeness.scripted_server import peak_in_window


def write_filings(root: Path, count: int) -> dict[str, bytes]:
    """``count`` full submissions of varied sizes under ``root``; returns URL path -> bytes on disk."""
    files = {}
    for n in range(count):
        accession = f"0000905148-04-{n:06d}"
        text = "".join(f"line {line} of filing {n}: tranche {line * 7919 % 10007}\n" for line in range(40 + 37 * n))
        body = f"<SEC-DOCUMENT>{accession}.txt : 20040406\n<TEXT>\n{text}</TEXT>\n</SEC-DOCUMENT>\n".encode()
        path = f"/Archives/edgar/data/{1000 + n % 7}/{accession}.txt"
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        files[path] = body
    return files


def _bodies_by_path(outcomes: list) -> dict[str, bytes | None]:
    return {"/" + o.url.split("/", 3)[3]: o.body for o in outcomes}


@pytest.mark.slow
@deferred_f_from_coro_f
async def test_at_the_cap_the_mirror_never_blocks(tmp_path: Path) -> None:
    files = write_filings(tmp_path / "mirror", 150)
    with serve_mirror(tmp_path / "mirror", "--rate-limit", "10", log=tmp_path / "log.jsonl") as server:
        settings = politeness_settings(server.url, EDGAR_RATE=10.0, SEC_MAX_BLOCKS=1)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in files])
        log = server.requests()
    assert [entry["status"] for entry in log] == [200] * 150
    assert peak_in_window([entry["ts"] for entry in log], 1.0) <= 10
    assert _bodies_by_path(outcomes) == files
    assert crawler.stats.get_value("sec/block_pages") is None


@deferred_f_from_coro_f
async def test_over_the_cap_the_crawl_pauses_and_finishes(tmp_path: Path) -> None:
    files = write_filings(tmp_path / "mirror", 20)
    cooldown = 1.2
    args = ("--rate-limit", "5", "--block-seconds", "1")
    with serve_mirror(tmp_path / "mirror", *args, log=tmp_path / "log.jsonl") as server:
        settings = politeness_settings(server.url, EDGAR_RATE=10.0, SEC_BLOCK_COOLDOWN=cooldown, SEC_MAX_BLOCKS=100)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in files])
        log = server.requests()
    stats = crawler.stats
    assert stats.get_value("finish_reason") == "finished"
    assert stats.get_value("sec/blocked") >= 1
    assert _bodies_by_path(outcomes) == files  # every filing, whole; no block page reached the spider
    blocked_at = [entry["ts"] for entry in log if entry["status"] == 403]
    assert blocked_at
    for start in blocked_at:  # after a block page only requests already in flight may still arrive
        assert not [e for e in log if start + 0.2 <= e["ts"] < start + cooldown], start


@deferred_f_from_coro_f
async def test_with_faults_every_filing_arrives_byte_equal(tmp_path: Path) -> None:
    files = write_filings(tmp_path / "mirror", 80)
    args = ("--fault-rate", "0.1", "--fault-seed", "3", "--slow-seconds", "0.3")
    with serve_mirror(tmp_path / "mirror", *args, log=tmp_path / "log.jsonl") as server:
        settings = politeness_settings(server.url, EDGAR_RATE=100.0, RETRY_TIMES=8)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in files])
        log = server.requests()
    faults = [entry["fault"] for entry in log if entry.get("fault")]
    assert len(faults) >= 4  # the mirror really misbehaved
    assert _bodies_by_path(outcomes) == files
    assert crawler.stats.get_value("retry/count") >= len([f for f in faults if f != "slow"])
