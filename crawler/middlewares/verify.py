"""Verify middlewares: a body that is not whole is flagged for a retry and never reaches the spider.

Two positions on the response path (``process_response`` runs from high to low order numbers):

- ``IntactTransferMiddleware`` (595, before HttpCompressionMiddleware at 590): Scrapy's ``dataloss`` flag, the
  ``Content-Length`` against the bytes received, and gzip/deflate streams reaching their end (Scrapy's decoder
  silently keeps a truncated stream's beginning). The pass that checks a stream also decodes it, so a whole
  gzip/deflate body leaves decoded (as Scrapy's middleware would have done: same response class, headers and
  ``httpcompression/*`` stats) and is not decompressed a second time;
- ``CompleteBodyMiddleware`` (585, after decompression): submissions close their envelope, index files have the
  dashed line and end with a newline, JSON parses (:mod:`crawler.politeness.bodies`).

A problem adds the flag ``"edgar-incomplete: <reason>"`` to the response; ``BackoffRetryMiddleware`` (550) retries
it with back-off, or fails the request with ``IncompleteBodyError`` when it gives up. If that middleware is not
enabled, ``IncompleteBodyError`` is raised at once. Only 200 answers to non-HEAD requests are checked.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.http import Response as BinaryResponse
from scrapy.http import TextResponse
from scrapy.responsetypes import responsetypes

from crawler.errors import IncompleteBodyError
from crawler.middlewares.retry import INCOMPLETE_FLAG, BackoffRetryMiddleware, incomplete_detail
from crawler.politeness.bodies import content_problem, decode_body

if TYPE_CHECKING:
    from typing_extensions import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

_RETRY_PATH = f"{BackoffRetryMiddleware.__module__}.{BackoffRetryMiddleware.__qualname__}"
_COMPRESSION_PATH = "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"


def _retry_enabled(crawler: Crawler) -> bool:
    settings = crawler.settings
    middlewares = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    return settings.getbool("RETRY_ENABLED") and middlewares.get(_RETRY_PATH) is not None


class _VerifyBase:
    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("EDGAR_VERIFY_BODIES", True):
            raise NotConfigured
        self.crawler = crawler
        self.retry_enabled = _retry_enabled(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not self.judged(request, response):
            return response
        problem = self.problem(response)
        return response if problem is None else self.flagged(response, problem)

    @staticmethod
    def judged(request: Request, response: Response) -> bool:
        return response.status == 200 and request.method != "HEAD" and incomplete_detail(response) is None

    def flagged(self, response: Response, problem: str) -> Response:
        self.crawler.stats.inc_value("edgar/verify/truncated")
        if not self.retry_enabled:
            raise IncompleteBodyError(f"{response.url}: {problem}")
        return response.replace(flags=[*response.flags, f"{INCOMPLETE_FLAG}{problem}"])

    def problem(self, response: Response) -> str | None:
        raise NotImplementedError


class IntactTransferMiddleware(_VerifyBase):
    """Checks the body as received (still encoded), decoding it in the same pass. Stat: ``edgar/verify/truncated``.

    An encoded text response left to Scrapy's decompression is handed on as a plain ``Response``: that
    middleware calls ``replace()``, which on a ``TextResponse`` guesses the charset of the *compressed* bytes
    (charset_normalizer, milliseconds per filing, and nobody reads that guess)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.decodes = settings.getbool("COMPRESSION_ENABLED") and \
            settings.getwithbase("DOWNLOADER_MIDDLEWARES").get(_COMPRESSION_PATH) is not None
        self.max_size = settings.getint("DOWNLOAD_MAXSIZE")
        self.warn_size = settings.getint("DOWNLOAD_WARNSIZE")

    def process_response(self, request: Request, response: Response) -> Response:
        if not self.judged(request, response):
            return _plain(response)
        problem = self.transfer_problem(response)
        decoded = None
        if problem is None:
            encoding = (response.headers.get(b"Content-Encoding") or b"").decode("latin-1")
            max_size = request.meta.get("download_maxsize", self.max_size) if self.decodes else None
            result = decode_body(response.body, encoding, urlsplit(response.url).path, max_size)
            problem, decoded = result.problem, result.body
        if problem is not None:
            return _plain(self.flagged(response, problem))
        if decoded is None:
            return _plain(response)
        return self.decoded(request, response, decoded)

    @staticmethod
    def transfer_problem(response: Response) -> str | None:
        if "dataloss" in response.flags:
            return "data loss: the connection closed before the declared length"
        declared = response.headers.get(b"Content-Length")
        if declared is not None and declared.isdigit() and int(declared) != len(response.body):
            return f"{len(response.body)} bytes received, Content-Length {int(declared)}"
        return None

    def decoded(self, request: Request, response: Response, body: bytes) -> Response:
        """The response HttpCompressionMiddleware would have made of the whole encoded ``response``."""
        warn_size = request.meta.get("download_warnsize", self.warn_size)
        if len(response.body) < warn_size <= len(body):
            logger.warning("%s body size after decompression (%d B) is larger than the download warning size "
                           "(%d B).", response, len(body), warn_size)
        stats = self.crawler.stats
        stats.inc_value("httpcompression/response_bytes", len(body))
        stats.inc_value("httpcompression/response_count")
        headers = response.headers  # changed in place, as HttpCompressionMiddleware does: the encoded one is dropped
        del headers[b"Content-Encoding"]
        cls = responsetypes.from_args(headers=headers, url=response.url, body=body)
        return cls(url=response.url, status=response.status, headers=headers, body=body, flags=response.flags,
                   request=response.request, certificate=response.certificate, ip_address=response.ip_address,
                   protocol=response.protocol)


def _plain(response: Response) -> Response:
    if isinstance(response, TextResponse) and response.headers.get(b"Content-Encoding"):
        return BinaryResponse(**{name: getattr(response, name) for name in BinaryResponse.attributes})
    return response


class CompleteBodyMiddleware(_VerifyBase):
    """Checks the decoded body by file kind. Stat: ``edgar/verify/truncated``."""

    def problem(self, response: Response) -> str | None:
        return content_problem(urlsplit(response.url).path, response.body)
