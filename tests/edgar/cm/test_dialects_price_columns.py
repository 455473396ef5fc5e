"""Price blocks printed with the prices across the columns and the scenarios (or a measure at a scenario) down the
rows: ``Price:`` / ``Price`` over the prices, ``Yield @ 100 PPC``, ``Yield at 100% PPC``, ``100 PPC Yield``, a
``Prepay`` column of speeds under a ``Yield`` or ``DM`` heading, decimal prices, an HTML table. Expected values
read off the text by hand."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

AT_SCENARIO = """\
CWALT0534CB_1A - Price/Yield - 1A3

Balance   $20,000,000.00   Delay   24

Price:                   99-16       99-24      100-00      100-08
Yield @ 100 PPC          5.231       5.196       5.161       5.126
Yield @ 200 PPC          5.180       5.122       5.064       5.006
WAL (yrs) @ 100 PPC       6.42        6.42        6.42        6.42
"""

WORDED = """\
CWALT0534CB_1A - Price/Yield - 1A4

Price                    99-16       99-24      100-00      100-08
100 PPC Yield            5.231       5.196       5.161       5.126
Yield at 200% PPC        5.180       5.122                   5.006
Avg Life                  6.42        6.42        6.42        6.42
"""

PREPAY_COLUMN = """\
CWALT0534CB_1A - Price/Yield - 1A5

                                      Yield
Prepay             99.50000     99.75000    100.00000
100 PPC               5.231        5.196        5.161
200 PPC               5.180        5.122        5.064
"""

DM_HEADING = """\
CWALT0534CB_1A - Price/Yield - 2A1

                                       DM
Prepay             99-16     99-24    100-00
10 CPR                45        50        55
20 CPR                41        47        53
"""

MISPLACED = """\
CWALT0534CB_1A - Price/Yield - 1A6

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
Yield @ 200 PPC          5.180 5.12              5.064
"""

WIDE_CELLS = """\
CWALT0534CB_1A - Price/Yield - 1A8

Price:                             99-16            99-24           100-00
Yield @ 100 PPC                    5.231            5.196            5.161
Weighted Average Life @ 100 PPC     6.42             6.42             6.42
Principal Window @ 100 PPC Apr05 - Jan35    Apr05 - Sep24    Apr05 - Jun16
"""

BANDS = """\
CWALT0534CB_1A - Price/Yield - 1A9

Price:                   99-16       99-24
Yield @ 100 PPC          5.231       5.196
Yield @ 200 PPC          5.180       5.122

Price:                  100-00      100-08
Yield @ 100 PPC          5.161       5.126

Price:                   99-16       99-24
WAL @ 100 PPC             6.42        6.40
"""

HTML_CELLS = """\
<html><body>
<p>CWALT0534CB_1A - Price/Yield - 1A7</p>
<table>
<tr><td>Price</td><td>99-16</td><td>99-24</td><td>100-00</td></tr>
<tr><td>Yield @ 100 PPC</td><td>5.231</td><td>5.196</td><td>5.161</td></tr>
<tr><td>Yield @ 200 PPC</td><td>5.180</td><td></td><td>5.064</td></tr>
</table></body></html>
"""

SCENARIOS_OVER_THE_COLUMNS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A11

                  100 PSA      200 PSA      300 PSA
Price:            99-16        99-24        100-00
Yield:            5.531        5.538        5.545
"""

PRICE_ROWS = """\
CWALT0512_2A - Price/Yield - 2A4

Price          100 PPC     200 PPC
99-16            5.231       5.180
99-24            5.196       5.122
"""

Values = set[tuple[int, int, float | None, str, str | None, float | None, str | None, float | None]]


def _values(text: str) -> Values:
    """(row_no, scenario_no, price, measure, scenario, speed, unit, value) of every cm_values row."""
    return {(r["row_no"], r["scenario_no"], r["price"], r["measure"], r["scenario"], r["speed"], r["unit"],
             r["value"]) for r in exhibit_rows(parse_exhibit(text)).values}


