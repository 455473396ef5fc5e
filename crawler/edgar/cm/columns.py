"""Columns of a printed grid found from the characters the values occupy, and each value placed in its column.

Columns are the unions of the spans of the cells printed in them: cells of different rows that overlap are in
the same column. When one wide or misaligned cell joins two columns (a row then has two cells in one union),
the union is split again along the rows that print the most cells there. A cell is placed in the column its
span overlaps; a cell that overlaps no column, or more than one, or a column already filled in its row, is
left out (``None``) with a warning: a value is never moved into a column it was not printed in.
"""

from __future__ import annotations

from bisect import bisect_right

from crawler.edgar.cm.cells import Cell

Span = tuple[int, int]


def find_columns(rows: list[list[Cell]], guides: int = 0) -> tuple[list[Span], list[list[int]]]:
    """Column spans (start, end), left to right, from the value cells of every row, and the column of each cell
    (``-1`` for a cell whose column cannot be told). The last ``guides`` rows are header tokens printed over the
    columns (``Yield  Yield``): they widen columns but never decide how a joined union splits."""
    quick = aligned_columns(rows)
    if quick is not None:
        return quick, [list(range(len(quick)))] * len(rows)
    spans = sorted((cell[0], cell[1], r, i) for r, row in enumerate(rows) for i, cell in enumerate(row))
    members = [[-1] * len(row) for row in rows]
    columns: list[Span] = []
    start = end = -1
    group: list[tuple[int, int]] = []
    for left, right, r, i in spans:
        if left < end:
            if right > end:
                end = right
            group.append((r, i))
            continue
        if group:
            _close_column(rows, len(rows) - guides, start, end, group, columns, members)
        start, end, group = left, right, [(r, i)]
    if group:
        _close_column(rows, len(rows) - guides, start, end, group, columns, members)
    return columns, members


def aligned_columns(rows: list[list[Cell]]) -> list[Span] | None:
    """The common case, computed without sorting every cell: rows (guides included) that all print the same number
    of cells, the k-th cells of all rows sharing a character and never reaching the (k+1)-th cells. Then the unions
    are exactly the k-th cells' extents and every cell is in its k-th column (what the general reading finds)."""
    count = len(rows[0]) if rows else 0
    if not count or any(len(row) != count for row in rows):
        return None
    columns: list[Span] = []
    before = -1  # where the column before ends
    for k in range(count):
        start, end = rows[0][k][0], rows[0][k][1]
        last_start, first_end = start, end
        for row in rows:
            cell = row[k]
            start, last_start = min(start, cell[0]), max(last_start, cell[0])
            end, first_end = max(end, cell[1]), min(first_end, cell[1])
        if last_start >= first_end or start < before:
            return None  # the k-th cells do not all share a character, or reach the column before
        columns.append((start, end))
        before = end
    return columns


def _close_column(rows: list[list[Cell]], data: int, start: int, end: int, group: list[tuple[int, int]],
                  columns: list[Span], members: list[list[int]]) -> None:
    """The union [start, end) as one column, or as several when some row of values prints several cells in it."""
    in_rows = [r for r, _i in group if r < data]
    if len(in_rows) == len(set(in_rows)):
        for r, i in group:
            members[r][i] = len(columns)
        columns.append((start, end))
        return
    by_row: dict[int, list[Cell]] = {}
    for r, i in group:
        if r < data:
            by_row.setdefault(r, []).append(rows[r][i])
    most = max(len(cells) for cells in by_row.values())
    widest = [sorted(cells) for cells in by_row.values() if len(cells) == most]
    parts = [(min(cells[k][0] for cells in widest), max(cells[k][1] for cells in widest)) for k in range(most)]
    if any(parts[k][1] > parts[k + 1][0] for k in range(most - 1)):
        parts = [(start, end)]  # the rows disagree: one column; its doubled cells are left out when placed
    first = len(columns)
    columns.extend(parts)
    for r, i in group:
        cell = rows[r][i]
        hits = [first + k for k, part in enumerate(parts) if cell[0] < part[1] and part[0] < cell[1]]
        members[r][i] = hits[0] if len(hits) == 1 else -1


def place_members(cells: list[Cell], members: list[int], count: int) -> tuple[list[str | None], list[str]]:
    """A row's cells in the columns :func:`find_columns` found for them."""
    if len(cells) == count and members == list(range(count)):
        return [cell[2] for cell in cells], []
    values: list[str | None] = [None] * count
    taken = [0] * count
    warnings: list[str] = []
    for (start, end, text, _value), column in zip(cells, members):
        if column < 0:
            warnings.append(f"value {text!r} at characters {start}-{end} is under no single column; left out")
        elif taken[column]:
            if taken[column] == 1:
                warnings.append(f"values {values[column]!r} and {text!r} are both under column {column + 1}; "
                                "both left out")
            values[column] = None
            taken[column] = 2
        else:
            values[column] = text
            taken[column] = 1
    return values, warnings


def place(cells: list[Cell], columns: list[Span]) -> tuple[list[str | None], list[str]]:
    """Each cell's text in the column it overlaps; None where nothing (or nothing certain) was printed."""
    return place_members(cells, overlapped(cells, columns), len(columns))


def overlapped(cells: list[Cell], columns: list[Span]) -> list[int]:
    """The column each cell overlaps (columns left to right, apart), or -1 when it overlaps none or several."""
    starts = [column[0] for column in columns]
    members = []
    for start, end, _text, _value in cells:
        k = bisect_right(starts, start) - 1
        hits = [k] if k >= 0 and start < columns[k][1] else []
        k += 1
        while k < len(columns) and columns[k][0] < end:
            hits.append(k)
            k += 1
        members.append(hits[0] if len(hits) == 1 else -1)
    return members


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def center(span: Span) -> float:
    return (span[0] + span[1]) / 2
