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

from crawler.edgar.cm.cells import Cell
from crawler.edgar.cm.columns import Span, find_columns, place, place_members
from crawler.edgar.cm.headers import HeaderLine, assign, read_header_line
from crawler.edgar.cm.model import CmRow
from crawler.edgar.cm.values import scenario

Body = list[tuple[str, list[Cell]]]


@dataclass(slots=True)
class Grid:
    row_header: str | None = None
    scenarios: list[str] = field(default_factory=list)
    measures: list[str | None] = field(default_factory=list)
    rows: list[CmRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    named: bool = False  # a header named the columns


def read_grid(header: list[str], body: Body) -> Grid:
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
    grid.row_header = next((line.row_header for line in lines if line.is_measure and line.row_header), None) or \
        next((line.row_header for line in lines if line.row_header and not _is_extra_row(line, lines)), None)
    for line in lines:
        if _is_extra_row(line, lines):
            row_values, warnings = place(line.tokens, columns)
            grid.rows.append(CmRow(label=line.row_header or "", values=row_values, warnings=warnings))
    for label, cells, cell_members in zip(labels, values, members):
        row_values, warnings = place_members(cells, [moved[m] if m >= 0 else -1 for m in cell_members], len(columns))
        grid.rows.append(CmRow(label=label[2] if label else "", values=row_values, warnings=warnings))
    return grid


def _split_labels(body: Body) -> tuple[list[Cell | None], list[list[Cell]]]:
    """Each row's label cell (None when its first cell is a value printed under the values) and its value cells."""
    first_column = min((cells[1][0] for _text, cells in body if len(cells) > 1), default=None)
    labels: list[Cell | None] = []
    values: list[list[Cell]] = []
    for _text, cells in body:
        if cells and first_column is not None and cells[0][0] >= first_column and cells[0][3]:
            labels.append(None)
            values.append(cells)
        else:
            labels.append(cells[0] if cells else None)
            values.append(cells[1:])
    return labels, values


def _name_columns(lines: list[HeaderLine], columns: list[Span], grid: Grid) -> list[Span]:
    scenario_lines = _scenario_lines(lines)
    for line in [*(line for line in lines if line.is_measure), *scenario_lines]:
        before = columns
        columns, line.per_column, warnings = assign(line.tokens, columns)
        grid.warnings.extend(warnings)
        if columns is not before:
            for other in lines:
                if other.per_column and other is not line:
                    other.per_column = _remap(other.per_column, before, columns)
    measure = next((line for line in lines if line.is_measure and line.per_column), None)
    grid.measures = list(measure.per_column) if measure else [None] * len(columns)
    names: list[list[str]] = [[] for _ in columns]
    for line in scenario_lines:
        for k, name in enumerate(line.per_column):
            if name:
                names[k].append(name)
    grid.named = any(names)
    grid.scenarios = [" ".join(parts) if parts else str(k + 1) for k, parts in enumerate(names)]
    if not grid.named:
        grid.warnings.append("no column header printed; the columns are numbered")
    return columns


def _scenario_lines(lines: list[HeaderLine]) -> list[HeaderLine]:
    candidates = [line for line in lines if not line.is_measure and line.tokens]
    with_speeds = [line for line in candidates if _mostly_scenarios(line.tokens)]
    if with_speeds:
        return with_speeds[:1]
    return [line for line in candidates if not line.row_header or not _is_extra_row(line, lines)]


def _is_extra_row(line: HeaderLine, lines: list[HeaderLine]) -> bool:
    """A labelled header line that is not the one naming the columns (``Optional Redemption  Call (Y)``)."""
    if line.is_measure or not line.row_header or not line.tokens or _mostly_scenarios(line.tokens):
        return False
    return any(other is not line and not other.is_measure and other.tokens and _mostly_scenarios(other.tokens)
               for other in lines)


def _mostly_scenarios(tokens: list[Cell]) -> bool:
    return sum(1 for t in tokens if scenario(t[2])[0] is not None) * 2 > len(tokens)


def _remap(names: list[str | None], before: list[Span], after: list[Span]) -> list[str | None]:
    where = {span: k for k, span in enumerate(before)}
    return [names[where[span]] if span in where else None for span in after]
