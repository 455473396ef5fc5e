"""The plan of a mirror: which filings exist, when they were accepted, filed and disseminated, their accessions."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from crawler.mirror.synth_calendar import business_days, quarter_key
from crawler.mirror.synth_cm import plan_cm_exhibits
from crawler.mirror.synth_companies import Company, Registry
from crawler.mirror.synth_items import general_items, old_era
from crawler.mirror.synth_model import Filing, OtherFiling, Plan
from crawler.mirror.synth_plan_abs import AbsPlanner
from crawler.mirror.synth_plan_other import OtherPlanner
from crawler.mirror.synth_plan_se import SePlanner
from crawler.mirror.synth_showcase import add_showcase
from crawler.mirror.synth_timing import Days, abs_share, acceptance

ROWS_PER_8K = 10.0  # a 2004 quarter: ~25k 8-K accessions among ~250k index rows
SHOWCASE_MIN_FILINGS = 60
SUCCESSOR_FORMS = ("8-K12B", "8-K12G3", "8-K15D5", "8-K12B/A", "8-K12G3/A")


class Planner:
    """Builds the :class:`Plan` of one mirror from the seed's random stream."""

    def __init__(self, seed: int, start: date, end: date, filings: int) -> None:
        self.rng = random.Random(f"edgar-mirror:{seed}")
        self.seed = seed
        self.days = Days(business_days(start, end))
        self.start, self.end, self.target = start, end, filings
        self.registry = Registry(self.rng, operating_count=max(80, int(filings * 0.9)), person_count=max(40, filings // 2))
        self.abs = AbsPlanner(self.rng, self.registry, self.days)
        self.se = SePlanner(self.rng, self.days)
        self.general: list[Filing] = []

    def add_general(self, filers: list[Company], filed: date, *, items: tuple[str, ...] | None = None,
                    form_type: str = "8-K", features: set[str] | None = None,
                    accepted: datetime | None = None) -> Filing:  # fmt: skip
        rng = self.rng
        if accepted is None:
            accepted = acceptance(rng, filed)
            if old_era(filed) != old_era(filed, accepted.date()):
                accepted = acceptance(rng, filed, allow_previous=False)
        if items is None:
            items = general_items(rng, filed, old_era(filed, accepted.date()))
        period = min(self.days.shift(filed, -rng.choice((0, 0, 1, 1, 2, 3, 4))), accepted.date())
        filing = Filing("general", form_type, filers, accepted, filed, period, items, "other",
                        features=features or set(), agent=filers[0].agent)  # fmt: skip
        self.general.append(filing)
        return filing

    def _general_filer(self) -> list[Company]:
        rng, registry = self.rng, self.registry
        roll = rng.random()
        first = rng.choice(registry.decoys) if roll < 0.03 else rng.choice(registry.operating)
        if roll > 0.985:
            return [first, rng.choice(registry.operating)]  # parent and subsidiary report jointly
        return [first]

    def _fill_general(self, count: int) -> None:
        rng = self.rng
        for filed in sorted(self.days.pick(rng, count, lambda day: 1.0 - abs_share(day.year))):
            roll = rng.random()
            form = "8-K/A" if roll < 0.045 else rng.choice(SUCCESSOR_FORMS) if roll < 0.048 else "8-K"
            self.add_general(self._general_filer(), filed, form_type=form)

    def _trim(self, excess: int) -> None:
        """Drops ``excess`` ABS filings that no showcase case or SE reference needs."""
        if excess <= 0:
            return
        removable = [f for f in self.abs.filings if not f.features and not f.se_refs]
        dropped = set(map(id, self.rng.sample(removable, min(excess, len(removable)))))
        self.abs.filings = [f for f in self.abs.filings if id(f) not in dropped]

    def build(self) -> Plan:
        days = self.days.days
        abs_target = round(self.target * sum(abs_share(day.year) for day in days) / len(days))
        abs_target = min(abs_target, self.target)
        self.abs.plan(abs_target)
        if self.target >= SHOWCASE_MIN_FILINGS:
            add_showcase(self)
        self._trim(len(self.abs.filings) - abs_target)  # keep the ABS share of the era despite the showcase
        self._trim(len(self.abs.filings) + len(self.general) - self.target)
        self._fill_general(max(0, self.target - len(self.abs.filings) - len(self.general)))
        filings = sorted(self.abs.filings + self.general, key=lambda f: f.accepted)
        self.se.plan(filings)
        self.se.resolve()
        for filing in filings:
            filing.disseminated = filing.filed
        others = self.abs.others + self.se.index_entries()
        used_rows = sum(len(f.filers) for f in filings) + sum(len(o.filers) for o in others)
        others += OtherPlanner(self.rng, self.registry, self.days).plan(round(self.target * ROWS_PER_8K) - used_rows)
        rewritten = self._rewrite_days(filings, others)
        assign_accessions(self.rng, filings, others)
        plan_cm_exhibits(filings, self.seed)
        for other in others:
            if other.se is not None:
                other.se.accession = other.accession
        return Plan(self.start, self.end, filings, others, self.se.records, rewritten, self.registry.all_companies())

    def _rewrite_days(self, filings: list[Filing], others: list[OtherFiling]) -> dict[date, date]:
        """One daily file per quarter is rewritten days later and then holds a row filed an earlier day."""
        rewritten: dict[date, date] = {}
        quarters: dict[tuple[int, int], list[date]] = {}
        for day in self.days.days:
            quarters.setdefault(quarter_key(day), []).append(day)
        for quarter_days in quarters.values():
            if len(quarter_days) < 8:
                continue
            day = quarter_days[len(quarter_days) // 2 + self.rng.randint(-3, 3)]
            earlier = self.days.between(self.days.shift(day, -4), self.days.shift(day, -1))
            late = [f for f in filings if f.filed in earlier and f.kind == "general" and not f.features]
            late_others = [o for o in others if o.filed in earlier and o.se is None]
            if late:
                self.rng.choice(late).disseminated = day
            elif late_others:
                self.rng.choice(late_others).disseminated = day
            rewritten[day] = day + timedelta(days=self.rng.randint(7, 16))
        return rewritten


def assign_accessions(rng: random.Random, filings: list[Filing], others: list[OtherFiling]) -> None:
    """Accession numbers in acceptance order, one counter per filer agent and year (``0000905148-04-002078``)."""
    events: list[tuple[int, int, Filing | OtherFiling]] = []
    for index, filing in enumerate(filings):
        moment = filing.accepted
        events.append((moment.toordinal() * 86400 + moment.hour * 3600 + moment.minute * 60 + moment.second, index, filing))
    for index, other in enumerate(others, start=len(filings)):
        events.append((other.filed.toordinal() * 86400 + other.second, index, other))
    events.sort(key=lambda event: (event[0], event[1]))
    counters: dict[tuple[str, int], int] = {}
    for key, _, item in events:
        year = date.fromordinal(key // 86400).year % 100
        counter = (item.agent, year)
        number = counters.get(counter)
        number = rng.randint(1, 2500) if number is None else number + rng.choice((1, 1, 1, 2, 3, 5))
        counters[counter] = number
        item.accession = f"{item.agent}-{year:02d}-{number:06d}"
