"""One HTML table as aligned lines: rowspan and colspan cells in their columns, a caption, hidden cells, inline
and block tags inside a cell, values stacked in a cell. Expected lines written by hand."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.html_grid import _ATTRIBUTES, _CELL, _ROW, table_lines


def _lines(html: str) -> list[str]:
    body = html.removeprefix("<table>").removesuffix("</table>")
    return [line for line in table_lines(body) if line.strip()]


def _rows(html: str) -> list[list[tuple[int, str]]]:
    return [[(cell[0], cell[2]) for cell in line_cells(line)] for line in _lines(html)]


def test_a_rowspan_cell_keeps_the_columns_of_the_rows_below() -> None:
    html = ("<table><tr><th rowspan=2>Price</th><th colspan=2>Speed</th></tr><tr><th>100 PPC</th><th>200 PPC</th></tr>"
            "<tr><td rowspan=2>99-16</td><td>5.61</td><td>5.70</td></tr><tr><td>5.60</td><td>5.69</td></tr></table>")
    assert _rows(html) == [[(8, "Speed")], [(0, "Price"), (8, "100 PPC"), (18, "200 PPC")],
                           [(0, "99-16"), (8, "5.61"), (18, "5.70")], [(8, "5.60"), (18, "5.69")]]


def test_a_rowspan_past_the_last_row_is_printed_on_it() -> None:
    assert _lines("<table><tr><td>a</td><td rowspan=5>Note</td></tr><tr><td>b</td></tr></table>") == ["a", "b   Note"]


def test_a_caption_is_a_line_above_its_table() -> None:
    assert _lines("<table><caption>CWALT0512_2A - Dec - 2A1</caption><tr><td>Date</td><td>0 PPC</td></tr></table>") == [
        "CWALT0512_2A - Dec - 2A1", "Date   0 PPC"]


def test_hidden_cells_and_rows_are_left_out() -> None:
    html = ("<table><tr><td>Price</td><td style='display:none'>50 PPC</td><td>100 PPC</td></tr>"
            "<tr style=\"display: none\"><td>99-00</td><td>1</td><td>2</td></tr>"
            "<tr><td>99-16</td><td>5.6</td></tr></table>")
    assert _lines(html) == ["Price   100 PPC", "99-16   5.6"]


def test_inline_tags_join_and_block_tags_separate_a_cell_s_text() -> None:
    html = ("<table><tr><td><span>99-1</span><span>6</span></td><td>5.50<font size=1>%</font></td>"
            "<td>Principal<br>Window</td><td><b>$</b> <span style='mso-spacerun:yes'>&nbsp; </span>1,000.00</td>"
            "</tr></table>")
    assert [text for _start, text in _rows(html)[0]] == ["99-16", "5.50%", "Principal Window", "$1,000.00"]


def test_values_stacked_in_a_cell_print_one_line_each() -> None:
    html = "<table><tr><td>Balance<br>Coupon</td><td>$5,000.00<br>5.5</td><td>100<br>PPC</td></tr></table>"
    assert _lines(html) == ["Balance   $5,000.00   100", "Coupon    5.5         PPC"]  # every cell from the top


def test_a_value_printed_over_several_lines_of_its_cell_stays_one_value() -> None:
    html = ("<table><tr><td>Principal Window</td><td>07/05<br>-<br>12/14</td><td>Jul05<br>&ndash; May35</td></tr>"
            "</table>")
    assert _lines(html) == ["Principal Window   07/05 - 12/14   Jul05 \u2013 May35"]


def test_a_rowspan_cell_of_a_row_of_values_prints_on_its_first_row() -> None:
    html = ("<table><tr><td>Class</td><td>Balance</td></tr><tr><td rowspan=2>1-A-1</td><td>$100,000.00</td></tr>"
            "<tr><td>(approx.)</td></tr></table>")
    assert _lines(html) == ["Class   Balance", "1-A-1   $100,000.00", "        (approx.)"]


_SOUP = st.lists(st.sampled_from(["<td", "<TD", "<th", "</td>", "</TD >", "</th\n>", " ", "\n", "\xa0", "<tr", "<TR",
                                  "</tr>", "</tr", ">", "x", "5.5", "<", "<b>", " colspan=2", '"', "'", "<t", "d", "r",
                                  "<td>", "<tr>", "<trx", "</t"]), max_size=30).map("".join)


@given(_SOUP)
def test_rows_and_cells_are_the_matches_of_the_plain_lazy_patterns(soup: str) -> None:
    """_ROW and _CELL step whole runs of characters that cannot end a row's or a cell's text: the same matches as
    the one-character-at-a-time patterns they replace, on any tag soup."""
    flags = re.IGNORECASE | re.DOTALL
    lazy_row = re.compile(r"<tr\b([^>]*)>(.*?)(?=<tr\b|\Z)", flags)
    lazy_cell = re.compile(rf"<t([dh])\b{_ATTRIBUTES}>(.*?)(?:</t[dh]\s*>)?\s*(?=<t[dh]\b|</tr|\Z)", flags)
    for fast, lazy in ((_ROW, lazy_row), (_CELL, lazy_cell)):
        assert [(m.span(), m.groups()) for m in fast.finditer(soup)] == \
            [(m.span(), m.groups()) for m in lazy.finditer(soup)]
