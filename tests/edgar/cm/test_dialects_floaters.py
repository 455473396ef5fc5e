"""Floater grids as other desks print them: a ``DM`` or ``Disc. Margin`` measure line (tightly printed, one blank
between the columns), facts with colons, ``Spread (bp)`` and ``Maturity`` footers. Expected values read off the
text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

DM_GRID = """\
Computational Materials

ZCWALT0533CB_T  --  A3

Balance:   $110,000,000.00     Coupon:   4.3600     Index:   LIBOR_1MO | 3.86
Settle:    08/30/05            Margin:   0.50       Cap / Floor:  5.50 / 0.50

Price                 0 CPR       10 CPR       20 CPR
                         DM           DM           DM
    99-16                58           61           64
    99-24                54           55           57
Avg Life               9.21         4.10         2.51
Spread (bp)              12           15           18
Maturity           08/25/35     12/25/20     06/25/14
"""

TIGHT_DISC_MARGIN = """\
Computational Materials

ZCWALT0533CB_T  --  A4

Price                 0 CPR       10 CPR       20 CPR
               Disc. Margin Disc. Margin Disc. Margin
    99-16                58           61           64
"""

def test_dm_grid_with_colon_facts_and_spread_and_maturity_footers() -> None:
    parsed = parse_exhibit(DM_GRID)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.row_header) == ("discount_margin", "A3", "Price")
    assert table.facts == [("Balance", "$110,000,000.00"), ("Coupon", "4.3600"), ("Index", "LIBOR_1MO | 3.86"),
                           ("Settle", "08/30/05"), ("Margin", "0.50"), ("Cap / Floor", "5.50 / 0.50")]
    assert (table.scenarios, table.measures) == (["0 CPR", "10 CPR", "20 CPR"], ["DM"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-16", ["58", "61", "64"]), ("99-24", ["54", "55", "57"]), ("Avg Life", ["9.21", "4.10", "2.51"]),
        ("Spread (bp)", ["12", "15", "18"]), ("Maturity", ["08/25/35", "12/25/20", "06/25/14"])]
    rows = exhibit_rows(parsed)
    measures = {(r["row_label"], r["measure"]) for r in rows.values}
    assert measures == {("99-16", "discount_margin"), ("99-24", "discount_margin"), ("Avg Life", "wal"),
                        ("Spread (bp)", "spread"), ("Maturity", "maturity")}
    typed = rows.tables[0]
    assert (typed["balance"], typed["coupon"], typed["index"], typed["cap"], typed["floor"]) == (
        110_000_000.0, 4.36, "LIBOR_1MO", 5.5, 0.5)


def test_a_tight_disc_margin_measure_line() -> None:
    parsed = parse_exhibit(TIGHT_DISC_MARGIN)
    table = parsed.tables[0]
    assert (table.kind, table.row_header, table.facts) == ("discount_margin", "Price", [])
    assert (table.scenarios, table.measures) == (["0 CPR", "10 CPR", "20 CPR"], ["Disc. Margin"] * 3)
    assert [(r.label, r.values) for r in table.rows] == [("99-16", ["58", "61", "64"])]
    assert {r["measure"] for r in exhibit_rows(parsed).values} == {"discount_margin"}