def test_a_measure_at_a_scenario_on_each_row_under_a_price_line() -> None:
    parsed = parse_exhibit(AT_SCENARIO)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.row_header, table.warnings) == ("price_yield", "1A3", "Price:", [])
    assert table.facts == [("Balance", "$20,000,000.00"), ("Delay", "24")]
    assert table.scenarios == ["99-16", "99-24", "100-00", "100-08"] and table.price_columns
    assert [(r.label, r.measure, r.scenario, r.values) for r in table.rows] == [
        ("Yield @ 100 PPC", "Yield", "100 PPC", ["5.231", "5.196", "5.161", "5.126"]),
        ("Yield @ 200 PPC", "Yield", "200 PPC", ["5.180", "5.122", "5.064", "5.006"]),
        ("WAL (yrs) @ 100 PPC", "WAL (yrs)", "100 PPC", ["6.42", "6.42", "6.42", "6.42"])]
    printed = parsed.to_json()["tables"][0]
    assert printed["price_columns"] is True and printed["scenarios"] == ["99-16", "99-24", "100-00", "100-08"]
    assert printed["rows"][0] == {"label": "Yield @ 100 PPC", "values": ["5.231", "5.196", "5.161", "5.126"],
                                  "warnings": [], "measure": "Yield", "scenario": "100 PPC"}


def test_each_value_carries_its_columns_price_and_its_rows_scenario_and_measure() -> None:
    assert _values(AT_SCENARIO) == {
        (1, 1, 99.5, "yield", "100 PPC", 100.0, "PPC", 5.231), (1, 2, 99.75, "yield", "100 PPC", 100.0, "PPC", 5.196),
        (1, 3, 100.0, "yield", "100 PPC", 100.0, "PPC", 5.161),
        (1, 4, 100.25, "yield", "100 PPC", 100.0, "PPC", 5.126),
        (2, 1, 99.5, "yield", "200 PPC", 200.0, "PPC", 5.180), (2, 2, 99.75, "yield", "200 PPC", 200.0, "PPC", 5.122),
        (2, 3, 100.0, "yield", "200 PPC", 200.0, "PPC", 5.064),
        (2, 4, 100.25, "yield", "200 PPC", 200.0, "PPC", 5.006),
        (3, 1, 99.5, "wal", "100 PPC", 100.0, "PPC", 6.42), (3, 2, 99.75, "wal", "100 PPC", 100.0, "PPC", 6.42),
        (3, 3, 100.0, "wal", "100 PPC", 100.0, "PPC", 6.42), (3, 4, 100.25, "wal", "100 PPC", 100.0, "PPC", 6.42),
    }


def test_price_without_colon_scenario_first_at_and_percent_and_a_row_naming_no_scenario() -> None:
    table = parse_exhibit(WORDED).tables[0]
    assert (table.row_header, table.scenarios) == ("Price", ["99-16", "99-24", "100-00", "100-08"])
    assert [(r.measure, r.scenario, r.values) for r in table.rows] == [
        ("Yield", "100 PPC", ["5.231", "5.196", "5.161", "5.126"]),
        ("Yield", "200% PPC", ["5.180", "5.122", None, "5.006"]),
        ("Avg Life", None, ["6.42", "6.42", "6.42", "6.42"])]
    values = _values(WORDED)
    assert (1, 1, 99.5, "yield", "100 PPC", 100.0, "PPC", 5.231) in values
    assert (2, 4, 100.25, "yield", "200% PPC", 200.0, "PPC", 5.006) in values
    assert not any(row_no == 2 and column == 3 for row_no, column, *_ in values)  # nothing printed there
    assert (3, 2, 99.75, "wal", None, None, None, 6.42) in values
    assert len(values) == 11


def test_a_prepay_column_of_speeds_under_a_yield_heading_and_decimal_prices() -> None:
    table = parse_exhibit(PREPAY_COLUMN).tables[0]
    assert (table.kind, table.row_header, table.scenarios) == ("price_yield", "Prepay",
                                                               ["99.50000", "99.75000", "100.00000"])
    assert [(r.label, r.measure, r.scenario) for r in table.rows] == [("100 PPC", None, "100 PPC"),
                                                                     ("200 PPC", None, "200 PPC")]
    assert _values(PREPAY_COLUMN) == {
        (1, 1, 99.5, "yield", "100 PPC", 100.0, "PPC", 5.231), (1, 2, 99.75, "yield", "100 PPC", 100.0, "PPC", 5.196),
        (1, 3, 100.0, "yield", "100 PPC", 100.0, "PPC", 5.161),
        (2, 1, 99.5, "yield", "200 PPC", 200.0, "PPC", 5.180), (2, 2, 99.75, "yield", "200 PPC", 200.0, "PPC", 5.122),
        (2, 3, 100.0, "yield", "200 PPC", 200.0, "PPC", 5.064),
    }


