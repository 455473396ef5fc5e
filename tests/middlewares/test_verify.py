from __future__ import annotations

import gzip

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.errors import IncompleteBodyError
from crawler.middlewares.retry import incomplete_detail
from crawler.middlewares.verify import CompleteBodyMiddleware, IntactTransferMiddleware
from tests.middlewares.probe import politeness_settings

URL = "http://127.0.0.1:1/Archives/edgar/data/1/0000905148-04-002078.txt"
FILING = b"<SEC-DOCUMENT>x\n" + b"".join(b"line %d\n" % n for n in range(3000)) + b"</SEC-DOCUMENT>\n"


def _middleware(cls: type, **overrides: object) -> IntactTransferMiddleware | CompleteBodyMiddleware:
    crawler = get_crawler(settings_dict=politeness_settings("http://127.0.0.1:1", **overrides))
    crawler.stats.open_spider()
    return cls.from_crawler(crawler)


def _answer(body: bytes, *, status: int = 200, headers: dict | None = None, flags: list | None = None) -> Response:
    return Response(URL, status=status, body=body, headers=headers or {}, flags=flags or [], request=Request(URL))


@pytest.mark.parametrize(
    ("body", "headers", "flags", "incomplete"),
    [
        (gzip.compress(FILING), {"Content-Encoding": "gzip"}, [], False),
        (gzip.compress(FILING)[:-8], {"Content-Encoding": "gzip"}, [], True),
        (FILING, {"Content-Length": str(len(FILING))}, [], False),
        (FILING, {"Content-Length": str(len(FILING) + 10)}, [], True),
        (FILING, {}, ["dataloss"], True),
    ],
)
def test_transfer_checks_run_on_the_encoded_body(body: bytes, headers: dict, flags: list, incomplete: bool) -> None:
    middleware = _middleware(IntactTransferMiddleware)
    response = _answer(body, headers=headers, flags=flags)
    checked = middleware.process_response(response.request, response)
    assert (incomplete_detail(checked) is not None) is incomplete
    assert middleware.crawler.stats.get_value("edgar/verify/truncated") == (1 if incomplete else None)


def test_only_200_answers_to_gets_are_judged() -> None:
    middleware = _middleware(CompleteBodyMiddleware)
    for response in (_answer(FILING[:50], status=404), _answer(FILING[:50], status=304)):
        assert middleware.process_response(response.request, response) is response
    head = Request(URL, method="HEAD")
    assert middleware.process_response(head, _answer(b"")).flags == []


def test_without_the_backoff_retry_an_incomplete_body_fails_at_once() -> None:
    middleware = _middleware(CompleteBodyMiddleware, RETRY_ENABLED=False)
    response = _answer(FILING[:100])
    with pytest.raises(IncompleteBodyError):
        middleware.process_response(response.request, response)
