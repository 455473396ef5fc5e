from __future__ import annotations

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from crawler.errors import ConfigError
from tests.middlewares.probe import politeness_settings, run_probe
from tests.politeness.scripted_server import Reply, peak_in_window, scripted_server

DOC = b"<SEC-DOCUMENT>x\nfiling text\n</SEC-DOCUMENT>\n"


@deferred_f_from_coro_f
async def test_two_host_names_share_one_cap() -> None:
    files = {f"/Archives/edgar/data/1/{n}.txt": DOC for n in range(30)}
    with scripted_server(files) as server:
        port = server.port
        urls = [f"http://{'127.0.0.1' if n % 2 else 'localhost'}:{port}/Archives/edgar/data/1/{n}.txt" for n in range(30)]
        settings = politeness_settings(server.url, EDGAR_RATE=10.0)
        crawler, outcomes = await run_probe(settings, urls)
        arrivals = list(server.arrivals)
    assert sorted(outcome.body for outcome in outcomes) == [DOC] * 30
    assert {arrival.host.split(":")[0] for arrival in arrivals} == {"127.0.0.1", "localhost"}
    assert len(arrivals) == 30
    assert peak_in_window([arrival.at for arrival in arrivals], 1.0) <= 10
    assert crawler.stats.get_value("edgar/ratelimit/waits") > 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"USER_AGENT": None}, "User-Agent"),
        ({"USER_AGENT": "Scrapy/2.19 (+https://scrapy.org)"}, "e-mail"),
        ({"EDGAR_RATE": 12.0}, "exceeds"),
    ],
)
@deferred_f_from_coro_f
async def test_sec_targets_need_a_declared_identity_and_a_legal_rate(overrides: dict, message: str) -> None:
    settings = politeness_settings("https://www.sec.gov", EDGAR_DATA_URL="https://data.sec.gov", **overrides)
    with pytest.raises(ConfigError, match=message) as raised:
        await run_probe(settings, ["https://www.sec.gov/Archives/edgar/data/1/never-requested.txt"])
    if "USER_AGENT" in overrides:
        assert "-s USER_AGENT=" in str(raised.value) and "EDGAR_USER_AGENT" in str(raised.value)


@deferred_f_from_coro_f
async def test_a_mirror_target_needs_no_declared_identity() -> None:
    with scripted_server({"/a.txt": b"ok"}) as server:
        settings = politeness_settings(server.url, USER_AGENT=None)
        crawler, outcomes = await run_probe(settings, [server.url + "/a.txt"])
    assert [outcome.body for outcome in outcomes] == [b"ok"]


@deferred_f_from_coro_f
async def test_a_send_answered_later_than_usual_is_charged_again() -> None:
    from crawler.politeness.rate_store import limiter_from_settings

    paths = [f"/Archives/edgar/data/1/{n}.txt" for n in range(12)]
    with scripted_server(dict.fromkeys(paths, DOC)) as server:
        server.script(paths[-1], Reply(200, DOC, delay=0.4))  # the last send: as if its connection were slow
        settings = politeness_settings(server.url, EDGAR_RATE=10.0, CONCURRENT_REQUESTS=1,
                                       CONCURRENT_REQUESTS_PER_DOMAIN=1)
        crawler, outcomes = await run_probe(settings, [server.url + path for path in paths])
        slow = next(arrival for arrival in server.arrivals if arrival.path == paths[-1])
    assert [o.body for o in outcomes] == [DOC] * 12
    limiter = limiter_from_settings(crawler.settings)
    # charged when its answer came (>= 0.4 s after it arrived): the schedule moved one interval past it (less the
    # catch-up any grant gets: limiter.SpacingRule)
    assert limiter.budget.tat >= slow.at + 0.4 - limiter.rule.catch_up + limiter.rule.interval
    assert crawler.stats.get_value("edgar/ratelimit/late_sends") >= 2  # and the first answer, always
