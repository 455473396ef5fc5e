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
from crawler.mirror.synth_cm_deal import (
    DealSheet, Floater, class_balance, coupon_cell, floater_terms, header_facts, reading_order,
)  # fmt: skip
from crawler.mirror.synth_cm_model import Cell, Fact, Row, Table, measure_of
from crawler.mirror.synth_cm_numbers import (
    add_months, amount, can_print, date_text, discount_margin, fixed, io_yield, mod_duration, month_text, price_text,
    price_for_yield, speed_factor, wal_at, yield_of,
)  # fmt: skip

SPEEDS = {
    "PPC": (0, 25, 40, 50, 65, 75, 85, 100, 110, 125, 150, 175, 200, 250, 300),
    "CPR": (0, 2, 4, 6, 8, 10, 12, 15, 18, 20, 25, 30, 35, 40, 50),
    "PSA": (0, 50, 100, 150, 200, 250, 300, 350, 400, 500, 600),
    "CPB": (0, 3, 6, 10, 15, 20, 25, 30),
}
STEPS = {"32": (2, 4, 8), "plus": (1, 1, 2), "dec2": (1, 2), "dec3": (2, 4), "decimal6": (8, 16), "decimal3": (8, 16)}
MEASURE_LABEL = {"yield": ("Yield", "Yield", "Yield", "Yld"), "discount_margin": ("Disc Margin", "Disc Margin", "DM", "Discount Margin"),
                 "price": ("Price",)}


@dataclass(slots=True)
class Grid:
    """A price grid with the header block it is printed under (``header``: columns of facts)."""

    table: Table
    header: list[list[Fact]]
    measure_label: str | None  # printed over every scenario column, or None
    price_rows: int  # the first rows are prices (yields in a yields-to-price grid), the rest footer rows
    label_head: str  # over the row labels: "Price", or "Yield" in a yields-to-price grid


def scenarios(rng: random.Random, units: tuple[str, ...], weights: tuple[float, ...], low: int = 5, high: int = 9,
              slowest: int = 0) -> tuple[list[str], list[tuple[float | None, str | None]]]:  # fmt: skip
    """Column labels and their (speed, unit), no speed below ``slowest``; ``numbered`` gives ``1..N`` with none."""
    unit = rng.choices(units, weights)[0]
    if unit == "numbered":
        count = rng.randint(low, high)
        return [str(n) for n in range(1, count + 1)], [(None, None)] * count
    pool = [speed for speed in SPEEDS[unit] if speed >= slowest]
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


@dataclass(slots=True)
class Body:
    """The rows above the footer, and what the header block and footer need from them."""

    rows: list[Row]
    coupon: Cell
    balance: Cell
    measure: str  # of the scenario columns
    middle: float  # the price the footer rows are measured at


