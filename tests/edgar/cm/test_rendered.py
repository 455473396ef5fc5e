"""HTML rendered one cell per line, rebuilt into rows by the types of the cells."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.rendered import looks_rendered, rebuild_rows

CELLS = ["Deal File:", "MASTRAUG", "Class", "Description", "Class Size", "Coupon", "WAL (yrs)",
         "2A1", "SEQ", "$144,759,000.00", "5.50000", "3.30596",
         "B", "$5,128,205.10", "5.50000", "10.30220",
         "Collateral Assumptions:", "Name", "Oterm", "WAM", "W.Loan", "360", "358",
         "Class 2A1:", "SEQ", "0 PSA", "100 PSA", "Price:", "101-16", "101-16", "Spread to Benchmark:", "N/A", "N/A"]


def _rows(cells: list[str]) -> list[list[tuple[int, str]]]:
    return [[(c[0], c[2]) for c in line_cells(line)] for line in rebuild_rows(cells) if line.strip()]


def test_rows_rebuilt_with_a_missing_cell_kept_out_of_other_columns() -> None:
    rows = _rows(CELLS)
    texts = [[text for _start, text in row] for row in rows]
    assert texts == [["Deal File:", "MASTRAUG"], ["Class", "Description", "Class Size", "Coupon", "WAL (yrs)"],
                     ["2A1", "SEQ", "$144,759,000.00", "5.50000", "3.30596"], ["B", "$5,128,205.10", "5.50000", "10.30220"],
                     ["Collateral Assumptions:"], ["Name", "Oterm", "WAM"], ["W.Loan", "360", "358"],
                     ["Class 2A1:", "SEQ"], ["0 PSA", "100 PSA"], ["Price:", "101-16", "101-16"],
                     ["Spread to Benchmark:", "N/A", "N/A"]]
    header, _full, short = rows[1], rows[2], rows[3]
    assert short[1][0] == header[2][0]  # B's size is under Class Size, not under Description


def test_a_cell_whose_column_is_ambiguous_goes_past_the_last_column() -> None:
    cells = ["Class", "Coupon", "WAL", "A1", "5.5", "3.1", "A2", "5.5", "6.2", "B", "7.7", "C", "5.5", "2.2"]
    rows = _rows(cells)
    assert [[t for _s, t in row] for row in rows] == [["Class", "Coupon", "WAL"], ["A1", "5.5", "3.1"],
                                                      ["A2", "5.5", "6.2"], ["B", "7.7"], ["C", "5.5", "2.2"]]
    assert rows[3][1][0] > rows[0][2][0]  # 7.7 may be a coupon or a WAL: past both, not under either


def test_what_looks_rendered() -> None:
    assert looks_rendered(CELLS) and not looks_rendered(CELLS[:10])
    assert not looks_rendered(["Price   40 PPC   50 PPC"] * 30)
    assert not looks_rendered(["This is a long paragraph of prose text with no values at all in it."] * 30)


def test_sign_cells_of_numbers_on_lines_of_their_own_are_left_out() -> None:
    cells = ["Balance:", "$", "20,000.00", "Coupon:", "5.15", "%", "Window", "%", "Total", "$"]
    assert rebuild_rows(cells) == ["Balance:   20,000.00", "Coupon:    5.15", "Window", "%", "Total", "$", ""]
