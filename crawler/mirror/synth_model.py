"""The synthetic mirror's own model of what was filed: the source of both the files and the ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crawler.mirror.synth_companies import Company
from crawler.mirror.synth_depositors import DepositorProfile

EIGHT_K_FAMILY = ("8-K", "8-K/A", "8-K12B", "8-K12B/A", "8-K12G3", "8-K12G3/A", "8-K15D5", "8-K15D5/A")
PAPER_PREFIX = "9999999997"
EFFECT_PREFIX = "9999999995"


@dataclass(eq=False, slots=True)
class Deal:
    """One ABS offering: a depositor's series issued by a trust."""

    depositor: Company
    series: str
    trust: Company
    closing: date
    agreement_date: date  # "dated as of" (first of the closing month)

    @property
    def profile(self) -> DepositorProfile:
        profile = self.depositor.profile
        assert profile is not None, self.depositor.name
        return profile

    @property
    def shelf(self) -> str:
        """The depositor's registration the deal is offered under (its trust's file number is ``shelf-NN``)."""
        return self.depositor.shelf(self.closing.year)


@dataclass(eq=False, slots=True)
class SeRecord:
    """A paper Form SE record in the indexes (header-only, ``<PAPER>``, accession ``9999999997-YY-NNNNNN``)."""

    depositor: Company
    filed: date
    disseminated: date
    file_number: str
    accession: str = ""
    film_number: str = ""


@dataclass(eq=False, slots=True)
class SeReference:
    """A reference in an 8-K to an exhibit filed on paper under Form SE."""

    exhibit: str  # "99.2"
    style: str  # cover_dated | to_be_filed | filed_placeholder
    se_date: date | None  # the date the 8-K text states ("dated April 8, 2004"), else None
    rule: str | None  # "311(j)" as stated in the text, else None
    record: SeRecord | None  # the true SE record, None when none exists
    depositor: Company | None = None  # what an observer reads on the 8-K: its depositor (the SE's filer) ...
    filed: date | None = None  # ... its filing date ...
    file_number: str = ""  # ... and the registration number it states for the depositor
    determinate: bool = True  # False: the observable facts admit another answer (see synth_se_truth)
    candidates: list[SeRecord] = field(default_factory=list)  # the SEs an observer cannot rule out (if not determinate)
    coincidental: SeRecord | None = None  # determinate, but every explanation gives it this SE, not its own


@dataclass(eq=False, slots=True)
class Filing:
    """An 8-K-family accession with everything needed to write its submission and its truth."""

    kind: str  # cm | closing | distribution | abs_event | general
    form_type: str
    filers: list[Company]  # the first is the primary filer
    accepted: datetime  # US Eastern wall clock
    filed: date
    period: date
    items: tuple[str, ...]  # normalised codes, also what the header states
    abs_role: str  # depositor | trust | other
    deal: Deal | None = None
    se_refs: list[SeReference] = field(default_factory=list)
    features: set[str] = field(default_factory=set)  # shapes forced by the showcase
    disseminated: date | None = None
    agent: str = ""
    accession: str = ""
    size: int = 0  # bytes of the written submission
    primary_document: str = ""
    cm_exhibits: tuple[str, ...] = ()  # computational materials: the dialect of each exhibit (synth_cm)
    cm_truth: tuple[str, str, str] = ("", "", "")  # its cm_tables, cm_values, cm_tranches truth lines, once written

    @property
    def is_abs(self) -> bool:
        return self.abs_role != "other"

    def file_number_of(self, company: Company) -> str:
        """The commission file number this filing shows for ``company`` (cover, header, submissions JSON).

        A depositor reports under the shelf registration of the deal the filing is about."""
        if company.profile is None:
            return company.file_number
        if self.deal is not None and self.deal.depositor is company:
            return self.deal.shelf
        return company.shelf(self.filed.year)


@dataclass(eq=False, slots=True)
class OtherFiling:
    """A non-8-K index entry (10-K, 4, 424B5, SE ...); only SE records get a submission file."""

    form_type: str
    filers: list[Company]
    filed: date
    disseminated: date
    second: int  # acceptance second of the day (orders accessions)
    agent: str
    accession: str = ""
    se: SeRecord | None = None


@dataclass(slots=True)
class IndexRow:
    """One row of the indexes: one (accession, filer CIK) pair."""

    form_type: str
    company: Company
    filed: date
    disseminated: date
    accession: str

    @property
    def filename(self) -> str:
        return f"edgar/data/{self.company.cik}/{self.accession}.txt"


@dataclass(slots=True)
class Plan:
    """Everything one mirror contains, before it is written."""

    start: date
    end: date
    filings: list[Filing]
    others: list[OtherFiling]
    se_records: list[SeRecord]
    rewritten_days: dict[date, date]  # daily file day -> day it was rewritten
    companies: list[Company]
