"""Home-equity break-CDR tables and collateral summaries.

Break CDR (``CWABS 2004-14``): the assumptions, then one block per mezzanine class (``M3``): severity
rows (``35% Severity``) under rate scenarios that each span two columns, ``Break CDR`` and
``Collat Cum Group Loss`` printed as ``109,634,656.87 (14.62%)``. A collateral summary
(``<deal> - Collateral Summary``) is a list of pool statistics, label and value.
"""

from __future__ import annotations

import math
import random

from crawler.edgar.cm.model import BREAK_CDR, COLLATERAL
from crawler.mirror.synth_cm_deal import DealSheet
from crawler.mirror.synth_cm_model import Cell, Fact, Row, Table, measure_of
from crawler.mirror.synth_cm_numbers import amount, amount_with_percent, fixed

ASSUMPTIONS = (("Recovery Lag", ("12 months", "6 months", "12-mo")), ("Triggers", ("Failing",)), ("Run To", ("Maturity", "Call")),
               ("Servicer Advance", ("100%", "0%")), ("Defaults", ("On Top of Prepayment",)))  # fmt: skip
RATE_PAIRS = (("Forward LIBOR", "Forward LIBOR + 150"), ("Forward LIBOR", "Forward LIBOR + 200"),
              ("Forward LIBOR", "Forward LIBOR + 100"), ("Static LIBOR", "Forward LIBOR"))  # fmt: skip
SEVERITIES = ((35, 45, 55), (30, 40, 50, 60), (40, 50, 60), (35, 45, 55, 65))
LOSS_LABELS = ("Collat Cum Group Loss", "Collat Cum Group Loss", "Cum Loss", "Collat Cum Loss")


def break_cdr(rng: random.Random, sheet: DealSheet, deal_name: str) -> tuple[list[Table], list[str]]:
    """One table per class block, all under the deal's title line."""
    first = rng.randint(1, 5)
    classes = [f"M{n}" for n in range(first, first + rng.randint(2, 3))]
    rates, severities = rng.choice(RATE_PAIRS), rng.choice(SEVERITIES)
    loss_label = rng.choice(LOSS_LABELS)
    horizon = rng.uniform(2.8, 3.6)
    facts, assumption_lines = _assumptions(rng)
    lines = ["", "", deal_name, "", *assumption_lines, "", "<TABLE>", "<CAPTION>"]
    tables = []
    strength = rng.uniform(24.0, 34.0)
    for rank, name in enumerate(classes):
        table = Table(BREAK_CDR, deal_name, deal_name, name, facts=list(facts), scenarios=[r for r in rates for _ in range(2)],
                      speeds=[(None, None)] * 4, measures=["break_cdr", measure_of(loss_label)] * 2)  # fmt: skip
        base = strength * 0.72**rank
        for severity in severities:
            cells: list[Cell | None] = []
            for shock in (0, 1):
                cdr = base * (35 / severity) ** 0.95 * (1.0 - 0.2 * shock)
                loss = severity / 100 * (1.0 - math.exp(-cdr / 100 * horizon))
                cells += [fixed(cdr, 2), amount_with_percent(round(sheet.collateral_cents * loss), round(loss * 10_000))]
            table.rows.append(Row(f"{severity}% Severity", cells, row_value=float(severity)))
        tables.append(table)
        lines += _block(rng, table, rates, loss_label)
    return tables, lines + ["</TABLE>"]


def _assumptions(rng: random.Random) -> tuple[list[Fact], list[str]]:
    """The assumptions over every class block: ``Label:`` and value per line, or one line under an underlined
    heading (a fact labelled by the heading, as a lone ``100% PPC`` is)."""
    prepay = rng.choice(("100% PPC", "100% PPC", "115% PPC", "Pricing Speed"))
    heading = ["Assumptions", "-----------"] if rng.random() < 0.6 else ["Assumptions:"]
    if rng.random() < 0.3:
        return [Fact("Assumptions", prepay)], ["Assumptions", "-----------", prepay]
    chosen = [(label, rng.choice(texts)) for label, texts in rng.sample(ASSUMPTIONS, rng.randint(2, 5))] + [("Prepay", prepay)]
    width = max(len(label) for label, _ in chosen) + rng.randint(3, 8)
    return [Fact(label, text) for label, text in chosen], heading + [f"{label}:".ljust(width) + text for label, text in chosen]


def _block(rng: random.Random, table: Table, rates: tuple[str, str], loss_label: str) -> list[str]:
    lead = 31
    cdr_w, loss_w = rng.randint(17, 21), max(len(loss_label), 24) + rng.randint(4, 8)
    span = cdr_w + loss_w
    full = "-" * (lead + 2 * span)
    group_rule = " " * lead + "-" * (2 * span)
    measures = "".join(f"{'Break CDR':>{cdr_w}}{loss_label:>{loss_w}}" for _ in rates)
    out = ["", f"{'':14}{table.class_}", "", group_rule, " " * lead + "".join(r.ljust(span) for r in rates).rstrip(), group_rule,
           " " * lead + measures, full,
           "<S>".ljust(lead + 4) + "".join(f"{'<C>':<{cdr_w}}{'<C>':<{loss_w}}" for _ in rates).rstrip()]  # fmt: skip
    for n, row in enumerate(table.rows):
        cells = "".join(cell.text.rjust(w) if cell else " " * w for cell, w in zip(row.cells, (cdr_w, loss_w) * 2))
        out.append(f"{row.label:<{lead}}{cells}")
        out.append(group_rule if n < len(table.rows) - 1 else full)
    return out + [""]


COLLATERAL_FACTS = (
    ("Total Current Balance", "Aggregate Principal Balance", "Balance"), ("Number of Loans", "Number of Mortgage Loans"),
    ("Average Current Balance", "Average Loan Balance"), ("WAC", "Weighted Average Gross Coupon", "Gross WAC"),
    ("WAM", "Weighted Average Remaining Term"), ("WALA", "Weighted Average Loan Age"),
    ("Weighted Average Original LTV", "WA OLTV"), ("Weighted Average FICO", "WA FICO"), ("California Concentration",),
)  # fmt: skip


def collateral(rng: random.Random, sheet: DealSheet, deal_name: str) -> tuple[Table, list[str]]:
    """``<deal> - Collateral Summary``: pool statistics, one label and value a line."""
    loans = rng.randint(300, 4000)
    cents = sheet.collateral_cents
    wac = fixed(sheet.wac.value or 0.0, 3)
    numbers: list[tuple[Cell, str]] = [
        (amount(cents, dollar=True), ""), (Cell(f"{loans:,}", float(loans)), ""),
        (amount(round(cents / loans), dollar=True), ""), (wac, "%"), (Cell(str(sheet.wam), sheet.wam), ""),
        (Cell(str(sheet.wala), sheet.wala), ""), (fixed(rng.uniform(62, 80), 2), "%"),
        (Cell(str(rng.randint(690, 745))), ""), (fixed(rng.uniform(18, 48), 2), "%"),
    ]  # fmt: skip
    colon = rng.random() < 0.5
    facts = [Fact(rng.choice(labels), cell.text + unit, cell.value) for labels, (cell, unit) in zip(COLLATERAL_FACTS, numbers)]
    title = f"{deal_name} - Collateral Summary"
    width = max(len(f.label) for f in facts) + rng.randint(4, 12)
    body = [((f.label + ":") if colon else f.label).ljust(width) + f.text for f in facts]
    table = Table(COLLATERAL, title, deal_name, None, facts=facts)
    return table, ["<TABLE>", "<CAPTION>", "", title, "", "<S>".ljust(width) + "<C>", *body, "</TABLE>"]
