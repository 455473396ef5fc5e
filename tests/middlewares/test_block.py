from __future__ import annotations

from scrapy.utils.defer import deferred_f_from_coro_f

from crawler.errors import SecBlockedError
from tests.middlewares.probe import politeness_settings, run_probe
from tests.politeness.scripted_server import RATE_BLOCK_PAGE, UNDECLARED_PAGE, Reply, scripted_server

DOC = b"<SEC-DOCUMENT>x\nfiling text\n</SEC-DOCUMENT>\n"
FILES = {f"/Archives/edgar/data/1/{n}.txt": DOC for n in range(4)}
COOLDOWN = 1.0


def _urls(base: str) -> list[str]:
    return [base + path for path in FILES]


@deferred_f_from_coro_f
async def test_a_block_pauses_every_request_then_the_crawl_recovers() -> None:
    with scripted_server(FILES) as server:
        server.script_any(Reply(403, RATE_BLOCK_PAGE))
        settings = politeness_settings(server.url, SEC_BLOCK_COOLDOWN=COOLDOWN, CONCURRENT_REQUESTS=1)
        crawler, outcomes = await run_probe(settings, _urls(server.url))
        arrivals = list(server.arrivals)
    stats = crawler.stats
    assert sorted(o.body for o in outcomes) == [DOC] * 4  # the block page never reached the spider
    assert [a.status for a in arrivals] == [403, 200, 200, 200, 200]
    assert arrivals[1].at - arrivals[0].at >= COOLDOWN  # nothing was sent during the pause
    assert stats.get_value("sec/blocked") == 1
    assert stats.get_value("sec/block_pages") == 1
    assert stats.get_value("retry/count") is None  # a block retry is not a failure retry
    assert stats.get_value("finish_reason") == "finished"


@deferred_f_from_coro_f
async def test_blocks_of_requests_in_flight_are_one_block() -> None:
    with scripted_server(FILES) as server:
        server.script_any(*[Reply(429, b"", delay=0.3)] * 4)  # all four are in flight when the first block arrives
        settings = politeness_settings(server.url, SEC_BLOCK_COOLDOWN=COOLDOWN, SEC_MAX_BLOCKS=2)
        crawler, outcomes = await run_probe(settings, _urls(server.url))
        arrivals = list(server.arrivals)
    blocked = [a for a in arrivals if a.status == 429]
    resumed = [a for a in arrivals if a.status == 200]
    assert len(blocked) == 4 and len(resumed) == 4
    assert min(a.at for a in resumed) - max(a.at for a in blocked) >= COOLDOWN - 0.05
    assert crawler.stats.get_value("sec/blocked") == 1
    assert crawler.stats.get_value("finish_reason") == "finished"
    assert sorted(o.body for o in outcomes) == [DOC] * 4


@deferred_f_from_coro_f
async def test_too_many_blocks_stop_the_run() -> None:
    with scripted_server(FILES) as server:
        server.script_any(*[Reply(403, RATE_BLOCK_PAGE)] * 50)
        settings = politeness_settings(server.url, SEC_BLOCK_COOLDOWN=0.3, SEC_MAX_BLOCKS=2, CONCURRENT_REQUESTS=1)
        crawler, outcomes = await run_probe(settings, _urls(server.url))
        arrivals = list(server.arrivals)
    assert crawler.stats.get_value("finish_reason") == "sec_blocked"
    assert crawler.stats.get_value("sec/blocked") == 2
    assert len(arrivals) == 2  # one request per block: nothing more after the second
    assert all(o.body is None for o in outcomes)
    assert any(isinstance(o.failure, SecBlockedError) for o in outcomes)


@deferred_f_from_coro_f
async def test_an_identity_refusal_at_the_start_stops_the_run() -> None:
    with scripted_server(FILES) as server:
        server.script_any(*[Reply(403, UNDECLARED_PAGE)] * 50)
        settings = politeness_settings(server.url, SEC_BLOCK_COOLDOWN=30.0, CONCURRENT_REQUESTS=1)
        crawler, outcomes = await run_probe(settings, _urls(server.url))
        arrivals = list(server.arrivals)
    assert crawler.stats.get_value("finish_reason") == "sec_identity_refused"
    assert len(arrivals) == 1
    assert all(o.body is None for o in outcomes)


@deferred_f_from_coro_f
async def test_an_identity_page_after_accepted_answers_is_a_pause() -> None:
    paths = list(FILES)
    with scripted_server(FILES) as server:
        server.script(paths[1], Reply(403, UNDECLARED_PAGE))
        settings = politeness_settings(server.url, SEC_BLOCK_COOLDOWN=0.5, CONCURRENT_REQUESTS=1)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in paths])
    assert crawler.stats.get_value("finish_reason") == "finished"
    assert crawler.stats.get_value("sec/blocked") == 1
    assert sorted(o.body for o in outcomes) == [DOC] * 4


@deferred_f_from_coro_f
async def test_other_403s_reach_the_errback() -> None:
    with scripted_server(FILES) as server:
        server.script(list(FILES)[0], Reply(403, b"<html>Forbidden</html>"))
        crawler, outcomes = await run_probe(politeness_settings(server.url), _urls(server.url)[:1])
    (outcome,) = outcomes
    assert outcome.body is None and outcome.failure.response.status == 403
    assert crawler.stats.get_value("sec/blocked") is None
