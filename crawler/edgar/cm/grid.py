"""One printed grid (header lines over rows of values) read into scenarios, measures and rows.

The row label is a row's first cell (a price, a date, ``WAL``, ``35% Severity``); a row whose first cell is
printed under a column of values has no label. Columns come from the values (:mod:`crawler.edgar.cm.columns`)
and from the measure line; header lines name them (:mod:`crawler.edgar.cm.headers`): measure lines give the
measures, the other lines the scenarios (joined top to bottom when a label is printed on two lines), except a
line with a label of its own (``Optional Redemption  Call (Y)  Call (Y)``) when another line gives the
scenarios: that line is a row of the grid, printed above the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from crawler.edgar.cm import scan
from crawler.edgar.cm.cells import Cell, CellRows, general_cells, split_chunk
from crawler.edgar.cm.columns import Span, aligned_columns, find_columns, place, place_members
from crawler.edgar.cm.headers import HeaderLine, assign, measure_tokens, read_header_line
from crawler.edgar.cm.model import CmRow
from crawler.edgar.cm.row_measures import measure_column
from crawler.edgar.cm.values import is_speed, label_key, scenario, speed_label
from crawler.edgar.cm.vocabulary import MEASURE_WORDS

Body = list[tuple[str, list[Cell]]]
_SLICED_ROWS = 6  # rows read cell by cell to find the columns of a long grid
_SLICE_ATTEMPTS = 3
_UNNAMED = "no column header printed; the columns are numbered"
_LABEL_SLACK = 4  # a row's first cell this far right of where the labels start is not a label


@dataclass(slots=True)
class Grid:
    row_header: str | None = None
    scenarios: list[str] = field(default_factory=list)
    measures: list[str | None] = field(default_factory=list)
    rows: list[CmRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    named: bool = False  # a header named the columns


def read_grid(header: list[str], texts: list[str], cells: CellRows) -> Grid:
    """The grid of the rows ``texts`` (``cells[k]``: the cells of ``texts[k]``, read only when needed) under
    the header lines ``header``."""
    grid = _sliced(header, texts, cells) or _general(header, [(text, cells[k]) for k, text in enumerate(texts)])
    _speeds_from_a_row(grid)
    measure_column(grid)
    return grid


def _speeds_from_a_row(grid: Grid) -> None:
    """Columns only numbered (or not named) whose speeds are printed as a row of the grid (``Prepay  50 PPC
    100 PPC``, often a footer): that row names the columns, and is not a row of values."""
    if len(grid.scenarios) < 2 or (grid.named and any(name != str(k) for k, name in enumerate(grid.scenarios, 1))):
        return
    for at, row in enumerate(grid.rows):
        if row.label[:1].isalpha() and len(row.values) == len(grid.scenarios) and not row.warnings and \
                all(text and is_speed(text) for text in row.values):
            grid.scenarios = list(row.values)  # type: ignore[arg-type]
            grid.named = True
            grid.warnings = [w for w in grid.warnings if w != _UNNAMED]
            del grid.rows[at]
            return


def _general(header: list[str], body: Body) -> Grid:
    grid = Grid()
    labels, values = _split_labels(body)
    if not any(values):
        grid.rows = [CmRow(label=label[2] if label else "", values=[]) for label in labels]
        return grid
    label_end = max((label[1] for label in labels if label), default=0)
    first_column = min(cells[0][0] for cells in values if cells)
    lines = [read_header_line(text, label_end, first_column) for text in header]
    guides = [line.tokens for line in lines if line.is_measure and line.tokens]
    found, members = find_columns(values + guides, guides=len(guides))
    columns = _name_columns(lines, found, grid)
    moved = {k: columns.index(span) if span in columns else -1 for k, span in enumerate(found)}
    grid.row_header = _row_header(lines)
    _extra_rows(lines, columns, grid)
    previous: Cell | None = None
    for label, cells, cell_members in zip(labels, values, members):
        row_values, warnings = place_members(cells, [moved[m] if m >= 0 else -1 for m in cell_members], len(columns))
        if previous is not None and not previous[3] and not any(grid.rows[-1].values):
            if label is None:  # a label alone on the line above its values ("Weighted Average Life (years)")
                grid.rows.pop()
                label = previous
            elif not label[3] and label_key(f"{previous[2]} {label[2]}") in MEASURE_WORDS:  # on two lines
                grid.rows.pop()
                label = (previous[0], label[1], f"{previous[2]} {label[2]}", False)
        grid.rows.append(CmRow(label=label[2] if label else "", values=row_values, warnings=warnings))
        previous = label
    return grid


def _sliced(header: list[str], texts: list[str], cells: CellRows) -> Grid | None:
    """The fast reading of a long, regular grid: columns from a sample of its rows (the first ones, the ones that
    are not plain numbers, then any that did not fit) and the measure line, every row cut at those columns. Every
    row must print nothing between or beyond the columns and one cell at most in each, so the result is what
    :func:`_general` finds; otherwise None (and the general reading is used)."""
    if len(texts) < _SLICED_ROWS:
        return None
    read = getattr(cells, "read", lambda _k: True)
    sample = [k for k in range(len(texts)) if k < _SLICED_ROWS or read(k)]  # the first rows and all unusual ones
    measured = [measure_tokens(text) for text in header]
    guides = [tokens for tokens in measured if tokens]
    for _ in range(_SLICE_ATTEMPTS):
        labels, values = _split_labels([(texts[k], cells[k]) for k in sample])
        if any(label is None or not cells for label, cells in zip(labels, values)):
            return None
        first = min(cells[0][0] for cells in values)
        found = aligned_columns(values + [[t for t in tokens if t[0] >= first - 1] for tokens in guides])
        if found is None:
            return None
        cutter = _Cutter(found, texts)
        rows = [cutter.cut(text) for text in texts]
        misfits = [k for k, row in enumerate(rows) if row is None]
        if not misfits:
            break
        if any(k in sample for k in misfits):
            return None
        sample = sorted(sample + misfits)
    else:
        return None
    label_end = max(row[0][1] for row in rows)  # type: ignore[index]
    lines = [read_header_line(text, label_end, found[0][0], tokens) for text, tokens in zip(header, measured)]
    grid = Grid()
    columns = _name_columns(lines, found, grid)
    where = [columns.index(span) for span in found]
    grid.row_header = _row_header(lines)
    _extra_rows(lines, columns, grid)
    same = where == list(range(len(columns)))
    for label, row_values in rows:  # type: ignore[misc]
        if not same:
            placed: list[str | None] = [None] * len(columns)
            for k, text in zip(where, row_values):
                placed[k] = text
            row_values = placed
        grid.rows.append(CmRow(label[2], row_values))
    return grid


class _Cutter:
    """Cuts rows at fixed columns with a few C-level calls per row (the bulk of a long grid)."""

    def __init__(self, columns: list[Span], texts: list[str]) -> None:
        self.columns = columns
        self.first = columns[0][0]
        self.tight = [k for k in range(len(columns) - 1) if columns[k + 1][0] - columns[k][1] < 2]
        bounds = [*columns, (columns[-1][1], columns[-1][1])]  # a last, empty column: itemgetter always gives tuples
        self.cells = itemgetter(*(slice(left, right) for left, right in bounds))
        self.gaps = itemgetter(*(slice(bounds[k][1], bounds[k + 1][0]) for k in range(len(columns) - 1)),
                               slice(columns[-1][1], None))
        self.bounds = tuple(edge for column in columns for edge in column)
        self.tight_at = tuple(self.tight)

    def cut(self, text: str) -> tuple[Cell, list[str | None]] | None:
        """(label cell, one text or None per column), or None when the row does not fit the columns."""
        found = scan.cut(text, self.bounds, self.tight_at)
        return self.read(text) if found is False else found

    def read(self, text: str) -> tuple[Cell, list[str | None]] | None:
        """:meth:`cut` in Python (the specification of the scan in C)."""
        if "".join(self.gaps(text)).strip():
            return None
        first = self.first
        label = text[:first].rstrip()
        stripped = label.lstrip(" ")
        if not stripped or first - len(label) < 2 or "  " in stripped:
            return None
        start = len(label) - len(stripped)
        if " " in stripped and len(split_chunk(start, stripped)) != 1:
            return None
        values = list(map(str.strip, self.cells(text)))
        values.pop()  # the empty last column
        joined = "\x00".join(values)
        if "  " in joined or (" " in joined and any(" " in v and len(split_chunk(0, v)) != 1 for v in values)):
            return None
        for k in self.tight:  # one blank between two cells: they must read as two cells there
            left, right = self.columns[k], self.columns[k + 1]
            touching = text[left[1] - 1 : left[1]] not in ("", " ") and text[right[0] : right[0] + 1] not in ("", " ")
            if touching and len(general_cells(text[left[0] : right[1]].strip())) != 2:
                return None
        if "" in values:
            return (start, len(label), stripped, False), [value or None for value in values]
        return (start, len(label), stripped, False), values  # type: ignore[return-value]


def _row_header(lines: list[HeaderLine]) -> str | None:
    return next((line.row_header for line in lines if line.is_measure and line.row_header), None) or \
        next((line.row_header for line in lines if line.row_header and not _is_extra_row(line, lines)
              and not speed_label(line.row_header)), None)


def _extra_rows(lines: list[HeaderLine], columns: list[Span], grid: Grid) -> None:
    for line in lines:
        if _is_extra_row(line, lines):
            row_values, warnings = place(line.tokens, columns)
            grid.rows.append(CmRow(label=line.row_header or "", values=row_values, warnings=warnings))


def _split_labels(body: Body) -> tuple[list[Cell | None], list[list[Cell]]]:
    """Each row's label cell (None when its first cell is a value printed under the values: starting there, or
    reaching into their first column from right of where the labels start) and its value cells."""
    first_column = min((cells[1][0] for _text, cells in body if len(cells) > 1), default=None)
    labels_start = _most_common_start(body)
    labels: list[Cell | None] = []
    values: list[list[Cell]] = []
    for _text, cells in body:
        reaching = labels_start is not None and cells and cells[0][0] > labels_start + _LABEL_SLACK
        if cells and first_column is not None and cells[0][3] and (
                cells[0][0] >= first_column or (reaching and cells[0][1] > first_column)):
            labels.append(None)
            values.append(cells)
        else:
            labels.append(cells[0] if cells else None)
            values.append(cells[1:])
    return labels, values


def _most_common_start(body: Body) -> int | None:
    """Where the first cells of most rows of two cells or more start, when two rows or more start there (of equal
    counts, the first printed)."""
    counts: dict[int, int] = {}
    for _text, cells in body:
        if len(cells) > 1:
            counts[cells[0][0]] = counts.get(cells[0][0], 0) + 1
    found, most = None, 1
    for start, count in counts.items():
        if count > most:
            found, most = start, count
    return found


def _name_columns(lines: list[HeaderLine], columns: list[Span], grid: Grid) -> list[Span]:
    scenario_lines = _scenario_lines(lines)
    for line in [*(line for line in lines if line.is_measure), *scenario_lines]:
        before = columns
        naming = next((other for other in scenario_lines if other is not line and len(other.tokens) == len(columns)),
                      None) if 0 < len(line.tokens) < len(columns) else None
        if naming is not None:  # "% of" over "Pool": a part over the column's name, if not over its values
            _spans, line.per_column, warnings = assign(line.tokens, _under_names(columns, naming))
        else:
            columns, line.per_column, warnings = assign(line.tokens, columns)
        grid.warnings.extend(warnings)
        if columns is not before:
            for other in lines:
                if other.per_column and other is not line:
                    other.per_column = _remap(other.per_column, before, columns)
    measure = next((line for line in lines if line.is_measure and line.per_column), None)
    grid.measures = list(measure.per_column) if measure else [None] * len(columns)
    names: list[list[str]] = [[] for _ in columns]
    full = [line for line in scenario_lines if len(line.tokens) == len(columns) > 2 and all(line.per_column)]
    for line in scenario_lines:
        if full and line is not full[0] and _heading_over_all(line, full[0]):
            continue
        label = line.row_header if line.row_header and speed_label(line.row_header) else None
        for k, name in enumerate(line.per_column):
            if name:
                names[k].append(_with_unit(label, name) if label else name)
    grid.named = any(names)
    grid.scenarios = [" ".join(parts) if parts else str(k + 1) for k, parts in enumerate(names)]
    if not grid.named:
        grid.warnings.append(_UNNAMED)
    return columns


def _under_names(columns: list[Span], naming: HeaderLine) -> list[Span]:
    """Each column widened to the header token naming it on a line with one token per column."""
    return [(min(column[0], token[0]), max(column[1], token[1])) for column, token in zip(columns, naming.tokens)]


def _heading_over_all(line: HeaderLine, named: HeaderLine) -> bool:
    """One heading over columns another line names one by one (``Percentage of Prepayment Assumption`` over
    ``0%  100%  200%``): not part of their names, unless it prints their unit (``Prepayment Speed (PPC)``)."""
    if len(line.tokens) != 1:
        return False
    return scenario(f"{line.tokens[0][2]} {named.per_column[0]}")[0] is None


def _with_unit(label: str, name: str) -> str:
    """A bare speed under a label printing its unit, read with it (``Prepay (PSA) 100``, ``PSA 100``)."""
    if is_speed(name) or scenario(f"{label} {name}")[0] is None:
        return name
    return f"{label} {name}"


def _scenario_lines(lines: list[HeaderLine]) -> list[HeaderLine]:
    candidates = [line for line in lines if not line.is_measure and line.tokens]
    with_speeds = [line for line in candidates if line.scenarios]
    if with_speeds:
        return with_speeds[:1]
    return [line for line in candidates if not line.row_header or not _is_extra_row(line, lines)]


def _is_extra_row(line: HeaderLine, lines: list[HeaderLine]) -> bool:
    """A labelled header line that is not the one naming the columns (``Optional Redemption  Call (Y)``)."""
    if line.is_measure or not line.row_header or not line.tokens or line.scenarios:
        return False
    return any(other is not line and not other.is_measure and other.tokens and other.scenarios
               for other in lines)


def _remap(names: list[str | None], before: list[Span], after: list[Span]) -> list[str | None]:
    where = {span: k for k, span in enumerate(before)}
    return [names[where[span]] if span in where else None for span in after]
