"""HTML rendered one cell per line (a browser's or a converter's text of an HTML exhibit) rebuilt into rows.

The rows are laid out as aligned lines for the text reader. What the cells of a line were is read from their
types: ``Label:`` followed by values is one row (``Price:`` and its five prices), consecutive scenarios
(``0 PSA`` ... ``500 PSA``) are one header row, and a run of words followed by values is a header and the rows
under it, found by trying every header length and keeping the one whose rows agree with their columns' types.
A row with a cell missing (the rendering drops empty cells) keeps its other cells in their columns when their
types say where they go; a cell whose column is ambiguous is laid out past the last column, so the text
reader leaves it out with a warning instead of guessing.
"""

from __future__ import annotations

import re
from itertools import combinations

from crawler.edgar.cm.cells import is_value
from crawler.edgar.cm.values import scenario

_PAGE = re.compile(r"<PAGE>", re.IGNORECASE)
_MONEY = re.compile(r"\(?-?\$")
_PRICE32 = re.compile(r"\d{1,3}-\d{1,2}(?:\.\d+|[0-7])?\+?")
_DATE = re.compile(r"\d{1,2}[/-]")
_MARKERS = re.compile(r"<(?:/?TABLE|S|C|CAPTION)>", re.IGNORECASE)
_MIN_CELLS = 20
_MAX_PREFIX = 2
_GAP = "   "
_OVERFLOW = "\x00"


def looks_rendered(raw: list[str]) -> bool:
    """One cell per line: many short lines, none with a run of blanks inside, many of them values."""
    sample: list[str] = []
    for line in raw[:600]:
        stripped = line.strip()
        if stripped:
            sample.append(stripped)
    if len(sample) < _MIN_CELLS or any(_MARKERS.search(line) for line in sample):
        return False
    gapped = sum(1 for line in sample if "  " in line)
    if gapped * 50 > len(sample):
        return False
    values = sum(1 for line in sample if is_value(line))
    short = sum(1 for line in sample if len(line) <= 48)
    return gapped * 50 <= len(sample) and values * 4 >= len(sample) and short * 10 >= len(sample) * 8


def _type(cell: str) -> str:
    if cell.endswith(":"):
        return "label"
    if not is_value(cell):
        return "text"
    if scenario(cell)[0] is not None:
        return "scenario"
    if _MONEY.match(cell):
        return "money"
    if _PRICE32.fullmatch(cell):
        return "price32"
    if _DATE.match(cell):
        return "date"
    return "number"


def rebuild_rows(raw: list[str]) -> list[str]:
    cells = _without_signs([line.strip() for line in raw if line.strip()])
    types = [_type(cell) for cell in cells]
    rows: list[list[str] | None] = []  # None: a blank line between blocks
    i = 0
    while i < len(cells):
        i = _next_rows(cells, types, i, rows)
    return _lay_out(rows)


def _without_signs(cells: list[str]) -> list[str]:
    """The cells less a ``$`` on a line of its own before an amount and a ``%`` after a number (an Excel sheet's
    sign cells, rendered one per line): as cells of their own they break the rows they sit in, and joined to the
    number they could make a text the exhibit does not print (a ``$`` whose amount was cut, before the next number).
    A ``%`` heading a column (after a word) stays."""
    if "$" not in cells and "%" not in cells:
        return cells
    return [cell for k, cell in enumerate(cells)
            if not (cell == "$" and cells[k + 1 : k + 2] and cells[k + 1][:1].isdigit()
                    or cell == "%" and k and cells[k - 1][-1:].isdigit())]


def _next_rows(cells: list[str], types: list[str], i: int, rows: list[list[str] | None]) -> int:
    cell, kind = cells[i], types[i]
    if _PAGE.fullmatch(cell):
        rows.append(["<PAGE>"])
        return i + 1
    end = i + 1
    if kind == "scenario":
        while end < len(cells) and types[end] == "scenario":
            end += 1
        if end - i >= 2:
            rows.append(["", *cells[i:end]])
            return end
    elif kind in ("label", "text"):
        while end < len(cells) and types[end] not in ("label", "text"):
            end += 1
        if end > i + 1:
            rows.extend(_header_and_rows(cells, types, i, end))
            return end
        if kind == "text":
            return _text_run(cells, types, i, rows)
        if end < len(cells) and types[end] == "text" and (end + 1 >= len(cells) or types[end + 1] != "text"):
            rows.append([cell, cells[end]])
            return end + 1
        if end < len(cells) and types[end] == "text":
            run_end = _run_end(types, end)
            table = _best_table(cells, types, end, run_end)
            if table is not None and table[0] == 1:
                rows.append([cell, cells[end]])
                return _emit_table(cells, types, end + 1, run_end, table[1], table[2], rows)
    rows.append([cell])
    return i + 1


def _header_and_rows(cells: list[str], types: list[str], i: int, end: int) -> list[list[str]]:
    """A label and the values after it: one row, unless the label heads scenarios followed by rows of values, each
    starting with a value of a kind the rest of the row does not print (``Price  50 PPC  100 PPC`` then ``99-24
    5.531  5.538`` ...): then the header and each row (a short row's cells placed as :func:`_row` places them)."""
    first = i + 1
    while first < end and types[first] == "scenario":
        first += 1
    width = first - i
    if width < 3 or end - first < width or types[first] in types[first + 1 : first + width]:
        return [cells[i:end]]
    rows, consumed = _rows_of(cells, types, first, width, 0)
    if not rows or first + consumed != end:
        return [cells[i:end]]
    return [cells[i:first], *rows]


def _run_end(types: list[str], start: int) -> int:
    end = start
    while end < len(types) and types[end] == "text":
        end += 1
    return end


