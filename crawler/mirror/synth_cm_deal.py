"""The deal behind one Computational Materials exhibit: desk names for it, its classes, dates and collateral.

Structuring desks name a deal after the depositor's ticker and the series (``CWALT0534CB_1A``,
``cwalt04j8_final``, ``DEAL_CWALT0528CB_GRP2``, ``CWALT-04-26T1``, ``CWABS 2004-14``); the header block of a
class (Balance, Coupon, Delay, Dated, Settle, First Payment, WAC, WAM, NET, WALA) follows from the deal's
closing date and collateral.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from crawler.mirror.synth_cm_model import Cell, Fact
from crawler.mirror.synth_cm_numbers import add_months, amount, date_text, fixed
from crawler.mirror.synth_model import Deal

TICKERS = {
    "CWALT INC": "CWALT", "CWMBS INC": "CWHL", "CWABS INC": "CWABS", "STRUCTURED ASSET SECURITIES CORP": "SASC",
    "MORGAN STANLEY CAPITAL I INC": "MSC", "RESIDENTIAL ASSET MORTGAGE PRODUCTS INC": "RAMP",
    "RESIDENTIAL FUNDING MORTGAGE SECURITIES I INC": "RFMSI", "RESIDENTIAL ASSET SECURITIES CORP": "RASC",
    "MERRILL LYNCH MORTGAGE INVESTORS INC": "MLMI", "GS MORTGAGE SECURITIES CORP": "GSAA",
    "FIRST HORIZON ASSET SECURITIES INC": "FHAMS", "MORTGAGE ASSET SECURITIZATION TRANSACTIONS INC": "MASTR",
    "WAMU ASSET ACCEPTANCE CORP": "WAMU", "OPTION ONE MORTGAGE ACCEPTANCE CORP": "OOMLT",
    "ASSET BACKED SECURITIES CORP": "ABSHE", "SEQUOIA RESIDENTIAL FUNDING INC": "SEMT",
    "BANK OF AMERICA MORTGAGE SECURITIES INC": "BOAMS", "AMERIQUEST MORTGAGE SECURITIES INC": "AMSI",
    "CREDIT SUISSE FIRST BOSTON MORTGAGE SECURITIES CORP": "CSFB", "NOVASTAR MORTGAGE FUNDING CORP": "NHEL",
}  # fmt: skip
_SKIP_WORDS = {"INC", "CORP", "LLC", "L.L.C.", "CO", "THE", "OF", "I", "II"}
HOME_EQUITY_WORDS = ("Asset-Backed", "Asset Backed", "Home Equity")
DATE_STYLES = ("m/d/yyyy", "mm/dd/yyyy", "mm/dd/yyyy", "m/d/yyyy")


def ticker_of(name: str) -> str:
    if name in TICKERS:
        return TICKERS[name]
    words = [w for w in re.split(r"[\s,]+", name.upper()) if w and w not in _SKIP_WORDS]
    return "".join(w[0] for w in words[:5]) or "DEAL"


@dataclass(slots=True)
class DealSheet:
    """What every table of one exhibit shares about its deal."""

    ticker: str
    year: int
    tail: str  # the series after the year: "34CB", "J4", "5", "HE5"
    settle: date
    dated: date
    first_pay: date
    wac: Cell
    net: Cell
    wam: int
    wala: int
    collateral_cents: int
    home_equity: bool
    date_style: str

    @property
    def compact(self) -> str:
        return f"{self.ticker}{self.year % 100:02d}{self.tail}"

    def name(self, style: str, group: str = "") -> str:
        """The deal as a desk's title shows it."""
        yy = f"{self.year % 100:02d}"
        if style == "intex":
            return f"{self.compact}_{group}" if group else self.compact
        if style == "final":
            return f"{self.ticker.lower()}{yy}{self.tail.lower()}_final"
        if style == "db":
            return f"DEAL_{self.compact}_GRP{group or 1}"
        if style == "db_z":
            return f"Z{self.compact}_T"
        if style == "dashed":
            return f"{self.ticker}-{yy}-{self.tail}"
        return f"{self.ticker} {self.year}-{self.tail}"


