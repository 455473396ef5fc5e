"""HTML Computational Materials (``.htm``, MASTR-like): deal facts, a class table and per-class PSA blocks.

The deal facts (``Deal Size:``, ``Pricing Speed:``, ``Settlement Date:`` ...), the class table (Class,
Description, Class Size, Coupon, WAL (yrs)) and the collateral assumptions (Name, Oterm, WAM, AGE, Gross,
Net over their values) are one deal summary, although three HTML tables print it. Then one block per
class, transposed: ``Class 2A1:`` and the scenarios (``0 PSA`` ... ``500 PSA``) head the columns; the rows
are measures (``Price:``, ``CBE Yield (%):``, ``Average Life (years):``, ``Duration (years):``,
``First Payment:``, ``Last Payment:``, ``Spread to Curve:``, ``Spread to Benchmark:``).
"""

from __future__ import annotations

import random

from crawler.edgar.cm.model import DEAL_SUMMARY, PRICE_YIELD
from crawler.mirror.synth_cm_deal import DealSheet
from crawler.mirror.synth_cm_model import Cell, Fact, Row, Table, Tranche, measure_of
from crawler.mirror.synth_cm_numbers import (
    Paydown, add_months, amount, date_text, fixed, mod_duration, month_text, price_text, speed_factor, yield_of,
)  # fmt: skip
from crawler.mirror.synth_cm_summary import class_curves, structure

DESCRIPTIONS = ("SEQ", "SEQ, AD", "SEQ, Z", "NAS", "SEQ", "PAC", "SUP")
PSA_SETS = ((0, 100, 300, 400, 500), (0, 100, 200, 300, 400, 500), (100, 200, 300, 400), (0, 150, 300, 450, 600))


def _td(text: str, rng_attrs: str = "") -> str:
    return f"<td{rng_attrs}>{text}</td>"


