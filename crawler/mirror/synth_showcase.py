"""Cases every mirror (of at least 60 8-Ks) contains when its range allows them.

Random proportions alone could leave a small mirror without a shape the crawler must handle, so these
filings are placed on purpose: the seed-like CWALT 2004-J4 8-K with its SE, the Friday-evening 8-K of
2004-08-20, Reg AB items 6.01-6.05, misnumbered items, uuencoded PDF/GIF, HTML, successor forms, look-alike
names, joint filings, every Form SE shape, and the 1990s variants.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from crawler.mirror.synth_calendar import ITEMS_SWITCH, REG_AB
from crawler.mirror.synth_companies import Company
from crawler.mirror.synth_model import Deal
from crawler.mirror.synth_plan_se import SE_FIRST_DAY, SE_LAST_DAY

if TYPE_CHECKING:
    from crawler.mirror.synth_plan import Planner

CWALT_CIK = 1269518
SEED_FILED, SEED_REPORT = date(2004, 4, 8), date(2004, 4, 6)
FRIDAY_ACCEPTED = datetime(2004, 8, 20, 18, 4, 51)


def add_showcase(planner: Planner) -> None:
    _seed_case(planner)
    _friday_case(planner)
    _general_shapes(planner)
    _abs_shapes(planner)
    _reg_ab_shapes(planner)
    _se_shapes(planner)
    _nineties_shapes(planner)


def _span(planner: Planner, low: date, high: date) -> list[date]:
    return planner.days.between(max(low, planner.days.start), min(high, planner.days.end))


def _at(days: list[date], fraction: float) -> date:
    return days[min(len(days) - 1, int(fraction * (len(days) - 1)))]


def _depositor(planner: Planner, cik: int | None = None, name: str | None = None) -> Company:
    for depositor in planner.registry.depositors:
        if depositor.cik == cik or depositor.name == name:
            return depositor
    raise LookupError(cik or name)


def _deal_closing_after(planner: Planner, filed: date, depositor: Company | None = None) -> Deal:
    deal = planner.abs.new_deal(planner.days.shift(filed, planner.rng.randint(4, 9)), depositor)
    if deal.closing <= planner.days.end:
        planner.abs.deals.append(deal)
        planner.abs.closing_filing(deal, deal.closing)
    return deal


def _seed_case(planner: Planner) -> None:
    if not planner.days.start <= SEED_REPORT or SEED_FILED > planner.days.end:
        return
    cwalt = _depositor(planner, CWALT_CIK)
    deal = planner.abs.new_deal(date(2004, 4, 29), cwalt, "2004-J4")
    if deal.closing <= planner.days.end:
        planner.abs.deals.append(deal)
        planner.abs.closing_filing(deal, deal.closing)
    filing = planner.abs.cm_filing(deal, SEED_FILED)
    filing.form_type, filing.filers, filing.items, filing.period = "8-K", [cwalt], ("5", "7"), SEED_REPORT
    filing.accepted = datetime(2004, 4, 8, 16, 12, 40)
    filing.features.add("seed")
    planner.se.reference(filing, "cover_dated", "99.2", rule="311(j)", se_date=SEED_FILED)


def _friday_case(planner: Planner) -> None:
    """Accepted after 17:30 on Friday 2004-08-20: dated 2004-08-23 yet with the old items."""
    if planner.days.start <= FRIDAY_ACCEPTED.date() and date(2004, 8, 23) <= planner.days.end:
        company = planner.rng.choice(planner.registry.operating)
        planner.add_general([company], date(2004, 8, 23), items=("5", "7"), accepted=FRIDAY_ACCEPTED, features={"friday_late"})


def _general_shapes(planner: Planner) -> None:
    at, operating = planner.days.at, planner.registry.operating
    pick = planner.rng.choice
    new_era = _span(planner, ITEMS_SWITCH, planner.days.end)
    if new_era:
        planner.add_general([pick(operating)], _at(new_era, 0.3), items=("8.01", "9.01"), features={"misnumber"})
    planner.add_general([pick(operating)], at(0.15), features={"gif"})
    html_days = _span(planner, date(2001, 6, 1), planner.days.end)
    if html_days:
        planner.add_general([pick(operating)], _at(html_days, 0.5), features={"html"})
    planner.add_general([pick(operating)], at(0.4), form_type="8-K12B")
    planner.add_general([pick(operating)], at(0.6), form_type="8-K12G3")
    planner.add_general([pick(operating)], at(0.45), form_type="8-K/A")
    planner.add_general([pick(operating), pick(operating)], at(0.55), features={"joint"})
    for index, decoy in enumerate(planner.registry.decoys[:6]):
        planner.add_general([decoy], at(0.1 + index * 0.15))


def _abs_shapes(planner: Planner) -> None:
    days, abs_planner = planner.days, planner.abs
    deal = abs_planner.new_deal(days.at(0.5))
    abs_planner.deals.append(deal)
    closing = abs_planner.closing_filing(deal, deal.closing)
    closing.filers = [deal.trust, deal.depositor]
    closing.features.add("joint")
    cm = abs_planner.cm_filing(deal, days.clamp(days.shift(deal.closing, -3)))
    cm.features.add("pdf")
    if cm.filed >= date(2004, 7, 1):
        cm.features.add("html")
    pemberton = _deal_closing_after(planner, days.at(0.35), _depositor(planner, name="PEMBERTON HOLDINGS LLC"))
    abs_planner.cm_filing(pemberton, days.at(0.35)).features.add("hidden_abs")
    westbrook = _depositor(planner, name="Westbrook Partners I, L.L.C.")
    old_deal = abs_planner.new_deal(days.start - timedelta(days=200), westbrook)
    abs_planner.legacy.append(old_deal)
    late_month = [day for day in days.days if day.day >= 25] or days.days
    filed = _at(late_month, 0.6)
    period = filed.replace(day=25) if filed.day >= 25 else filed
    abs_planner.distribution_filing(old_deal, filed, period).features.add("hidden_abs")


def _reg_ab_shapes(planner: Planner) -> None:
    reg_days = _span(planner, REG_AB, planner.days.end)
    if len(reg_days) < 5:
        return
    abs_planner = planner.abs
    cm = abs_planner.cm_filing(_deal_closing_after(planner, _at(reg_days, 0.8)), _at(reg_days, 0.8))
    cm.items = ("6.01", "9.01")
    cm.features.add("regab")
    deal = abs_planner.new_deal(reg_days[0])
    abs_planner.deals.append(deal)
    abs_planner.closing_filing(deal, reg_days[0])
    for index, items in enumerate((("6.02", "9.01"), ("6.03", "9.01"), ("6.04",), ("6.05", "9.01"))):
        filed = _at(reg_days, 0.3 + index * 0.15)
        if filed > deal.closing:
            abs_planner.add("abs_event", [deal.trust], filed, filed, items, "trust", deal).features.add("regab")


def _se_shapes(planner: Planner) -> None:
    se_days = _span(planner, SE_FIRST_DAY, SE_LAST_DAY)
    if len(se_days) < 10:
        return
    se, abs_planner = planner.se, planner.abs

    def cm_on(fraction: float, depositor: Company | None = None):
        filed = _at(se_days, fraction)
        filing = abs_planner.cm_filing(_deal_closing_after(planner, filed, depositor), filed)
        filing.form_type = "8-K"
        return filing

    se.reference(cm_on(0.2), "cover_dated", "99.2", rule="311(j)")
    se.reference(cm_on(0.3), "cover_dated", "99.2", with_record=False)
    se.reference(cm_on(0.4), "to_be_filed", "99.8")
    se.reference(cm_on(0.5), "filed_placeholder", "99.3")
    se.reference(cm_on(0.6), "filed_placeholder", "99.2", with_record=False)
    se.reference(cm_on(0.65), "to_be_filed", "99.3", with_record=False)
    depositor = planner.abs.depositor_for(_at(se_days, 0.7).year)
    first, second = cm_on(0.7, depositor), cm_on(0.7, depositor)
    se.reference(first, "cover_dated", "99.2", se_date=first.filed)
    se.reference(second, "cover_dated", "99.2", se_date=first.filed)
    se.record(depositor, _at(se_days, 0.75))


def _nineties_shapes(planner: Planner) -> None:
    early = _span(planner, planner.days.start, date(1996, 12, 31))
    if early:
        operating, pick = planner.registry.operating, planner.rng.choice
        planner.add_general([pick(operating)], _at(early, 0.3), features={"ims"})
        planner.add_general([pick(operating)], _at(early, 0.5), features={"no_header"})
    before_2001 = _span(planner, planner.days.start, date(2000, 12, 31))
    if before_2001:
        planner.add_general([planner.rng.choice(planner.registry.operating)], _at(before_2001, 0.6), features={"no_filename"})
