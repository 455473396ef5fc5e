"""Header blocks of facts: label/value pairs, label runs over values, headings over lines."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.facts import is_fact_line, read_facts


def _facts(text: str) -> list[tuple[str, str]]:
    lines = [(line, line_cells(line)) for line in text.split("\n")]
    return read_facts([(line, [] if set(line.strip()) <= set("-") else cells) for line, cells in lines])


def test_pairs_on_lines() -> None:
    text = ("Balance $220,000,000.00 Delay         0            Index          LIBOR_1MO | 2    WAC     6.05\n"
            "Coupon  2.5000          Dated         11/25/2004   Mult / Margin  1.00 / 0.50      NET     5.78\n"
            "Settle  11/30/2004      First Payment 12/25/2004   Cap / Floor    9.00 / 0.50")
    assert _facts(text) == [
        ("Balance", "$220,000,000.00"), ("Delay", "0"), ("Index", "LIBOR_1MO | 2"), ("WAC", "6.05"),
        ("Coupon", "2.5000"), ("Dated", "11/25/2004"), ("Mult / Margin", "1.00 / 0.50"), ("NET", "5.78"),
        ("Settle", "11/30/2004"), ("First Payment", "12/25/2004"), ("Cap / Floor", "9.00 / 0.50")]
    assert _facts("Balance $3,896,000.00 Delay 24 Index LIBOR_1MO | 3.86 WAC 6.5") == [
        ("Balance", "$3,896,000.00"), ("Delay", "24"), ("Index", "LIBOR_1MO | 3.86"), ("WAC", "6.5")]
    assert _facts("Deal Size:   $205,128,205\nDeal File:   MASTRAUG\nWAC(1)  7.41") == [
        ("Deal Size", "$205,128,205"), ("Deal File", "MASTRAUG"), ("WAC(1)", "7.41")]


def test_label_run_over_values_and_a_note_that_is_not_a_fact() -> None:
    text = ("                   Assumptions                      Collateral\n"
            "Settlement    28-Oct-2004  Prepay     100 PPC     (Ramp from 6 to 20CPR in 12 months)  Balance          "
            "WAC  WAM    Age    WAL\n"
            "1st Pay Date  25-Nov-2004                                                              $351,063,829.80    "
            "6.45     359    1  4.49")
    assert _facts(text) == [
        ("Settlement", "28-Oct-2004"), ("Prepay", "100 PPC"), ("Balance", "$351,063,829.80"), ("WAC", "6.45"),
        ("WAM", "359"), ("Age", "1"), ("WAL", "4.49"), ("1st Pay Date", "25-Nov-2004")]


def test_headings_over_lines() -> None:
    text = "Assumptions\n-----------\n12-mo Recovery Lag.\n100% PPC\n\nPayrule:\n1) Pay A1 to zero\n\nNotes\nnot a list"
    assert _facts(text) == [("Assumptions", "12-mo Recovery Lag."), ("Assumptions", "100% PPC"),
                            ("Payrule", "1) Pay A1 to zero")]


def test_what_is_a_line_of_facts() -> None:
    assert is_fact_line(line_cells("Balance  $20,000,000.00  Delay  24"))
    assert is_fact_line(line_cells("Coupon  5.15")) and is_fact_line(line_cells("Deal File:  MASTRAUG"))
    assert not is_fact_line(line_cells("WAL  8.53  7.12")) and not is_fact_line(line_cells("96-04  5.487  5.495"))
    assert not is_fact_line(line_cells("Pool Factor  0.98")) and not is_fact_line(line_cells("Tranche  Rating"))
    assert not is_fact_line(line_cells("1st Pay Date  25-Nov-2004   $351,063,829.80    6.45"))
