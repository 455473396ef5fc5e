from __future__ import annotations

import gzip

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.http import Response, TextResponse
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


def _scrapy_decompression(**overrides: object) -> HttpCompressionMiddleware:
    crawler = get_crawler(settings_dict=politeness_settings("http://127.0.0.1:1", **overrides))
    crawler.stats.open_spider()
    return HttpCompressionMiddleware.from_crawler(crawler)


@pytest.mark.parametrize("content_type", [b"text/plain", b"application/json", None])
def test_a_whole_encoded_body_leaves_decoded_as_scrapy_would_have_decoded_it(content_type: bytes | None) -> None:
    headers = {"Content-Encoding": "gzip", "Content-Length": str(len(gzip.compress(FILING)))}
    if content_type:
        headers["Content-Type"] = content_type.decode()
    ours, scrapys = _middleware(IntactTransferMiddleware), _scrapy_decompression()
    checked = ours.process_response(_answer(b"").request, _answer(gzip.compress(FILING), headers=headers))
    expected = scrapys.process_response(_answer(b"").request, _answer(gzip.compress(FILING), headers=headers))
    assert checked.body == FILING
    assert b"Content-Encoding" not in checked.headers
    assert type(checked) is type(expected)
    assert checked.headers == expected.headers
    assert scrapys.process_response(checked.request, checked) is checked  # nothing left to decompress
    for key in ("httpcompression/response_count", "httpcompression/response_bytes"):
        assert ours.crawler.stats.get_value(key) == scrapys.stats.get_value(key)


def test_without_scrapy_decompression_the_body_stays_encoded() -> None:
    middleware = _middleware(IntactTransferMiddleware, COMPRESSION_ENABLED=False)
    response = _answer(gzip.compress(FILING), headers={"Content-Encoding": "gzip"})
    assert middleware.process_response(response.request, response).body == gzip.compress(FILING)


def test_a_body_decoding_beyond_download_maxsize_is_left_to_scrapy() -> None:
    middleware = _middleware(IntactTransferMiddleware, DOWNLOAD_MAXSIZE=len(FILING) - 1)
    response = _answer(gzip.compress(FILING), headers={"Content-Encoding": "gzip", "Content-Type": "text/plain"})
    checked = middleware.process_response(response.request, response)
    assert checked.body == gzip.compress(FILING) and incomplete_detail(checked) is None
    assert not isinstance(checked, TextResponse)  # Scrapy's replace() must not guess the charset of gzip bytes
