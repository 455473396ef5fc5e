"""Uuencoded documents: decoded size/sha256 against binascii's own encoder, damaged lines, big inputs."""

from __future__ import annotations

import binascii
import hashlib
import random

import pytest

from crawler.edgar.filing import parse_filing
from crawler.edgar.uuencode import find_begin, uudecode, uudecode_digest
from tests.edgar.builders import document, minimal_submission


def uuencode(payload: bytes, name: str = "file.pdf", newline: bytes = b"\n") -> bytes:
    """Standard uuencoding written with binascii.b2a_uu (45 bytes a line), independent of the decoder."""
    lines = [b"begin 644 " + name.encode()]
    lines += [binascii.b2a_uu(payload[i : i + 45]).rstrip(b"\n") for i in range(0, len(payload), 45)]
    lines += [b"`", b"end"]
    return newline.join(lines)


def _digest(text: bytes):
    begin = find_begin(text, 0, len(text))
    assert begin is not None
    return begin, uudecode_digest(text, begin, len(text))


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_roundtrip_any_line_break(newline: bytes) -> None:
    payload = random.Random(7).randbytes(10_000)
    text = b"<PDF>" + newline + uuencode(payload, "deal.pdf", newline) + newline + b"</PDF>"
    begin, digest = _digest(text)
    assert (begin.mode, begin.name) == ("644", "deal.pdf")
    assert (digest.size, digest.sha256, digest.bad_lines, digest.complete) == (
        len(payload), hashlib.sha256(payload).hexdigest(), 0, True)
    assert uudecode(text, begin, len(text)) == payload


def test_bad_lines_are_skipped_and_counted() -> None:
    payload = bytes(range(256)) * 4
    lines = uuencode(payload).split(b"\n")
    lines[3] = b"M\x01\x02garbage that is not uuencoded at all {{{{"
    _, digest = _digest(b"\n".join(lines))
    assert digest.bad_lines == 1
    assert digest.size == len(payload) - 45  # one 45-byte line lost, the rest kept


def test_truncated_encoding_has_no_end_line() -> None:
    payload = random.Random(3).randbytes(4_500)
    text = uuencode(payload)
    cut = text[: len(text) // 2]
    _, digest = _digest(cut)
    assert digest.complete is False
    assert payload.startswith(uudecode(cut, find_begin(cut, 0, len(cut)), len(cut))[: digest.size - 45])


def test_no_begin_line_means_text() -> None:
    assert find_begin(b"just text\nbegin the story here", 0, 30) is None
    assert find_begin(b"x" * 2000 + b"\nbegin 644 late.bin\n", 0, 2030) is None  # only the top of a text counts


def test_uuencoded_document_in_a_filing() -> None:
    payload = random.Random(11).randbytes(100_000)
    docs = document("8-K", 1, "Item 8.01 Other Events", "main.txt") + document(
        "PDF", 2, uuencode(payload, "report.pdf"), "report.pdf")
    filing = parse_filing(minimal_submission("", documents=docs))
    pdf = filing.documents[1]
    assert filing.errors == []
    assert (pdf.encoding, pdf.decoded_size, pdf.decoded_sha256) == (
        "uuencoded", len(payload), hashlib.sha256(payload).hexdigest())
    assert filing.documents[0].encoding == "text" and filing.documents[0].decoded_size is None


@pytest.mark.slow
def test_hundred_megabyte_uuencoded_document() -> None:
    payload = random.Random(5).randbytes(75_000_000)  # ~101 MB once encoded
    docs = document("8-K", 1, "Item 8.01 Other Events", "main.txt") + document("ZIP", 2, uuencode(payload, "big.zip"))
    data = minimal_submission("", documents=docs)
    assert len(data) > 100_000_000
    filing = parse_filing(data)
    big = filing.documents[1]
    assert filing.errors == []
    assert (big.decoded_size, big.decoded_sha256) == (len(payload), hashlib.sha256(payload).hexdigest())
    assert big.size == len(data) - len(minimal_submission("", documents=docs[: docs.index(b"<DOCUMENT>", 10)])) \
        - len(b"<DOCUMENT>\n<TYPE>ZIP\n<SEQUENCE>2\n<TEXT>\n\n</TEXT>\n</DOCUMENT>\n")
