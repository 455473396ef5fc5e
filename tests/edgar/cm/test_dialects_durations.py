"""Durations by their printed names: ``Dur``, ``Duration``, ``Mod Dur``, ``Eff Dur`` (``Eff. Dur.``), as footer rows
of a price/yield grid, as the measure over columns (one scenario spanning its yield and duration columns), and as
rows of a block with the prices across. ``Duration``/``Dur`` is ``duration``, ``Mod Dur`` ``mod_duration``,
``Eff Dur`` ``eff_duration``. Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

FOOTERS = """\
CWALT0512_2A - Price/Yield - 2A4

Price          50 PPC     100 PPC     150 PPC
     99-24      5.531       5.538       5.545
    100-00      5.507       5.507       5.507

WAL             11.42        6.37        4.12
Dur              8.01        5.02        3.51
Mod Dur          7.95        4.98        3.48
Eff Dur          7.80        4.90        3.40
Duration         8.10        5.10        3.60
"""

MEASURE_COLUMNS = """\
CWALT0512_2A - Price/Yield - 2A5

Price            100 PPC              200 PPC
            Yield   Eff Dur      Yield       Dur
99-16       5.612      4.51      5.701      3.20
99-24       5.580      4.52      5.652      3.21
"""

HTML_MEASURE_COLUMNS = """\
<html><body><p>BAFC0503_2 - Price/Yield - 2A1</p>
<table>
<tr><th>Price</th><th colspan=2>100 PPC</th><th colspan=2>200 PPC</th></tr>
<tr><th></th><th>Yield</th><th>Eff. Dur.</th><th>Yield</th><th>Duration</th></tr>
<tr><td>99-16</td><td>5.612</td><td>4.51</td><td>5.701</td><td>3.20</td></tr>
</table></body></html>
"""

PRICES_ACROSS = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
Eff Dur @ 100 PPC         4.90        4.91        4.92
Dur:                      5.01        5.02        5.03
"""


def _measures(text: str) -> dict[tuple[int, int], tuple[str, float | None, float | None]]:
    """(row_no, scenario_no) -> (measure, price, value) of every cm_values row."""
    return {(r["row_no"], r["scenario_no"]): (r["measure"], r["price"], r["value"])
            for r in exhibit_rows(parse_exhibit(text)).values}


def test_duration_footer_rows() -> None:
    table = parse_exhibit(FOOTERS).tables[0]
    assert [r.label for r in table.rows] == ["99-24", "100-00", "WAL", "Dur", "Mod Dur", "Eff Dur", "Duration"]
    cells = _measures(FOOTERS)
    assert [cells[row, 2] for row in range(3, 8)] == [
        ("wal", None, 6.37), ("duration", None, 5.02), ("mod_duration", None, 4.98), ("eff_duration", None, 4.90),
        ("duration", None, 5.10)]
    assert cells[1, 3] == ("yield", 99.75, 5.545)


def test_duration_words_over_the_columns() -> None:
    table = parse_exhibit(MEASURE_COLUMNS).tables[0]
    assert table.measures == ["Yield", "Eff Dur", "Yield", "Dur"]
    cells = _measures(MEASURE_COLUMNS)
    assert [cells[1, k] for k in range(1, 5)] == [
        ("yield", 99.5, 5.612), ("eff_duration", 99.5, 4.51), ("yield", 99.5, 5.701), ("duration", 99.5, 3.20)]
    assert cells[2, 4] == ("duration", 99.75, 3.21)


def test_duration_words_in_an_html_header_under_spanning_scenarios() -> None:
    parsed = parse_exhibit(HTML_MEASURE_COLUMNS)
    table = parsed.tables[0]
    assert table.scenarios == ["100 PPC", "100 PPC", "200 PPC", "200 PPC"]
    assert table.measures == ["Yield", "Eff. Dur.", "Yield", "Duration"]
    assert [(v["measure"], v["speed"], v["value"]) for v in exhibit_rows(parsed).values] == [
        ("yield", 100.0, 5.612), ("eff_duration", 100.0, 4.51), ("yield", 200.0, 5.701), ("duration", 200.0, 3.20)]


def test_duration_rows_of_a_block_with_prices_across() -> None:
    table = parse_exhibit(PRICES_ACROSS).tables[0]
    assert table.price_columns
    assert [(r.measure, r.scenario) for r in table.rows] == [("Yield", "100 PPC"), ("Eff Dur", "100 PPC"),
                                                             ("Dur", None)]
    cells = _measures(PRICES_ACROSS)
    assert cells[2, 3] == ("eff_duration", 100.0, 4.92)
    assert cells[3, 1] == ("duration", 99.5, 5.01)