def deal_sheet(deal: Deal, rng: random.Random) -> DealSheet:
    year, _, tail = deal.series.partition("-")
    settle = deal.closing
    wac = rng.uniform(5.2, 7.6)
    wac_places = rng.choice((2, 4, 6, 9))
    servicing = rng.choice((0.25, 0.2675, 0.375, 0.5))
    wala = rng.choice((0, 0, 1, 1, 2, 3, 14))
    product = deal.profile.product
    return DealSheet(
        ticker=ticker_of(deal.depositor.name), year=int(year), tail=tail or "1", settle=settle, dated=settle.replace(day=1),
        first_pay=add_months(settle, 1, 25), wac=fixed(wac, wac_places), net=fixed(wac - servicing, rng.choice((1, 3, 4, 6))),
        wam=360 - wala - rng.choice((0, 0, 1, 2)), wala=wala,
        collateral_cents=rng.randrange(150_000_000, 1_500_000_000) * 100 + rng.randrange(100),
        home_equity=any(word in product for word in HOME_EQUITY_WORDS), date_style=rng.choice(DATE_STYLES),
    )  # fmt: skip


def balance_cents(rng: random.Random, low: int, high: int) -> int:
    """A class size: round thousands mostly, to the cent now and then."""
    dollars = rng.randrange(low, high) * 1000
    return dollars * 100 + (rng.randrange(100_000) if rng.random() < 0.15 else 0)


def coupon_cell(hundredths: int, rng: random.Random) -> Cell:
    """``7``, ``5.15``, ``5.7500`` from a coupon in hundredths of a percent."""
    value = hundredths / 100
    if hundredths % 100 == 0 and rng.random() < 0.5:
        return Cell(str(hundredths // 100), value)
    places = rng.choice((2, 4, 4))
    return Cell(f"{value:.{places}f}", value)


@dataclass(frozen=True, slots=True)
class Floater:
    index: str
    index_shown: str
    mult: Cell
    margin: Cell
    cap: Cell
    floor: Cell


def floater_terms(rng: random.Random) -> Floater:
    margin = rng.choice((0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.70))
    shown = rng.choice(("LIBOR_1MO", "LIBOR_1MO | 2", "LIBOR_1MO | 1"))
    return Floater("LIBOR_1MO", shown, fixed(1.0, 2), fixed(margin, 2), fixed(rng.choice((7.5, 8.0, 8.5, 9.0, 9.5)), 2), fixed(margin, 2))


def header_facts(sheet: DealSheet, balance: Cell, coupon: Cell, delay: int, floater: Floater | None,
                 footnote: bool) -> list[list[Fact]]:  # fmt: skip
    """The header block as printed: columns of facts (Balance/Coupon/Settle, Delay/Dated/First Payment, ...)."""
    style = sheet.date_style
    dated = add_months(sheet.settle, -1, 25) if floater else sheet.dated
    mark = "(1)" if footnote else ""
    columns = [
        [Fact("Balance", balance.text, balance.value), Fact("Coupon", coupon.text, coupon.value),
         Fact("Settle", date_text(sheet.settle, style), sheet.settle)],
        [Fact("Delay", str(delay), delay), Fact("Dated", date_text(dated, style), dated),
         Fact("First Payment", date_text(sheet.first_pay, style), sheet.first_pay)],
    ]  # fmt: skip
    if floater is not None:
        columns.append([
            Fact("Index", floater.index_shown, floater.index),
            Fact("Mult / Margin", f"{floater.mult.text} / {floater.margin.text}", (floater.mult.value, floater.margin.value)),
            Fact("Cap / Floor", f"{floater.cap.text} / {floater.floor.text}", (floater.cap.value, floater.floor.value)),
        ])  # fmt: skip
    columns.append([Fact(f"WAC{mark}", sheet.wac.text, sheet.wac.value), Fact(f"NET{mark}", sheet.net.text, sheet.net.value)])
    columns.append([Fact(f"WAM{mark}", str(sheet.wam), sheet.wam), Fact(f"WALA{mark}", str(sheet.wala), sheet.wala)])
    return columns


def reading_order(columns: list[list[Fact]]) -> list[Fact]:
    """Facts line by line, left to right (the order the truth lists them)."""
    depth = max(len(column) for column in columns)
    return [column[line] for line in range(depth) for column in columns if line < len(column)]


def class_balance(rng: random.Random) -> Cell:
    return amount(balance_cents(rng, 1_000, 400_000), dollar=True)
