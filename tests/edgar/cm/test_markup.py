"""HTML exhibits as aligned lines: a row per <tr>, a column per cell, spacer columns dropped, $ and % joined."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.markup import html_lines, looks_like_html


def _rows(html: str) -> list[list[tuple[int, str]]]:
    return [[(cell[0], cell[2]) for cell in line_cells(line)] for line in html_lines(html) if line.strip()]


def test_cells_of_a_column_start_together() -> None:
    html = ("<table><tr><td>Price</td><td></td><td>100 PPC</td><td>&nbsp;</td><td>200 PPC</td></tr>"
            "<tr><td>99-16</td><td></td><td>5.612</td><td></td><td>5.640</td></tr>"
            "<tr><td>Principal&nbsp;Window</td><td></td><td>Jul05 - May35</td><td></td><td>Jul05&nbsp;-&nbsp;Dec19</td>"
            "</tr></table>")
    assert _rows(html) == [[(0, "Price"), (19, "100 PPC"), (35, "200 PPC")], [(0, "99-16"), (19, "5.612"), (35, "5.640")],
                           [(0, "Principal Window"), (19, "Jul05 - May35"), (35, "Jul05 - Dec19")]]


def test_dollar_and_percent_cells_join_their_numbers() -> None:
    html = "<table><tr><td>Balance</td><td>$</td><td>61,200,000.00</td><td>12.5</td><td>%</td></tr></table>"
    assert [text for _start, text in _rows(html)[0]] == ["Balance", "$61,200,000.00", "12.5%"]


def test_text_outside_tables_and_page_breaks() -> None:
    html = "<html><body><p>Computational\nMaterials</p><hr><div>Class&nbsp;2A1:</div></body></html>"
    assert [line for line in html_lines(html) if line] == ["Computational Materials", "<PAGE>", "Class 2A1:"]


def test_html_is_told_from_sec_text_markers() -> None:
    assert looks_like_html("<html><body>x</body></html>")
    assert looks_like_html("<p>a</p><p>b</p><br>")
    assert not looks_like_html("<TABLE>\n<CAPTION>\n<S>  <C>\n</TABLE>\n<PAGE>\n<TABLE></TABLE>")
    assert not looks_like_html("noise <p <p x")


def _lines(html: str) -> list[str]:
    return [line for line in html_lines(html) if line.strip()]


def test_a_layout_table_prints_its_text_as_lines_and_its_tables_as_grids() -> None:
    html = ("<table><tr><td><p>LEHMAN BROTHERS</p><p>Title</p><table><tr><td>Price</td><td>0 CPR</td></tr></table>"
            "<p>Footnote</p></td></tr></table>")
    assert _lines(html) == ["LEHMAN BROTHERS", "Title", "Price   0 CPR", "Footnote"]


def test_an_unclosed_grid_before_another_table_stays_a_grid() -> None:
    html = ("<table><tr><td>Price</td><td>0 CPR</td></tr><tr><td>99-16</td><td>5.6</td></tr><tr><td>99-20"
            "<table><tr><td>Price</td><td>15 CPR</td></tr></table>")
    assert _lines(html) == ["Price   0 CPR", "99-16   5.6", "99-20", "Price   15 CPR"]


def test_a_bare_fragment_of_rows_and_cells_is_html() -> None:
    assert looks_like_html("<TABLE>\n<TR><TD>Price<TD>100 PPC\n<TR><TD>99-16<TD>5.61\n</TABLE>")


def test_flowing_text_prints_source_blanks_as_one_and_pre_keeps_them() -> None:
    html = ("<html><body><p>Deal\n      Summary</p><p>Balance&nbsp;&nbsp;&nbsp;$1,000.00</p>"
            "<pre>Price    100 PPC\n99-16    5.612</pre><p>end\n  note</p></body></html>")
    assert _lines(html) == ["Deal Summary", "Balance   $1,000.00", "Price    100 PPC", "99-16    5.612", "end note"]
