"""Verify middlewares: a body that is not whole is flagged for a retry and never reaches the spider.

Two positions on the response path (``process_response`` runs from high to low order numbers):

- ``IntactTransferMiddleware`` (595, before HttpCompressionMiddleware at 590): Scrapy's ``dataloss`` flag, the
  ``Content-Length`` against the bytes received, and gzip/deflate streams reaching their end (Scrapy's decoder
  silently keeps a truncated stream's beginning);
- ``CompleteBodyMiddleware`` (585, after decompression): submissions close their envelope, index files have the
  dashed line and end with a newline, JSON parses (:mod:`crawler.politeness.bodies`).

A problem adds the flag ``"edgar-incomplete: <reason>"`` to the response; ``BackoffRetryMiddleware`` (550) retries
it with back-off, or fails the request with ``IncompleteBodyError`` when it gives up. If that middleware is not
enabled, ``IncompleteBodyError`` is raised at once. Only 200 answers to non-HEAD requests are checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.http import Response as BinaryResponse
from scrapy.http import TextResponse

from crawler.errors import IncompleteBodyError
from crawler.middlewares.retry import INCOMPLETE_FLAG, BackoffRetryMiddleware, incomplete_detail
from crawler.politeness.bodies import content_problem, encoding_problem

if TYPE_CHECKING:
    from typing_extensions import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

_RETRY_PATH = f"{BackoffRetryMiddleware.__module__}.{BackoffRetryMiddleware.__qualname__}"


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
        if response.status != 200 or request.method == "HEAD" or incomplete_detail(response) is not None:
            return response
        problem = self.problem(response)
        if problem is None:
            return response
        self.crawler.stats.inc_value("edgar/verify/truncated")
        if not self.retry_enabled:
            raise IncompleteBodyError(f"{response.url}: {problem}")
        return response.replace(flags=[*response.flags, f"{INCOMPLETE_FLAG}{problem}"])

    def problem(self, response: Response) -> str | None:
        raise NotImplementedError


class IntactTransferMiddleware(_VerifyBase):
    """Checks the body as received (still encoded). Stat: ``edgar/verify/truncated``.

    An encoded text response is handed on as a plain ``Response``: Scrapy's decompression calls
    ``replace()``, which on a ``TextResponse`` guesses the charset of the *compressed* bytes
    (charset_normalizer, milliseconds per filing, and nobody reads that guess)."""

    def process_response(self, request: Request, response: Response) -> Response:
        response = super().process_response(request, response)
        if isinstance(response, TextResponse) and response.headers.get(b"Content-Encoding"):
            return BinaryResponse(**{name: getattr(response, name) for name in BinaryResponse.attributes})
        return response

    def problem(self, response: Response) -> str | None:
        if "dataloss" in response.flags:
            return "data loss: the connection closed before the declared length"
        declared = response.headers.get(b"Content-Length")
        if declared is not None and declared.isdigit() and int(declared) != len(response.body):
            return f"{len(response.body)} bytes received, Content-Length {int(declared)}"
        encoding = (response.headers.get(b"Content-Encoding") or b"").decode("latin-1")
        return encoding_problem(response.body, encoding, urlsplit(response.url).path)


class CompleteBodyMiddleware(_VerifyBase):
    """Checks the decoded body by file kind. Stat: ``edgar/verify/truncated``."""

    def problem(self, response: Response) -> str | None:
        return content_problem(urlsplit(response.url).path, response.body)