def _tr(cells: list[str]) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def html_exhibit(rng: random.Random, sheet: DealSheet, heading: str) -> tuple[list[Table], str]:
    group = rng.choice(("1", "2", "3"))
    deal = structure(rng, sheet, rng.randint(2, 3), group, "B")
    speeds = rng.choice(PSA_SETS)
    pricing = rng.choice([s for s in speeds if s >= 100])
    cprs = [0.15 * speed_factor("PSA", float(s), 0) for s in speeds]
    curves_by_speed = [class_curves(deal, cpr) for cpr in cprs]
    pricing_curves = curves_by_speed[speeds.index(pricing)]
    coupon = fixed(deal.coupon.value or 0.0, 5)
    blank = rng.choice(("", "&nbsp;"))
    right = rng.choice(("", ' align="right"', ' align=right'))
    facts = [Fact("Deal Size", f"${sheet.collateral_cents // 100:,}", float(sheet.collateral_cents // 100)),
             Fact("Issue Date", date_text(sheet.dated, "mm/dd/yy"), sheet.dated),
             Fact("Pricing Speed", f"{pricing} PSA"), Fact("Settlement Date", date_text(sheet.settle, "mm/dd/yy"), sheet.settle),
             Fact("Total Classes", str(len(deal.names)), float(len(deal.names))),
             Fact("First Pay Date", date_text(sheet.first_pay, "mm/dd/yy"), sheet.first_pay),
             Fact("Deal File", f"{sheet.ticker[:5]}{rng.choice(('AUG', 'G', 'GRP'))}{group}")]  # fmt: skip
    pairs = [facts[i : i + 2] for i in range(0, len(facts), 2)]
    html = [f"<p>{heading}</p>", '<table border="0" cellpadding="0" cellspacing="0">']
    html += [_tr([c for f in pair for c in (_td(f.label + ":"), _td(f.text, right))]) for pair in pairs]
    html.append("</table>")
    tranches = []
    html += ["<br>", "<table>", _tr([_td(h) for h in ("Class", "Description", "Class Size", "Coupon", "WAL (yrs)")])]
    for n, name in enumerate(deal.names):
        description = DESCRIPTIONS[n] if name != "B" else ""
        size = amount(deal.cents[n], dollar=True)
        life = fixed(pricing_curves[n].average_life(), 5)
        texts = [("Class", name), ("Description", description), ("Class Size", size.text), ("Coupon", coupon.text),
                 ("WAL (yrs)", life.text)]  # fmt: skip
        tranches.append(Tranche(name, [(h, t) for h, t in texts if t], description or None, None, size.value, coupon.value,
                                None, life.value, None, None))  # fmt: skip
        html.append(_tr([_td(name), _td(description or blank), _td(size.text, right), _td(coupon.text, right), _td(life.text, right)]))
    html.append("</table>")
    oterm = 360
    collateral = [("Name", "W.Loan", None), ("Oterm", str(oterm), float(oterm)), ("WAM", str(sheet.wam), float(sheet.wam)),
                  ("AGE", str(sheet.wala), float(sheet.wala)), ("Gross", f"{sheet.wac.value:.1f}", None),
                  ("Net", f"{sheet.net.value:.1f}", round((sheet.net.value or 0.0) * 10) / 10), ("#Pools", "1", 1.0)]  # fmt: skip
    facts += [Fact(label, text, value) for label, text, value in collateral]
    html += ["<p>Collateral Assumptions:</p>", "<table>", _tr([_td(c[0]) for c in collateral]),
             _tr([_td(c[1], right) for c in collateral]), "</table>",
             f"<p>Senior Pay Rules</p><p>Pay {', '.join(deal.names[:-1])} sequentially until retired</p>"]  # fmt: skip
    summary = Table(DEAL_SUMMARY, None, None, None, facts=facts, tranches=tranches)
    tables = [summary]
    for n, name in enumerate(deal.names[:-1] if rng.random() < 0.5 else deal.names):
        block, lines = _class_block(rng, sheet, name, tranches[n].description, [c[n] for c in curves_by_speed], speeds,
                                    coupon.value or 0.0, blank, right)  # fmt: skip
        tables.append(block)
        html += lines
    return tables, "<html>\n<body>\n" + "\n".join(html) + "\n</body>\n</html>"


def _class_block(rng: random.Random, sheet: DealSheet, name: str, description: str | None, curves: list[Paydown],
                 speeds: tuple[int, ...], coupon: float, blank: str, right: str) -> tuple[Table, list[str]]:  # fmt: skip
    wals = [curve.average_life() for curve in curves]
    premium = rng.uniform(-3.0, 2.5) * min(1.0, sum(wals) / len(wals) / 6.0)  # short classes price near par
    price64 = round((100.0 + premium) * 2) * 32
    price = price64 / 64
    yields = [yield_of(price, coupon, w) for w in wals]
    windows = [curve.window() for curve in curves]
    rows = [
        Row("Price:", [Cell(price_text(price64, "32"), price)] * len(speeds), measure="price"),
        Row("CBE Yield (%):", [fixed(y, 5) for y in yields]),
        Row("Average Life (years):", [fixed(w, 5) for w in wals]),
        Row("Duration (years):", [fixed(mod_duration(y, w), 2) for y, w in zip(yields, wals)]),
        Row("First Payment:", [Cell(month_text(add_months(sheet.first_pay, f - 1), "mm/yy")) for f, _ in windows]),
        Row("Last Payment:", [Cell(month_text(add_months(sheet.first_pay, last - 1), "mm/yy")) for _, last in windows]),
        Row("Spread to Curve:", [fixed((y - 2.1 - 0.22 * min(w, 10)) * 100, 0) for y, w in zip(yields, wals)]),
    ]  # fmt: skip
    if rng.random() < 0.7:
        rows.append(Row("Spread to Benchmark:", [Cell("N/A")] * len(speeds)))
    for row in rows:
        row.measure = measure_of(row.label)
        row.prices = [price] * len(speeds)
    labels = [f"{s} PSA" for s in speeds]
    table = Table(PRICE_YIELD, None, None, name, scenarios=labels, speeds=[(float(s), "PSA") for s in speeds],
                  measures=["yield"] * len(speeds), rows=rows)  # fmt: skip
    spanned = rng.random() < 0.5
    head = [_td(f"Class {name}:"), _td(description or blank)] + [_td(label, right) for label in labels]
    lines = ["<br>", '<table width="100%">', _tr(head)]
    for row in rows:
        label = [_td(row.label, ' colspan="2"')] if spanned else [_td(row.label), _td(blank)]
        lines.append(_tr(label + [_td(cell.text if cell else blank, right) for cell in row.cells]))
    return table, lines + ["</table>"]
