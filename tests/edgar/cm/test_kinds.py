"""Which kind of table a grid is."""

from __future__ import annotations

from crawler.edgar.cm.grid import Grid
from crawler.edgar.cm.kinds import classify
from crawler.edgar.cm.model import CmRow


def _grid(labels: list[str], measures: list[str | None] | None = None, row_header: str | None = None,
          scenarios: list[str] | None = None) -> Grid:
    return Grid(row_header=row_header, scenarios=scenarios or ["1"], measures=measures or [None],
                rows=[CmRow(label, ["1"]) for label in labels], named=scenarios is not None)


def test_kinds_from_measures_row_header_and_title() -> None:
    assert classify(_grid(["96-00"], ["Yield"], "Price"), None, "", []) == "price_yield"
    assert classify(_grid(["99-24"], ["Disc Margin"]), None, "", []) == "discount_margin"
    assert classify(_grid(["155.0"], ["Price"], "DM"), None, "", []) == "discount_margin"
    assert classify(_grid(["35% Severity"], ["Collat Cum Loss"]), None, "", []) == "break_cdr"
    assert classify(_grid(["28-Oct-04", "25-Oct-05", "Average Life"], row_header="Date"), None, "", []) == "decrement"
    assert classify(_grid(["A"], None), "decrement", "", []) == "decrement"
    assert classify(_grid(["Price:", "CBE Yield (%):", "Average Life (years):"]), None, "", []) == "price_yield"


def test_floater_terms_make_an_unlabelled_price_grid_a_discount_margin_grid() -> None:
    assert classify(_grid(["99-16", "99-24"]), None, "", [("Index", "LIBOR_1MO | 2")]) == "discount_margin"
    assert classify(_grid(["99-16", "99-24"]), None, "", [("Balance", "$1.00")]) == "price_yield"


def test_collateral_and_other() -> None:
    assert classify(_grid(["W.Loan"], scenarios=["Oterm", "WAM", "AGE"]), None, "", []) == "collateral"
    assert classify(_grid(["$0.01 - $50,000.00"]), None, "Collateral Assumptions:", []) == "collateral"
    assert classify(_grid(["1-60", "61-72"], scenarios=["%"]), None, "", []) == "other"


def test_pool_statistics_named_over_the_columns_make_a_collateral_table() -> None:
    strat = ["Number of Mortgage Loans", "Aggregate Principal Balance ($)", "% of Aggregate Principal Balance"]
    assert classify(_grid(["5.001 - 5.500"], scenarios=strat), None, "", []) == "collateral"
    assert classify(_grid(["50.00 or less"], scenarios=["# of Loans", "WA FICO", "WA LTV"]), None, "", []) == "collateral"
    assert classify(_grid(["35% Severity"], scenarios=["Forward LIBOR", "Forward LIBOR + 150"]), None, "", []) == "other"
    assert classify(_grid(["A1"], scenarios=["Balance"]), None, "", []) == "other"  # one such column is not enough
