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
