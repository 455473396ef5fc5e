"""Price blocks printed the other way round: the prices across the columns, the scenarios down the rows.

A grid of :mod:`synth_cm_grid` (a fixed-rate class or a floater) transposed: a few neighbouring prices head the
columns (``Price:  99-16  99-24 ...``), each row is a measure at a scenario (``Yield @ 100 PPC``, ``Yield at 200
PPC``, ``100 PPC Yield``, ``DM @ 10 CPR``), then the footer measures that do not depend on the price (``WAL (yrs) @
100 PPC``, ``Principal Window at 100 PPC``) repeated under every price. Or a ``Prepay`` line over the prices, a
``Yield`` / ``DM`` heading above it and the scenarios alone down the rows. A wide block now and then prints in
two bands, each under a price line of its own. In the truth, ``scenarios`` are the
printed prices, each cell's price its column's, its scenario and measure its row's.
"""

from __future__ import annotations

import random

from crawler.mirror.synth_cm_ascii import header_lines
from crawler.mirror.synth_cm_grid import Grid
from crawler.mirror.synth_cm_model import Row, Table

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
    bands = [range(count)] if prepay or count < 4 or rng.random() < 0.75 else [range(count // 2), range(count // 2, count)]
    table = Table(source.kind, source.title, source.deal, source.class_, facts=list(source.facts), scenarios=printed,
                  speeds=[(None, None)] * count, measures=[measure] * count, rows=[])
    lines = _opening(rng, grid, table)
    if prepay:
        lines.append(" " * rng.randint(20, 40) + HEADINGS[measure])
    for n, band in enumerate(bands):  # a wide block printed in bands, each under a price line of its own
        banded = [_in_band(row, band) for row in rows if any(row.cells[k] for k in band)]
        table.rows += banded
        lines += ([""] if n else []) + _band_lines(rng, "Prepay" if prepay else rng.choice(("Price:", "Price")),
                                                   [printed[k] for k in band], banded, band)
    return table, lines + ["</TABLE>"]


def _in_band(row: Row, band: range) -> Row:
    """A row's cells under the prices of one band (None under the others)."""
    cells = [cell if k in band else None for k, cell in enumerate(row.cells)]
    return Row(row.label, cells, measure=row.measure, prices=row.prices, scenario=row.scenario)


def _opening(rng: random.Random, grid: Grid, table: Table) -> list[str]:
    return ["<TABLE>", "<CAPTION>", "", table.title or "", "", *header_lines(rng, grid.header, tight=False), ""]


def _band_lines(rng: random.Random, head: str, prices: list[str], rows: list[Row], band: range) -> list[str]:
    label_width = max(len(head), *(len(row.label) for row in rows)) + rng.randint(3, 10)
    widths = []
    for n, shown in zip(band, prices):
        longest = max([len(shown)] + [len(cell.text) for row in rows if (cell := row.cells[n]) is not None])
        widths.append(longest + rng.randint(3, 7))

    def line(label: str, texts: list[str]) -> str:
        return (label.ljust(label_width) + "".join(t.rjust(w) for t, w in zip(texts, widths))).rstrip()

    return [line(head, prices)] + [line(row.label, [(c.text if (c := row.cells[k]) else "") for k in band]) for row in rows]