def test_a_dm_heading_over_the_prices_makes_a_discount_margin_table() -> None:
    table = parse_exhibit(DM_HEADING).tables[0]
    assert (table.kind, table.scenarios) == ("discount_margin", ["99-16", "99-24", "100-00"])
    assert _values(DM_HEADING) == {
        (1, 1, 99.5, "discount_margin", "10 CPR", 10.0, "CPR", 45), (1, 2, 99.75, "discount_margin", "10 CPR", 10.0,
                                                                      "CPR", 50),
        (1, 3, 100.0, "discount_margin", "10 CPR", 10.0, "CPR", 55),
        (2, 1, 99.5, "discount_margin", "20 CPR", 20.0, "CPR", 41), (2, 2, 99.75, "discount_margin", "20 CPR", 20.0,
                                                                      "CPR", 47),
        (2, 3, 100.0, "discount_margin", "20 CPR", 20.0, "CPR", 53),
    }


def test_long_labels_and_windows_one_blank_from_the_label() -> None:
    table = parse_exhibit(WIDE_CELLS).tables[0]
    assert [(r.label, r.measure, r.scenario, r.values, r.warnings) for r in table.rows] == [
        ("Yield @ 100 PPC", "Yield", "100 PPC", ["5.231", "5.196", "5.161"], []),
        ("Weighted Average Life @ 100 PPC", "Weighted Average Life", "100 PPC", ["6.42", "6.42", "6.42"], []),
        ("Principal Window @ 100 PPC", "Principal Window", "100 PPC", ["Apr05 - Jan35", "Apr05 - Sep24",
                                                                      "Apr05 - Jun16"], [])]
    cells = {(r["row_no"], r["scenario_no"]): r for r in exhibit_rows(parse_exhibit(WIDE_CELLS)).values}
    assert (cells[2, 3]["measure"], cells[2, 3]["price"], cells[2, 3]["value"]) == ("wal", 100.0, 6.42)
    assert (cells[3, 1]["measure"], cells[3, 1]["price"], cells[3, 1]["value_text"], cells[3, 1]["speed"]) == (
        "principal_window", 99.5, "Apr05 - Jan35", 100.0)


def test_a_wide_block_printed_in_bands_each_under_its_own_prices() -> None:
    table = parse_exhibit(BANDS).tables[0]
    assert table.scenarios == ["99-16", "99-24", "100-00", "100-08"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("Yield @ 100 PPC", ["5.231", "5.196", None, None]), ("Yield @ 200 PPC", ["5.180", "5.122", None, None]),
        ("Yield @ 100 PPC", [None, None, "5.161", "5.126"]), ("WAL @ 100 PPC", ["6.42", "6.40", None, None])]
    values = _values(BANDS)
    assert (3, 3, 100.0, "yield", "100 PPC", 100.0, "PPC", 5.161) in values
    assert (3, 4, 100.25, "yield", "100 PPC", 100.0, "PPC", 5.126) in values
    assert (4, 2, 99.75, "wal", "100 PPC", 100.0, "PPC", 6.40) in values
    assert len(values) == 8


def test_a_value_under_no_price_is_left_out_with_a_warning() -> None:
    table = parse_exhibit(MISPLACED).tables[0]
    assert table.price_columns
    row = table.rows[1]
    assert (row.label, row.values) == ("Yield @ 200 PPC", ["5.180", None, "5.064"])
    assert row.warnings == ["value '5.12' at characters 31-35 is under no single column; left out"]
    assert "5.12" not in {r["value_text"] for r in exhibit_rows(parse_exhibit(MISPLACED)).values}


