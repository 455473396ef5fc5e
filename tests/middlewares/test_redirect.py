from __future__ import annotations

import logging

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

import crawler.settings as project
from tests.middlewares.probe import politeness_settings, run_probe
from tests.politeness.scripted_server import Reply, scripted_server

DOC = b"<SEC-DOCUMENT>x\nfiling text\n</SEC-DOCUMENT>\n"
MOVED = "/Archives/edgar/data/1/moved.txt"
TARGET = "/Archives/edgar/data/1/target.txt"


def _project_settings(url: str) -> dict[str, object]:
    """The project's middleware settings, spider middlewares and meta refresh switch included."""
    return politeness_settings(url, SPIDER_MIDDLEWARES=project.SPIDER_MIDDLEWARES,
                               METAREFRESH_ENABLED=project.METAREFRESH_ENABLED)


@deferred_f_from_coro_f
async def test_a_redirect_is_followed_without_a_referer(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with scripted_server({TARGET: DOC}) as server:
        server.script(MOVED, Reply(301, b"", headers=(("Location", server.url + TARGET),)))
        _, outcomes = await run_probe(_project_settings(server.url), [server.url + MOVED])
        arrivals = list(server.arrivals)
    assert [o.body for o in outcomes] == [DOC]
    assert [(a.path, a.status) for a in arrivals] == [(MOVED, 301), (TARGET, 200)]
    assert "referer" not in arrivals[1].headers


@deferred_f_from_coro_f
async def test_the_project_settings_log_no_referer_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with scripted_server({TARGET: DOC}) as server:
        await run_probe(_project_settings(server.url), [server.url + TARGET])
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [w for w in warnings if "Referer" in w or "Redirect" in w], warnings


@deferred_f_from_coro_f
async def test_a_meta_refresh_is_not_followed() -> None:
    page = b'<html><head><meta http-equiv="refresh" content="0; url=/elsewhere"></head></html>'
    with scripted_server() as server:
        server.script(TARGET, Reply(200, page, headers=(("Content-Type", "text/html"),)))
        _, outcomes = await run_probe(_project_settings(server.url), [server.url + TARGET])
        paths = server.paths()
    assert paths == [TARGET]
    assert [o.body for o in outcomes] == [page]
