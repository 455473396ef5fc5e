"""Price blocks printed the other way round: the prices across the columns, the scenarios down the rows.

A grid of :mod:`synth_cm_grid` (a fixed-rate class or a floater) transposed: a few neighbouring prices head the
columns (``Price:  99-16  99-24 ...``), each row is a measure at a scenario (``Yield @ 100 PPC``, ``Yield at 200
PPC``, ``100 PPC Yield``, ``DM @ 10 CPR``), then the footer measures that do not depend on the price (``WAL (yrs) @
100 PPC``, ``Principal Window at 100 PPC``) repeated under every price. Or a ``Prepay`` line over the prices, a
``Yield`` / ``DM`` heading above it and the scenarios alone down the rows. In the truth, ``scenarios`` are the
printed prices, each cell's price its column's, its scenario and measure its row's.
"""

from __future__ import annotations

import random

from crawler.mirror.synth_cm_ascii import header_lines
from crawler.mirror.synth_cm_grid import Grid
from crawler.mirror.synth_cm_model import Cell, Row, Table, measure_of

AT_STYLES = ("{m} @ {s}", "{m} @ {s}", "{m} at {s}", "{s} {m}")
WORDS = {"yield": ("Yield", "Yield", "Yld"), "discount_margin": ("DM", "Disc Margin", "DM")}
HEADINGS = {"yield": "Yield", "discount_margin": "DM"}
FOOTER_MEASURES = frozenset(("wal", "principal_window"))  # the same at every price


def transpose(rng: random.Random, grid: Grid) -> tuple[Table, list[str]]:
    """The table with prices across, and its printed lines (``grid``: the class's grid as :func:`price_grid` made
    it)."""
    source = grid.table
    measure = source.measures[0]
    count = min(grid.price_rows, rng.randint(3, 6))
    start = rng.randint(0, grid.price_rows - count)
    price_rows = source.rows[start : start + count]
    chosen = sorted(rng.sample(range(len(source.scenarios)), min(len(source.scenarios), rng.randint(2, 5))))
    scenarios = [(source.scenarios[k], *source.speeds[k]) for k in chosen]
    prices = [row.price for row in price_rows]
    prepay = rng.random() < 0.3
    word, style = rng.choice(WORDS[measure]), rng.choice(AT_STYLES)
    rows = []
    for k, scenario in zip(chosen, scenarios):
        cells = [row.cells[k] for row in price_rows]
        if not any(cells):
            continue
        label = (scenario[0] or "") if prepay else style.format(m=word, s=scenario[0])
        rows.append(Row(label, cells, measure=None if prepay else measure, prices=list(prices), scenario=scenario))
    footers = [row for row in source.rows[grid.price_rows :] if row.measure in FOOTER_MEASURES and not prepay]
    for footer in footers:
        for k, scenario in zip(chosen, scenarios):
            if rng.random() < 0.6 and (cell := footer.cells[k]) is not None:
                label = style.format(m=footer.label, s=scenario[0])
                rows.append(Row(label, [cell] * count, measure=footer.measure, prices=list(prices), scenario=scenario))
    printed = [row.label for row in price_rows]
    table = Table(source.kind, source.title, source.deal, source.class_, facts=list(source.facts), scenarios=printed,
                  speeds=[(None, None)] * count, measures=[measure] * count, rows=rows)
    return table, _lines(rng, grid, table, HEADINGS[measure] if prepay else None)


def _lines(rng: random.Random, grid: Grid, table: Table, heading: str | None) -> list[str]:
    label_width = max(len(row.label) for row in table.rows) + rng.randint(3, 10)
    widths = []
    for n, shown in enumerate(table.scenarios):
        longest = max([len(shown)] + [len(cell.text) for row in table.rows if (cell := row.cells[n]) is not None])
        widths.append(longest + rng.randint(3, 7))

    def line(label: str, cells: list[Cell | None] | list[str]) -> str:
        texts = [c if isinstance(c, str) else (c.text if c is not None else "") for c in cells]
        return (label.ljust(label_width) + "".join(t.rjust(w) for t, w in zip(texts, widths))).rstrip()

    head = "Prepay" if heading else rng.choice(("Price:", "Price:", "Price"))
    out = ["<TABLE>", "<CAPTION>", "", table.title or "", ""]
    out += header_lines(rng, grid.header, tight=False) + [""]
    if heading:
        out.append(" " * (label_width + sum(widths) // 2 - len(heading) // 2) + heading)
    out.append(line(head, table.scenarios))
    out += [line(row.label, row.cells) for row in table.rows]
    return out + ["</TABLE>"]