def _text_run(cells: list[str], types: list[str], i: int, rows: list[list[str] | None]) -> int:
    run_end = _run_end(types, i)
    table = _best_table(cells, types, i, run_end)
    if table is None:
        rows.append([cells[i]])
        return i + 1
    prefix, width, _lead = table
    for k in range(i, i + prefix):
        rows.append([cells[k]])
    return _emit_table(cells, types, i + prefix, run_end, width, table[2], rows)


def _best_table(cells: list[str], types: list[str], start: int, run_end: int) -> tuple[int, int, int] | None:
    """(prefix cells, header width, leading text cells of the first row) of the best-reading table, or None.

    The best reading consumes the most values, then puts the fewest words where its columns expect values, then
    has the most rows."""
    best, best_score = None, (0, 0, 0)
    total = run_end - start
    for prefix in range(min(_MAX_PREFIX, total - 2) + 1):
        for width in range(2, total - prefix + 1):
            lead = total - prefix - width
            if lead >= width:
                continue
            rows = _rows_of(cells, types, start + prefix + width, width, lead)[0]
            typed = [[_type(cell.lstrip(_OVERFLOW)) if cell else "" for cell in row] for row in rows]
            values = sum(1 for row in typed for kind in row if kind and kind not in ("text", "label"))
            words = sum(1 for row in typed for kind in row[lead:] if kind == "text")
            score = (values, -words, len(rows))
            if values >= 2 and score > best_score:
                best, best_score = (prefix, width, lead), score
    return best


def _emit_table(cells: list[str], types: list[str], header_at: int, run_end: int, width: int, lead: int,
                rows: list[list[str] | None]) -> int:
    table_rows, consumed = _rows_of(cells, types, header_at + width, width, lead)
    rows.append(None)
    rows.append(cells[header_at : header_at + width])
    rows.extend(table_rows)
    rows.append(None)
    return header_at + width + consumed


def _rows_of(cells: list[str], types: list[str], at: int, width: int, lead: int) -> tuple[list[list[str]], int]:
    """Rows of ``width`` columns read from ``at``; the first row is complete and fixes the column types."""
    first = at + width
    if first > len(cells) or any(t == "label" for t in types[at:first]) or \
            any(t != "text" for t in types[at : at + lead]) or all(t == "text" for t in types[at:first]):
        return [], 0
    column_types = types[at:first]
    rows = [cells[at:first]]
    i = first
    while i < len(cells) and types[i] == column_types[0]:
        row, i = _row(cells, types, i, column_types)
        if row is None:
            break
        rows.append(row)
    return rows, i - at


def _row(cells: list[str], types: list[str], i: int, column_types: list[str]) -> tuple[list[str] | None, int]:
    """One row whose cells may lack some columns: the cells that fit the columns in order, each placed where every
    placement of the row's cells agrees; a cell whose column is ambiguous goes past the last column."""
    width = len(column_types)
    column, j = 1, i + 1
    while column < width and j < len(cells):  # how far the row goes: cells that fit a column still to come
        kind = types[j]
        fits = [c for c in range(column, width) if kind == column_types[c]]
        if not fits or (kind == column_types[0] and column_types[0] not in column_types[1:] and fits[0] != column):
            break
        column = fits[0] + 1
        j += 1
    if j == i + 1:
        return None, i
    row = [""] * width
    row[0] = cells[i]
    overflow: list[str] = []
    for k, agreed in zip(range(i + 1, j), _agreed_columns(types[i + 1 : j], column_types)):
        if agreed is None:
            overflow.append(_OVERFLOW + cells[k])
        else:
            row[agreed] = cells[k]
    return row + overflow, j


def _agreed_columns(kinds: list[str], column_types: list[str]) -> list[int | None]:
    """For each cell (after the first), its column if every in-order placement by type puts it there."""
    seen: list[set[int]] = [set() for _ in kinds]
    for columns in combinations(range(1, len(column_types)), len(kinds)):
        if all(kind == column_types[c] for kind, c in zip(kinds, columns)):
            for found, c in zip(seen, columns):
                found.add(c)
    return [next(iter(found)) if len(found) == 1 else None for found in seen]


def _lay_out(rows: list[list[str] | None]) -> list[str]:
    lines: list[str] = []
    block: list[list[str]] = []
    for row in [*rows, None]:
        if row is not None and len(row) > 1:
            block.append(row)
            continue
        lines.extend(_block_lines(block))
        block = []
        if row is None:
            lines.append("")
        else:
            lines.append(row[0])
    return lines


def _block_lines(block: list[list[str]]) -> list[str]:
    for k, row in enumerate(block[:-1]):
        if not row[0] and len(block[k + 1]) != len(row):  # scenarios over a different number of values:
            block[k] = ["", *(_OVERFLOW + cell for cell in row[1:])]  # which one is missing cannot be told
    width = max((len(row) for row in block), default=0)
    widths = [0] * width
    for row in block:
        for k, cell in enumerate(row):
            if not cell.startswith(_OVERFLOW):
                widths[k] = max(widths[k], len(cell))
    starts, position = [], 0
    for w in widths:
        starts.append(position)
        position += w + len(_GAP)
    lines = []
    for row in block:
        line = ""
        for k, cell in enumerate(row):
            if not cell:
                continue
            if cell.startswith(_OVERFLOW):
                line = (line.ljust(position + 2 * len(_GAP)) if len(line) < position else line + _GAP) + cell[1:]
                continue
            line = line.ljust(max(starts[k], len(line) + len(_GAP) if line else 0)) + cell
        lines.append(line)
    return lines
