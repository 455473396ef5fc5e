"""Price blocks printed the other way round: the prices across the columns, the scenarios down the rows::

    Price:                   99-16       99-24      100-00          (or:                Yield
    Yield @ 100 PPC          5.231       5.196       5.161               Prepay     99-16     99-24
    Yield @ 200 PPC          5.180       5.122       5.064               100 PPC    5.231     5.196
    WAL (yrs) @ 100 PPC       6.42        6.42        6.42               200 PPC    5.180     5.122)

The table keeps its printed orientation: ``scenarios`` are the printed column headers (the prices, verbatim),
``rows`` the printed rows, each row's ``values`` verbatim under those columns, and ``price_columns`` is set. Each
row label is read for the row's scenario (``100 PPC``, ``100% PPC``; ``CmRow.scenario``) and measure (``Yield``,
``WAL (yrs)``; ``CmRow.measure``), printed as ``Yield @ 100 PPC``, ``Yield at 100 PPC``, ``100 PPC Yield`` or the
scenario alone under a measure heading over the prices (``Yield``, ``DM``). In ``cm_values`` each cell's ``price``
is its column's price, its ``scenario``/``speed``/``unit`` the row's (null for a row naming none, ``WAL``), its
measure the row's, else the heading's, else the grid's; ``scenario_no`` stays the printed column's number.

A wide block printed in bands, each under a price line of its own, is one table: each band's prices are more
columns (a band repeating earlier prices uses their columns), and its rows print only in those. Rows printed after
a page break under no price line of their own (the title printed again or not) continue the block under its last
price line when every one is labelled like the block's rows and together they print in exactly its columns (each
value under one price, every price's column printed in); else they are a table of their own, with a warning when
they are labelled like the block's rows. A block after a page break printing the same prices under the same title
continues it too (:mod:`crawler.edgar.cm.layout`), its price line then the one later rows line up under.

Only a block whose price line (``Price``, ``Price (32nds)``, ``Price (32s)``, ``Price (Decimal)``, ``Price ($)``,
``Prepay``, then two distinct prices or more) opens the grid with no scenario header above it, and whose rows are
labelled by words (one of them naming a scenario) rather than by prices, is read this way; so is a block of one
scenario, whose rows (``Yield:``, ``WAL:``) name none, each labelled by a measure word, one a yield or a margin
(its cells have no scenario). A trailing colon is not part of a row's measure or scenario (``Yield @ 100 PPC:``).
A value that is not under exactly one price (when the columns of the values and the prices disagree) is left out
with a warning.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from crawler.edgar.cm.cells import Cell, CellRows, line_cells
from crawler.edgar.cm.columns import find_columns, overlapped, place_members
from crawler.edgar.cm.grid import Grid
from crawler.edgar.cm.model import DISCOUNT_MARGIN, PRICE_YIELD, CmRow
from crawler.edgar.cm.values import is_speed, label_key, measure, price
from crawler.edgar.cm.vocabulary import MEASURE_WORDS

PRICE_LINE_WORDS = frozenset(("prices", "prepay", "prepay speed", "prepayment speed", "prepayment", "speed",
                              "scenario", *(word for word, meaning in MEASURE_WORDS.items() if meaning == "price")))
_GAP = re.compile(r" {2,}")
_AT = frozenset(("@", "at"))
_MIN_PRICES = 2
_PRICE_MEASURES = frozenset(("yield", "discount_margin"))
_Band = tuple[list[Cell], list[tuple[str, list[Cell]]]]  # a price line's prices and the rows under it


class PriceBlock(NamedTuple):
    """A block read with prices across its columns, and where its last price line printed its prices (``offset``:
    their first column among the table's), for rows continued on the next page under no price line."""

    grid: Grid
    prices: list[Cell]
    offset: int


def read_price_columns(header: list[str], texts: list[str], cells: CellRows) -> PriceBlock | None:
    """The grid of a block with prices across its columns, or None when the rows are not such a block."""
    opening = _opening(header, texts, cells)
    if opening is None:
        return None
    row_header, prices, above, first_row = opening
    headings = [line_cells(text) for text in above]
    if any(cell[3] and is_speed(cell[2]) for line in headings for cell in line):
        return None  # scenarios printed over the columns: a transposed block of another kind
    bands = _bands(prices, texts, cells, first_row)
    labels = [label for _prices, rows in bands for label, _values in rows]
    if not labels or any(price(label) is not None for label in labels if label) or \
            not (any(_scenario_and_measure(label)[0] for label in labels) or _one_scenario(labels)):
        return None
    scenarios: list[str] = []
    offsets = [_columns_of(band_prices, scenarios) for band_prices, _rows in bands]
    heading = next((line[0][2] for line in headings if len(line) == 1 and measure(line[0][2]) in _PRICE_MEASURES),
                   None)  # "Yield" or "DM" over the prices
    grid = Grid(row_header=row_header, scenarios=scenarios, measures=[heading] * len(scenarios), named=True)
    for offset, (band_prices, rows) in zip(offsets, bands):
        for (label, row_cells), row_members in zip(rows, _members(band_prices, [values for _l, values in rows])):
            placed, warnings = place_members(row_cells, row_members, len(band_prices))
            row_values: list[str | None] = [None] * offset + placed + [None] * (len(scenarios) - offset - len(placed))
            scenario_text, measure_text = _scenario_and_measure(label)
            grid.rows.append(CmRow(label, row_values, warnings, measure_text, scenario_text))
    return PriceBlock(grid, bands[-1][0], offsets[-1])


def continued_rows(block: PriceBlock, width: int, texts: list[str], cells: CellRows
                   ) -> tuple[list[CmRow] | None, str | None]:
    """The rows printed after a page break with no price line of their own, read under the block's last price line
    when every row is labelled like the block's (a scenario or a measure, not a price) and together they print in
    the same columns (each value under exactly one price, every price's column printed in); else None, with a
    warning when the rows are labelled like the block's but their columns do not line up."""
    rows = [_label_and_values(text, cells[k], block.prices[0][0]) for k, text in enumerate(texts)]
    if not all(values and _block_label(label) for label, values in rows):
        return None, None
    members = _members(block.prices, [values for _label, values in rows])
    used = {column for row_members in members for column in row_members}
    if -1 in used or used != set(range(len(block.prices))) or \
            any(len(set(row_members)) != len(row_members) for row_members in members):
        return None, ("rows labelled like the price block above, printed after a page break under no price line, "
                      "do not line up under its prices; read as a table of their own")
    continued = []
    for (label, values), row_members in zip(rows, members):
        placed, warnings = place_members(values, row_members, len(block.prices))
        row_values = [None] * block.offset + placed + [None] * (width - block.offset - len(placed))
        scenario_text, measure_text = _scenario_and_measure(label)
        continued.append(CmRow(label, row_values, warnings, measure_text, scenario_text))
    return continued, None


def _block_label(label: str) -> bool:
    """A label of a price block's row: a scenario (``Yield @ 300 PPC``, ``300 PPC``) or a measure word (``WAL``)."""
    if not label or price(label) is not None:
        return False
    scenario_text, measure_text = _scenario_and_measure(label)
    return scenario_text is not None or label_key(measure_text) in MEASURE_WORDS


def _one_scenario(labels: list[str]) -> bool:
    """The rows of a block of one scenario named nowhere (``Yield:``, ``WAL:`` under ``Price:``): every label a
    measure word, one of them a yield or a margin."""
    measures = [MEASURE_WORDS.get(label_key(label)) for label in labels]
    return None not in measures and not _PRICE_MEASURES.isdisjoint(measures)


def _opening(header: list[str], texts: list[str], cells: CellRows
             ) -> tuple[str, list[Cell], list[str], int] | None:
    """(row header, prices, header lines above them, first row under them) of a block opening with a price line
    (its first row, or its last header line); else None."""
    if not texts or not (_word_first(texts[0]) or (header and _word_first(header[-1]))):
        return None  # the common grid: its first row is a price
    if _word_first(texts[0]) and (found := _price_line(cells[0])) is not None:
        return found[0], found[1], header, 1
    if header and (found := _price_line(line_cells(header[-1]))) is not None:
        return found[0], found[1], header[:-1], 0
    return None


def _bands(prices: list[Cell], texts: list[str], cells: CellRows, first_row: int) -> list[_Band]:
    """The rows under each price line of the block (a wide block printed in bands, each under its own prices),
    each row as (label, value cells)."""
    bands: list[_Band] = [(prices, [])]
    for k in range(first_row, len(texts)):
        again = _price_line(cells[k]) if _word_first(texts[k]) else None
        if again is not None:
            bands.append((again[1], []))
        else:
            bands[-1][1].append(_label_and_values(texts[k], cells[k], bands[-1][0][0][0]))
    return bands


def _columns_of(prices: list[Cell], scenarios: list[str]) -> int:
    """Where a band's prices start among the table's columns: those of an earlier band printing the same prices,
    else new columns added to ``scenarios``."""
    printed = [cell[2] for cell in prices]
    for offset in range(len(scenarios) - len(printed) + 1):
        if scenarios[offset : offset + len(printed)] == printed:
            return offset
    scenarios.extend(printed)
    return len(scenarios) - len(printed)


def _members(prices: list[Cell], values: list[list[Cell]]) -> list[list[int]]:
    """The column (0-based within the band) of each value cell of each row: the columns of values and prices
    together, else (a cell astride two prices) the one price each cell overlaps."""
    columns, members = find_columns([*values, prices], guides=1)
    if len(columns) == len(prices) and members[-1] == list(range(len(prices))):
        return members[:-1]
    spans = [(cell[0], cell[1]) for cell in prices]
    return [overlapped(row_cells, spans) for row_cells in values]


def block_kind(grid: Grid, hint: str | None) -> str:
    """``discount_margin`` when the title, the heading over the prices or every yield/margin row says margins;
    else ``price_yield``."""
    rows = {measure(row.measure) for row in grid.rows} & _PRICE_MEASURES
    if hint == DISCOUNT_MARGIN or measure(grid.measures[0]) == "discount_margin" or rows == {"discount_margin"}:
        return DISCOUNT_MARGIN
    return PRICE_YIELD


def _word_first(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped[:1].isalpha()


def _price_line(found: list[Cell]) -> tuple[str, list[Cell]] | None:
    """(row header, price cells) of ``Price:  99-16  99-24 ...``: a price word then distinct prices; else None."""
    if len(found) <= _MIN_PRICES or found[0][3] or label_key(found[0][2]) not in PRICE_LINE_WORDS:
        return None
    prices = found[1:]
    typed = [price(cell[2]) if cell[3] else None for cell in prices]
    if any(p is None or p <= 0 for p in typed) or len(set(typed)) != len(typed) or \
            [cell[2] for cell in prices] == [str(k) for k in range(1, len(prices) + 1)]:
        return None
    return found[0][2], prices


def _label_and_values(text: str, found: list[Cell], first_price: int) -> tuple[str, list[Cell]]:
    """A row's label and the cells right of it. The label is the row's first chunk of text (up to two blanks) when
    it holds a word and starts left of the first price, less the values printed one blank after it (``Principal
    Window @ 100 PPC Apr05 - Jan35``: the window is a value; a scenario such as ``100 PPC`` stays in the label)."""
    stripped = text.lstrip(" ")
    start = len(text) - len(stripped)
    gap = _GAP.search(text, start)
    chunk_end = gap.start() if gap else len(text)
    if start >= first_price or not any(ch.isalpha() for ch in text[start:chunk_end]):
        return "", list(found)
    label_cells = [cell for cell in found if cell[0] < chunk_end]
    while len(label_cells) > 1 and label_cells[-1][3] and not is_speed(label_cells[-1][2]):
        label_cells.pop()
    end = label_cells[-1][1] if label_cells else chunk_end
    return text[start:end], [cell for cell in found if cell[0] >= end]


def _scenario_and_measure(label: str) -> tuple[str | None, str | None]:
    """``Yield @ 100 PPC`` -> (``100 PPC``, ``Yield``); ``100 PPC Yield`` -> (``100 PPC``, ``Yield``); ``100 PPC``
    -> (``100 PPC``, None); ``WAL`` -> (None, ``WAL``); texts as printed."""
    words = label.removesuffix(":").split()
    for start in range(len(words)):  # the scenario last: "Yield @ 100 PPC", "Yield at 100% PPC", "100 PPC"
        tail = " ".join(words[start:])
        if is_speed(tail):
            head = words[:start]
            if head and head[-1].lower() in _AT:
                head = head[:-1]
            return tail, " ".join(head) or None
    for cut in range(1, len(words)):  # the scenario first: "100 PPC Yield"
        first = " ".join(words[:cut])
        if is_speed(first) and measure(" ".join(words[cut:])) is not None:
            return first, " ".join(words[cut:])
    return None, label.removesuffix(":").rstrip() or None
