"""Tranche tables: columns by printed header, kinds of values deciding between two headers."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.summary import read_tranches, tranche_header


def test_the_real_intex_layout_with_an_empty_rating_column() -> None:
    header = [line_cells("Tranche   Rating Balance   Coupon   Principal    Avg     Dated     Notes"),
              line_cells("Name                                 Window      Life    Date")]
    rows = ["A1        330,000,000.00     6    11/04 - 09/34  4.13  01-Oct-04   FIX            (6% pass-through bond)",
            "SUBORD     21,063,829.80     6    11/04 - 09/34 10.01  01-Oct-04   FIX",
            "A1        330,000,000.00     6    11/04 - 09/34  4.13  01-Oct-04   FIX"]
    assert tranche_header(header[0]) and not tranche_header(line_cells("Price  40 PPC  50 PPC"))
    warnings: list[str] = []
    tranches = read_tranches(3, header, [(row, line_cells(row)) for row in rows], warnings)
    assert [(t.table_no, t.class_, t.rating, t.balance, t.coupon, t.principal_window, t.avg_life, t.dated, t.notes)
            for t in tranches] == [
        (3, "A1", None, "330,000,000.00", "6", "11/04 - 09/34", "4.13", "01-Oct-04",
         "FIX            (6% pass-through bond)"),
        (3, "SUBORD", None, "21,063,829.80", "6", "11/04 - 09/34", "10.01", "01-Oct-04", "FIX")]
    assert warnings == ["class 'A1' is listed twice; the second row is left out"]
    assert tranches[1].cells == [("Tranche Name", "SUBORD"), ("Balance", "21,063,829.80"), ("Coupon", "6"),
                                 ("Principal Window", "11/04 - 09/34"), ("Avg Life", "10.01"),
                                 ("Dated Date", "01-Oct-04"), ("Notes", "FIX")]


def test_a_value_under_no_header_is_left_out_with_a_warning() -> None:
    header = [line_cells("Class   Description   Class Size        Coupon    WAL (yrs)")]
    row = "2A1     SEQ           $144,759,000.00   5.50000   3.30596            77"
    warnings: list[str] = []
    (tranche,) = read_tranches(1, header, [(row, line_cells(row))], warnings)
    assert (tranche.description, tranche.balance, tranche.coupon, tranche.avg_life) == (
        "SEQ", "$144,759,000.00", "5.50000", "3.30596")
    assert warnings == ["class 2A1: value '77' is under no single column; left out"]
