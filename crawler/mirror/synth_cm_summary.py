"""Intex deal summaries and decrement tables: the deal's classes paid in sequence off one amortising pool.

``CWALT-04-26T1 - Summary`` holds the assumptions (settlement, first pay date, prepayment speed), the
collateral block (Balance WAC WAM Age WAL over their values) and the tranche table (name, rating, balance,
coupon, principal window ``11/04 - 09/34``, average life, dated date, notes); ``CWALT-04-26T1 - Dec - A1``
pages follow with each class's balance percentage by year and scenario, average lives at the foot.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from crawler.edgar.cm.model import DEAL_SUMMARY, DECREMENT
from crawler.mirror.synth_cm_deal import DealSheet
from crawler.mirror.synth_cm_grid import scenarios
from crawler.mirror.synth_cm_model import Cell, Fact, Row, Table, Tranche, measure_of
from crawler.mirror.synth_cm_numbers import (
    Paydown, add_months, amount, date_text, fixed, month_text, pool_at, speed_factor,
)  # fmt: skip

RATINGS = ("AAA", "Aaa/AAA", "AAA/AAA", "")


@dataclass(slots=True)
class Structure:
    """Senior classes paid in sequence, then a subordinate class; shares of the pool and coupons."""

    names: list[str]
    shares: list[float]
    cents: list[int]
    coupon: Cell
    prepay: str  # the pricing speed as printed
    cpr: float  # the constant rate standing in for it
    curves: dict[float, list[Paydown]] = field(default_factory=dict)  # class_curves by rate


def structure(rng: random.Random, sheet: DealSheet, seniors: int, group: str, subordinate: str) -> Structure:
    names = [f"{group}A{n}" for n in range(1, seniors + 1)] + [subordinate]
    total = sheet.collateral_cents
    sub = total * rng.uniform(0.03, 0.08)
    weights = [rng.uniform(0.3, 1.0) for _ in range(seniors)]
    cents = [round((total - sub) * w / sum(weights) / 100_000) * 100_000 for w in weights]
    cents.append(total - sum(cents))
    hundredths = rng.choice((500, 525, 550, 575, 600, 625, 650))
    coupon = Cell(str(hundredths // 100), float(hundredths // 100)) if hundredths % 100 == 0 and rng.random() < 0.6 \
        else fixed(hundredths / 100, rng.choice((1, 2, 3)))  # fmt: skip
    speed = rng.choice((100, 100, 100, 115, 125))
    return Structure(names, [c / total for c in cents], cents, coupon, f"{speed} PPC", 0.15 * speed / 100)


def class_curves(deal: Structure, cpr: float) -> list[Paydown]:
    """How every class pays down at ``cpr``: the seniors in sequence, the subordinate class pro rata with the pool."""
    if cpr not in deal.curves:
        pool, seniors, below = pool_at(cpr), 1.0 - deal.shares[-1], 1.0
        curves = []
        for share in deal.shares[:-1]:
            below -= share / seniors
            curves.append(Paydown.of(pool, max(0.0, below), share / seniors))
        deal.curves[cpr] = [*curves, Paydown.of(pool, 0.0, 1.0)]
    return deal.curves[cpr]


def deal_summary(rng: random.Random, sheet: DealSheet, deal: Structure, deal_name: str) -> tuple[Table, list[str]]:
    title = f"{deal_name} - Summary"
    curves = class_curves(deal, deal.cpr)
    settle, first_pay = Cell(date_text(sheet.settle, "dd-mon-yyyy")), Cell(date_text(sheet.first_pay, "dd-mon-yyyy"))
    pool_life = fixed(curves[-1].average_life(), 2)
    collateral = [("Balance", amount(sheet.collateral_cents, dollar=True)), ("WAC", fixed(sheet.wac.value or 0.0, 2)),
                  ("WAM", Cell(str(sheet.wam), sheet.wam)), ("Age", Cell(str(sheet.wala), sheet.wala)), ("WAL", pool_life)]  # fmt: skip
    facts = [Fact("Settlement", settle.text, sheet.settle), Fact("Prepay", deal.prepay)]
    facts += [Fact(label, cell.text, cell.value) for label, cell in collateral]
    facts.append(Fact("1st Pay Date", first_pay.text, sheet.first_pay))
    tranches = [_tranche(rng, sheet, deal, n, curve) for n, curve in enumerate(curves)]
    table = Table(DEAL_SUMMARY, title, deal_name, None, facts=facts, tranches=tranches)
    ramp = "(Ramp from 6 to 20CPR in 12 months)" if rng.random() < 0.6 else ""
    lines = ["<TABLE>", "<CAPTION>", "", title, "", "", f"{'':52}Deal Summary Report{'':33}{deal_name}", ""]
    widths = [max(len(label), len(cell.text)) + 2 for label, cell in collateral]
    heads = "".join(label.ljust(w) if n == 0 else label.rjust(w) for n, ((label, _), w) in enumerate(zip(collateral, widths)))
    values = "".join(cell.text.ljust(w) if n == 0 else cell.text.rjust(w) for n, ((_, cell), w) in enumerate(zip(collateral, widths)))
    rule = " " * 87 + "-" * (sum(widths) + 2)
    lines += [rule, f"{'':38}Assumptions{'':55}Collateral",
              "<S>           <C>                     <C>         <C>                                  <C>              <C>        <C>    <C>",
              f"{'Settlement':<14}{settle.text:<13}{'Prepay':<11}{deal.prepay:<12}{ramp:<37}{heads}".rstrip(),
              f"{'1st Pay Date':<14}{first_pay.text:<13}{'':60}{values}".rstrip(), rule, "", ""]  # fmt: skip
    lines += ["<CAPTION>", "", *_tranche_lines(tranches), "", "", "Payrule:", _payrule(deal.names), "", "</TABLE>"]
    return table, lines


def _tranche(rng: random.Random, sheet: DealSheet, deal: Structure, n: int, curve: Paydown) -> Tranche:
    name = deal.names[n]
    balance = amount(deal.cents[n])
    first, last = curve.window()
    shown = f"{month_text(add_months(sheet.first_pay, first - 1), 'mm/yy')} - {month_text(add_months(sheet.first_pay, last - 1), 'mm/yy')}"
    life = fixed(curve.average_life(), 2)
    dated = Cell(date_text(sheet.dated, "dd-mon-yy"))
    rating = "" if name in ("SUBORD", "SUB", "B") else rng.choice(RATINGS)
    cells = [("Tranche Name", name), ("Rating", rating), ("Balance", balance.text), ("Coupon", deal.coupon.text),
             ("Principal Window", shown), ("Avg Life", life.text), ("Dated Date", dated.text), ("Notes", "FIX")]  # fmt: skip
    return Tranche(name, [(h, t) for h, t in cells if t], None, rating or None, balance.value, deal.coupon.value, shown,
                   life.value, sheet.dated, "FIX")  # fmt: skip


def _tranche_lines(tranches: list[Tranche]) -> list[str]:
    heads = (("Tranche", "Name"), ("Rating", ""), ("Balance", ""), ("Coupon", ""), ("Principal", "Window"),
             ("Avg", "Life"), ("Dated", "Date"), ("Notes", ""))  # fmt: skip
    rows = [dict(t.texts) for t in tranches]
    keys = [f"{a} {b}".strip() for a, b in heads]
    widths = [max([len(a), len(b)] + [len(r.get(k, "")) for r in rows]) + 2 for (a, b), k in zip(heads, keys)]
    right = {"Balance", "Avg Life"}

    def line(texts: list[str], align: bool) -> str:
        return "".join((t.rjust(w - 2) + "  ") if align and k in right else t.ljust(w)
                       for t, w, k in zip(texts, widths, keys)).rstrip()  # fmt: skip

    markers = "<S>".ljust(widths[0]) + "".join("<C>".ljust(w) for w in widths[1:])
    out = [line([a for a, _ in heads], False), line([b for _, b in heads], False), "", markers.rstrip()]
    for row in rows:
        out += [line([row.get(k, "") for k in keys], True), ""]
    return out


def _payrule(names: list[str]) -> str:
    seniors = names[:-1]
    if len(seniors) == 1:
        return f"1) Pay {seniors[0]} to zero"
    return f"1) Pay {', '.join(seniors)} sequentially to zero"


def decrement(rng: random.Random, sheet: DealSheet, deal: Structure, deal_name: str, n: int) -> tuple[Table, list[str]]:
    """``<deal> - Dec - <class>``: balance % by year (rows) and scenario (columns), average life at the foot."""
    name = deal.names[n]
    labels, speeds = scenarios(rng, ("numbered", "PPC"), (55, 45), 4, 6, slowest=50)
    cprs = [0.15 * (speed_factor(unit, speed or 0.0, k) if unit else 0.5 + 0.35 * k) for k, (speed, unit) in enumerate(speeds)]
    curves = [class_curves(deal, cpr)[n] for cpr in cprs]
    rows: list[Row] = []
    for year in range(31):
        day = sheet.settle if year == 0 else add_months(sheet.settle, 12 * year, 25)
        cells: list[Cell | None] = [Cell(str(pct), float(pct)) for pct in (round(100 * c.left(min(360, 12 * year))) for c in curves)]
        rows.append(Row(date_text(day, "dd-mon-yy"), cells, row_date=day))
        if all(cell is not None and cell.value == 0 for cell in cells):
            break
    life_label = rng.choice(("Average Life", "Avg Life", "WAL"))
    rows.append(Row(life_label, [fixed(c.average_life(), 2) for c in curves], measure=measure_of(life_label)))
    title = f"{deal_name} - Dec - {name}"
    table = Table(DECREMENT, title, deal_name, name, scenarios=labels, speeds=speeds, measures=["balance_pct"] * len(labels),
                  rows=rows)  # fmt: skip
    widths = [max(len(label), 6) + rng.randint(4, 8) for label in labels]
    body = [f"{'Date':<12}" + "".join(label.rjust(w) for label, w in zip(labels, widths))]
    for row in rows:
        label = f"   {row.label}" if row.row_date else row.label
        body.append(f"{label:<12}" + "".join(c.text.rjust(w) if c else " " * w for c, w in zip(row.cells, widths)))
    if rng.random() < 0.5:
        return table, ["", title, "", *body]
    markers = "<S>".ljust(12) + "".join(("<C>".rjust(w - 2)).ljust(w) for w in widths)
    return table, ["<TABLE>", "<CAPTION>", "", title, "", body[0], "</CAPTION>", markers.rstrip(), *body[1:], "</TABLE>"]
