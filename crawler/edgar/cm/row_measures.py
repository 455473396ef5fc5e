"""Grids printing two rows or more per price, each with its own measure (a Yield row and a DM row)::

    Price        10 CPR    20 CPR          Price      Measure   10 CPR   20 CPR
    99-16  Yield   5.23      5.31          99-16      Yield       5.23     5.31
           DM        45        53          99-16      DM            45       53

The measure words are printed in a column of their own, right of the prices, headed or not (``Measure``,
``Yld/DM``, ``Yield / DM``), or after the values (``99-16  5.23  5.31  Yield`` / ``45  53  DM``, in a column of
their own or one blank after the last value, which then keeps only the value): that column is not a scenario. Each
row keeps its printed measure (``CmRow.measure``); a measure printed alone where the label would start (``DM``
under ``99-16  Yield``) is that row's measure, and the row has no label: its price is the one of the rows above
(:mod:`crawler.edgar.cm.rows`). A cell of that column that is not a measure word is left out with a warning; a
price row printing no measure gets a warning too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crawler.edgar.cm.values import label_key, number, price
from crawler.edgar.cm.vocabulary import MEASURE_WORDS

if TYPE_CHECKING:
    from crawler.edgar.cm.grid import Grid
    from crawler.edgar.cm.model import CmRow

_GRID_MEASURES = frozenset(("yield", "discount_margin", "price", "spread"))
_ALONE_MEASURES = frozenset(("yield", "discount_margin"))  # not a footer (``Spread (bp)``) after the last price
MEASURE_HEADINGS = frozenset((  # printed over the column of measure words (label_key: "Yld/DM" -> "yld / dm")
    "measure", "measures", "yld / dm", "yield / dm", "yld / disc margin", "yield / disc margin",
    "yield / discount margin"))
_MIN_ROWS = 2
_LONGEST_WORD = 3  # words of a measure (``Disc. Margin``)


def measure_column(grid: Grid) -> None:
    """When the grid's first column holds the measure of each row (two rows or more print a measure word there,
    and they make at least half of its cells), the column is dropped and its words become the rows' measures;
    else the same for its last column (the words printed after the values)."""
    if len(grid.scenarios) < 2:
        return
    if _unnamed_or_measure(grid.scenarios[0]) and _holds_measures(grid, 0):
        _leading_measures(grid)
    elif _unnamed_or_measure(grid.scenarios[-1], len(grid.scenarios)) and _holds_measures(grid, -1):
        _trailing_measures(grid)
    elif _holds_measures(grid, -1, glued=True):
        _glued_measures(grid)


def _leading_measures(grid: Grid) -> None:
    previous: str | None = None
    for row in grid.rows:
        text = row.values.pop(0) if row.values else None
        if text is not None:
            _measure_cell(row, text)
        elif previous is not None and MEASURE_WORDS.get(label_key(row.label)) in _ALONE_MEASURES:
            row.measure, row.label = row.label, ""  # "DM" printed alone under "99-16  Yield"
        elif glued := _price_then_measure(row.label):
            row.label, row.measure = glued  # "100-00 Yield": a long price one blank from its measure
        _warn_unmeasured(row)
        previous = row.measure
    del grid.scenarios[0]
    if grid.measures:
        del grid.measures[0]
    if not grid.named:
        grid.scenarios = [str(k) for k in range(1, len(grid.scenarios) + 1)]


def _holds_measures(grid: Grid, at: int, glued: bool = False) -> bool:
    """Two cells or more of column ``at`` are measure words (``glued``: a value one blank from one), and they make
    at least half of its printed cells."""
    printed = [text for text in (row.values[at] for row in grid.rows if row.values) if text is not None]
    if glued:
        spaced = [text for text in printed if " " in text]  # most cells are one number: no call for them
        if len(spaced) < _MIN_ROWS or len(spaced) * 2 < len(printed):
            return False
        words = [text for text in spaced if _value_then_measure(text)]
    else:
        words = [text for text in printed if _grid_measure(text)]
    return len(words) >= _MIN_ROWS and len(words) * 2 >= len(printed)


def _glued_measures(grid: Grid) -> None:
    """``99-16  5.23  5.40 Yield``: the measure word printed one blank after the last value is the row's measure,
    the value stays in its column."""
    for row in grid.rows:
        text = row.values[-1] if len(row.values) == len(grid.scenarios) else None
        if text is not None and (split := _value_then_measure(text)):
            row.values[-1], row.measure = split
        _warn_unmeasured(row)


def _measure_cell(row: CmRow, text: str) -> None:
    """A cell of the column of measure words: the row's measure, or left out with a warning."""
    if _grid_measure(text):
        row.measure = text
    else:
        row.warnings.append(f"{text!r} printed in the column of the rows' measures is not a measure; left out")


def _warn_unmeasured(row: CmRow) -> None:
    if row.measure is None and price(row.label) is not None and any(row.values) and not row.warnings:
        row.warnings.append("no measure printed for this price in a grid whose rows print theirs; "
                            "the grid's measure is assumed")


def _trailing_measures(grid: Grid) -> None:
    """``99-16  5.23  5.31  Yield`` / ``45  53  DM``: the last column's words are the rows' measures."""
    for row in grid.rows:
        text = row.values.pop() if len(row.values) == len(grid.scenarios) else None
        if text is not None:
            _measure_cell(row, text)
        _warn_unmeasured(row)
    del grid.scenarios[-1]
    if grid.measures:
        del grid.measures[-1]


def _price_then_measure(label: str) -> tuple[str, str] | None:
    """``100-00 Yield`` -> (``100-00``, ``Yield``): a price, one blank, a measure word; else None."""
    return _then_measure(label, price)


def _value_then_measure(text: str) -> tuple[str, str] | None:
    """``5.40 Yield`` -> (``5.40``, ``Yield``): a number, one blank, a measure word; else None."""
    return _then_measure(text, number)


def _then_measure(text: str, typed: Callable[[str], float | None]) -> tuple[str, str] | None:
    words = text.split(" ")
    for size in range(1, min(_LONGEST_WORD, len(words) - 1) + 1):
        head, tail = " ".join(words[:-size]), " ".join(words[-size:])
        if _grid_measure(tail) and typed(head) is not None:
            return head, tail
    return None


def _unnamed_or_measure(name: str, position: int = 1) -> bool:
    return name == str(position) or label_key(name) in MEASURE_HEADINGS


def _grid_measure(text: str) -> bool:
    return MEASURE_WORDS.get(label_key(text)) in _GRID_MEASURES
