from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.politeness.bodies import (
    content_problem,
    decode_body,
    deflate_problem,
    encoding_problem,
    gzip_problem,
    index_problem,
    json_problem,
    submission_problem,
)
from tests.fixtures.samples import sample

WHOLE_SUBMISSIONS = [
    "0000943374-24-000509.txt",  # <SEC-DOCUMENT> ... </SEC-DOCUMENT>
    "0000950129-95-001652.txt",  # PEM-wrapped
    "0001011438-98-000429.txt",  # PEM-wrapped
    "0000929638-25-000114.nc",  # <SUBMISSION>, CR line ends
    "0000899681-95-000096.txt",  # starts at <DOCUMENT>
    "1990sheader.txt",  # header only, closed
]
INDEXES = ["form.20200318.idx", "company.20221003.idx", "master.20181231.idx", "empty-form.idx", "master.idx"]


@pytest.mark.parametrize("name", WHOLE_SUBMISSIONS)
def test_real_submissions_are_whole(name: str) -> None:
    assert submission_problem(sample("submissions", name).read_bytes()) is None


@pytest.mark.parametrize("name", WHOLE_SUBMISSIONS)
def test_cut_submissions_are_caught(name: str) -> None:
    body = sample("submissions", name).read_bytes()
    tag = next(tag for tag in (b"<SEC-DOCUMENT>", b"<SUBMISSION>", b"<DOCUMENT>") if tag in body)
    opened = body.index(tag) + len(tag)  # cuts before the envelope opens are not judged (nothing to close)
    end = len(body.rstrip())
    for cut in (0, opened, len(body) // 3, len(body) // 2, end - 40, end - 1):
        assert submission_problem(body[:cut]) is not None, cut


def test_cut_between_envelope_and_pem_trailer_is_caught() -> None:
    body = sample("submissions", "0000950129-95-001652.txt").read_bytes()
    cut = body.rindex(b"</SEC-DOCUMENT>") + len(b"</SEC-DOCUMENT>")
    assert "PEM" in (submission_problem(body[:cut]) or "")


def test_a_body_opening_no_envelope_is_not_judged() -> None:
    assert submission_problem(sample("submissions", "MultipleFilersHeader.txt").read_bytes()) is None


@pytest.mark.parametrize("name", INDEXES)
def test_real_indexes_are_whole_and_cuts_are_caught(name: str) -> None:
    body = sample("index", name).read_bytes()
    assert index_problem(body) is None
    assert index_problem(body[: body.index(b"---")]) is not None  # header only, no dashed line
    assert index_problem(body.rstrip()) is None  # a whole last row without its newline is complete
    last_row_start = body.rstrip().rfind(b"\n") + 1
    if b"edgar/data/" in body[last_row_start:]:
        assert index_problem(body.rstrip()[:-5]) is not None  # a row cut inside its file name
        assert index_problem(body[: last_row_start + 20]) is not None  # a row cut after 20 bytes


def test_json_pages() -> None:
    body = sample("pages", "CIK0000320193.json").read_bytes()
    assert json_problem(body) is None
    assert json_problem(body[: len(body) // 2]) is not None
    assert json_problem(body.rstrip()[:-1]) is not None


def test_content_problem_dispatches_on_the_path() -> None:
    cut = b"<SEC-DOCUMENT>0000905148-04-002078.txt : 20040406\nstart of text"
    assert content_problem("/Archives/edgar/data/1269518/0000905148-04-002078.txt", cut) is not None
    assert content_problem("/Archives/edgar/daily-index/2004/QTR2/form.20040406.idx", b"no dashes\n") is not None
    assert content_problem("/Archives/edgar/daily-index/2004/QTR2/index.json", b'{"directory": ') is not None
    assert content_problem("/submissions/CIK0001269518.json", b'{"cik": "1269518"}') is None
    assert content_problem("/Archives/edgar/data/1269518/x-index.htm", cut) is None  # not judged


FILING = (
    b"<SEC-DOCUMENT>x\n"
    + "".join(f"line {n} of the filing, value {n * 7919 % 10007}\n" for n in range(5000)).encode()
    + b"</SEC-DOCUMENT>\n"
)


def test_gzip_whole_truncated_corrupt_and_multi_member() -> None:
    packed = gzip.compress(FILING)
    assert gzip_problem(packed) is None
    assert gzip_problem(packed + gzip.compress(b"second member")) is None
    assert gzip_problem(packed[:-4]) is not None  # size trailer missing
    assert gzip_problem(packed[: len(packed) // 2]) is not None
    broken = bytearray(packed)
    broken[len(broken) // 2] ^= 0xFF
    assert gzip_problem(bytes(broken)) is not None


PACKED = gzip.compress(FILING)


@given(cut=st.integers(min_value=0, max_value=len(PACKED) - 1))
@settings(max_examples=60)
def test_every_gzip_prefix_is_caught(cut: int) -> None:
    assert gzip_problem(PACKED[:cut]) is not None


def test_deflate_zlib_and_raw() -> None:
    wrapped = zlib.compress(FILING)
    raw = zlib.compressobj(wbits=-15)
    raw_stream = raw.compress(FILING) + raw.flush()
    assert deflate_problem(wrapped) is None
    assert deflate_problem(raw_stream) is None
    assert deflate_problem(wrapped[: len(wrapped) // 2]) is not None
    assert deflate_problem(raw_stream[: len(raw_stream) // 2]) is not None


def test_encoding_problem_by_header_or_gz_path() -> None:
    packed = gzip.compress(FILING)
    cut = packed[: len(packed) // 2]
    assert encoding_problem(cut, "gzip", "/Archives/edgar/data/1/a.txt") is not None
    assert encoding_problem(cut, "", "/Archives/edgar/full-index/2004/QTR2/form.idx.gz") is not None
    assert encoding_problem(cut, "", "/Archives/edgar/data/1/a.txt") is None  # not declared compressed
    assert encoding_problem(FILING, "identity", "/x") is None


def test_decoding_returns_the_bytes_packed_in_the_same_pass_that_checks_them() -> None:
    raw = zlib.compressobj(wbits=-15)
    second = b"second member\n"
    assert decode_body(gzip.compress(FILING), "gzip", "/a.txt").body == FILING
    assert decode_body(gzip.compress(FILING) + gzip.compress(second), "x-gzip", "/a.txt").body == FILING + second
    assert decode_body(gzip.compress(FILING) + b"\0\0junk", "gzip", "/a.txt").body == FILING  # trailing bytes
    assert decode_body(zlib.compress(FILING), "deflate", "/a.txt").body == FILING
    assert decode_body(raw.compress(FILING) + raw.flush(), "Deflate ", "/a.txt").body == FILING


def test_a_body_is_not_decoded_when_not_whole_too_big_or_not_encoded_here() -> None:
    packed = gzip.compress(FILING)
    cut = decode_body(packed[: len(packed) // 2], "gzip", "/a.txt")
    assert cut.body is None and cut.problem is not None
    big = decode_body(packed, "gzip", "/a.txt", max_size=len(FILING) - 1)  # left to Scrapy, which refuses it
    assert big.body is None and big.problem is None
    assert decode_body(packed, "gzip", "/a.txt", max_size=len(FILING)).body == FILING
    assert decode_body(packed, "gzip", "/a.txt", max_size=None).body is None  # only checked
    assert decode_body(packed, "gzip, gzip", "/a.txt").body is None  # a chain of encodings: Scrapy's
    served_as_is = decode_body(packed[:-4], "", "/Archives/edgar/full-index/2004/QTR2/form.idx.gz")
    assert served_as_is.body is None and served_as_is.problem is not None
    assert decode_body(FILING, "", "/a.txt") == decode_body(FILING, "identity", "/a.txt")
    assert decode_body(FILING, "", "/a.txt").body is None


@given(size=st.integers(min_value=0, max_value=3 * 1024 * 1024 + 17))
@settings(max_examples=8, deadline=None)
def test_decoding_across_output_chunks(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert decode_body(gzip.compress(data, compresslevel=1), "gzip", "/a.txt").body == data
