"""Computational Materials exhibits of the mirror's depositor 8-Ks, in the dialects of the real samples.

Dialects (``Filing.cm_exhibits``; the first is the ``EX-99.1``, ``collateral`` an ``EX-99.4``):

- ``intex``: Intex price/yield grids of fixed-rate classes (32nds or decimal prices, PPC/CPR/PSA/CPB or
  numbered scenarios, WAL / Mod Durn / Principal Window footers), an interest-only class now and then;
- ``intex_io``: an interest-only class first (prices below 1, yields above 100 and negative);
- ``intex_yields``: a yields-to-price grid first (a yield per row, prices in 32nds in the cells);
- ``db``: Deutsche Bank layout price/yield grids (``DEAL_CWALT0528CB_GRP2 -- 2A3``, dashed rules);
- ``db_dm``: Deutsche Bank floater discount-margin grids (Index, Mult / Margin, Cap / Floor);
- ``across``: Intex grids printed with the prices across the columns, a measure at a scenario down the rows;
- ``yield_dm``: Intex floater grids with a Yield row and a DM row per price, each naming its measure;
- ``excel``: Intex grids in a sheet saved as HTML by Excel (``.htm``);
- ``summary``: an Intex deal summary (assumptions, collateral, tranche table) and decrement tables;
- ``breakcdr``: home-equity break-CDR blocks by class, severity and rate scenario;
- ``html``: a MASTR-like ``.htm`` exhibit (deal facts, class table, transposed PSA blocks per class);
- ``collateral``: collateral summaries (``Collateral Term Sheets``), most followed by stratification tables.

Which 8-Ks get which dialect is planned (:func:`plan_cm_exhibits`) from the seed alone, every dialect at
least once when a mirror has enough computational-materials 8-Ks. The tables of one exhibit are separated
by ``<PAGE>``. Content comes from a random stream of its own (seed, accession, exhibit number).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date

from crawler.edgar.cm.model import COLLATERAL_TERM_SHEET, COMPUTATIONAL_MATERIALS, TERM_SHEET
from crawler.mirror.synth_cm_across import transpose
from crawler.mirror.synth_cm_ascii import render_db, render_intex
from crawler.mirror.synth_cm_credit import break_cdr, collateral
from crawler.mirror.synth_cm_deal import DealSheet, deal_sheet
from crawler.mirror.synth_cm_excel import excel_sheet
from crawler.mirror.synth_cm_grid import GridCores, price_grid
from crawler.mirror.synth_cm_html import html_exhibit
from crawler.mirror.synth_cm_model import CmExhibit, Table
from crawler.mirror.synth_cm_strats import stratification
from crawler.mirror.synth_cm_summary import deal_summary, decrement, structure
from crawler.mirror.synth_cm_yield_dm import yield_dm_grid
from crawler.mirror.synth_model import Filing

HTML_FROM = date(2004, 7, 1)
DIALECTS = ("intex", "intex_io", "intex_yields", "db", "db_dm", "summary", "breakcdr", "html", "across", "yield_dm", "excel")
COLLATERAL_SHARE = 0.2
HEADINGS = {
    COMPUTATIONAL_MATERIALS: ("Computational Materials and/or ABS Term Sheets.", "Computational Materials and/or ABS Term Sheet.",
                              "Computational Materials and/or ABS Term Sheet", "COMPUTATIONAL MATERIALS", "Computational Materials"),
    TERM_SHEET: ("ABS Term Sheets", "ABS TERM SHEET", "ABS Term Sheet."),
    COLLATERAL_TERM_SHEET: ("Collateral Term Sheets", "COLLATERAL TERM SHEETS", "Collateral Term Sheet."),
}  # fmt: skip
DESCRIPTIONS = {COMPUTATIONAL_MATERIALS: "Computational Materials", TERM_SHEET: "ABS Term Sheets",
                COLLATERAL_TERM_SHEET: "Collateral Term Sheets"}  # fmt: skip
Section = tuple[list[Table], list[str]]


def _weights(filing: Filing) -> dict[str, float]:
    deal = filing.deal
    assert deal is not None
    product, name = deal.profile.product, deal.depositor.name
    weights = {"intex": 30.0, "intex_io": 6.0, "intex_yields": 4.0, "db": 14.0, "db_dm": 10.0, "summary": 20.0,
               "breakcdr": 4.0, "html": 8.0, "across": 8.0,
               "yield_dm": 6.0, "excel": 6.0}  # fmt: skip
    if any(word in product for word in ("Asset-Backed", "Asset Backed", "Home Equity")):
        weights.update(breakcdr=45.0, intex_io=0.0, intex_yields=0.0)
    if name.startswith("MORTGAGE ASSET SECURITIZATION"):
        weights["html"] = 80.0
    if filing.filed < HTML_FROM:
        weights.update(html=0.0, excel=0.0)
    return weights


def plan_cm_exhibits(filings: list[Filing], seed: int) -> None:
    """Sets ``cm_exhibits`` of every computational-materials 8-K; every dialect appears when it can."""
    rng = random.Random(f"edgar-mirror-cm:{seed}")
    cms = [f for f in filings if f.kind == "cm" and f.deal is not None]
    for filing in cms:
        weights = _weights(filing)
        main = "html" if "html" in filing.features and weights["html"] else rng.choices(list(weights), list(weights.values()))[0]
        filing.cm_exhibits = (main, "collateral") if rng.random() < COLLATERAL_SHARE else (main,)
    used = Counter(f.cm_exhibits[0] for f in cms)
    for dialect in DIALECTS:
        spare = [f for f in cms if used[f.cm_exhibits[0]] > 1 and _weights(f)[dialect] > 0 and "html" not in f.features]
        if used[dialect] == 0 and spare:
            filing = spare[rng.randrange(len(spare))]
            used[filing.cm_exhibits[0]] -= 1
            used[dialect] += 1
            filing.cm_exhibits = (dialect, *filing.cm_exhibits[1:])
    if cms and not any("collateral" in f.cm_exhibits for f in cms):
        filing = cms[rng.randrange(len(cms))]
        filing.cm_exhibits = (filing.cm_exhibits[0], "collateral")


class CmMaker:
    """Writes the CM exhibits of one mirror."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.cores = GridCores(seed)

    def exhibit(self, filing: Filing, number: str, dialect: str, base: str) -> CmExhibit:
        rng = random.Random(f"edgar-mirror-cm:{self.seed}:{filing.accession}:{number}")
        assert filing.deal is not None
        sheet = deal_sheet(filing.deal, rng)
        if dialect == "collateral":
            kind = COLLATERAL_TERM_SHEET
        else:
            kind = TERM_SHEET if rng.random() < (0.45 if dialect == "summary" else 0.15) else COMPUTATIONAL_MATERIALS
        heading = rng.choice(HEADINGS[kind])
        name = f"{base}ex{number.replace('.', '')}"
        description = DESCRIPTIONS[kind]
        if dialect == "html":
            tables, text = html_exhibit(rng, sheet, heading)
            return CmExhibit(number, kind, dialect, text, f"{name}.htm", description, tables)
        if dialect == "excel":
            tables, text = _excel(rng, sheet, self.cores, heading)
            return CmExhibit(number, kind, dialect, text, f"{name}.htm", description, tables)
        tables, pages = [], []
        for section_tables, lines in SECTIONS[dialect](rng, sheet, self.cores):
            tables += section_tables
            pages.append("\n".join(lines))
        text = "\n".join(_opening(rng, number, heading)) + "\n<PAGE>\n" + "\n<PAGE>\n".join(pages)
        return CmExhibit(number, kind, dialect, text, f"{name}.txt", description, tables)


