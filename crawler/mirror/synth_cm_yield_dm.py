"""Floater grids printing two rows per price, a Yield row and a DM row, each naming its measure.

The measure word stands beside the price (``99-16  Yield  5.23 ...`` over ``       DM    45 ...``), in a column
headed ``Measure``, ``Yld/DM``, ``Yield/DM`` or ``Yld / DM``, after the values, or with the price printed again on
the DM row. The footer rows (WAL, Mod Durn, Principal Window ...) follow as in any grid. The discount margins
are the floater grid's; the yields are worked out at the same prices and average lives. The table is the
floater's discount-margin grid: a row printing no measure (a footer) takes the grid's.
"""

from __future__ import annotations

import random

from crawler.mirror.synth_cm_ascii import header_lines
from crawler.mirror.synth_cm_grid import GridCore, price_grid
from crawler.mirror.synth_cm_deal import DealSheet
from crawler.mirror.synth_cm_model import Cell, Row, Table
from crawler.mirror.synth_cm_numbers import fixed, yield_of

HEADINGS = ("Measure", "Yld/DM", "Yield/DM", "Yld / DM")
LAYOUTS = ("beside", "column", "repeated", "after")
WORDS = (("Yield", "DM"), ("Yield", "DM"), ("Yld", "DM"))


def yield_dm_grid(rng: random.Random, sheet: DealSheet, core: GridCore, class_name: str, deal: str,
                  title: str) -> tuple[Table, list[str]]:  # fmt: skip
    """A floater class's grid with a Yield and a DM row per price, and its printed lines."""
    grid = price_grid(rng, sheet, core, "floater", "intex", class_name, deal, title)
    source, coupon = grid.table, core.body.coupon.value or 0.0
    layout, (yield_word, dm_word) = rng.choice(LAYOUTS), rng.choice(WORDS)
    places = rng.choice((2, 3))
    rows: list[Row] = []
    words: list[str] = []
    for row in core.body.rows:  # the floater's prices, every cell printed
        price = row.price or 0.0
        yields: list[Cell | None] = [fixed(yield_of(price, coupon, wal), places) for wal in core.wals]
        rows.append(Row(row.label, yields, price=price, measure="yield"))
        rows.append(Row(row.label if layout == "repeated" else "", list(row.cells), price=price, measure="discount_margin"))
        words += [yield_word, dm_word]
    footers = [row for row in source.rows[grid.price_rows :] if any(row.cells)]
    table = Table(source.kind, title, deal, class_name, facts=list(source.facts), scenarios=list(source.scenarios),
                  speeds=list(source.speeds), measures=list(source.measures), rows=rows + footers)
    heading = rng.choice(HEADINGS) if layout == "column" else ""
    lines = ["<TABLE>", "<CAPTION>", "", title, ""] + header_lines(rng, grid.header, tight=False) + [""]
    return table, lines + _grid_lines(rng, table, words, layout, heading) + ["</TABLE>"]


def _grid_lines(rng: random.Random, table: Table, words: list[str], layout: str, heading: str) -> list[str]:
    paired = len(words)
    price_w = max(len(row.label) for row in table.rows[:paired]) + rng.randint(2, 6)
    word_w = 0 if layout == "after" else max(len(w) for w in [*words, heading]) + rng.randint(2, 6)
    label_w = max([price_w + word_w] + [len(row.label) + 2 for row in table.rows[paired:]])
    widths = []
    for n, label in enumerate(table.scenarios):
        longest = max([len(label)] + [len(cell.text) for row in table.rows if (cell := row.cells[n]) is not None])
        widths.append(longest + rng.randint(2, 6))

    def values(row: Row) -> str:
        return "".join((cell.text if cell else "").rjust(width) for cell, width in zip(row.cells, widths))

    head = ("Price".ljust(price_w) + heading).ljust(label_w)
    out = [(head + "".join(s.rjust(w) for s, w in zip(table.scenarios, widths))).rstrip()]
    for n, row in enumerate(table.rows):
        if n >= paired:
            out.append((row.label.ljust(label_w) + values(row)).rstrip())
        elif layout == "after":
            out.append(row.label.ljust(label_w) + values(row) + "   " + words[n])
        else:
            out.append((row.label.ljust(price_w) + words[n]).ljust(label_w) + values(row))
    return out