def _io_body(rng: random.Random, count: int, factors: list[float]) -> Body:
    coupon = fixed(rng.uniform(0.25, 1.6), 6)
    first = rng.choice((14, 18, 20, 24, 26))
    prices = [first + 8 * n for n in range(count)]
    decays = [0.004 + 0.012 * f for f in factors]
    rows = [Row(price_text(p, "decimal6"), [fixed(io_yield(p / 64, coupon.value or 0.0, d), 2) for d in decays], price=p / 64)
            for p in prices]  # fmt: skip
    balance = amount(rng.randrange(100_000_000, 900_000_000) * 100 + rng.randrange(100), dollar=True)
    return Body(rows, coupon, balance, "yield", prices[count // 2] / 64)


def _floater_body(rng: random.Random, count: int, wals: list[float], margin: float) -> Body:
    coupon = coupon_cell(rng.randint(110, 450) + round(margin * 100), rng)
    prices, style = _prices(rng, rng.uniform(99.4, 100.2), count)
    places = rng.choice((0, 0, 0, 1))
    rows = [Row(price_text(p, style), [fixed(discount_margin(p / 64, margin, w), places) for w in wals], price=p / 64)
            for p in prices]  # fmt: skip
    return Body(rows, coupon, class_balance(rng), "discount_margin", prices[count // 2] / 64)


def _fixed_body(rng: random.Random, count: int, wals: list[float]) -> Body:
    hundredths = rng.choice((rng.randrange(400, 775, 25), rng.randrange(400, 775, 5)))
    coupon, rate = coupon_cell(hundredths, rng), hundredths / 100
    prices, style = _prices(rng, 100 + rng.uniform(-0.7, 0.9) * 4.5, count)
    places = rng.choice((3, 3, 3, 2))
    rows = [Row(price_text(p, style), [fixed(yield_of(p / 64, rate, w), places) for w in wals], price=p / 64) for p in prices]
    return Body(rows, coupon, class_balance(rng), "yield", prices[count // 2] / 64)


def _yields_body(rng: random.Random, count: int, wals: list[float]) -> Body:
    """Yields to price: one row per yield, prices in the cells."""
    hundredths = rng.randrange(400, 775, 25)
    coupon, rate = coupon_cell(hundredths, rng), hundredths / 100
    step = rng.choice((125, 250))  # thousandths of a percent
    center = round((rate + rng.uniform(-0.6, 0.6)) * 1000 / step) * step
    style, ticks = rng.choice((("32", 2), ("plus", 1)))
    rows = []
    for n in range(count):
        label = fixed((center + step * (n - count // 2)) / 1000, 3)
        sixty_fourths = [round(price_for_yield(label.value or 0.0, rate, w) * 64 / ticks) * ticks for w in wals]
        rows.append(Row(label.text, [Cell(price_text(p, style), p / 64) for p in sixty_fourths], row_value=label.value))
    return Body(rows, coupon, class_balance(rng), "price", price_for_yield(center / 1000, rate, wals[len(wals) // 2]))


@dataclass(slots=True)
class GridCore:
    """The numbers of a grid that do not depend on its deal: scenarios, average lives, the rows above the footer."""

    labels: list[str]
    speeds: list[tuple[float | None, str | None]]
    wals: list[float]
    body: Body
    floater: Floater | None


def grid_core(rng: random.Random, kind: str, family: str) -> GridCore:
    """``kind``: fixed | yields (yields to price) | io | floater; ``family`` (intex | db) picks the scenarios."""
    floater = floater_terms(rng) if kind == "floater" else None
    if family == "intex":
        labels, speeds = scenarios(rng, ("PPC", "numbered", "CPR", "PSA", "CPB"), (50, 20, 15, 10, 5))
    else:
        labels, speeds = scenarios(rng, ("CPR", "PPC", "PSA"), (45, 45, 10))
    factors = [speed_factor(unit, speed or 0.0, n) for n, (speed, unit) in enumerate(speeds)]
    long_wal, pace = rng.uniform(6.0, 24.0), rng.uniform(1.5, 6.0)
    wals = [wal_at(long_wal, pace, f) for f in factors]
    count = rng.randint(6, 12)
    if kind == "io":
        body = _io_body(rng, count, factors)
    elif floater is not None:
        body = _floater_body(rng, count, wals, floater.margin.value or 0.0)
    else:
        body = _yields_body(rng, count, wals) if kind == "yields" else _fixed_body(rng, count, wals)
    return GridCore(labels, speeds, wals, body, floater)


class GridCores:
    """Grid cores of one mirror, ``VARIANTS`` per kind and family, each made once from the seed alone.

    Working out every grid afresh would dominate the time of a 25,000-filing quarter; sharing cores keeps
    each table's deal, class, header block, footer, layout and truth its own."""

    VARIANTS = 48

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.made: dict[tuple[str, str, int], GridCore] = {}

    def pick(self, rng: random.Random, kind: str, family: str) -> GridCore:
        key = (kind, family, rng.randrange(self.VARIANTS))
        core = self.made.get(key)
        if core is None:
            core = self.made[key] = grid_core(random.Random(f"edgar-mirror-cm-grid:{self.seed}:{kind}:{family}:{key[2]}"), kind, family)
        return core


def price_grid(rng: random.Random, sheet: DealSheet, core: GridCore, kind: str, family: str, class_name: str, deal: str,
               title: str) -> Grid:  # fmt: skip
    """One class's grid: the core's numbers under this deal's header block, with footer rows of its own."""
    body, floater = core.body, core.floater
    rows = body.rows + _footer(rng, sheet, family, core.wals, body.middle, body.coupon.value or 0.0, kind)
    _blank_some(rng, rows)
    delay = 0 if floater else rng.choice((24, 24, 24, 19, 14))
    header = header_facts(sheet, body.balance, body.coupon, delay, floater, footnote=rng.random() < 0.12)
    table = Table(DISCOUNT_MARGIN if floater else PRICE_YIELD, title, deal, class_name, facts=reading_order(header),
                  scenarios=list(core.labels), speeds=list(core.speeds), measures=[body.measure] * len(core.labels), rows=rows)  # fmt: skip
    shown = rng.choice(MEASURE_LABEL[body.measure]) if rng.random() < 0.88 or kind == "yields" else None
    return Grid(table, header, shown, len(body.rows), "Yield" if kind == "yields" else "Price")


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
        cells: list[Cell | None] = [fixed(mod_duration(yield_of(price, coupon, w), w), places) for w in wals]
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


def _blank_some(rng: random.Random, rows: list[Row]) -> None:
    """Now and then a scenario has no value: the last cells of one row (a copy: cores are shared) are left empty."""
    if rng.random() < 0.15 and rows:
        at = rng.randrange(len(rows))
        row = rows[at]
        blank = rng.randint(1, 2)
        cells = row.cells[:-blank] + [None] * blank
        rows[at] = Row(row.label, cells, row.price, row.row_date, row.row_value, row.measure, row.prices, row.scenario)