def _opening(rng: random.Random, number: str, heading: str) -> list[str]:
    label = f"EXHIBIT {number}" if rng.random() < 0.7 else f"Exhibit {number}"
    lines = [label, " " * rng.randint(28, 34) + "-" * len(label), "", " " * rng.randint(14, 18) + heading, "", ""]
    if rng.random() < 0.55:
        lines += ["", " " * rng.randint(36, 40) + str(rng.randint(2, 9))]
    return lines


def _class_names(rng: random.Random, count: int) -> list[str]:
    group = rng.choice(("1", "2", "", "3"))
    start = rng.randint(1, 4)
    return [f"{group}A{n}" for n in range(start, start + count)]


def _intex(rng: random.Random, sheet: DealSheet, cores: GridCores, first: str = "") -> list[Section]:
    """Fixed-rate classes; ``first``: an interest-only (``io``) or yields-to-price (``yields``) grid leads."""
    deal_style, group = rng.choice(("intex", "intex", "final")), rng.choice(("1A", "2A", "G1", "1", ""))
    deal = sheet.name(deal_style, group)
    kinds = ["fixed"] * rng.randint(1, 2)
    if first:
        kinds = [first, *kinds[: rng.randint(0, 1)]]
    elif rng.random() < 0.15:
        kinds.append("io")
    names = _class_names(rng, len(kinds))
    out = []
    for kind, name in zip(kinds, names):
        name = rng.choice(("XA", "AX", "IO", "X")) if kind == "io" else name
        grid = price_grid(rng, sheet, cores.pick(rng, kind, "intex"), kind, "intex", name, deal, f"{deal} - Price/Yield - {name}")
        out.append(([grid.table], render_intex(rng, grid)))
    return out


def _intex_deal(rng: random.Random, sheet: DealSheet) -> str:
    return sheet.name(rng.choice(("intex", "final")), rng.choice(("1A", "2A", "G1", "1", "")))


