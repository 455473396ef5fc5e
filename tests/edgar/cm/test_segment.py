"""An exhibit's text as printed lines: SEC markers blanked in place, page breaks, rules, tab layouts."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.segment import BLANK, MARK, PAGE, RULE, TEXT, exhibit_lines


def _kinds(text: str) -> list[tuple[int, str]]:
    return [(line.kind, line.text) for line in exhibit_lines(text)]


def test_markers_pages_rules_and_blank_lines() -> None:
    text = "<TABLE>\r\n<CAPTION>\r\n   <S>   <C>\r\n  96-04<C>  5.1\r\n<PAGE>\r\n\r\n------  ----\r\nEnd\f\r\n</TABLE>"
    assert _kinds(text) == [(MARK, ""), (MARK, ""), (MARK, ""), (TEXT, "  96-04     5.1"), (PAGE, ""),
                            (BLANK, ""), (RULE, "------  ----"), (TEXT, "End"), (MARK, "")]


def test_tab_separated_fields_are_laid_out_in_columns() -> None:
    text = "Price\t50 PPC\t100 PPC\n96-00\t5.497\t5.641\n104.125000\t\t5.840\n"
    assert [line.text for line in exhibit_lines(text)][:3] == [
        "Price        50 PPC   100 PPC",
        "96-00        5.497    5.641",
        "104.125000            5.840"]


def test_other_tabs_go_to_the_next_multiple_of_eight() -> None:
    assert exhibit_lines("a\tb  c\tx\td\n")[0].text == "a       b  c    x       d"


def test_html_and_one_cell_per_line_are_recognised() -> None:
    html = "<html><body><table><tr><td>Price</td><td>50 PPC</td></tr><tr><td>96-00</td><td>5.497</td></tr>" \
        "</table></body></html>"
    assert [line.text for line in exhibit_lines(html) if line.kind == TEXT] == ["Price   50 PPC", "96-00   5.497"]
    rendered = "\n".join(["Deal Size:", "$1,000", "Class", "Coupon", "WAL (yrs)", "A1", "5.5", "3.1", "A2", "5.5",
                          "6.2", "Class A1:", "100 PSA", "200 PSA", "Price:", "99-20", "99-20", "Yield:", "5.1",
                          "5.2", "Average Life:", "3.1", "2.2"])
    rows = [[cell[2] for cell in line_cells(line.text)] for line in exhibit_lines(rendered) if line.kind == TEXT]
    assert rows == [["Deal Size:", "$1,000"], ["Class", "Coupon", "WAL (yrs)"], ["A1", "5.5", "3.1"],
                    ["A2", "5.5", "6.2"], ["Class A1:", "100 PSA", "200 PSA"], ["Price:", "99-20", "99-20"],
                    ["Yield:", "5.1", "5.2"], ["Average Life:", "3.1", "2.2"]]
