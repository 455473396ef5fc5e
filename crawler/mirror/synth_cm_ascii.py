"""Fixed-width printing of grids the way desk tools print them into EDGAR text exhibits.

Two families, after the real samples: Intex (title ``CWALT0534CB_1A - Price/Yield - 1A3`` inside
``<TABLE>``/``<CAPTION>``, header block above the scenario columns, ``<S>``/``<C>`` markers either right after
the title or right above the rows, the header now and then in a ``<TABLE>`` of its own, a long grid continued
on the next page under the same title) and Deutsche Bank (centred title ``DEAL_CWALT0528CB_GRP2 -- 2A3``, header
block outside the table or in its own, dashed rules, a measure row under the scenarios). Numbers are
right-aligned in columns of uneven width; scenario labels are right-aligned over them or start their column.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from crawler.mirror.synth_cm_grid import Grid
from crawler.mirror.synth_cm_model import Fact, Row

FIRMS = ("DEUTSCHE BANK SECURITIES", "Deutsche Bank  CMO Trading 212-250-2669", "Deutsche Bank Securities Inc.")


@dataclass(slots=True)
class Columns:
    label_width: int
    widths: list[int]
    left_headers: bool  # scenario labels start their column (values still end it)
    indent: int  # price labels


def columns_for(rng: random.Random, grid: Grid) -> Columns:
    table = grid.table
    widths = []
    for n, label in enumerate(table.scenarios):
        longest = max([len(label), len(grid.measure_label or "")] + [len(c.text) for r in table.rows if (c := r.cells[n])])
        widths.append(longest + rng.randint(2, 7))
    indent = rng.choice((0, 4, 6, 8, 12))
    label_width = max(indent + len(r.label) for r in table.rows) + rng.randint(2, 9)
    return Columns(label_width, widths, rng.random() < 0.4, indent)


def row_line(cols: Columns, row: Row, price_row: bool) -> str:
    label = (" " * cols.indent + row.label) if price_row else row.label
    cells = "".join((cell.text if cell else "").rjust(width) for cell, width in zip(row.cells, cols.widths))
    return (label.ljust(cols.label_width) + cells).rstrip()


def scenario_line(cols: Columns, head: str, labels: list[str], left: bool) -> str:
    if left:
        cells = "".join(("  " + label).ljust(width) for label, width in zip(labels, cols.widths))
    else:
        cells = "".join(label.rjust(width) for label, width in zip(labels, cols.widths))
    return (head.ljust(cols.label_width) + cells).rstrip()


def marker_line(cols: Columns, lead: int) -> str:
    """``<S>`` over the label column, ``<C>`` near the start of every value column."""
    out, at = " " * lead + "<S>", cols.label_width
    for width in cols.widths:
        target = at + max(0, width - 8)
        out = out.ljust(max(target, len(out) + 1)) + "<C>"
        at += width
    return out


def header_lines(rng: random.Random, columns: list[list[Fact]], tight: bool) -> list[str]:
    """Facts in label/value pairs, one column of pairs after another."""
    spread = (1, 3) if tight else (1, 8)
    layout = []
    for n, column in enumerate(columns):
        label_w = max(len(f.label) for f in column) + rng.randint(*spread)
        value_w = max(len(f.text) for f in column) + rng.randint(*spread)
        layout.append((label_w, value_w, n == len(columns) - 1 and rng.random() < 0.5))
    lines = []
    for line in range(max(len(column) for column in columns)):
        text = ""
        for column, (label_w, value_w, right) in zip(columns, layout):
            if line < len(column):
                fact = column[line]
                text += fact.label.ljust(label_w) + (fact.text.rjust(value_w) if right else fact.text.ljust(value_w))
            else:
                text += " " * (label_w + value_w)
        lines.append(text.rstrip())
    return lines


def _grid_body(cols: Columns, grid: Grid, rows: list[Row], first: int, lead: list[str]) -> list[str]:
    out = []
    for n, row in enumerate(rows, start=first):
        if n == grid.price_rows and lead:
            out += lead
        out.append(row_line(cols, row, n < grid.price_rows))
    return out


def render_intex(rng: random.Random, grid: Grid) -> list[str]:
    table, cols = grid.table, columns_for(rng, grid)
    title = table.title or ""
    markers_on_top = rng.random() < 0.35
    split_header = rng.random() < 0.25
    price_head = " " * max(0, cols.indent + 2) + grid.label_head if rng.random() < 0.5 else grid.label_head
    head = [scenario_line(cols, price_head, table.scenarios, cols.left_headers)]
    if grid.measure_label:
        head.append(scenario_line(cols, "", [grid.measure_label] * len(table.scenarios), False))
    lines = ["<TABLE>", "<CAPTION>", "", title, ""] if rng.random() < 0.6 else ["<TABLE>", "<CAPTION>", title, ""]
    if markers_on_top and not split_header:
        lines.append(marker_line(cols, 0))
    lines += header_lines(rng, grid.header, tight=False) + [""]
    if split_header:
        lines += ["</TABLE>", "", "<TABLE>", "<CAPTION>", ""]
    lines += head
    if not markers_on_top or split_header:
        lines.append(marker_line(cols, rng.choice((0, 2))))
    footer_gap = [""] if rng.random() < 0.6 else []
    rows = table.rows
    cut = rng.randint(3, grid.price_rows - 2) if grid.price_rows >= 8 and rng.random() < 0.1 else 0
    if cut:  # continued on the next page under the same title and columns
        lines += _grid_body(cols, grid, rows[:cut], 0, footer_gap)
        lines += ["</TABLE>", "", "<PAGE>", "", "<TABLE>", "<CAPTION>", title, "", *head, marker_line(cols, 0)]
    lines += _grid_body(cols, grid, rows[cut:], cut, footer_gap)
    return lines + ["</TABLE>"]


def render_db(rng: random.Random, grid: Grid) -> list[str]:
    table, cols = grid.table, columns_for(rng, grid)
    cols.left_headers = False
    width = cols.label_width + sum(cols.widths)
    rule = "-" * max(width + rng.randint(0, 6), 60)
    lines = ["", " " * rng.randint(20, 55) + (table.title or ""), "", rng.choice(FIRMS)]
    header = header_lines(rng, grid.header, tight=True)
    if rng.random() < 0.5:
        lines += ["", *header, "", "<TABLE>", "<CAPTION>"]
    else:
        lines += ["<TABLE>", "<CAPTION>", "<S>     <C>             <C>           <C>          <C>", "", *header, "", "</TABLE>",
                  "", "", "<TABLE>", "<CAPTION>"]  # fmt: skip
    price_head = " " * cols.indent + grid.label_head if rng.random() < 0.5 else grid.label_head
    lines += [rule, scenario_line(cols, price_head, table.scenarios, False), rule]
    if grid.measure_label:
        lines += [scenario_line(cols, "", [grid.measure_label] * len(table.scenarios), False), rule]
    lines.append(marker_line(cols, cols.indent))
    lines += _grid_body(cols, grid, table.rows, 0, [""] if rng.random() < 0.7 else [rule])
    return lines + ["</TABLE>"]
