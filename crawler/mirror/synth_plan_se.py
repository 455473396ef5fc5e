"""Form SE in the plan: references in computational-materials 8-Ks and the paper SE records in the indexes.

Pre-Reg AB depositors filed some computational materials on paper under Form SE. A reference is written
as cover text ("filed on Form SE dated April 8, 2004, pursuant to Rule 311(j)"), or as a placeholder exhibit
("(P) [To be filed on Form SE pursuant to Rule 311(h)]", "(P) [Filed on Form SE]"). Some references have an
SE record, some none; some SE records are referred to by no 8-K.

Filer behaviour (also the truth's rule of what an SE's date can be, :mod:`synth_se_truth`): the depositor
files the SE under the shelf registration of the deal, the file number its 8-K states; an SE "dated" D is
filed on D; "to be filed" means 1..4 business days after the 8-K; "filed on Form SE" 0..3 business days
before it (the same day included). Every day of these spreads is equally likely.
"""

from __future__ import annotations

import random
from datetime import date

from crawler.mirror.synth_companies import Company
from crawler.mirror.synth_model import PAPER_PREFIX, Filing, OtherFiling, SeRecord, SeReference
from crawler.mirror.synth_se_truth import FILED_LEAD, TO_BE_FILED_LAG, resolve_references
from crawler.mirror.synth_timing import Days

SE_FIRST_DAY = date(1997, 1, 1)
SE_LAST_DAY = date(2005, 12, 31)
REFERENCE_SHARE = 0.12
STYLES = (("cover_dated", 0.4), ("to_be_filed", 0.3), ("filed_placeholder", 0.3))
RECORD_SHARE = {"cover_dated": 0.8, "to_be_filed": 0.7, "filed_placeholder": 0.7}


class SePlanner:
    """Adds SE references to 8-Ks and makes the SE records (and their index rows)."""

    def __init__(self, rng: random.Random, days: Days) -> None:
        self.rng, self.days = rng, days
        self.records: list[SeRecord] = []
        self.references: list[SeReference] = []

    def record(self, depositor: Company, filed: date, file_number: str | None = None) -> SeRecord:
        """An SE record; without ``file_number`` (an SE no 8-K here refers to) the shelf of its year."""
        disseminated = self.days.clamp(self.days.shift(filed, self.rng.choice((0, 1, 1, 2, 3))))
        record = SeRecord(depositor, filed, disseminated, file_number or depositor.shelf(filed.year))
        self.records.append(record)
        return record

    def reference(self, filing: Filing, style: str, exhibit: str, *, rule: str | None = None,
                  with_record: bool = True, se_date: date | None = None) -> SeReference:  # fmt: skip
        """Adds one reference of ``style`` to ``filing``, with its SE record when ``with_record`` and in range."""
        days, rng = self.days, self.rng
        depositor = filing.deal.depositor if filing.deal else filing.filers[0]
        if style == "cover_dated":
            se_date = se_date or days.shift(filing.filed, -rng.choice((0, 0, 1, 2)))
            record_day: date | None = se_date
            rule = rule or rng.choice(("311(j)", "311(j)", "311(h)"))
        elif style == "to_be_filed":
            record_day, rule = days.shift(filing.filed, rng.randint(*TO_BE_FILED_LAG)), rule or "311(h)"
        else:
            record_day, rule = days.shift(filing.filed, -rng.randint(*FILED_LEAD)), None
        file_number = filing.file_number_of(depositor)
        record = None
        if with_record and record_day is not None and days.start <= record_day <= days.end:
            record = self.record(depositor, record_day, file_number)
        shown_date = se_date if style == "cover_dated" else None
        ref = SeReference(exhibit, style, shown_date, rule, record, depositor, filing.filed, file_number)
        filing.se_refs.append(ref)
        self.references.append(ref)
        return ref

    def plan(self, filings: list[Filing]) -> None:
        """References for a share of the pre-Reg AB computational-materials 8-Ks, and a few unreferenced SEs."""
        rng = self.rng
        styles, weights = zip(*STYLES)
        for filing in filings:
            if filing.kind != "cm" or filing.se_refs or not SE_FIRST_DAY <= filing.filed <= SE_LAST_DAY:
                continue
            if rng.random() >= REFERENCE_SHARE:
                continue
            style = rng.choices(styles, weights)[0]
            exhibit = "99.2" if style == "cover_dated" else rng.choice(("99.2", "99.3", "99.8"))
            self.reference(filing, style, exhibit, with_record=rng.random() < RECORD_SHARE[style])
        depositors = [f.filers[0] for f in filings if f.kind == "cm"]
        se_days = self.days.between(max(SE_FIRST_DAY, self.days.start), min(SE_LAST_DAY, self.days.end))
        if depositors and se_days:
            for _ in range(max(1, len(self.references) // 6)):
                self.record(rng.choice(depositors), rng.choice(se_days))

    def resolve(self) -> None:
        """Decides, from what an observer can see, which references the truth can answer (see synth_se_truth)."""
        resolve_references(self.references, self.records)

    def index_entries(self) -> list[OtherFiling]:
        return [
            OtherFiling("SE", [record.depositor], record.filed, record.disseminated,
                        self.rng.randrange(30000, 60000), PAPER_PREFIX, se=record)  # fmt: skip
            for record in self.records
        ]
