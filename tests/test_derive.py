"""crawler.derive: the parse step the crawl and rebuild share (the filing, each document's text, CM exhibits)."""

from __future__ import annotations

import binascii

import pytest

import crawler.derive
from crawler.derive import CM_EXHIBITS, document_sequences, parse_submission
from crawler.edgar.cm.model import EXHIBIT_KINDS, OTHER, TERM_SHEET, CmTable, ExhibitParse
from tests.edgar.builders import document, seed_submission

SEED_BODY = b"FORM 8-K\nItem 7. Financial Statements and Exhibits\n99.1 Computational Materials\n"
HTML_EXHIBIT = "<HTML><BODY><P>Price/Yield grid</P><TABLE><TR><TD>96-04</TD><TD>5.497</TD></TR></TABLE></BODY></HTML>"


def uuencoded(name: str, payload: bytes) -> str:
    lines = [binascii.b2a_uu(payload[at : at + 45]).decode("ascii").rstrip("\n") for at in range(0, len(payload), 45)]
    return f"begin 644 {name}\n" + "\n".join(lines) + "\n`\nend"


def submission(*extra: bytes) -> bytes:
    return seed_submission(SEED_BODY, *extra)


def test_every_document_gets_its_content_in_order() -> None:
    body = submission(document("EX-99.2", 3, HTML_EXHIBIT, "ex992.htm", "TERM SHEET"),
                      document("GRAPHIC", 4, uuencoded("logo.gif", b"GIF89a" + bytes(range(200))), "logo.gif"))
    parsed, contents = parse_submission(body, accession_hint="0000905148-04-002078")
    assert [c.sequence for c in contents] == [d.sequence for d in parsed.documents] == [1, 2, 3, 4]
    assert [c.format for c in contents] == ["text", "text", "html", "uuencoded"]
    primary, ex991, ex992, graphic = contents
    assert primary.text is not None and "Item 7. Financial Statements and Exhibits" in primary.text
    assert primary.kind_of_exhibit is None and primary.cm is None  # not an exhibit: not read as CM
    assert ex991.text is not None and ex991.text.startswith("COMPUTATIONAL MATERIALS")
    assert ex992.text == "Price/Yield grid\n96-04 5.497"
    for exhibit in (ex991, ex992):
        assert exhibit.kind_of_exhibit in EXHIBIT_KINDS
        assert (exhibit.cm is not None) == (exhibit.kind_of_exhibit in CM_EXHIBITS)  # only CM gives cm_* rows
    assert graphic.text is None and graphic.kind_of_exhibit is None and graphic.cm is None


def test_repeated_or_missing_sequences_are_renumbered_once_for_every_dataset() -> None:
    body = submission(document("EX-99.2", 2, "again two"), document("EX-99.3", 2, "and again"))
    parsed, contents = parse_submission(body)
    assert [d.sequence for d in parsed.documents] == [1, 2, 2, 2]
    assert [c.sequence for c in contents] == document_sequences(parsed.documents) == [1, 2, 3, 4]


def test_a_failing_cm_parser_costs_only_the_tables_of_that_exhibit(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, **_: object) -> None:
        raise ValueError("column 7 of nothing")

    monkeypatch.setattr(crawler.derive, "parse_exhibit", broken)
    parsed, contents = parse_submission(submission())
    assert contents[1].text is not None and contents[1].text.startswith("COMPUTATIONAL MATERIALS")
    assert contents[1].cm is None and contents[1].kind_of_exhibit is None
    assert parsed.errors == ["document 2: Computational Materials parser failed: ValueError: column 7 of nothing"]
    assert parsed.abs.is_abs and len(parsed.documents) == 2  # the filing itself is unharmed


def test_tables_of_an_exhibit_that_is_not_computational_materials_give_no_cm_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def reads_as(kind: str):
        def parse(text: str, **_: object) -> ExhibitParse:
            return ExhibitParse(kind_of_exhibit=kind, tables=[CmTable(table_no=1, kind="other")])
        return parse

    monkeypatch.setattr(crawler.derive, "parse_exhibit", reads_as(OTHER))
    _, contents = parse_submission(submission())
    assert (contents[1].kind_of_exhibit, contents[1].cm) == (OTHER, None)
    monkeypatch.setattr(crawler.derive, "parse_exhibit", reads_as(TERM_SHEET))
    _, contents = parse_submission(submission())
    assert contents[1].kind_of_exhibit == TERM_SHEET and contents[1].cm is not None
