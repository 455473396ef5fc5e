"""The price line or price column labelled with the notation of its prices: ``Price (32nds)``, ``Price (32s)``,
``Price (Decimal)``, ``Price ($)``, over the prices of a block with prices across its columns, as the header over
the price rows of an ordinary grid, and as the price row of a block whose rows are measures. Expected values read
off the text by hand."""

from __future__ import annotations

import pytest

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

ACROSS_32NDS = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price (32nds)            99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
Yield @ 200 PPC          5.180       5.122       5.064
"""

ACROSS_DECIMAL = """\
CWALT0534CB_1A - Price/Yield - 1A4

Price (Decimal):      99.50000    99.75000   100.00000
Yield @ 100 PPC          5.231       5.196       5.161
"""

ACROSS_DOLLARS = """\
CWALT0534CB_1A - Price/Yield - 1A5

Price ($)                 99.5       99.75      100.00
Yield at 15 CPR          5.231       5.196       5.161
"""

ACROSS_32S = """\
CWALT0534CB_1A - Price/Yield - 1A6

Price (32s)              99-16       99-24      100-00
100 PPC Yield            5.231       5.196       5.161
"""

DOWN_32NDS = """\
CWALT0534CB_1A - Price/Yield - 2A1

Price (32nds)       100 PPC     200 PPC
99-16                 5.231       5.180
99-24                 5.196       5.122
"""

DOWN_DECIMAL = """\
CWALT0534CB_1A - Price/Yield - 2A2

Price (Decimal)     100 PPC     200 PPC
99.50000              5.231       5.180
100.25000             5.126       5.006
"""

MEASURE_ROWS_32NDS = """\
CWALT0512_2A - Price/Yield - 2A11

                  100 PSA      200 PSA      300 PSA
Price (32nds):    99-16        99-24        100-00
Yield:            5.531        5.538        5.545
"""


def _values(text: str) -> set[tuple[int, int, float | None, str, str | None, float | None]]:
    """(row_no, scenario_no, price, measure, scenario, value) of every cm_values row."""
    return {(r["row_no"], r["scenario_no"], r["price"], r["measure"], r["scenario"], r["value"])
            for r in exhibit_rows(parse_exhibit(text)).values}


@pytest.mark.parametrize(("text", "header", "prices", "scenario", "values"), [
    (ACROSS_32NDS, "Price (32nds)", [99.5, 99.75, 100.0], "100 PPC", [5.231, 5.196, 5.161]),
    (ACROSS_DECIMAL, "Price (Decimal):", [99.5, 99.75, 100.0], "100 PPC", [5.231, 5.196, 5.161]),
    (ACROSS_DOLLARS, "Price ($)", [99.5, 99.75, 100.0], "15 CPR", [5.231, 5.196, 5.161]),
    (ACROSS_32S, "Price (32s)", [99.5, 99.75, 100.0], "100 PPC", [5.231, 5.196, 5.161]),
], ids=["32nds", "decimal", "dollars", "32s"])
def test_a_price_line_labelled_with_its_notation_opens_a_block_of_prices_across(
        text: str, header: str, prices: list[float], scenario: str, values: list[float]) -> None:
    parsed = parse_exhibit(text)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.price_columns, table.row_header) == ("price_yield", True, header)
    assert table.rows[0].scenario == scenario
    found = _values(text)
    assert {(1, k + 1, p, "yield", scenario, value) for k, (p, value) in enumerate(zip(prices, values))} <= found


def test_the_second_row_of_a_32nds_block() -> None:
    assert _values(ACROSS_32NDS) >= {(2, 1, 99.5, "yield", "200 PPC", 5.180), (2, 3, 100.0, "yield", "200 PPC", 5.064)}
    assert len(_values(ACROSS_32NDS)) == 6


@pytest.mark.parametrize(("text", "header", "expected"), [
    (DOWN_32NDS, "Price (32nds)", {(1, 1, 99.5, "yield", "100 PPC", 5.231), (1, 2, 99.5, "yield", "200 PPC", 5.180),
                                   (2, 1, 99.75, "yield", "100 PPC", 5.196), (2, 2, 99.75, "yield", "200 PPC", 5.122)}),
    (DOWN_DECIMAL, "Price (Decimal)", {(1, 1, 99.5, "yield", "100 PPC", 5.231),
                                       (1, 2, 99.5, "yield", "200 PPC", 5.180),
                                       (2, 1, 100.25, "yield", "100 PPC", 5.126),
                                       (2, 2, 100.25, "yield", "200 PPC", 5.006)}),
], ids=["32nds", "decimal"])
def test_the_header_over_the_price_rows_of_an_ordinary_grid(text: str, header: str,
                                                            expected: set[tuple]) -> None:
    table = parse_exhibit(text).tables[0]
    assert (table.row_header, table.scenarios, table.price_columns) == (header, ["100 PPC", "200 PPC"], False)
    assert _values(text) == expected


def test_the_price_row_of_a_block_whose_rows_are_measures() -> None:
    table = parse_exhibit(MEASURE_ROWS_32NDS).tables[0]
    assert table.scenarios == ["100 PSA", "200 PSA", "300 PSA"]
    assert _values(MEASURE_ROWS_32NDS) == {
        (1, 1, 99.5, "price", "100 PSA", 99.5), (1, 2, 99.75, "price", "200 PSA", 99.75),
        (1, 3, 100.0, "price", "300 PSA", 100.0),
        (2, 1, 99.5, "yield", "100 PSA", 5.531), (2, 2, 99.75, "yield", "200 PSA", 5.538),
        (2, 3, 100.0, "yield", "300 PSA", 5.545)}
