"""Tranche tables as other desks print them: ``Approx. Size ($)``, ``Expected Prin. Window``, ``Expected Ratings
(Moody's/S&P)``, ``Approximate Principal Balance``, ``Pass-Through Rate``; ``Aaa/AAA`` and ``NR`` ratings,
``[ ]`` placeholders, bracketed preliminary balances, ``(approx.)``, footnote marks, ``N/A``, a class row with
a word for its coupon (``Floating``). Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm import values as v
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

BANC_OF_AMERICA_STYLE = """\
Computational Materials

BOAMS 2005-3 - Summary

                 Approx.                                      Expected      Expected
Class            Size ($)       Coupon    Type     WAL (yrs)  Prin. Window  Ratings (Moody's/S&P)
A-1          100,000,000 (1)     5.50%    Senior     2.10     11/04-08/09   Aaa/AAA
A-2         [25,000,000]        [ ]       NAS       10.50     08/09-09/34   Aaa/AAA
M-1            5,000,000         5.50%    Mezz       N/A      N/A           Aa2/AA
B-1            1,000,000         5.50%    Sub        9.80     11/04-09/34   NR
"""

LEHMAN_STYLE = """\
Computational Materials

LXS 2005-2 - Summary

Class    Approximate Principal Balance   Pass-Through Rate   Expected WAL (yrs)   Expected Rating
1-A1         $150,000,000 (approx.)            Floating              1.00               AAA/Aaa
1-A2          $50,000,000                      5.25%                 3.25               AAA/Aaa
"""


def _tranches(text: str) -> list[tuple]:
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and [t.kind for t in parsed.tables] == ["deal_summary"]
    return [(t.class_, t.description, t.rating, t.balance, t.coupon, t.principal_window, t.avg_life)
            for t in parsed.tranches]


def test_approximate_and_bracketed_amounts_are_typed() -> None:
    assert v.number("$150,000,000 (approx.)") == 150_000_000
    assert v.number("100,000,000 (Approx)") == 100_000_000
    assert v.number("[$25,000,000]") == v.number("[25,000,000]") == 25_000_000
    assert v.number("[5.50%]") == 5.5
    assert [v.number(t) for t in ("[ ]", "[]", "(approx.)", "[TBD]")] == [None] * 4


def test_banc_of_america_style_tranche_table() -> None:
    assert _tranches(BANC_OF_AMERICA_STYLE) == [
        ("A-1", "Senior", "Aaa/AAA", "100,000,000", "5.50%", "11/04-08/09", "2.10"),
        ("A-2", "NAS", "Aaa/AAA", "[25,000,000]", "[ ]", "08/09-09/34", "10.50"),
        ("M-1", "Mezz", "Aa2/AA", "5,000,000", "5.50%", "N/A", "N/A"),
        ("B-1", "Sub", "NR", "1,000,000", "5.50%", "11/04-09/34", "9.80")]
    parsed = parse_exhibit(BANC_OF_AMERICA_STYLE)
    assert parsed.tables[0].warnings == ["class A-1: value '(1)' is under no single column; left out"]
    typed = [(r["class"], r["balance"], r["coupon"], r["avg_life"]) for r in exhibit_rows(parsed).tranches]
    assert typed == [("A-1", 100_000_000, 5.5, 2.1), ("A-2", 25_000_000, None, 10.5), ("M-1", 5_000_000, 5.5, None),
                     ("B-1", 1_000_000, 5.5, 9.8)]


def test_lehman_style_tranche_table_with_a_floating_coupon() -> None:
    assert _tranches(LEHMAN_STYLE) == [
        ("1-A1", None, "AAA/Aaa", "$150,000,000 (approx.)", "Floating", None, "1.00"),
        ("1-A2", None, "AAA/Aaa", "$50,000,000", "5.25%", None, "3.25")]
    parsed = parse_exhibit(LEHMAN_STYLE)
    assert parsed.tables[0].title == "LXS 2005-2 - Summary" and parsed.tables[0].warnings == []
    typed = [(r["class"], r["balance"], r["coupon"]) for r in exhibit_rows(parsed).tranches]
    assert typed == [("1-A1", 150_000_000, None), ("1-A2", 50_000_000, 5.25)]
