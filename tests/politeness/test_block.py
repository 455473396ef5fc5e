from __future__ import annotations

import pytest

from crawler.politeness.block import Verdict, classify_response, is_missing

# The phrases of SEC's refusal pages, as quoted in public bug reports (joeyism/py-edgar#24, SECurityTr8Ker#2).
SEC_TITLE = b"<title>SEC.gov | Request Rate Threshold Exceeded</title>"
RATE_PAGE = b"<!DOCTYPE html>\n<html><head>" + SEC_TITLE + b"</head><body><h1>Request Rate Threshold Exceeded</h1>"
UNDECLARED_PAGE = (
    b"<html><head>" + SEC_TITLE + b"</head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1>"
    b"<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from "
    b"undeclared automated tools.</p><p>Please declare your traffic by updating your user agent to include company "
    b"specific information.</p></body></html>"
)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (403, RATE_PAGE, "rate_block"),
        (403, RATE_PAGE.upper(), "rate_block"),
        (429, b"", "rate_block"),
        (429, b"Too Many Requests", "rate_block"),
        (403, UNDECLARED_PAGE, "identity_refused"),
        (403, b"<html><body>Access Denied</body></html>", "forbidden"),
        (403, b"", "forbidden"),
        (200, UNDECLARED_PAGE, "identity_refused"),  # seen served with 200
        (200, b"  \n" + RATE_PAGE, "rate_block"),
        (200, b"<SEC-DOCUMENT>0000905148-04-002078.txt\n", "ok"),
        (304, b"", "ok"),
        (404, b"<html>Not Found</html>", "not_found"),
        (410, b"", "not_found"),
        (500, b"", "retryable"),
        (503, b"", "retryable"),
        (408, b"", "retryable"),
        (400, b"", "client_error"),
    ],
)
def test_classify_response(status: int, body: bytes, expected: str) -> None:
    assert classify_response(status, body) == expected


def test_a_filing_quoting_the_phrase_is_data() -> None:
    filing = b"<SEC-DOCUMENT>\n<TEXT>\nan article about the Request Rate Threshold Exceeded page\n</TEXT>"
    assert classify_response(200, filing) is Verdict.OK
    big_html = b"<html><body>" + b"x" * 300_000 + b"Request Rate Threshold Exceeded</body></html>"
    assert classify_response(200, big_html) is Verdict.OK


def test_verdicts_are_plain_strings() -> None:
    assert classify_response(429, b"") == "rate_block"
    assert isinstance(classify_response(200, b""), str)


@pytest.mark.parametrize(
    ("status", "body", "missing"),
    [
        (404, b"<html>Not Found</html>", True),
        (410, b"", True),
        (403, b"<html><body>Access Denied</body></html>", True),  # a quarter not yet published, a withdrawn file
        (403, RATE_PAGE, False),
        (403, UNDECLARED_PAGE, False),
        (429, b"", False),
        (500, b"", False),
        (200, b"<SEC-DOCUMENT>", False),
    ],
)
def test_is_missing(status: int, body: bytes, missing: bool) -> None:
    assert is_missing(status, body) is missing