def test_an_html_table_with_prices_across() -> None:
    table = parse_exhibit(HTML_CELLS).tables[0]
    assert (table.scenarios, table.price_columns) == (["99-16", "99-24", "100-00"], True)
    assert [(r.scenario, r.values) for r in table.rows] == [("100 PPC", ["5.231", "5.196", "5.161"]),
                                                           ("200 PPC", ["5.180", None, "5.064"])]
    assert (2, 3, 100.0, "yield", "200 PPC", 200.0, "PPC", 5.064) in _values(HTML_CELLS)


def test_scenarios_printed_over_the_columns_keep_the_price_row_reading() -> None:
    table = parse_exhibit(SCENARIOS_OVER_THE_COLUMNS).tables[0]
    assert not table.price_columns and "price_columns" not in table.to_json()
    assert table.scenarios == ["100 PSA", "200 PSA", "300 PSA"]
    assert [(r.label, r.scenario) for r in table.rows] == [("Price:", None), ("Yield:", None)]
    assert (2, 3, 100.0, "yield", "300 PSA", 300.0, "PSA", 5.545) in _values(SCENARIOS_OVER_THE_COLUMNS)


def test_a_grid_with_prices_down_the_rows_is_not_read_as_prices_across() -> None:
    table = parse_exhibit(PRICE_ROWS).tables[0]
    assert not table.price_columns and table.scenarios == ["100 PPC", "200 PPC"]
    assert (2, 2, 99.75, "yield", "200 PPC", 200.0, "PPC", 5.122) in _values(PRICE_ROWS)


_STYLES = ("{m} @ {s}", "{m} at {s}", "{s} {m}")
FUZZ = settings(max_examples=int(os.environ.get("CM_FUZZ_EXAMPLES", "120")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@st.composite
def price_column_blocks(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[str, str, str, list[str | None]]]]:
    """A block with generated prices across and rows ``Yield @ 100 PPC`` ..., each value right-aligned under its
    price in columns of random widths (some cells blank): (text, prices, [(label, measure, scenario, values)])."""
    count = draw(st.integers(2, 6))
    first = draw(st.integers(96 * 32, 102 * 32))
    step = draw(st.sampled_from((4, 8, 16)))
    prices = [f"{(first + step * k) // 32}-{(first + step * k) % 32:02d}" for k in range(count)]
    widths = [draw(st.integers(8, 14)) for _ in range(count)]
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        speed, unit = draw(st.integers(0, 600)), draw(st.sampled_from(("PPC", "CPR", "PSA")))
        name = draw(st.sampled_from(("Yield", "DM", "WAL", "Mod Durn")))
        label = draw(st.sampled_from(_STYLES)).format(m=name, s=f"{speed} {unit}")
        values = [draw(st.one_of(st.none(), st.floats(0, 99, allow_nan=False).map(lambda x: f"{x:.3f}")))
                  for _ in range(count)]
        if not any(values):
            values[0] = "1.000"
        rows.append((label, name, f"{speed} {unit}", values))
    label_width = max(len(r[0]) for r in rows) + 2

    def line(label: str, cells: list[str | None]) -> str:
        return (label.ljust(label_width) + "".join((c or "").rjust(w) for c, w in zip(cells, widths))).rstrip()

    text = "CWALT0599_1 - Price/Yield - 1A1\n\n" + "\n".join(
        [line("Price:", list(prices))] + [line(label, values) for label, _m, _s, values in rows]) + "\n"
    return text, prices, rows


@FUZZ
@given(price_column_blocks())
def test_generated_blocks_are_read_cell_by_cell(block: tuple[str, list[str], list[tuple]]) -> None:
    text, prices, rows = block
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.price_columns and table.scenarios == prices
    assert [(r.label, r.measure, r.scenario, r.values, r.warnings) for r in table.rows] == [
        (label, name, scenario, values, []) for label, name, scenario, values in rows]
    printed = {(row_no, k + 1) for row_no, (_l, _m, _s, values) in enumerate(rows, 1)
               for k, value in enumerate(values) if value is not None}
    assert {(r["row_no"], r["scenario_no"]) for r in exhibit_rows(parsed).values} == printed
