"""The tagged header rendered for ``.hdr.sgml`` and ``-index-headers.html``: the real sample's key/value header
renders as the real sample's tagged one, and for every submission of a mirror (2000s and 1990s shapes) the
project's header parser reads the same facts from both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crawler.edgar.header import parse_header
from crawler.edgar.sgml import split_submission
from crawler.mirror.folder_header import read_outline, tagged_lines
from tests.fixtures.mirror import make_mirror
from tests.fixtures.samples import sample


def _facts(text: str, kind: str) -> tuple[object, ...]:
    header = parse_header(text, kind)
    companies = [(c.role, c.cik, c.name, c.sic, c.irs_number, c.state_of_incorporation, c.fiscal_year_end,
                  c.file_numbers, c.film_numbers, c.former_names) for c in header.companies]
    fields = {key: header.fields.get(key) for key in ("ACCESSION NUMBER", "CONFORMED SUBMISSION TYPE",
              "FILED AS OF DATE", "CONFORMED PERIOD OF REPORT", "ACCEPTANCE-DATETIME", "DEPOSITOR-CIK", "PAPER")}
    return companies, fields


def _check_every_header(mirror: Path) -> tuple[int, set[str]]:
    checked, kinds = 0, set()
    for path in sorted((mirror / "Archives/edgar/data").glob("*/*.txt")):
        data = path.read_bytes()
        envelope = split_submission(data)
        if envelope.header_kind not in ("sec-header", "ims-header"):
            continue
        text = data[envelope.header_start : envelope.header_end].decode("latin-1")
        tagged = "\n".join(tagged_lines(read_outline(text), None))
        assert _facts(tagged, "sec-header") == _facts(text, envelope.header_kind), path
        checked += 1
        kinds.add(envelope.header_kind)
    return checked, kinds


def test_every_tagged_header_parses_to_the_same_facts(small_mirror: Path) -> None:
    checked, _ = _check_every_header(small_mirror)
    assert checked > 400


def test_1990s_headers_too(tmp_path: Path) -> None:
    checked, kinds = _check_every_header(make_mirror(tmp_path, start=date(1996, 1, 2), end=date(1996, 6, 28), filings=60))
    assert checked > 50 and kinds == {"sec-header", "ims-header"}


def test_the_real_samples_header_renders_as_its_tagged_comment() -> None:
    page = sample("pages", "index-headers.html").read_text()
    tagged = page.split("<!--\n", 1)[1].split("\n-->", 1)[0]
    pre = page.split("<PRE>", 1)[1].split("&lt;/SEC-HEADER&gt;", 1)[0]
    keyvalue = pre.replace("&lt;", "<").replace("&gt;", ">").split("<SEC-HEADER>", 1)[1]
    assert tagged_lines(read_outline(keyvalue), None) == tagged.splitlines()  # index-headers.html, both halves
