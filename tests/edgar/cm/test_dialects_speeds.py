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

SPEEDS_OVER_UNITS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A4

                    0%         100%         200%
Price              PPC          PPC          PPC
     99-24        5.531        5.538        5.545
     99-28        5.521        5.525        5.529
Avg Life          11.42         6.37         4.12
Mod Dur            7.81         4.96         3.40
Window      Apr05-Jan35  Apr05-Sep24  Apr05-Jun16
"""

UNITS_UNDER_SPEEDS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A5

Price               100          200          300
                    PSA          PSA          PSA
     99-24        5.531        5.538        5.545
     99-28        5.521        5.525        5.529
WAL               11.42         6.37         4.12
"""

UNIT_FIRST_SPEEDS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A6

Price           CPR 10      CPR 15      CPR 25
     99-24       5.531       5.538       5.545
     99-28       5.521       5.525       5.529
WAL              11.42        6.37        4.12
"""

ABS_MHP_PSA_TABS = ("Computational Materials\n\nCWALT0512_2A - Price/Yield - 2A7\n\n"
                    "Price\t1.50 ABS\t100% MHP\t150 PSA\n\tYield\tYield\tYield\n"
                    "99-24\t5.531\t5.538\t5.545\n99-28\t5.521\t5.525\t5.529\nWAL\t11.42\t6.37\t4.12\n")


def _typed_speeds(text: str) -> list[tuple]:
    values = exhibit_rows(parse_exhibit(text)).values
    return [(r["scenario"], r["speed"], r["unit"]) for r in values if r["row_no"] == 1]


def test_speeds_printed_over_their_units() -> None:
    parsed = parse_exhibit(SPEEDS_OVER_UNITS)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.scenarios, table.row_header) == (["0% PPC", "100% PPC", "200% PPC"], "Price")
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("Avg Life", ["11.42", "6.37", "4.12"]), ("Mod Dur", ["7.81", "4.96", "3.40"]),
        ("Window", ["Apr05-Jan35", "Apr05-Sep24", "Apr05-Jun16"])]
    assert _typed_speeds(SPEEDS_OVER_UNITS) == [("0% PPC", 0.0, "PPC"), ("100% PPC", 100.0, "PPC"),
                                                ("200% PPC", 200.0, "PPC")]
    measures = {r["row_label"]: r["measure"] for r in exhibit_rows(parsed).values}
    assert measures == {"99-24": "yield", "99-28": "yield", "Avg Life": "wal", "Mod Dur": "mod_duration",
                        "Window": "principal_window"}


def test_units_printed_under_their_speeds() -> None:
    parsed = parse_exhibit(UNITS_UNDER_SPEEDS)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.scenarios, table.row_header) == (["100 PSA", "200 PSA", "300 PSA"], "Price")
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("WAL", ["11.42", "6.37", "4.12"])]


def test_unit_first_speeds() -> None:
    parsed = parse_exhibit(UNIT_FIRST_SPEEDS)
    table = parsed.tables[0]
    assert table.scenarios == ["CPR 10", "CPR 15", "CPR 25"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("WAL", ["11.42", "6.37", "4.12"])]
    assert _typed_speeds(UNIT_FIRST_SPEEDS) == [("CPR 10", 10.0, "CPR"), ("CPR 15", 15.0, "CPR"),
                                                ("CPR 25", 25.0, "CPR")]


def test_abs_mhp_and_psa_columns_separated_by_tabs() -> None:
    table = parse_exhibit(ABS_MHP_PSA_TABS).tables[0]
    assert (table.scenarios, table.measures) == (["1.50 ABS", "100% MHP", "150 PSA"], ["Yield"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("WAL", ["11.42", "6.37", "4.12"])]
    assert _typed_speeds(ABS_MHP_PSA_TABS) == [("1.50 ABS", 1.5, "ABS"), ("100% MHP", 100.0, "MHP"),
                                               ("150 PSA", 150.0, "PSA")]

UNIT_IN_THE_LABEL = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A8

Prepay (PSA)        100          200          300
Price             Yield        Yield        Yield
     99-24        5.531        5.538        5.545
     99-28        5.521        5.525        5.529
WAL               11.42         6.37         4.12
"""

UNIT_AS_THE_LABEL = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A9

PSA                 100          200          300
     99-24        5.531        5.538        5.545
WAL               11.42         6.37         4.12
"""

HTML_UNIT_OVER_THE_SPEEDS = """\
<html><body>
<p>CWALT0512_2A - Price/Yield - 2A10</p>
<table>
<tr><td></td><td colspan=3 align=center>Prepayment Speed (PPC)</td></tr>
<tr><td>Price</td><td>50</td><td>100</td><td>150</td></tr>
<tr><td>99-24</td><td>5.531</td><td>5.538</td><td>5.545</td></tr>
<tr><td>99-28</td><td>5.521</td><td>5.525</td><td>5.529</td></tr>
</table></body></html>
"""

TRANSPOSED_PRICE_ROW_STAYS_A_ROW = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A11

                  100 PSA      200 PSA      300 PSA
Price:              100          100          100
Yield:            5.531        5.538        5.545
"""


def test_bare_speeds_beside_a_label_printing_the_unit() -> None:
    parsed = parse_exhibit(UNIT_IN_THE_LABEL)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.scenarios, table.row_header, table.measures) == (
        ["Prepay (PSA) 100", "Prepay (PSA) 200", "Prepay (PSA) 300"], "Price", ["Yield"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("WAL", ["11.42", "6.37", "4.12"])]
    assert _typed_speeds(UNIT_IN_THE_LABEL) == [("Prepay (PSA) 100", 100.0, "PSA"), ("Prepay (PSA) 200", 200.0, "PSA"),
                                                ("Prepay (PSA) 300", 300.0, "PSA")]


def test_bare_speeds_beside_their_unit() -> None:
    table = parse_exhibit(UNIT_AS_THE_LABEL).tables[0]
    assert table.scenarios == ["PSA 100", "PSA 200", "PSA 300"] and table.row_header is None
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("WAL", ["11.42", "6.37", "4.12"])]
    assert _typed_speeds(UNIT_AS_THE_LABEL)[0] == ("PSA 100", 100.0, "PSA")


def test_bare_speeds_under_a_heading_printing_the_unit() -> None:
    table = parse_exhibit(HTML_UNIT_OVER_THE_SPEEDS).tables[0]
    assert table.row_header == "Price"
    assert table.scenarios == ["Prepayment Speed (PPC) 50", "Prepayment Speed (PPC) 100", "Prepayment Speed (PPC) 150"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"])]
    assert [s[1:] for s in _typed_speeds(HTML_UNIT_OVER_THE_SPEEDS)] == [(50.0, "PPC"), (100.0, "PPC"), (150.0, "PPC")]


def test_a_price_row_of_a_transposed_block_is_not_taken_for_speeds() -> None:
    table = parse_exhibit(TRANSPOSED_PRICE_ROW_STAYS_A_ROW).tables[0]
    assert table.scenarios == ["100 PSA", "200 PSA", "300 PSA"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("Price:", ["100", "100", "100"]), ("Yield:", ["5.531", "5.538", "5.545"])]
