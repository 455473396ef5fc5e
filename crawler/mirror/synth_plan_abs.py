"""ABS filings of the plan: deals, depositor computational materials, trust closings and distributions, 10-D/424B5 rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from crawler.mirror.synth_calendar import REG_AB
from crawler.mirror.synth_companies import Company, Registry
from crawler.mirror.synth_depositors import series_name
from crawler.mirror.synth_items import old_era
from crawler.mirror.synth_model import Deal, Filing, OtherFiling
from crawler.mirror.synth_timing import Days, abs_share, acceptance

CM_LEAD_DAYS = 12  # business days between a deal's computational materials and its closing, at most
TRUSTEE_AGENTS = ("0001056404", "0001056404", "0001071787", "0000950123", "0001140361")


class AbsPlanner:
    """Makes the ABS 8-Ks of a range: about ``target`` of them, in the real mix of kinds."""

    def __init__(self, rng: random.Random, registry: Registry, days: Days) -> None:
        self.rng, self.registry, self.days = rng, registry, days
        self.deals: list[Deal] = []
        self.legacy: list[Deal] = []
        self.filings: list[Filing] = []
        self.others: list[OtherFiling] = []
        self._series_used: set[tuple[int, str]] = set()
        self._series_count: dict[tuple[int, int], int] = {}

    # --- deals -------------------------------------------------------------------------------------------
    def depositor_for(self, year: int) -> Company:
        profiles = [(dep, dep.profile) for dep in self.registry.depositors if dep.profile and dep.profile.first_year <= year]
        return self.rng.choices([dep for dep, _ in profiles], [profile.weight for _, profile in profiles])[0]

    def new_deal(self, closing: date, depositor: Company | None = None, series: str | None = None) -> Deal:
        depositor = depositor or self.depositor_for(closing.year)
        assert depositor.profile is not None
        key = (depositor.cik, closing.year)
        while series is None or (depositor.cik, series) in self._series_used:
            self._series_count[key] = number = self._series_count.get(key, 0) + 1
            series = series_name(depositor.profile, closing.year, number)
        self._series_used.add((depositor.cik, series))
        trust = self.registry.trust_for(depositor, series, closing.year)
        return Deal(depositor, series, trust, closing, closing.replace(day=1))

    def _legacy_deal(self) -> Deal:
        rng = self.rng
        year = max(1994, self.days.start.year - rng.randint(1, 3))
        depositor = self.depositor_for(year)
        closing = date(year, rng.randint(1, 12), rng.randint(1, 28))
        if closing >= self.days.start:
            closing = self.days.start - timedelta(days=rng.randint(40, 400))
        deal = self.new_deal(closing, depositor)
        self.legacy.append(deal)
        return deal

    # --- filings -----------------------------------------------------------------------------------------
    def add(self, kind: str, filers: list[Company], filed: date, period: date, items: tuple[str, ...],
            role: str, deal: Deal | None, form_type: str = "8-K", agent: str = "") -> Filing:  # fmt: skip
        accepted = acceptance(self.rng, filed)
        if old_era(filed) != old_era(filed, accepted.date()):
            accepted = acceptance(self.rng, filed, allow_previous=False)
        filing = Filing(kind, form_type, filers, accepted, filed, min(period, filed, accepted.date()), items, role, deal,
                        agent=agent or filers[0].agent)  # fmt: skip
        self.filings.append(filing)
        return filing

    def closing_filing(self, deal: Deal, filed: date) -> Filing:
        rng = self.rng
        if old_era(filed):
            items = ("2", "7") if rng.random() < 0.4 else ("5", "7")
        elif deal.closing >= REG_AB and rng.random() < 0.12:
            items = ("6.05", "9.01")
        else:
            items = ("2.01", "9.01") if rng.random() < 0.35 else ("8.01", "9.01")
        filers = [deal.trust, deal.depositor] if rng.random() < 0.35 else [deal.trust]
        return self.add("closing", filers, filed, deal.closing, items, "trust", deal)

    def cm_filing(self, deal: Deal, filed: date) -> Filing:
        rng = self.rng
        if old_era(filed):
            items: tuple[str, ...] = ("5", "7")
        elif filed >= REG_AB and rng.random() < 0.6:
            items = ("6.01", "9.01")
        else:
            items = ("8.01", "9.01")
        joint = rng.random() < 0.05 and not deal.profile.master_trust
        filers = [deal.depositor, deal.trust] if joint else [deal.depositor]
        form = "8-K/A" if rng.random() < 0.08 else "8-K"
        period = self.days.shift(filed, -rng.randint(0, 2))
        return self.add("cm", filers, filed, period, items, "depositor", deal, form)

    def distribution_filing(self, deal: Deal, filed: date, period: date) -> Filing:
        rng = self.rng
        if old_era(filed):
            items: tuple[str, ...] = ("5", "7") if rng.random() < 0.9 else ("5",)
        else:
            items = rng.choices((("8.01", "9.01"), ("9.01",), ("8.01",)), (85, 10, 5))[0]
        filers = [deal.trust, deal.depositor] if rng.random() < 0.03 else [deal.trust]
        agent = rng.choice(TRUSTEE_AGENTS) if rng.random() < 0.6 else deal.depositor.agent
        form = "8-K/A" if rng.random() < 0.03 else "8-K"
        return self.add("distribution", filers, filed, period, items, "trust", deal, form, agent)

    # --- the whole ABS side of a range --------------------------------------------------------------------
    def plan(self, target: int) -> None:
        if target <= 0:
            return
        rng, days = self.rng, self.days
        reg_ab_days = sum(1 for day in days.days if day >= REG_AB) / len(days.days)
        n_close = max(1, round(target * 0.12))
        n_cm = round(target * 0.28)
        n_event = round(target * 0.03 * reg_ab_days)
        n_dist = max(0, target - n_close - n_cm - n_event)
        for closing in sorted(days.pick(rng, n_close, lambda day: abs_share(day.year))):
            deal = self.new_deal(closing)
            self.deals.append(deal)
            self.closing_filing(deal, days.clamp(days.shift(closing, rng.choice((0, 0, 1, 2)))))
            self._prospectus_rows(deal)
        self._plan_cms(n_cm)
        self._plan_distributions(n_dist)
        self._plan_events(n_event)
        self._plan_ten_d()

    def _plan_cms(self, count: int) -> None:
        """Computational materials go out 1..CM_LEAD_DAYS business days before a deal closes.

        Deals closing in the CM_LEAD_DAYS after the range join the pool at the rate deals close within it,
        and a draw that falls outside the range is dropped, so the 8-Ks per business day are as dense at
        the edges of the range as in its middle."""
        rng, days = self.rng, self.days
        pool = [deal for deal in self.deals if deal.closing > days.start]
        after_range = round(len(self.deals) * CM_LEAD_DAYS / len(days.days))
        for _ in range(after_range if count else 0):
            pool.append(self.new_deal(days.shift(days.end, rng.randint(1, CM_LEAD_DAYS))))
        for _ in range(count if pool else 0):
            deal = rng.choice(pool)
            filed = days.shift(deal.closing, -rng.randint(1, CM_LEAD_DAYS))
            if days.start <= filed <= days.end:
                self.cm_filing(deal, filed)

    def _plan_distributions(self, count: int) -> None:
        rng, days = self.rng, self.days
        by_month: dict[date, list[date]] = {}
        for filed in sorted(days.pick(rng, count, lambda day: 4.0 if day.day >= 25 or day.day <= 5 else 0.3)):
            period = filed.replace(day=25) if filed.day >= 25 else (filed.replace(day=1) - timedelta(days=1)).replace(day=25)
            by_month.setdefault(period, []).append(filed)
        for period, filed_days in by_month.items():
            cutoff = min(period - timedelta(days=10), REG_AB)
            eligible = [deal for deal in self.legacy + self.deals if deal.closing < cutoff]
            rng.shuffle(eligible)
            for filed in filed_days:
                deal = eligible.pop() if eligible and rng.random() < 0.9 else self._legacy_deal()
                self.distribution_filing(deal, filed, period)

    def _plan_events(self, count: int) -> None:
        rng, days = self.rng, self.days
        event_days = days.between(REG_AB, days.end)
        for _ in range(count if event_days else 0):
            filed = rng.choice(event_days)
            candidates = [deal for deal in self.deals + self.legacy if deal.closing < filed]
            deal = rng.choice(candidates) if candidates else self._legacy_deal()
            items = rng.choice((("6.02",), ("6.02", "9.01"), ("6.03", "9.01"), ("6.04",), ("6.05", "9.01")))
            self.add("abs_event", [deal.trust], filed, days.shift(filed, -rng.randint(0, 3)), items, "trust", deal)

    def _prospectus_rows(self, deal: Deal) -> None:
        filed = self.days.clamp(self.days.shift(deal.closing, -self.rng.randint(1, 3)))
        form = "424B5" if self.rng.random() < 0.85 else "424B3"
        filers = [deal.depositor] if deal.profile.master_trust else [deal.depositor, deal.trust]
        self.others.append(OtherFiling(form, filers, filed, filed, self.rng.randrange(30000, 60000), deal.depositor.agent))

    def _plan_ten_d(self) -> None:
        """Reg AB deals report distributions on Form 10-D, not 8-K."""
        for deal in self.deals:
            if deal.closing < REG_AB:
                continue
            month = deal.closing.replace(day=1) + timedelta(days=40)
            while True:
                filed = self.days.shift(month.replace(day=25), self.rng.randint(0, 4))
                if filed > self.days.end:
                    break
                filers = [deal.trust, deal.depositor] if self.rng.random() < 0.3 else [deal.trust]
                self.others.append(OtherFiling("10-D", filers, filed, filed, self.rng.randrange(30000, 70000), deal.depositor.agent))
                month = month.replace(day=1) + timedelta(days=40)
