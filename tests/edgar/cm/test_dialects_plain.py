"""Plain-text tables drawn with bars (``| 99-24 | 5.531 |``) and header facts with dot leaders (``Balance......
$48,125,000.00``). Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.segment import TEXT, exhibit_lines

BARS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A4

Index    LIBOR_1MO | 3.86

| Price    |  50 PPC  |  100 PPC  |  150 PPC  |
|----------|----------|-----------|-----------|
|   99-24  |   5.531  |    5.538  |    5.545  |
|   99-28  |   5.521  |           |    5.529  |
| WAL      |   11.42  |     6.37  |     4.12  |
"""

LEADERS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A5

Balance.............. $48,125,000.00
Coupon...............5.5
Settle............... 3/30/2005

Price          50 PPC     100 PPC     150 PPC
     99-24      5.531       5.538       5.545
"""


def test_bars_and_leaders_are_blanks_in_place() -> None:
    lines = [line.text for line in exhibit_lines("|  99-24 | 5.531 |\nIndex  LIBOR_1MO | 3.86\nWAC.....6.07\n"
                                                 "Wait... then")]
    assert lines == ["   99-24   5.531", "Index  LIBOR_1MO | 3.86", "WAC     6.07", "Wait    then"]
    assert [line.kind for line in exhibit_lines("|  99-24 | 5.531 |")] == [TEXT]


def test_a_grid_drawn_with_bars() -> None:
    parsed = parse_exhibit(BARS)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.facts == [("Index", "LIBOR_1MO | 3.86")]
    assert (table.row_header, table.scenarios) == ("Price", ["50 PPC", "100 PPC", "150 PPC"])
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", None, "5.529"]), ("WAL", ["11.42", "6.37", "4.12"])]


def test_facts_with_dot_leaders() -> None:
    table = parse_exhibit(LEADERS).tables[0]
    assert table.facts == [("Balance", "$48,125,000.00"), ("Coupon", "5.5"), ("Settle", "3/30/2005")]
    assert table.scenarios == ["50 PPC", "100 PPC", "150 PPC"]
    assert [(r.label, r.values) for r in table.rows] == [("99-24", ["5.531", "5.538", "5.545"])]
