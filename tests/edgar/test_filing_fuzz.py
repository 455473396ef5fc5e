"""parse_filing never raises and stays fast on hostile input: random bytes, mutated real samples, truncations."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.edgar.filing import ParsedFiling, parse_filing
from tests.edgar.builders import document, seed_submission
from tests.fixtures.samples import sample, seed_text

SAMPLES = ("0001011438-98-000429.txt", "0000943374-24-000509.txt", "0000929638-25-000114.nc",
           "0000950129-95-001652.txt", "0000899681-95-000096.txt", "MultipleFilersHeader.txt", "1990sheader.txt")
TOKENS = [
    b"<DOCUMENT>", b"</DOCUMENT>", b"<TEXT>", b"</TEXT>", b"<TYPE>EX-99.2\n", b"<SEQUENCE>x\n", b"<SEC-HEADER>",
    b"</SEC-HEADER>", b"<SUBMISSION>", b"<FILER>", b"</FILER>", b"FILER:\n", b"\tCOMPANY DATA:\n",
    b"<FILENAME>../../etc/passwd\n", b"begin 644 x.bin\n", b"\nend\n", b"M" * 61 + b"\n", b"\x00", b"\xff\xfe",
    b"\r", b"\r\n", b"Form SE dated April 8, 2004", b"(P)", b"Item 8.1", b"ITEM INFORMATION:\t\t",
    b"<ACCEPTANCE-DATETIME>2004", b"CENTRAL INDEX KEY:\t99999999999999999999\n", b"<PAPER>", b"\n\n",
    b"CENTRAL INDEX KEY:\t\xb2\xb3\n", b"<SEQUENCE>\xb9\n", b"<DEPOSITOR-CIK>\xb2", b"FILED AS OF DATE:\t2004\xb2\xb2\xb2\xb2\n",
]
FAST = settings(max_examples=200, deadline=timedelta(seconds=2),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=None)
def _sample(name: str) -> bytes:
    return sample("submissions", name).read_bytes()


@lru_cache(maxsize=1)
def _seed_submission() -> bytes:
    return seed_submission(seed_text(), document("EX-99.8", 3, "Computational Materials (P) [Filed on Form SE]"))


def check(data: bytes) -> ParsedFiling:
    """The invariants every parse must keep, whatever the input."""
    filing = parse_filing(data)
    assert isinstance(filing, ParsedFiling)
    assert not any(e.startswith("internal parser error") for e in filing.errors), filing.errors
    json.dumps(filing.to_json())
    for doc in filing.documents:
        assert 0 <= doc.text_start <= doc.text_end <= len(data)
        assert doc.size == doc.text_end - doc.text_start
    return filing


@FAST
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    check(data)


@FAST
@given(st.lists(st.sampled_from(TOKENS) | st.binary(max_size=40), max_size=40))
def test_random_tag_soup(pieces: list[bytes]) -> None:
    check(b"".join(pieces))


@settings(max_examples=150, deadline=timedelta(seconds=2),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_real_samples(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from((*SAMPLES, "seed")))
    raw = bytearray(_seed_submission() if name == "seed" else _sample(name))
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(("insert", "delete", "flip", "duplicate")))
        if action == "insert":
            raw[at:at] = data.draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=30))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(1, 400))]
        elif action == "flip" and at < len(raw):
            raw[at] = data.draw(st.integers(0, 255))
        else:
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 300))]
    check(bytes(raw))


REPEATED_UNITS = [
    b"<DOCUMENT>\n<TYPE>X\n<TEXT>\nabc\n", b"<DOCUMENT>\n<TYPE>X\n<SEQUENCE>1\n", b"<DOCUMENT>\n<TEXT>\nx\n</DOCUMENT>\n",
    b"item 5 ", b"Form SE (P) ", b"\n\n99.2 Form SE\n", b"(Exact name of the depositor) ", b"underwriter trust 2004-1 ",
    b"FILER:\n\tCOMPANY DATA:\n", b"<FILER><COMPANY-DATA><CIK>1", b"begin 644 a\nM\n",
]


@settings(max_examples=12, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPEATED_UNITS), st.integers(1_000, 30_000), st.booleans())
def test_repetitive_input_stays_linear(unit: bytes, count: int, in_8k: bool) -> None:
    """Inputs built to trigger quadratic scans (every tag unclosed, thousands of mentions) finish in time."""
    body = unit * count
    if in_8k:
        body = _seed_submission().replace(b"Item 5.", body.replace(b"<", b"&lt;") + b"\nItem 5.", 1)
    check(body)


_BOUNDARY = re.compile(rb"</?[A-Z][A-Z0-9_-]*>|\nbegin |\nend\b|-----(?:BEGIN|END)|\n\t*[A-Z ]+:")


@pytest.mark.parametrize("name", [*SAMPLES, "seed"])
def test_truncation_at_every_boundary_class(name: str) -> None:
    raw = _seed_submission() if name == "seed" else _sample(name)
    cuts = sorted({max(0, p + d) for m in _BOUNDARY.finditer(raw) for p in (m.start(), m.end()) for d in (-1, 0, 1)})
    step = max(1, len(cuts) // 150)  # every boundary class is met many times; 150 cuts per file keep CI quick
    for cut in cuts[::step]:
        filing = check(raw[:cut])
        if b"</SEC-DOCUMENT>" in raw and b"</SEC-DOCUMENT>" not in raw[:cut] and b"<SEC-DOCUMENT>" in raw[:cut]:
            assert any("truncated" in e or "missing" in e for e in filing.errors), cut


def test_hostile_details_reported_not_raised() -> None:
    data = _seed_submission().replace(b"<FILENAME>efc4-0862_ex991.txt", b"<FILENAME>../../etc/passwd", 1)
    data = data.replace(b"Computational Materials dated", b"Computational \xe9\xff\x00 Materials dated", 1)
    data = data.replace(b"</SEC-DOCUMENT>", document("EX-99.9", 4, "") + b"</SEC-DOCUMENT>", 1)
    filing = check(data)
    assert filing.documents[1].filename == "../../etc/passwd"
    assert any("path characters" in e for e in filing.errors)
    assert any("document 4: empty <TEXT>" in e for e in filing.errors)
    assert filing.items == ["5", "7"] and filing.abs.series == "2004-J4"


def test_not_a_submission() -> None:
    filing = check(b"<html><body>Request Rate Threshold Exceeded</body></html>")
    assert filing.errors == ["no SEC header and no <DOCUMENT> found: not an EDGAR submission"]
    assert check(b"").errors == filing.errors
