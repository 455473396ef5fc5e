"""Price grids printing two rows per price, a Yield row and a DM row: the measure word beside the price, in a column
headed ``Measure``, ``Yld/DM``, ``Yield/DM`` or ``Yld / DM``, or with the price printed again on the DM row.
Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

MEASURE_BESIDE_PRICE = """\
CWALT0534CB_1A - Price/Yield - 1A1

Balance   $20,000,000.00   Delay   24

Price        10 CPR    20 CPR    30 CPR
99-16  Yield   5.23      5.31      5.40
       DM        45        53        62
99-24  Yield   5.17      5.22      5.28
       DM        39        44        50
WAL            8.53      6.12      4.20
"""

MEASURE_COLUMN = """\
CWALT0534CB_1A - Price/Yield - 1A2

Price      Measure     10 CPR    20 CPR    30 CPR
99-16      Yield         5.23      5.31      5.40
           DM              45        53        62
99-24      Yield         5.17      5.22      5.28
           DM              39        44        50
"""

PRICE_REPEATED = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price                 10 CPR    20 CPR    30 CPR
99-16  Yield            5.23      5.31      5.40
99-16  DM                 45        53        62
99-24  Yield            5.17      5.22      5.28
99-24  DM                 39        44        50
"""

LONG_GRID = """\
CWALT0534CB_1A - Price/Yield - 1A4

Price        10 CPR    20 CPR    30 CPR
99-00  Yield   5.30      5.40      5.50
       DM        60        66        72
99-16  Yield   5.20      5.28      5.36
       DM        50        54        58
99-24  Yield   5.15      5.22      5.29
       DM        45        48        51
100-00 Yield   5.10      5.16      5.22
       DM        40        42        44
100-16 Yield   5.00      5.04      5.08
       DM        30        30        30
WAL            8.53      6.12      4.20
Mod Durn       6.10      4.90      3.70
"""

STRAY_IN_MEASURE_COLUMN = """\
CWALT0534CB_1A - Price/Yield - 1A5

Price        10 CPR    20 CPR    30 CPR
99-16  Yield   5.23      5.31      5.40
       DM        45        53        62
99-24  Yield   5.17      5.22      5.28
99-28  7.77    5.14      5.19      5.25
99-30          5.12      5.17      5.23
"""

HTML_CELLS = """\
<html><body>
<p>CWALT0534CB_1A - Price/Yield - 1A6</p>
<table>
<tr><td>Price</td><td></td><td>10 CPR</td><td>20 CPR</td><td>30 CPR</td></tr>
<tr><td>99-16</td><td>Yield</td><td>5.23</td><td>5.31</td><td>5.40</td></tr>
<tr><td></td><td>DM</td><td>45</td><td>53</td><td>62</td></tr>
<tr><td>99-24</td><td>Yield</td><td>5.17</td><td>5.22</td><td>5.28</td></tr>
<tr><td></td><td>DM</td><td>39</td><td>44</td><td>50</td></tr>
</table></body></html>
"""

YLD_DM_HEADING = MEASURE_COLUMN.replace("Measure ", "Yld/DM  ")

YIELD_DM_HEADING = MEASURE_COLUMN.replace("Measure ", "Yield/DM")

SPACED_HEADING_NUMBERED = """\
CWALT0534CB_1A - Price/Yield - 1A7

Price      Yld / DM          1         2         3
99-16      Yield         5.23      5.31      5.40
           DM              45        53        62
99-24      Yield         5.17      5.22      5.28
           DM              39        44        50
WAL                      8.53      6.12      4.20
"""

HTML_YIELD_DM_HEADING = HTML_CELLS.replace("<td>Price</td><td></td>", "<td>Price</td><td>Yield/DM</td>")

MEASURE_AFTER_VALUES = """\
CWALT0534CB_1A - Price/Yield - 1A8

Price        10 CPR    20 CPR    30 CPR
99-16          5.23      5.31      5.40   Yield
                 45        53        62   DM
99-24          5.17      5.22      5.28   Yield
                 39        44        50   DM
WAL            8.53      6.12      4.20
"""

MEASURE_ONE_BLANK_AFTER = """\
CWALT0534CB_1A - Price/Yield - 1A9

Price        10 CPR    20 CPR    30 CPR
99-16          5.23      5.31      5.40 Yield
                 45        53        62 DM
99-24          5.17      5.22      5.28 Yield
                 39        44        50 DM
"""

MEASURE_AFTER_NO_HEADER = """\
CWALT0534CB_1A - Price/Yield - 1A10

99-16          5.23      5.31      5.40   Yield
                 45        53        62   DM
99-24          5.17      5.22      5.28   Yield
                 39        44        50   DM
99-28          5.14      5.19      5.25   7.77
99-30          5.12      5.17      5.23
"""

