"""Text helpers: HTML to lines, written dates, Eastern acceptance times."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfoNotFoundError

import pytest

from crawler.edgar import textnorm
from crawler.edgar.textnorm import ascii_lower, eastern_to_utc, markup_to_text, parse_written_date, parse_yyyymmdd


def test_html_source_line_breaks_are_spaces_and_tags_make_lines() -> None:
    page = ("<html><body><p>The materials listed as Exhibit 99.2 hereto were filed\non Form SE dated\n"
            "April 8, 2004.</p><p>99.2&nbsp;&nbsp;Computational<br>\nMaterials</p>"
            "<table><tr><td>99.1</td><td>Term&amp;Sheet</td></tr></table></body></html>")
    lines = markup_to_text(page).split("\n")
    assert "The materials listed as Exhibit 99.2 hereto were filed on Form SE dated April 8, 2004." in lines
    assert "99.2  Computational" in lines and " Materials" in lines  # the source newline became a space
    assert any(line.split() == ["99.1", "Term&Sheet"] for line in lines)
    assert "" in lines  # paragraphs are separated by blank lines


def test_pre_blocks_and_plain_text_keep_their_lines() -> None:
    assert markup_to_text("<html><pre>Item 5.  Other\r\n   99.2  row</pre></html>").split("\n")[1:3] == [
        "Item 5.  Other", "   99.2  row"]
    assert markup_to_text("Item 7.\r\n<PAGE>\r\n<S>  <C> table\r") == "Item 7.\n \n     table\n"


def test_written_dates() -> None:
    assert parse_written_date("dated April 8, 2004") == date(2004, 4, 8)
    assert parse_written_date("Sept. 30 2005") == date(2005, 9, 30)
    assert parse_written_date("on 4/8/04") == date(2004, 4, 8)
    assert parse_written_date("February 30, 2004") is None
    assert parse_written_date("Item 8, 2004") is None
    assert parse_yyyymmdd("20041015") == date(2004, 10, 15)
    assert [parse_yyyymmdd(v) for v in ("", None, "2004101", "20041301", "abcdefgh")] == [None] * 5


def test_ascii_lower_keeps_offsets() -> None:
    text = "CWALT, INC. \u0130stanbul \xc9t\xe9"
    assert len(ascii_lower(text)) == len(text)
    assert ascii_lower("Form SE") == "form se"


@pytest.mark.parametrize(("local", "utc"), [
    (datetime(2004, 10, 15, 17, 10, 35), datetime(2004, 10, 15, 21, 10, 35, tzinfo=timezone.utc)),  # EDT
    (datetime(2004, 12, 15, 17, 10, 35), datetime(2004, 12, 15, 22, 10, 35, tzinfo=timezone.utc)),  # EST
    (datetime(2004, 4, 3, 12, 0), datetime(2004, 4, 3, 17, 0, tzinfo=timezone.utc)),  # DST began 2004-04-04
    (datetime(2007, 3, 12, 12, 0), datetime(2007, 3, 12, 16, 0, tzinfo=timezone.utc)),  # 2007 rules: March 11
    (datetime(2024, 11, 4, 12, 0), datetime(2024, 11, 4, 17, 0, tzinfo=timezone.utc)),  # ended November 3
])
def test_eastern_to_utc_with_and_without_tz_database(local: datetime, utc: datetime,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert eastern_to_utc(local) == utc

    def missing(_key: str) -> None:
        raise ZoneInfoNotFoundError("no tzdata")

    monkeypatch.setattr(textnorm, "ZoneInfo", missing)
    assert eastern_to_utc(local) == utc
