"""Prices as real term sheets print them and the samples do not: 32nds with a third digit in eighths of a 32nd
(``99-242``, Intex/Bloomberg ``PX`` style), ``99 24/32``, five-decimal prices; and the null and negative cells
of a yield grid (``N/A``, ``-``, ``*``, ``(5.529)``). Every expected value is read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm import values as v
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

EIGHTHS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A4

Balance   $48,125,000.00   Delay   24
Coupon    5.5              Dated   3/1/2005

Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
     99-242     5.531       5.538       5.545
     99-28+     5.521       5.525       5.529
    100-004     5.507       5.507       5.507

WAL             11.42        6.37        4.12
"""

FRACTIONS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A5

Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
   99 24/32     5.631       5.638       5.645
   99 28/32     5.621       5.625       5.629
  100.00000     5.607       5.606       5.605
"""

NULLS_AND_NEGATIVES = """\
Computational Materials

CWALT0512_2A - Price/Yield - XA

Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
     1.000     25.531      15.538         N/A
     1.500     20.521        -         (5.529)
     2.000      *          10.525      (8.100)
"""

YIELDS_TO_EIGHTHS = """\
Computational Materials

CWMBS0507_1 - Price/Yield - A2

Yield          0 CPR      15 CPR      30 CPR
               Price       Price       Price
   5.000      101-072     100-306     100-210
   5.250      100-000      99-284      99-24+
"""


def test_32nds_with_eighths_and_fractions_are_typed() -> None:
    assert v.price("99-242") == 99 + 24.25 / 32
    assert v.price("99-244") == v.price("99-24+") == 99 + 24.5 / 32
    assert v.price("99-246") == 99 + 24.75 / 32
    assert v.price("100-004") == 100 + 0.5 / 32
    assert v.price("99 24/32") == 99.75
    assert v.price("99 24+/32") == 99 + 24.5 / 32
    assert v.price("100.00000") == 100.0
    assert [v.price(t) for t in ("99-248", "99-320", "99 32/32", "99 24/64", "1-360")] == [None] * 5


def test_price_rows_in_eighths_of_a_32nd() -> None:
    parsed = parse_exhibit(EIGHTHS)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.scenarios) == ("price_yield", "2A4", ["50 PPC", "100 PPC", "150 PPC"])
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-242", ["5.531", "5.538", "5.545"]), ("99-28+", ["5.521", "5.525", "5.529"]),
        ("100-004", ["5.507", "5.507", "5.507"]), ("WAL", ["11.42", "6.37", "4.12"])]
    values = exhibit_rows(parsed).values
    first = [(r["price"], r["measure"], r["speed"], r["unit"], r["value"]) for r in values if r["row_no"] == 1]
    assert first == [(99.7578125, "yield", 50.0, "PPC", 5.531), (99.7578125, "yield", 100.0, "PPC", 5.538),
                     (99.7578125, "yield", 150.0, "PPC", 5.545)]
    assert {r["price"] for r in values if r["row_no"] == 3} == {100.015625}
    assert {(r["price"], r["measure"]) for r in values if r["row_no"] == 4} == {(None, "wal")}


def test_price_rows_as_fractions_of_32() -> None:
    parsed = parse_exhibit(FRACTIONS)
    table = parsed.tables[0]
    assert table.scenarios == ["50 PPC", "100 PPC", "150 PPC"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("99 24/32", ["5.631", "5.638", "5.645"]), ("99 28/32", ["5.621", "5.625", "5.629"]),
        ("100.00000", ["5.607", "5.606", "5.605"])]
    prices = sorted({r["price"] for r in exhibit_rows(parsed).values})
    assert prices == [99.75, 99.875, 100.0]


def test_null_and_negative_yields_stay_in_their_columns() -> None:
    parsed = parse_exhibit(NULLS_AND_NEGATIVES)
    table = parsed.tables[0]
    assert [(r.label, r.values) for r in table.rows] == [
        ("1.000", ["25.531", "15.538", "N/A"]), ("1.500", ["20.521", "-", "(5.529)"]),
        ("2.000", ["*", "10.525", "(8.100)"])]
    typed = {(r["row_no"], r["scenario_no"]): r["value"] for r in exhibit_rows(parsed).values}
    assert typed == {(1, 1): 25.531, (1, 2): 15.538, (1, 3): None, (2, 1): 20.521, (2, 2): None, (2, 3): -5.529,
                     (3, 1): None, (3, 2): 10.525, (3, 3): -8.1}


def test_yields_to_price_cells_in_eighths() -> None:
    parsed = parse_exhibit(YIELDS_TO_EIGHTHS)
    table = parsed.tables[0]
    assert (table.row_header, table.measures) == ("Yield", ["Price"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [
        ("5.000", ["101-072", "100-306", "100-210"]), ("5.250", ["100-000", "99-284", "99-24+"])]
    cells = [(r["row_value"], r["measure"], r["value"]) for r in exhibit_rows(parsed).values]
    assert cells == [(5.0, "price", 101 + 7.25 / 32), (5.0, "price", 100 + 30.75 / 32), (5.0, "price", 100 + 21 / 32),
                     (5.25, "price", 100.0), (5.25, "price", 99 + 28.5 / 32), (5.25, "price", 99 + 24.5 / 32)]

QUARTER_TICKS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A6

Price          50 PPC     100 PPC
                Yield       Yield
  99-24 1/4     5.531       5.538
  99-24 3/4     5.521       5.525
  99-25\u00bd        5.511       5.515
"""


def test_fractions_of_a_32nd_written_out_or_as_glyphs() -> None:
    assert v.price("99-24 1/4") == v.price("99-24\u00bc") == v.price("99-242")
    assert v.price("99-24 1/2") == v.price("99-24\u00bd") == v.price("99-24+")
    assert v.price("99-24 3/4") == v.price("99-24\u00be") == 99 + 24.75 / 32
    assert v.price("99-24 3/8") == 99 + 24.375 / 32
    assert [v.price(t) for t in ("99-24 4/4", "99-24 8/8", "99-24 1/3")] == [None] * 3
    parsed = parse_exhibit(QUARTER_TICKS)
    table = parsed.tables[0]
    assert table.scenarios == ["50 PPC", "100 PPC"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24 1/4", ["5.531", "5.538"]), ("99-24 3/4", ["5.521", "5.525"]), ("99-25\u00bd", ["5.511", "5.515"])]
    assert [r["price"] for r in exhibit_rows(parsed).values if r["scenario_no"] == 1] == [
        99 + 24.25 / 32, 99 + 24.75 / 32, 99 + 25.5 / 32]
