"""Collateral stratification tables of term sheets: a range per row, pool statistics per column.

``Range of Current Mortgage Rates (%)``, ``Original Loan-to-Value Ratios (%)``, ``Credit Scores``: each row a
range (``5.001 - 5.500``, ``50.00 or less``, ``800 or greater``), each column a pool statistic (number of loans,
aggregate balance, share of the pool, average balance, weighted average FICO / LTV / coupon), the headers printed
over one to three lines, dashed rules under them, dot leaders after the ranges now and then, and a ``Total`` row.
Kind ``collateral``: the columns are measured by their headers, the rows carry no price, date or scenario.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from crawler.edgar.cm.model import COLLATERAL
from crawler.mirror.synth_cm_deal import DealSheet
from crawler.mirror.synth_cm_model import Cell, Row, Table, measure_of
from crawler.mirror.synth_cm_numbers import amount, fixed


@dataclass(frozen=True, slots=True)
class Strat:
    heading: str  # centred above the table
    row_header: str
    ranges: tuple[str, ...]


STRATS = (
    Strat("Range of Current Mortgage Rates", "Range of Current Mortgage Rates (%)",
          ("4.501 - 5.000", "5.001 - 5.500", "5.501 - 6.000", "6.001 - 6.500", "6.501 - 7.000", "7.001 - 7.500")),
    Strat("Original Loan-to-Value Ratios", "Original Loan-to-Value Ratios (%)",
          ("50.00 or less", "50.01 - 60.00", "60.01 - 70.00", "70.01 - 75.00", "75.01 - 80.00", "80.01 - 90.00")),
    Strat("Credit Scores", "FICO Score", ("Not Available", "620 - 639", "640 - 659", "660 - 699", "700 - 749",
                                          "750 - 799", "800 or greater")),
)  # fmt: skip
TITLES = ("Collateral Strats", "Collateral Strats", "Collateral Stratification")
# (header lines, how the values print): every table has the loans and the balance, then some of the rest
LOANS = ((("Number of", "Mortgage", "Loans"), ("Number of", "Loans"), ("Number of Loans",)), "count")
BALANCE = ((("Aggregate Principal", "Balance", "Outstanding ($)"), ("Aggregate", "Balance ($)"),
            ("Principal Balance ($)",)), "amount")  # fmt: skip
OTHERS = (
    ((("% of Aggregate", "Principal", "Balance"), ("% of", "Pool"), ("% of Pool",)), "share"),
    ((("Average", "Principal", "Balance ($)"), ("Average", "Balance ($)"), ("Average Balance ($)",)), "average"),
    ((("Weighted", "Average", "FICO"), ("WA FICO",)), "fico"),
    ((("Weighted", "Average", "Original LTV"), ("WA OLTV",)), "ltv"),
    ((("Weighted", "Average", "Coupon (%)"), ("WA Coupon (%)",)), "coupon"),
)  # fmt: skip


def stratification(rng: random.Random, sheet: DealSheet, deal: str | None) -> tuple[Table, list[str]]:
    """One stratification of the pool (``sheet``): its table and its printed lines, under the title ``<deal> -
    Collateral Strats``, or (``deal`` None) under no title or heading, right after a collateral summary's page
    (the parser reads the two as one table: the summary's facts over the stratification's rows)."""
    strat = rng.choice(STRATS)
    ranges = list(strat.ranges[: rng.randint(3, len(strat.ranges))])
    chosen = [LOANS, BALANCE, *sorted(rng.sample(OTHERS, rng.randint(1, 3)), key=OTHERS.index)]
    headers = _headers([forms for forms, _style in chosen], rng.choice((1, 2, 3)))
    loans = [rng.randint(3, 400) for _ in ranges]
    cents = [n * rng.randint(150_000, 500_000) * 100 + rng.randrange(100) for n in loans]
    total = sum(cents)
    stats = [(float(rng.randint(640, 790)), rng.uniform(55, 80), rng.uniform(4.5, 7.5)) for _ in ranges]
    rows = [Row(label, [_cell(style, n, c, total, s) for _forms, style in chosen], row_value=_leading(label))
            for label, n, c, s in zip(ranges, loans, cents, stats)]  # fmt: skip
    if rng.random() < 0.8:
        fico, ltv, coupon = (sum(s[k] * c for s, c in zip(stats, cents)) / total for k in range(3))
        weighted = (fico, ltv, coupon)
        rows.append(Row("Total", [_cell(style, sum(loans), total, total, weighted) for _f, style in chosen]))
    scenarios = [" ".join(lines) for lines in headers]
    title = f"{deal} - {rng.choice(TITLES)}" if deal else None
    table = Table(COLLATERAL, title, deal, None, scenarios=scenarios, speeds=[(None, None)] * len(scenarios),
                  measures=[measure_of(s) for s in scenarios], rows=rows)  # fmt: skip
    return table, _lines(rng, strat, table, headers)


def _headers(forms: list[tuple[tuple[str, ...], ...]], depth: int) -> list[tuple[str, ...]]:
    """Each column's header lines, ``depth`` deep at most; all on one line when a line above the last would hold a
    single word group (the parser reads a lone group over a line naming every column as a heading over them all)."""
    headers = [_fitting(options, depth) for options in forms]
    for line in range(1, max(len(lines) for lines in headers)):
        if sum(len(lines) > line for lines in headers) == 1:
            return [_fitting(options, 1) for options in forms]
    return headers


def _fitting(forms: tuple[tuple[str, ...], ...], depth: int) -> tuple[str, ...]:
    """The longest way of printing a header that takes no more than ``depth`` lines."""
    return next(form for form in forms if len(form) <= depth) if any(len(f) <= depth for f in forms) else forms[-1]


def _leading(label: str) -> float | None:
    """``50.00 or less`` -> 50.0 (a number followed by words); a range or a word -> None."""
    first, _, rest = label.partition(" ")
    return float(first) if rest[:1].isalpha() and first.replace(".", "", 1).isdigit() else None


def _cell(style: str, loans: int, cents: int, total: int, stats: tuple[float, float, float]) -> Cell:
    if style == "count":
        return Cell(f"{loans:,}", float(loans))
    if style == "amount":
        return amount(cents)
    if style == "share":
        share = fixed(cents / total * 100, 2)
        return Cell(f"{share.text}%", share.value)
    if style == "average":
        return amount(round(cents / loans))
    if style == "fico":
        return Cell(str(round(stats[0])), float(round(stats[0])))
    return fixed(stats[1] if style == "ltv" else stats[2], 2 if style == "ltv" else 3)


def _lines(rng: random.Random, strat: Strat, table: Table, headers: list[tuple[str, ...]]) -> list[str]:
    leaders = rng.random() < 0.5
    label_w = max(len(strat.row_header), *(len(row.label) + 6 * leaders for row in table.rows)) + rng.randint(2, 5)
    widths = [max([*map(len, lines)] + [len(cell.text) for row in table.rows if (cell := row.cells[k])]) + rng.randint(3, 6)
              for k, lines in enumerate(headers)]  # fmt: skip
    depth = max(len(lines) for lines in headers)
    out = ["", table.title, ""] if table.title else []
    if table.title and rng.random() < 0.7:
        out += [" " * rng.randint(10, 30) + strat.heading, ""]
    for line in range(depth):
        label = strat.row_header if line == depth - 1 else ""
        cells = [lines[line - depth + len(lines)] if line >= depth - len(lines) else "" for lines in headers]
        out.append((label.ljust(label_w) + "".join("  " + c.ljust(w - 2) for c, w in zip(cells, widths))).rstrip())
    rule = ["-" * (w - 2) for w in widths]
    out.append(("-" * (label_w - 2)).ljust(label_w) + "".join("  " + r for r in rule))
    for row in table.rows:
        label = row.label if row.label != "Total" else "   Total"
        if leaders:
            label = (label + " ").ljust(label_w - 2, ".")
        if row.label == "Total":
            out.append(" " * label_w + "".join("  " + r for r in rule))
        out.append(label.ljust(label_w) + "".join((cell.text if cell else "").rjust(w) for cell, w in zip(row.cells, widths)))
    return out
