"""Tables assembled from an exhibit's lines: contexts, class blocks, facts after a table, facts-only tables."""

from __future__ import annotations

from crawler.edgar.cm.layout import Layout
from crawler.edgar.cm.roles import analyse
from crawler.edgar.cm.segment import exhibit_lines


def _tables(text: str) -> list[tuple]:
    tables, _ = Layout(analyse(exhibit_lines(text))).run()
    return [(t.table_no, t.kind, t.title, t.class_, t.facts, [r.label for r in t.rows]) for t in tables]


def test_a_title_with_facts_and_no_grid_is_a_table() -> None:
    text = "CWALT-05-1 - Summary\n\nSettlement  28-Oct-2004\n\nCWALT-05-1 - Price/Yield - A1\n\nPrice  40 PPC\n" \
        "96-00  5.1\n"
    assert _tables(text) == [
        (1, "deal_summary", "CWALT-05-1 - Summary", None, [("Settlement", "28-Oct-2004")], []),
        (2, "price_yield", "CWALT-05-1 - Price/Yield - A1", "A1", [], ["96-00"])]


def test_class_blocks_share_the_facts_printed_before_the_first_one_only() -> None:
    text = ("CWABS 2005-9\n\nAssumptions\n-----------\n100% PPC\n\n   M1\n\nSev     A      B\n40%   1.1    2.2\n\n"
            "   M2\n\nSev     A      B\n40%   3.3    4.4\n\nClass B1:\n\n          A      B\nPrice:   99-00  99-00\n"
            "Yield:   5.1    5.2\n")
    tables = _tables(text)
    assert [(t[2], t[3], t[4]) for t in tables] == [
        ("CWABS 2005-9", "M1", [("Assumptions", "100% PPC")]), ("CWABS 2005-9", "M2", [("Assumptions", "100% PPC")]),
        ("CWABS 2005-9", "B1", [("Assumptions", "100% PPC")])]
    text = "Deal File:  X1\nClass  Coupon  Size\nA1     5.5     100.00\n\nClass A1:\n          A      B\n" \
        "Price:   99-00  99-00\nYield:   5.1    5.2\n"
    assert [(t[1], t[2], t[3], t[4]) for t in _tables(text)] == [
        ("deal_summary", None, None, [("Deal File", "X1")]), ("price_yield", None, "A1", [])]


def test_a_bare_class_name_needs_a_grid_after_it() -> None:
    text = "CWALT-05-1 - Price/Yield - A1\n\nPrice  40 PPC\n96-00  5.1\n\nSEQ\n\nThe end of the exhibit.\n"
    assert [t[3] for t in _tables(text)] == ["A1"]
