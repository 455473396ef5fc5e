"""The non-8-K rows that make up most of every index (Forms 4, 10-Q, 424B, 13F-HR, SC 13G/A, 1-A POS ...)."""

from __future__ import annotations

import random
from datetime import date

from crawler.mirror.synth_companies import Registry
from crawler.mirror.synth_model import EFFECT_PREFIX, OtherFiling
from crawler.mirror.synth_timing import Days

# form type, weight (accessions), filers ("op", "owner", "fund", "holder", "effect"), first day it is electronic
OTHER_FORMS: tuple[tuple[str, float, str, date], ...] = (
    ("4", 30.0, "owner", date(2003, 6, 30)), ("4", 1.0, "owner", date(1994, 1, 1)),
    ("3", 3.0, "owner", date(2003, 6, 30)), ("5", 1.0, "owner", date(2003, 6, 30)), ("4/A", 1.5, "owner", date(2003, 6, 30)),
    ("10-Q", 8.0, "op", date(1994, 1, 1)), ("10-K", 3.5, "op", date(1994, 1, 1)), ("10-K/A", 0.5, "op", date(1994, 1, 1)),
    ("10-Q/A", 0.4, "op", date(1994, 1, 1)), ("424B2", 2.0, "op", date(1994, 1, 1)), ("424B3", 3.0, "op", date(1994, 1, 1)),
    ("497", 4.0, "fund", date(1994, 1, 1)), ("497K", 1.0, "fund", date(1998, 1, 1)), ("485BPOS", 3.0, "fund", date(1994, 1, 1)),
    ("N-Q", 1.0, "fund", date(2004, 7, 1)), ("N-CSR", 1.0, "fund", date(2003, 1, 1)), ("N-CSRS", 0.5, "fund", date(2003, 1, 1)),
    ("S-3", 0.5, "op", date(1994, 1, 1)), ("S-3/A", 0.5, "op", date(1994, 1, 1)), ("S-8", 1.0, "op", date(1994, 1, 1)),
    ("S-1", 0.3, "op", date(1994, 1, 1)), ("S-1/A", 0.5, "op", date(1994, 1, 1)), ("13F-HR", 3.0, "fund", date(1999, 1, 1)),
    ("SC 13G", 3.0, "holder", date(1996, 5, 1)), ("SC 13G/A", 5.0, "holder", date(1996, 5, 1)),
    ("SC 13D", 0.5, "holder", date(1996, 5, 1)), ("SC 13D/A", 1.0, "holder", date(1996, 5, 1)),
    ("DEF 14A", 2.0, "op", date(1994, 1, 1)), ("DEFA14A", 0.5, "op", date(1994, 1, 1)), ("6-K", 3.0, "op", date(2002, 11, 4)),
    ("10-12B/A", 0.1, "op", date(1994, 1, 1)), ("1-A POS", 0.05, "op", date(2015, 6, 19)), ("1-A", 0.05, "op", date(2015, 6, 19)),
    ("EFFECT", 1.0, "effect", date(1999, 1, 1)), ("11-K", 0.5, "op", date(1994, 1, 1)), ("20-F", 0.2, "op", date(2002, 11, 4)),
    ("8-A12B", 0.3, "op", date(1994, 1, 1)), ("NT 10-K", 0.3, "op", date(1994, 1, 1)), ("425", 1.0, "op", date(1999, 1, 1)),
    ("FWP", 2.0, "op", date(2005, 12, 1)), ("CORRESP", 1.0, "op", date(2005, 5, 12)), ("UPLOAD", 1.0, "op", date(2005, 5, 12)),
    ("D", 4.0, "op", date(2009, 3, 16)), ("ABS-15G", 0.1, "op", date(2012, 2, 14)), ("24F-2NT", 0.5, "fund", date(1994, 1, 1)),
)  # fmt: skip


class OtherPlanner:
    """Fills the indexes with ``rows`` non-8-K rows spread over the business days."""

    def __init__(self, rng: random.Random, registry: Registry, days: Days) -> None:
        self.rng, self.registry, self.days = rng, registry, days

    def _table_for(self, day: date) -> tuple[list[tuple[str, str]], list[float]]:
        forms = [(form, filers) for form, _, filers, first in OTHER_FORMS if first <= day]
        weights = [weight for _, weight, _, first in OTHER_FORMS if first <= day]
        return forms, weights

    def plan(self, rows: int) -> list[OtherFiling]:
        rng, registry = self.rng, self.registry
        operating = registry.operating + registry.decoys
        persons, funds = registry.persons, registry.funds
        forms, weights = self._table_for(self.days.at(0.5))
        per_accession = sum(w * (2 if kind in ("owner", "holder") else 1) for (_, kind), w in zip(forms, weights)) / sum(weights)
        accessions = max(0, round(rows / per_accession))
        tables: dict[int, tuple[list[tuple[str, str]], list[float]]] = {}
        out: list[OtherFiling] = []
        for day in sorted(self.days.pick(rng, accessions)):
            key = day.toordinal() // 30
            if key not in tables:
                tables[key] = self._table_for(day)
            forms, weights = tables[key]
            form, kind = rng.choices(forms, weights)[0]
            issuer = operating[rng.randrange(len(operating))]
            if kind == "owner":
                filers = [persons[rng.randrange(len(persons))], issuer]
                agent = rng.choice((issuer.agent, filers[0].agent))
            elif kind == "holder":
                filers = [funds[rng.randrange(len(funds))], issuer]
                agent = filers[0].agent
            elif kind == "fund":
                filers = [funds[rng.randrange(len(funds))]]
                agent = filers[0].agent
            elif kind == "effect":
                filers, agent = [issuer], EFFECT_PREFIX
            else:
                filers, agent = [issuer], issuer.agent
            disseminated = day
            if rng.random() < 0.003:
                disseminated = self.days.clamp(self.days.shift(day, 1))
            out.append(OtherFiling(form, filers, day, disseminated, rng.randrange(21600, 79200), agent))
        return out