def _across(rng: random.Random, sheet: DealSheet, cores: GridCores) -> list[Section]:
    """Fixed-rate classes and now and then a floater, prices across (scenario cores of the ``db`` family: every
    column a speed)."""
    deal = _intex_deal(rng, sheet)
    kinds = ["fixed"] * rng.randint(1, 2) + (["floater"] if rng.random() < 0.3 else [])
    out = []
    for kind, name in zip(kinds, _class_names(rng, len(kinds))):
        grid = price_grid(rng, sheet, cores.pick(rng, kind, "db"), kind, "db", name, deal, f"{deal} - Price/Yield - {name}")
        table, lines = transpose(rng, grid)
        out.append(([table], lines))
    return out


def _yield_dm(rng: random.Random, sheet: DealSheet, cores: GridCores) -> list[Section]:
    deal = _intex_deal(rng, sheet)
    out = []
    for name in _class_names(rng, rng.randint(1, 2)):
        table, lines = yield_dm_grid(rng, sheet, cores.pick(rng, "floater", "intex"), name, deal,
                                     f"{deal} - Price/Yield - {name}")
        out.append(([table], lines))
    return out


def _excel(rng: random.Random, sheet: DealSheet, cores: GridCores, heading: str) -> tuple[list[Table], str]:
    deal = _intex_deal(rng, sheet)
    kinds = ["fixed"] * rng.randint(1, 3) + (["floater"] if rng.random() < 0.2 else [])
    grids = [price_grid(rng, sheet, cores.pick(rng, kind, "intex"), kind, "intex", name, deal, f"{deal} - Price/Yield - {name}")
             for kind, name in zip(kinds, _class_names(rng, len(kinds)))]  # fmt: skip
    return excel_sheet(rng, grids, heading, grids[0].table.class_ or "Sheet1")


def _db(rng: random.Random, sheet: DealSheet, cores: GridCores, floaters: bool = False) -> list[Section]:
    deal = sheet.name(rng.choice(("db", "db_z")), rng.choice(("1", "2", "3")))
    separator = rng.choice((" -- ", "  --  "))
    kinds = ["floater"] * rng.randint(1, 2) + ["fixed"] * rng.randint(0, 1) if floaters else ["fixed"] * rng.randint(1, 2)
    names = _class_names(rng, len(kinds))
    out = []
    for kind, name in zip(kinds, names):
        grid = price_grid(rng, sheet, cores.pick(rng, kind, "db"), kind, "db", name, deal, f"{deal}{separator}{name}")
        out.append(([grid.table], render_db(rng, grid)))
    return out


def _summary(rng: random.Random, sheet: DealSheet, cores: GridCores) -> list[Section]:
    deal = structure(rng, sheet, rng.randint(1, 5), rng.choice(("", "", "1", "2")), rng.choice(("SUBORD", "SUB", "B")))
    name = sheet.name("dashed")
    table, lines = deal_summary(rng, sheet, deal, name)
    out: list[Section] = [([table], lines)]
    for n in sorted(rng.sample(range(len(deal.names) - 1), min(len(deal.names) - 1, rng.randint(1, 2)))):
        dec, dec_lines = decrement(rng, sheet, deal, name, n)
        out.append(([dec], dec_lines))
    return out


def _break_cdr(rng: random.Random, sheet: DealSheet, cores: GridCores) -> list[Section]:
    return [break_cdr(rng, sheet, sheet.name("spaced"))]


def _collateral(rng: random.Random, sheet: DealSheet, cores: GridCores) -> list[Section]:
    base = sheet.name("intex")
    groups = ["_1", "_2"] if rng.random() < 0.4 else [""]
    out = [([table], lines) for table, lines in (collateral(rng, sheet, base + g) for g in groups)]
    summary = out[-1][0][0]
    for n in range(rng.randint(1, 3) if rng.random() < 0.7 else 0):
        merged = n == 0 and rng.random() < 0.4  # the first stratification straight after the summary's page
        strat, lines = stratification(rng, sheet, None if merged else summary.deal)
        if merged:
            summary.scenarios, summary.speeds, summary.measures, summary.rows = (strat.scenarios, strat.speeds,
                                                                                 strat.measures, strat.rows)
        out.append(([] if merged else [strat], lines))
    return out


SECTIONS: dict[str, Callable[[random.Random, DealSheet, GridCores], list[Section]]] = {
    "intex": _intex, "intex_io": lambda rng, sheet, cores: _intex(rng, sheet, cores, "io"),
    "intex_yields": lambda rng, sheet, cores: _intex(rng, sheet, cores, "yields"), "db": _db,
    "db_dm": lambda rng, sheet, cores: _db(rng, sheet, cores, floaters=True), "summary": _summary,
    "breakcdr": _break_cdr, "collateral": _collateral, "across": _across,
    "yield_dm": _yield_dm,
}  # fmt: skip