SCENARIOS = ["10 CPR", "20 CPR", "30 CPR"]
TWO_PRICES = [("99-16", "Yield", ["5.23", "5.31", "5.40"]), ("", "DM", ["45", "53", "62"]),
              ("99-24", "Yield", ["5.17", "5.22", "5.28"]), ("", "DM", ["39", "44", "50"])]


def _rows(text: str) -> list[tuple[str, str | None, list[str | None]]]:
    parsed = parse_exhibit(text)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.scenarios, table.row_header) == ("price_yield", SCENARIOS, "Price")
    return [(row.label, row.measure, row.values) for row in table.rows]


def _values(text: str) -> set[tuple[int, str, float | None, str, float | None]]:
    return {(r["row_no"], r["scenario"], r["price"], r["measure"], r["value"])
            for r in exhibit_rows(parse_exhibit(text)).values}


def test_the_measure_beside_the_price_is_the_rows_measure_not_a_column() -> None:
    parsed = parse_exhibit(MEASURE_BESIDE_PRICE)
    table = parsed.tables[0]
    assert (table.class_, table.facts, table.warnings) == ("1A1", [("Balance", "$20,000,000.00"), ("Delay", "24")],
                                                          [])
    assert _rows(MEASURE_BESIDE_PRICE) == [*TWO_PRICES, ("WAL", None, ["8.53", "6.12", "4.20"])]
    assert parsed.to_json()["tables"][0]["rows"][1] == {"label": "", "values": ["45", "53", "62"], "warnings": [],
                                                       "measure": "DM"}
    assert "measure" not in parsed.to_json()["tables"][0]["rows"][4]


def test_each_row_keeps_its_price_and_its_measure_in_cm_values() -> None:
    assert _values(MEASURE_BESIDE_PRICE) == {
        (1, "10 CPR", 99.5, "yield", 5.23), (1, "20 CPR", 99.5, "yield", 5.31), (1, "30 CPR", 99.5, "yield", 5.40),
        (2, "10 CPR", 99.5, "discount_margin", 45), (2, "20 CPR", 99.5, "discount_margin", 53),
        (2, "30 CPR", 99.5, "discount_margin", 62),
        (3, "10 CPR", 99.75, "yield", 5.17), (3, "20 CPR", 99.75, "yield", 5.22),
        (3, "30 CPR", 99.75, "yield", 5.28),
        (4, "10 CPR", 99.75, "discount_margin", 39), (4, "20 CPR", 99.75, "discount_margin", 44),
        (4, "30 CPR", 99.75, "discount_margin", 50),
        (5, "10 CPR", None, "wal", 8.53), (5, "20 CPR", None, "wal", 6.12), (5, "30 CPR", None, "wal", 4.20),
    }


def test_a_column_headed_measure() -> None:
    assert _rows(MEASURE_COLUMN) == TWO_PRICES
    assert parse_exhibit(MEASURE_COLUMN).tables[0].warnings == []
    assert _values(MEASURE_COLUMN) == {(row_no, scenario, price, measure, value) for row_no, scenario, price, measure,
                                       value in _values(MEASURE_BESIDE_PRICE) if row_no < 5}


def test_the_price_printed_again_on_the_dm_row() -> None:
    assert _rows(PRICE_REPEATED) == [("99-16", "Yield", ["5.23", "5.31", "5.40"]), ("99-16", "DM", ["45", "53", "62"]),
                                     ("99-24", "Yield", ["5.17", "5.22", "5.28"]), ("99-24", "DM", ["39", "44", "50"])]
    assert _values(PRICE_REPEATED) == _values(MEASURE_COLUMN)


def test_an_html_table_with_an_empty_cell_under_the_price() -> None:
    assert _rows(HTML_CELLS) == TWO_PRICES
    assert _values(HTML_CELLS) == _values(MEASURE_COLUMN)


def test_a_long_grid_with_a_six_character_price_one_blank_from_its_measure() -> None:
    rows = _rows(LONG_GRID)
    assert rows[6:10] == [("100-00", "Yield", ["5.10", "5.16", "5.22"]), ("", "DM", ["40", "42", "44"]),
                          ("100-16", "Yield", ["5.00", "5.04", "5.08"]), ("", "DM", ["30", "30", "30"])]
    assert rows[10:] == [("WAL", None, ["8.53", "6.12", "4.20"]), ("Mod Durn", None, ["6.10", "4.90", "3.70"])]
    values = _values(LONG_GRID)
    assert (8, "30 CPR", 100.0, "discount_margin", 44) in values
    assert (1, "10 CPR", 99.0, "yield", 5.30) in values
    assert (12, "20 CPR", None, "mod_duration", 4.90) in values
    assert len(values) == 12 * 3


