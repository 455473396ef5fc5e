"""A grid continued on the next printed page, as EDGAR text carries it: ``<PAGE>``, a form feed (``\\f``, alone on
its line or glued to the repeated title), Windows line ends, or no marker at all; the title and column headers
printed again. One table, its rows in printed order. Expected values read off the text by hand."""

from __future__ import annotations

import pytest

from crawler.edgar.cm.parse import parse_exhibit

TOP = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A4

Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
     99-24      5.531       5.538       5.545
     99-28      5.521       5.525       5.529
"""

BOTTOM = """\
Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
    100-00      5.507       5.507       5.507

WAL             11.42        6.37        4.12
"""

PAGES = TOP + "{break_}CWALT0512_2A - Price/Yield - 2A4\n\n" + BOTTOM
HEADER_REPEATED_MID_TABLE = TOP + "\n" + BOTTOM

NEXT_CLASS_AFTER_FORM_FEED = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A4

Price          50 PPC     100 PPC
     99-24      5.531       5.538
\fCWALT0512_2A - Price/Yield - 2A5

Price          50 PPC     100 PPC
     99-24      5.631       5.638
"""


@pytest.mark.parametrize("break_", ["<PAGE>\n", "\f\n", "\f", "   \f\n\n"], ids=["page", "ff-line", "ff-glued",
                                                                             "ff-indented"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_grid_continued_after_a_page_break_is_one_table(break_: str, newline: str) -> None:
    _check_one_table(PAGES.format(break_=break_).replace("\n", newline))


def test_column_headers_printed_again_mid_table_are_not_rows() -> None:
    _check_one_table(HEADER_REPEATED_MID_TABLE)


def _check_one_table(text: str) -> None:
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.title, table.class_, table.scenarios) == (
        "CWALT0512_2A - Price/Yield - 2A4", "2A4", ["50 PPC", "100 PPC", "150 PPC"])
    assert (table.row_header, table.measures) == ("Price", ["Yield"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("100-00", ["5.507", "5.507", "5.507"]), ("WAL", ["11.42", "6.37", "4.12"])]
    assert table.warnings == [] and all(r.warnings == [] for r in table.rows)


def test_a_new_title_after_a_form_feed_is_a_new_table() -> None:
    parsed = parse_exhibit(NEXT_CLASS_AFTER_FORM_FEED)
    assert [(t.class_, [(r.label, r.values) for r in t.rows]) for t in parsed.tables] == [
        ("2A4", [("99-24", ["5.531", "5.538"])]), ("2A5", [("99-24", ["5.631", "5.638"])])]
