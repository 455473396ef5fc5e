from __future__ import annotations

import gzip

from scrapy.exceptions import ResponseDataLossError
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import deferred_f_from_coro_f

from crawler.errors import IncompleteBodyError
from tests.middlewares.probe import politeness_settings, run_probe
from tests.politeness.scripted_server import CutShort, Reply, Reset, scripted_server

FILING = b"<SEC-DOCUMENT>0000905148-04-002078.txt : 20040406\n" + b"text line\n" * 2000 + b"</SEC-DOCUMENT>\n"
PATH = "/Archives/edgar/data/1269518/0000905148-04-002078.txt"
INDEX = b"Description: Daily Index\n\nForm Type   Company Name\n" + b"-" * 80 + b"\n8-K  CWALT INC  1269518\n"
INDEX_PATH = "/Archives/edgar/daily-index/2004/QTR2/form.20040406.idx"
GZIP = (("Content-Encoding", "gzip"),)


@deferred_f_from_coro_f
async def test_faults_are_retried_with_backoff_until_the_body_is_whole() -> None:
    packed = gzip.compress(FILING)
    with scripted_server({PATH: FILING, INDEX_PATH: INDEX}) as server:
        server.script(
            PATH,
            Reply(503, b"busy"),
            Reset(FILING),
            CutShort(FILING),
            Reply(200, FILING[: len(FILING) // 2]),  # a complete HTTP answer with half a filing
            Reply(200, packed[: len(packed) // 2], GZIP),  # a gzip stream cut short, length consistent
        )
        server.script(INDEX_PATH, Reply(200, INDEX[:-10]))
        settings = politeness_settings(server.url, RETRY_TIMES=5)
        crawler, outcomes = await run_probe(settings, [server.url + PATH, server.url + INDEX_PATH])
        answered = [a.path for a in server.arrivals]
    stats = crawler.stats
    assert sorted(o.body for o in outcomes) == sorted([FILING, INDEX])  # only whole bodies reached the spider
    assert answered.count(PATH) == 6 and answered.count(INDEX_PATH) == 2
    assert stats.get_value("retry/count") == 6
    assert stats.get_value("edgar/verify/truncated") == 3
    assert stats.get_value("retry/reason_count/incomplete_body") == 3
    assert stats.get_value("edgar/retry/backoff_seconds") > 0
    assert stats.get_value("edgar/ratelimit/backoff_seconds") > 0  # retries waited for their not-before time


@deferred_f_from_coro_f
async def test_giving_up_reaches_the_errback() -> None:
    paths = ["/Archives/edgar/data/1/a.txt", "/Archives/edgar/data/1/b.txt", "/Archives/edgar/data/1/c.txt"]
    with scripted_server({path: FILING for path in paths}) as server:
        server.script(paths[0], *[Reply(500, b"down")] * 3)
        server.script(paths[1], *[Reply(200, FILING[:100])] * 3)
        server.script(paths[2], *[CutShort(FILING)] * 3)
        settings = politeness_settings(server.url, RETRY_TIMES=2)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in paths])
        attempts = [a.path for a in server.arrivals]
    failures = {o.url.rsplit("/", 1)[1]: o.failure for o in outcomes}
    assert all(o.body is None for o in outcomes)
    assert isinstance(failures["a.txt"], HttpError) and failures["a.txt"].response.status == 500
    assert isinstance(failures["b.txt"], IncompleteBodyError)
    assert isinstance(failures["c.txt"], ResponseDataLossError)
    assert all(attempts.count(path) == 3 for path in paths)  # the first try and RETRY_TIMES=2 retries
    assert crawler.stats.get_value("retry/max_reached") == 3


@deferred_f_from_coro_f
async def test_an_exhausted_budget_stops_retrying() -> None:
    paths = [f"/Archives/edgar/data/1/{n}.txt" for n in range(5)]
    with scripted_server({path: FILING for path in paths}) as server:
        for path in paths:
            server.script(path, Reply(503, b"down"), Reply(503, b"down"))
        settings = politeness_settings(server.url, RETRY_BUDGET_MIN=2, RETRY_BUDGET_RATIO=0.0, CONCURRENT_REQUESTS=1)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in paths])
        arrivals = len(server.arrivals)
    assert crawler.stats.get_value("retry/count") == 2
    assert crawler.stats.get_value("edgar/retry/budget_exhausted") >= 1
    assert arrivals == 5 + 2
    assert sum(o.body is None for o in outcomes) >= 3