def test_a_value_in_the_measure_column_is_left_out_and_a_price_with_no_measure_is_warned() -> None:
    table = parse_exhibit(STRAY_IN_MEASURE_COLUMN).tables[0]
    assert table.scenarios == SCENARIOS
    stray, bare = table.rows[-2:]
    assert (stray.label, stray.measure, stray.values) == ("99-28", None, ["5.14", "5.19", "5.25"])
    assert stray.warnings == ["'7.77' printed in the column of the rows' measures is not a measure; left out"]
    assert (bare.label, bare.measure, bare.values) == ("99-30", None, ["5.12", "5.17", "5.23"])
    assert bare.warnings == ["no measure printed for this price in a grid whose rows print theirs; "
                             "the grid's measure is assumed"]
    assert "7.77" not in {r["value_text"] for r in exhibit_rows(parse_exhibit(STRAY_IN_MEASURE_COLUMN)).values}


def test_a_column_headed_yld_dm_or_yield_dm() -> None:
    assert "Yld/DM  " in YLD_DM_HEADING and "Yield/DM" in YIELD_DM_HEADING and "Yield/DM" in HTML_YIELD_DM_HEADING
    for text in (YLD_DM_HEADING, YIELD_DM_HEADING, HTML_YIELD_DM_HEADING):
        assert _rows(text) == TWO_PRICES
        assert parse_exhibit(text).tables[0].warnings == []
        assert _values(text) == _values(MEASURE_COLUMN)


def test_a_spaced_yld_dm_heading_over_numbered_columns() -> None:
    table = parse_exhibit(SPACED_HEADING_NUMBERED).tables[0]
    assert (table.scenarios, table.row_header, table.warnings) == (["1", "2", "3"], "Price", [])
    assert [(row.label, row.measure, row.values) for row in table.rows] == [
        ("99-16", "Yield", ["5.23", "5.31", "5.40"]), ("", "DM", ["45", "53", "62"]),
        ("99-24", "Yield", ["5.17", "5.22", "5.28"]), ("", "DM", ["39", "44", "50"]),
        ("WAL", None, ["8.53", "6.12", "4.20"])]
    values = {(r["row_no"], r["scenario_no"], r["price"], r["measure"], r["value"])
              for r in exhibit_rows(parse_exhibit(SPACED_HEADING_NUMBERED)).values}
    assert (4, 3, 99.75, "discount_margin", 50) in values and (5, 1, None, "wal", 8.53) in values
    assert len(values) == 15


def test_the_measure_word_printed_after_the_values() -> None:
    assert _rows(MEASURE_AFTER_VALUES) == [*TWO_PRICES, ("WAL", None, ["8.53", "6.12", "4.20"])]
    assert parse_exhibit(MEASURE_AFTER_VALUES).tables[0].warnings == []
    assert _values(MEASURE_AFTER_VALUES) == _values(MEASURE_BESIDE_PRICE)


def test_the_measure_word_one_blank_after_the_last_value() -> None:
    assert _rows(MEASURE_ONE_BLANK_AFTER) == TWO_PRICES
    assert _values(MEASURE_ONE_BLANK_AFTER) == _values(MEASURE_COLUMN)


def test_measures_after_the_values_of_numbered_columns_a_stray_left_out_and_a_bare_price_warned() -> None:
    table = parse_exhibit(MEASURE_AFTER_NO_HEADER).tables[0]
    assert table.scenarios == ["1", "2", "3"]
    assert [(row.label, row.measure, row.values) for row in table.rows[:4]] == TWO_PRICES
    stray, bare = table.rows[4:]
    assert (stray.label, stray.measure, stray.values) == ("99-28", None, ["5.14", "5.19", "5.25"])
    assert stray.warnings == ["'7.77' printed in the column of the rows' measures is not a measure; left out"]
    assert (bare.label, bare.measure, bare.values) == ("99-30", None, ["5.12", "5.17", "5.23"])
    assert bare.warnings == ["no measure printed for this price in a grid whose rows print theirs; "
                             "the grid's measure is assumed"]
    values = exhibit_rows(parse_exhibit(MEASURE_AFTER_NO_HEADER)).values
    assert "7.77" not in {r["value_text"] for r in values} and {r["scenario_no"] for r in values} == {1, 2, 3}
    assert {(r["row_no"], r["scenario_no"], r["price"], r["measure"], r["value"]) for r in values if r["row_no"] == 2} \
        == {(2, 1, 99.5, "discount_margin", 45), (2, 2, 99.5, "discount_margin", 53),
            (2, 3, 99.5, "discount_margin", 62)}
