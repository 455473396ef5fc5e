"""Reading SEC's answers: is this a rate block, an identity refusal, a retryable fault or data?

Pure functions shared by the Scrapy middlewares and the helper session. SEC's block page is a 403 titled
``SEC.gov | Request Rate Threshold Exceeded``; its page for undeclared automated tools carries the same title plus
``Your Request Originates from an Undeclared Automated Tool``. Neither has ``Retry-After``; 429 is also reported.
Both pages have been seen with status 200 too, so a small HTML body carrying them is never taken for data.
"""

from __future__ import annotations

from enum import StrEnum

RATE_BLOCK_PHRASE = b"request rate threshold exceeded"
UNDECLARED_TOOL_PHRASES = (
    b"undeclared automated tool",
    b"declare your traffic",
)
_HEAD_BYTES = 16 * 1024  # the phrases sit in the title and first heading
_SMALL_HTML_BYTES = 256 * 1024  # a 200 answer larger than this is never taken for a block page
RETRYABLE_STATUSES = frozenset({408, 500, 502, 503, 504, 522, 524})


class Verdict(StrEnum):
    """What an HTTP answer means for the caller (values are plain strings)."""

    OK = "ok"  # 2xx/3xx: data (or a redirect / not-modified)
    RATE_BLOCK = "rate_block"  # SEC's rate block: pause everything, retry after the cooldown
    IDENTITY_REFUSED = "identity_refused"  # SEC's undeclared-automated-tool page
    FORBIDDEN = "forbidden"  # any other 403
    NOT_FOUND = "not_found"  # 404/410: a normal answer (weekends have no daily index)
    RETRYABLE = "retryable"  # 408/5xx: retry with back-off
    CLIENT_ERROR = "client_error"  # other 4xx: do not retry


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip()[:32].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def block_page_kind(body: bytes) -> Verdict | None:
    """``IDENTITY_REFUSED`` or ``RATE_BLOCK`` when ``body`` is one of SEC's refusal pages, else None."""
    head = body[:_HEAD_BYTES].lower()
    if any(phrase in head for phrase in UNDECLARED_TOOL_PHRASES):
        return Verdict.IDENTITY_REFUSED
    if RATE_BLOCK_PHRASE in head:
        return Verdict.RATE_BLOCK
    return None


def classify_response(status: int, body: bytes) -> Verdict:
    """Classify an answer by status and (decoded) body; see :class:`Verdict`.

    >>> classify_response(403, b"<title>SEC.gov | Request Rate Threshold Exceeded</title>")
    <Verdict.RATE_BLOCK: 'rate_block'>
    >>> classify_response(403, b"<html>Access denied</html>")
    <Verdict.FORBIDDEN: 'forbidden'>
    """
    if status == 429:
        return Verdict.RATE_BLOCK
    if status == 403:
        return block_page_kind(body) or Verdict.FORBIDDEN
    if 200 <= status < 400:
        if len(body) <= _SMALL_HTML_BYTES and _looks_like_html(body[:_HEAD_BYTES]):
            return block_page_kind(body) or Verdict.OK
        return Verdict.OK
    if status in (404, 410):
        return Verdict.NOT_FOUND
    if status in RETRYABLE_STATUSES or status >= 500:
        return Verdict.RETRYABLE
    return Verdict.CLIENT_ERROR


def is_missing(status: int, body: bytes) -> bool:
    """True for an answer saying the path is not there (yet): 404/410, or a 403 that is none of SEC's refusal pages.

    >>> is_missing(403, b"<html><h1>Forbidden</h1></html>"), is_missing(403, b"Request Rate Threshold Exceeded")
    (True, False)
    """
    return classify_response(status, body) in (Verdict.NOT_FOUND, Verdict.FORBIDDEN)
