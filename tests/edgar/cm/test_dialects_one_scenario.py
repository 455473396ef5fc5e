"""Price blocks of one scenario: one price line with the prices across and one measure line under it (``Price:``
over ``Yield:``, no scenario named, or ``Yield @ 100 PPC:``), footers too. Read like a block with the prices across
the columns: each value's price is its column's, its scenario the line's when printed, else none. Expected values
read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

NAMED_NOWHERE = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield:                    5.23        5.19        5.16
"""

NAMED_ON_THE_LINE = """\
CWALT0534CB_1A - Price/Yield - 1A4

Price:                   99-16       99-24      100-00
Yield @ 100 PPC:          5.23        5.19        5.16
"""

WITH_FOOTERS = """\
CWALT0534CB_1A - Price/Yield - 1A5

Coupon   5.500   Delay   24

Price:                  99-16            99-24           100-00
Yield:                  5.523            5.488            5.452
WAL:                     6.42             6.42             6.42
Mod Durn:                4.95             4.96             4.97
Principal Window:   Apr05 - Jan35    Apr05 - Jan35    Apr05 - Jan35
"""

MARGINS = """\
CWALT0534CB_1A - Price/Yield - 2A1

Index   LIBOR_1MO | 3.86

Price:                  99.50000    99.75000   100.00000
DM:                           45          40          35
"""

OFF_THE_COLUMNS = """\
CWALT0534CB_1A - Price/Yield - 1A6

Price:                   99-16       99-24      100-00
Yield:                    5.23  5.19              5.16
"""

NOT_MEASURES = """\
CWALT0534CB_1A - Price/Yield - 1A7

Price:                   99-16       99-24      100-00
Yield:                    5.23        5.19        5.16
Settle:               07/29/05    07/29/05    07/29/05
"""

NEXT_PAGE = """\
CWALT0534CB_1A - Price/Yield - 1A8

Price:                   99-16       99-24      100-00
Yield:                    5.23        5.19        5.16
<PAGE>
WAL:                      6.42        6.42        6.42
"""

Values = set[tuple[int, int, float | None, str, str | None, float | None, str]]


def _values(text: str) -> Values:
    """(row_no, scenario_no, price, measure, scenario, value, value_text) of every cm_values row."""
    return {(r["row_no"], r["scenario_no"], r["price"], r["measure"], r["scenario"], r["value"], r["value_text"])
            for r in exhibit_rows(parse_exhibit(text)).values}


def test_a_price_line_over_a_yield_line_naming_no_scenario() -> None:
    parsed = parse_exhibit(NAMED_NOWHERE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.price_columns, table.row_header, table.warnings) == (
        "price_yield", "1A3", True, "Price:", [])
    assert table.scenarios == ["99-16", "99-24", "100-00"]
    assert [(r.label, r.measure, r.scenario, r.values) for r in table.rows] == [
        ("Yield:", "Yield", None, ["5.23", "5.19", "5.16"])]
    assert _values(NAMED_NOWHERE) == {(1, 1, 99.5, "yield", None, 5.23, "5.23"),
                                      (1, 2, 99.75, "yield", None, 5.19, "5.19"),
                                      (1, 3, 100.0, "yield", None, 5.16, "5.16")}
    assert {r["speed"] for r in exhibit_rows(parsed).values} == {None}


def test_the_scenario_printed_on_the_measure_line() -> None:
    table = parse_exhibit(NAMED_ON_THE_LINE).tables[0]
    assert table.price_columns
    assert [(r.label, r.measure, r.scenario) for r in table.rows] == [("Yield @ 100 PPC:", "Yield", "100 PPC")]
    rows = exhibit_rows(parse_exhibit(NAMED_ON_THE_LINE)).values
    assert {(r["scenario_no"], r["price"], r["scenario"], r["speed"], r["unit"], r["value"]) for r in rows} == {
        (1, 99.5, "100 PPC", 100.0, "PPC", 5.23), (2, 99.75, "100 PPC", 100.0, "PPC", 5.19),
        (3, 100.0, "100 PPC", 100.0, "PPC", 5.16)}


def test_footer_lines_under_the_yield_line() -> None:
    table = parse_exhibit(WITH_FOOTERS).tables[0]
    assert (table.price_columns, table.facts) == (True, [("Coupon", "5.500"), ("Delay", "24")])
    assert [(r.measure, r.values) for r in table.rows] == [
        ("Yield", ["5.523", "5.488", "5.452"]), ("WAL", ["6.42", "6.42", "6.42"]),
        ("Mod Durn", ["4.95", "4.96", "4.97"]), ("Principal Window", ["Apr05 - Jan35"] * 3)]
    values = _values(WITH_FOOTERS)
    assert len(values) == 12
    assert (1, 3, 100.0, "yield", None, 5.452, "5.452") in values
    assert (2, 2, 99.75, "wal", None, 6.42, "6.42") in values
    assert (3, 1, 99.5, "mod_duration", None, 4.95, "4.95") in values
    assert (4, 3, 100.0, "principal_window", None, None, "Apr05 - Jan35") in values


def test_a_margin_line_makes_a_discount_margin_table() -> None:
    table = parse_exhibit(MARGINS).tables[0]
    assert (table.kind, table.price_columns, table.scenarios) == ("discount_margin", True,
                                                                  ["99.50000", "99.75000", "100.00000"])
    assert _values(MARGINS) == {(1, 1, 99.5, "discount_margin", None, 45.0, "45"),
                                (1, 2, 99.75, "discount_margin", None, 40.0, "40"),
                                (1, 3, 100.0, "discount_margin", None, 35.0, "35")}


def test_a_value_under_no_price_is_left_out_with_a_warning() -> None:
    table = parse_exhibit(OFF_THE_COLUMNS).tables[0]
    assert table.price_columns
    row = table.rows[0]
    assert row.values == ["5.23", None, "5.16"]
    assert row.warnings == ["value '5.19' at characters 32-36 is under no single column; left out"]
    assert "5.19" not in {text for *_rest, text in _values(OFF_THE_COLUMNS)}


def test_a_line_that_is_no_measure_keeps_the_numbered_reading() -> None:
    table = parse_exhibit(NOT_MEASURES).tables[0]
    assert not table.price_columns
    assert [r.label for r in table.rows] == ["Price:", "Yield:", "Settle:"]


def test_a_measure_line_on_the_next_page_joins_the_block() -> None:
    parsed = parse_exhibit(NEXT_PAGE)
    assert len(parsed.tables) == 1
    assert [(r.measure, r.values) for r in parsed.tables[0].rows] == [("Yield", ["5.23", "5.19", "5.16"]),
                                                                      ("WAL", ["6.42", "6.42", "6.42"])]
    assert (2, 2, 99.75, "wal", None, 6.42, "6.42") in _values(NEXT_PAGE)
