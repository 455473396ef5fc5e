"""Price/yield and discount-margin grids of one class: the numbers, before any layout prints them.

A grid has scenario columns (``40 PPC``, ``6 CPR``, ``300 PSA``, ``6 CPB`` or columns only numbered), one row
per price and footer rows (WAL, Mod Durn, Principal Window ...) measured at the middle price. Kinds: a
fixed-rate class, an interest-only class (prices below 1, yields above 100 and below 0) and a floater
(discount margins in basis points).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from crawler.edgar.cm.model import DISCOUNT_MARGIN, PRICE_YIELD
from crawler.mirror.synth_cm_deal import DealSheet, class_balance, coupon_cell, floater_terms, header_facts, reading_order
from crawler.mirror.synth_cm_model import Cell, Fact, Row, Table, measure_of
from crawler.mirror.synth_cm_numbers import (
    add_months, amount, can_print, date_text, discount_margin, fixed, io_yield, mod_duration, month_text, price_text,
    speed_factor, wal_at, yield_of,
)  # fmt: skip

SPEEDS = {
    "PPC": (0, 25, 40, 50, 65, 75, 85, 100, 110, 125, 150, 175, 200, 250, 300),
    "CPR": (0, 2, 4, 6, 8, 10, 12, 15, 18, 20, 25, 30, 35, 40, 50),
    "PSA": (0, 50, 100, 150, 200, 250, 300, 350, 400, 500, 600),
    "CPB": (0, 3, 6, 10, 15, 20, 25, 30),
}
STEPS = {"32": (2, 4, 8), "plus": (1, 1, 2), "dec2": (1, 2), "dec3": (2, 4), "decimal6": (8, 16), "decimal3": (8, 16)}
MEASURE_LABEL = {"yield": ("Yield", "Yield", "Yield", "Yld"), "discount_margin": ("Disc Margin", "Disc Margin", "DM", "Discount Margin")}


@dataclass(slots=True)
class Grid:
    """A price grid with the header block it is printed under (``header``: columns of facts)."""

    table: Table
    header: list[list[Fact]]
    measure_label: str | None  # printed over every scenario column, or None
    price_rows: int  # the first rows are prices, the rest footer rows


def scenarios(rng: random.Random, units: tuple[str, ...], weights: tuple[float, ...], low: int = 5,
              high: int = 9) -> tuple[list[str], list[tuple[float | None, str | None]]]:  # fmt: skip
    """Column labels and their (speed, unit); ``numbered`` gives ``1..N`` with no speed."""
    unit = rng.choices(units, weights)[0]
    if unit == "numbered":
        count = rng.randint(low, high)
        return [str(n) for n in range(1, count + 1)], [(None, None)] * count
    pool = SPEEDS[unit]
    chosen = sorted(rng.sample(pool, min(len(pool), rng.randint(low, high))))
    squeezed = rng.randrange(len(chosen)) if rng.random() < 0.15 else -1
    labels = []
    for index, speed in enumerate(chosen):
        if index == squeezed:
            labels.append(f"{speed}{unit}")  # "65PPC"
        elif unit == "PPC" and rng.random() < 0.04:
            labels.append(f"{speed}% {unit}")
        else:
            labels.append(f"{speed} {unit}")
    return labels, [(float(speed), unit) for speed in chosen]


def _prices(rng: random.Random, center: float, count: int) -> tuple[list[int], str]:
    style = rng.choices(("32", "plus", "dec2", "dec3", "decimal6", "decimal3"), (45, 12, 8, 8, 17, 10))[0]
    step = rng.choice(STEPS[style])
    first = round(center * 64 / step) * step - step * (count // 2)
    prices = [first + step * n for n in range(count)]
    assert all(can_print(p, style) for p in prices)
    return prices, style


def _window(sheet: DealSheet, wal: float, lockout: int, style: str) -> Cell:
    first = add_months(sheet.first_pay, lockout)
    last = add_months(first, min(sheet.wam - lockout - 1, max(1, round(wal * 2.3 * 12))))
    return Cell(f"{month_text(first, style)} - {month_text(last, style)}")


def price_grid(rng: random.Random, sheet: DealSheet, kind: str, family: str, class_name: str, deal: str,
               title: str) -> Grid:  # fmt: skip
    """One class's grid. ``kind``: fixed | io | floater; ``family`` (intex | db) picks the footer rows' names."""
    floater = floater_terms(rng) if kind == "floater" else None
    if family == "intex":
        labels, speeds = scenarios(rng, ("PPC", "numbered", "CPR", "PSA", "CPB"), (50, 20, 15, 10, 5))
    else:
        labels, speeds = scenarios(rng, ("CPR", "PPC", "PSA"), (45, 45, 10))
    factors = [speed_factor(unit, speed or 0.0, n) for n, (speed, unit) in enumerate(speeds)]
    long_wal, pace = rng.uniform(6.0, 24.0), rng.uniform(1.5, 6.0)
    wals = [wal_at(long_wal, pace, f) for f in factors]
    count = rng.randint(6, 12)
    measure = "discount_margin" if floater else "yield"
    if kind == "io":
        coupon = fixed(rng.uniform(0.25, 1.6), 6)
        first = rng.choice((14, 18, 20, 24, 26))
        prices, style = [first + 8 * n for n in range(count)], "decimal6"
        decays = [0.004 + 0.012 * f for f in factors]
        grid_cells = [[fixed(io_yield(p / 64, coupon.value or 0.0, d), 2) for d in decays] for p in prices]
        balance = amount(rng.randrange(100_000_000, 900_000_000) * 100 + rng.randrange(100), dollar=True)
    elif floater is not None:
        libor = rng.randint(110, 450)
        margin = floater.margin.value or 0.0
        coupon = coupon_cell(libor + round(margin * 100), rng)
        prices, style = _prices(rng, rng.uniform(99.4, 100.2), count)
        places = rng.choice((0, 0, 0, 1))
        grid_cells = [[fixed(discount_margin(p / 64, margin, w), places) for w in wals] for p in prices]
        balance = class_balance(rng)
    else:
        hundredths = rng.choice((rng.randrange(400, 775, 25), rng.randrange(400, 775, 5)))
        coupon = coupon_cell(hundredths, rng)
        market = hundredths / 100 + rng.uniform(-0.9, 0.7)
        prices, style = _prices(rng, 100 + (hundredths / 100 - market) * 4.5, count)
        places = rng.choice((3, 3, 3, 2))
        grid_cells = [[fixed(yield_of(p / 64, hundredths / 100, w), places) for w in wals] for p in prices]
        balance = class_balance(rng)
    rows = [Row(price_text(p, style), list(cells), price=p / 64) for p, cells in zip(prices, grid_cells)]
    mid = prices[len(prices) // 2] / 64
    rows += _footer(rng, sheet, family, wals, mid, coupon.value or 0.0, kind)
    _blank_some(rng, rows, len(prices))
    delay = 0 if floater else rng.choice((24, 24, 24, 19, 14))
    header = header_facts(sheet, balance, coupon, delay, floater, footnote=rng.random() < 0.12)
    table = Table(DISCOUNT_MARGIN if floater else PRICE_YIELD, title, deal, class_name, facts=reading_order(header),
                  scenarios=labels, speeds=speeds, measures=[measure] * len(labels), rows=rows)  # fmt: skip
    shown = rng.choice(MEASURE_LABEL[measure]) if rng.random() < 0.88 else None
    return Grid(table, header, shown, len(prices))


def _footer(rng: random.Random, sheet: DealSheet, family: str, wals: list[float], price: float, coupon: float,
            kind: str) -> list[Row]:  # fmt: skip
    """WAL, duration and principal window rows (a random few left out)."""
    lockout = rng.choice((0, 0, 0, 0, 36, 60))
    wal_label = rng.choice(("WAL", "WAL", "Avg Life", "WAL (yrs)")) if family == "intex" else rng.choice(("Avg Life", "WAL"))
    dur_label = rng.choice(("Mod Durn", "Mod Durn", "Mod Dur")) if family == "intex" else rng.choice(("Mod Durn", "Duration"))
    wal_places = rng.choice((2, 2, 3))
    rows: list[Row] = []
    if rng.random() < 0.9:
        rows.append(Row(wal_label, [fixed(w, wal_places) for w in wals], measure=measure_of(wal_label)))
    if rng.random() < 0.75 and kind != "io":
        places = rng.choice((2, 3))
        cells = [fixed(mod_duration(yield_of(price, coupon, w), w), places) for w in wals]
        rows.append(Row(dur_label, cells, measure=measure_of(dur_label)))
    style = "mon" if family == "intex" else rng.choice(("mon", "mm/yy"))
    if family == "db" and rng.random() < 0.5:
        firsts = [add_months(sheet.first_pay, lockout) for _ in wals]
        lasts = [add_months(f, min(sheet.wam - 1, max(1, round(w * 2.3 * 12)))) for f, w in zip(firsts, wals)]
        rows.append(Row("First Prin Pay", [Cell(date_text(d, "mm/dd/yy")) for d in firsts], measure=measure_of("First Prin Pay")))
        rows.append(Row("Last Prin Pay", [Cell(date_text(d, "mm/dd/yy")) for d in lasts], measure=measure_of("Last Prin Pay")))
    elif rng.random() < 0.8:
        label = rng.choice(("Principal Window", "Principal Window", "Prin Window"))
        rows.append(Row(label, [_window(sheet, w, lockout, style) for w in wals], measure=measure_of(label)))
    return rows


def _blank_some(rng: random.Random, rows: list[Row], price_rows: int) -> None:
    """Now and then a scenario has no value: the last cells of one row are left empty."""
    if rng.random() < 0.15 and rows:
        row = rows[rng.randrange(len(rows))]
        for n in range(1, rng.randint(1, 2) + 1):
            row.cells[-n] = None
