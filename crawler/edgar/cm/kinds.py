"""Which kind of table a grid is (vocabulary "Rows per kind"), from its measures, row header, row labels and title.

- discount_margin: a ``Disc Margin`` measure (over the columns or the row labels), a title naming it, or, when
  no measure is printed, price rows under a header block giving a floater's terms (``Index``, ``Mult / Margin``);
- break_cdr: ``Break CDR`` / cumulative-loss measures;
- decrement: a ``Dec`` title, or a ``Date`` row header over rows that are dates;
- price_yield: a ``Yield`` or ``Price`` measure or row header, a ``Price/Yield`` title, price rows, or a
  transposed block whose rows are ``Price``, ``Yield``, ``Average Life`` ...;
- collateral: a title or heading naming the collateral, or pool statistics as column headers;
- other: anything else.
"""

from __future__ import annotations

from crawler.edgar.cm.grid import Grid
from crawler.edgar.cm.model import (
    BREAK_CDR, COLLATERAL, DECREMENT, DISCOUNT_MARGIN, OTHER_TABLE, PRICE_YIELD,
)
from crawler.edgar.cm.values import calendar_date, header_fact, label_key, measure, price

_COLLATERAL_WORDS = frozenset(("wac", "wam", "age", "wala", "gross", "net", "oterm", "fico", "ltv", "loan count",
                               "# loans", "#pools", "current balance", "balance", "pool", "state", "cltv", "dti"))
_COLLATERAL_TERMS = frozenset(("loans", "loan", "balance", "fico", "ltv", "cltv", "wac", "wam", "dti", "pool"))
_PRICE_MEASURES = frozenset(("yield", "price"))


def classify(grid: Grid, hint: str | None, heading: str, facts: list[tuple[str, str]]) -> str:
    measures = {measure(m) for m in set(grid.measures) if m}
    row_measure = measure(grid.row_header)
    labels = [row.label for row in grid.rows if row.label]
    if "discount_margin" in measures or row_measure == "discount_margin" or hint == DISCOUNT_MARGIN:
        return DISCOUNT_MARGIN
    if not measures and row_measure in (None, "price") and _floater(facts) and _priced(labels):
        return DISCOUNT_MARGIN
    if measures & {"break_cdr", "cum_loss"} or hint == BREAK_CDR:
        return BREAK_CDR
    if hint == DECREMENT or (label_key(grid.row_header) in ("date", "dates", "payment date", "distribution date")
                             and sum(1 for label in labels if calendar_date(label) is not None) * 2 > len(labels)):
        return DECREMENT
    if measures & _PRICE_MEASURES or row_measure in _PRICE_MEASURES or hint == PRICE_YIELD:
        return PRICE_YIELD
    row_measures = {measure(label) for label in labels}
    if "price" in row_measures and row_measures & {"yield", "discount_margin", "wal"}:
        return PRICE_YIELD if "discount_margin" not in row_measures else DISCOUNT_MARGIN
    if hint == COLLATERAL or "collateral" in heading.lower() or _collateral_columns(grid):
        return COLLATERAL
    if _priced(labels) and any("-" in label for label in labels):
        return PRICE_YIELD
    return OTHER_TABLE


def _priced(labels: list[str]) -> bool:
    return bool(labels) and sum(1 for label in labels if price(label) is not None) * 2 > len(labels)


def _floater(facts: list[tuple[str, str]]) -> bool:
    """The header block gives a floater's terms (``Index``, ``Mult / Margin``)."""
    return any(header_fact(label) in ("index", "margin") for label, _text in facts)


def _collateral_columns(grid: Grid) -> bool:
    """Two columns or more named by pool statistics: ``WAC``, ``Oterm``, or a name holding one of their words (a
    stratification's ``Number of Mortgage Loans``, ``% of Aggregate Principal Balance``, ``WA FICO``)."""
    named = [label_key(s) for s in grid.scenarios] if grid.named else []
    return sum(1 for name in named if name in _COLLATERAL_WORDS or not _COLLATERAL_TERMS.isdisjoint(name.split())) >= 2
