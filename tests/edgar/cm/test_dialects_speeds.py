"""Scenario columns as other desks print them: columns only numbered with their speeds in a ``Prepay`` row (a
footer under the grid, or a row with no header at all). Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

NUMBERED_WITH_PREPAY_FOOTER = """\
Computational Materials

cwalt05j2_final - Price/Yield - 3A1

Price                          1                2                3                4
                           Yield            Yield            Yield            Yield
       101.500000           5.49             5.38             5.21             5.02
       101.625000           5.47             5.36             5.18             4.98

WAL                         9.81             5.12             3.40             2.51
Mod Durn                    7.02             4.11             2.90             2.20
Principal Window   Mar05 - Feb35    Mar05 - Jan22    Mar05 - Jun14    Mar05 - Jan11
-----------------------------------------------------------------------------------
Prepay                     0 PPC           50 PPC          100 PPC          150 PPC
"""

NO_HEADER_PREPAY_SPEED_ROW = """\
Computational Materials

cwalt05j2_final - Price/Yield - 3A2

       101.500000      5.49       5.38       5.21
       101.625000      5.47       5.36       5.18
       WAL             9.81       5.12       3.40
       Prepay Speed  100 PSA    200 PSA    300 PSA
"""

PREPAY_ROW_NOT_ALL_SPEEDS = """\
Computational Materials

cwalt05j2_final - Price/Yield - 3A3

Price                1          2          3
       101.500     5.49       5.38       5.21
       101.625     5.47       5.36       5.18
Prepay            0 PPC     50 PPC        N/A
"""


def test_a_prepay_footer_names_numbered_columns() -> None:
    parsed = parse_exhibit(NUMBERED_WITH_PREPAY_FOOTER)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.scenarios == ["0 PPC", "50 PPC", "100 PPC", "150 PPC"] and table.warnings == []
    assert table.measures == ["Yield"] * 4 and table.row_header == "Price"
    assert [(r.label, r.values) for r in table.rows] == [
        ("101.500000", ["5.49", "5.38", "5.21", "5.02"]), ("101.625000", ["5.47", "5.36", "5.18", "4.98"]),
        ("WAL", ["9.81", "5.12", "3.40", "2.51"]), ("Mod Durn", ["7.02", "4.11", "2.90", "2.20"]),
        ("Principal Window", ["Mar05 - Feb35", "Mar05 - Jan22", "Mar05 - Jun14", "Mar05 - Jan11"])]
    first = [(r["price"], r["speed"], r["unit"], r["value"]) for r in exhibit_rows(parsed).values if r["row_no"] == 1]
    assert first == [(101.5, 0.0, "PPC", 5.49), (101.5, 50.0, "PPC", 5.38), (101.5, 100.0, "PPC", 5.21),
                     (101.5, 150.0, "PPC", 5.02)]


def test_a_speed_row_names_a_grid_printed_without_header() -> None:
    table = parse_exhibit(NO_HEADER_PREPAY_SPEED_ROW).tables[0]
    assert table.scenarios == ["100 PSA", "200 PSA", "300 PSA"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("101.500000", ["5.49", "5.38", "5.21"]), ("101.625000", ["5.47", "5.36", "5.18"]),
        ("WAL", ["9.81", "5.12", "3.40"])]


def test_a_prepay_row_with_a_cell_that_is_no_speed_stays_a_row() -> None:
    table = parse_exhibit(PREPAY_ROW_NOT_ALL_SPEEDS).tables[0]
    assert table.scenarios == ["1", "2", "3"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("101.500", ["5.49", "5.38", "5.21"]), ("101.625", ["5.47", "5.36", "5.18"]),
        ("Prepay", ["0 PPC", "50 PPC", "N/A"])]
