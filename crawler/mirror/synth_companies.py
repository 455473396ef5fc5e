"""Filers of the synthetic mirror: operating companies, look-alikes, people, ABS depositors and their trusts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from crawler.mirror import synth_words as words
from crawler.mirror.synth_depositors import DEPOSITORS, DepositorProfile


@dataclass(frozen=True, slots=True)
class Address:
    street1: str
    city: str
    state: str
    zip: str
    phone: str
    street2: str = ""


@dataclass(eq=False, slots=True)
class Company:
    """One EDGAR filer (a CIK) with what its SGML header and submissions JSON show."""

    cik: int
    name: str
    role: str  # operating | decoy | person | fund | depositor | trust
    sic: int | None
    sic_description: str
    state_of_incorporation: str
    fiscal_year_end: str
    irs_number: str
    address: Address
    file_number: str
    agent: str  # usual accession prefix (filer agent CIK, 10 digits)
    former_name: tuple[str, str] | None = None  # (name, YYYYMMDD of change)
    profile: DepositorProfile | None = None  # depositors only
    depositor: Company | None = None  # trusts only
    series: str = ""  # trusts only (the first series of a master trust)
    shelf_counters: dict[str, int] = field(default_factory=dict)

    @property
    def is_abs(self) -> bool:
        return self.sic == words.SIC_ABS[0]

    def shelf(self, year: int) -> str:
        """The depositor's registration (shelf) number used for offerings in ``year``."""
        assert self.profile is not None
        bucket = year // 2
        if bucket in self.profile.shelves:
            return self.profile.shelves[bucket]
        number = 60000 + (self.cik * 7919 + bucket * 104729) % 39000
        if year < 1996:
            return f"33-{number}"
        if year < 2003:
            return f"333-{number}"
        return f"333-1{(number * 3) % 100000:05d}"


def _trust_cik_range(year: int) -> tuple[int, int]:
    """Trust CIKs grow with the year their trust registered (about 1,288,000 in 2004)."""
    low = 1_000_000 + max(0, year - 1996) * 36_000
    return low, low + 36_000


class CikAllocator:
    """Hands out unique synthetic CIKs, never one of the real CIKs the mirror uses."""

    def __init__(self, rng: random.Random, reserved: set[int]) -> None:
        self._rng = rng
        self._used = set(reserved)

    def draw(self, low: int, high: int) -> int:
        while True:
            cik = self._rng.randint(low, high)
            if cik not in self._used:
                self._used.add(cik)
                return cik


class Registry:
    """Every filer of one mirror, built from the seed's random stream."""

    def __init__(self, rng: random.Random, operating_count: int, person_count: int) -> None:
        self.rng = rng
        self.ciks = CikAllocator(rng, {profile.cik for profile in DEPOSITORS if profile.cik})
        self.depositors = [self._depositor(profile) for profile in DEPOSITORS]
        self.operating = [self._operating() for _ in range(operating_count)]
        self.decoys = [self._decoy(index) for index in range(max(6, operating_count // 40))]
        self.persons = [self._person() for _ in range(person_count)]
        self.funds = [self._fund() for _ in range(max(10, operating_count // 10))]
        self.trusts: list[Company] = []
        self._master_trusts: dict[int, Company] = {}

    def _address(self) -> Address:
        street, city, state, zip_code, phone = self.rng.choice(words.PLACES)
        return Address(street, city, state, zip_code, phone)

    def _company(self, name: str, role: str, sic: tuple[int, str] | None, agent: str = "") -> Company:
        cik = self.ciks.draw(2000, 1_290_000)
        rng = self.rng
        return Company(
            cik=cik, name=name, role=role, sic=sic[0] if sic else None, sic_description=sic[1] if sic else "",
            state_of_incorporation=rng.choice(words.STATES), fiscal_year_end=rng.choice(("1231", "1231", "0630", "0930")),
            irs_number=f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}", address=self._address(),
            file_number=f"{rng.choice(('001', '000', '001'))}-{rng.randint(10000, 34999)}",
            agent=agent or (f"{cik:010d}" if rng.random() < 0.3 else rng.choice(words.FILER_AGENTS)),
        )

    def _operating(self) -> Company:
        rng = self.rng
        name = f"{rng.choice(words.NAME_HEADS)} {rng.choice(words.NAME_CORES)} {rng.choice(words.NAME_TAILS)}"
        roll = rng.random()
        if roll < 0.2:
            name = name.upper()
        elif roll < 0.23:
            name = name.replace(" ", "  ", 1)  # double spaces occur in real names
        elif roll < 0.26:
            name = "e" + name.replace(" ", "", 1)
        elif roll < 0.28:
            name = name.replace(" ", " & ", 1)
        company = self._company(name, "operating", rng.choice(words.OPERATING_SICS))
        if rng.random() < 0.08:
            company.former_name = (f"{rng.choice(words.NAME_HEADS)} {rng.choice(words.NAME_CORES)} INC".upper(), "19990301")
        return company

    def _decoy(self, index: int) -> Company:
        """A non-ABS filer whose name sounds like an ABS issuer (mortgage banker, bank, REIT)."""
        head = self.rng.choice(words.NAME_HEADS)
        kinds = (
            (f"{head} Mortgage Acceptance Corp", words.SIC_MORTGAGE_BANKERS),
            (f"{head.upper()} HOME LOAN SECURITIES INC", words.SIC_MORTGAGE_BANKERS),
            (f"{head} Bank & Trust Co", words.SIC_STATE_BANKS),
            (f"{head.upper()} TRUST BANCORP", words.SIC_STATE_BANKS),
            (f"{head} Mortgage Trust Inc", words.SIC_REIT),
            (f"{head} Asset Funding Corp", words.SIC_MORTGAGE_BANKERS),
        )
        name, sic = kinds[index % len(kinds)]
        return self._company(name, "decoy", sic)

    def _person(self) -> Company:
        rng = self.rng
        name = f"{rng.choice(words.SURNAMES)} {rng.choice(words.GIVEN_NAMES)} {chr(65 + rng.randrange(26))}"
        person = self._company(name, "person", None)
        person.file_number = ""
        return person

    def _fund(self) -> Company:
        rng = self.rng
        name = f"{rng.choice(words.NAME_HEADS).upper()} {rng.choice(('INVESTMENT TRUST', 'FUNDS', 'VARIABLE INSURANCE FUNDS', 'MUNICIPAL TRUST', 'SERIES FUND INC'))}"
        return self._company(name, "fund", None)

    def _depositor(self, profile: DepositorProfile) -> Company:
        rng = self.rng
        cik = profile.cik or self.ciks.draw(1_000_000, 1_290_000)
        street, city, state, zip_code, phone = profile.address or rng.choice(words.PLACES)
        company = Company(
            cik=cik, name=profile.name, role="depositor", sic=words.SIC_ABS[0], sic_description=words.SIC_ABS[1],
            state_of_incorporation=profile.state, fiscal_year_end="1231", irs_number=f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}",
            address=Address(street, city, state, zip_code, phone), file_number="", agent=profile.agent, profile=profile,
        )
        return company

    def trust_for(self, depositor: Company, series: str, year: int) -> Company:
        """The issuing trust of ``series``: a new CIK and shelf sub-number, or the depositor's master trust."""
        profile = depositor.profile
        assert profile is not None
        if profile.master_trust and depositor.cik in self._master_trusts:
            return self._master_trusts[depositor.cik]
        shelf = depositor.shelf(year)
        number = depositor.shelf_counters.get(shelf, 0) + 1
        depositor.shelf_counters[shelf] = number
        name = profile.master_trust or profile.trust_template.format(series=series)
        trust = Company(
            cik=self.ciks.draw(*_trust_cik_range(year)), name=name, role="trust", sic=words.SIC_ABS[0],
            sic_description=words.SIC_ABS[1], state_of_incorporation=self.rng.choice(("DE", "NY", "")),
            fiscal_year_end="1231", irs_number="000000000", address=depositor.address,
            file_number=f"{shelf}-{number:02d}", agent=depositor.agent, depositor=depositor, series=series,
        )
        if profile.master_trust:
            self._master_trusts[depositor.cik] = trust
        self.trusts.append(trust)
        return trust

    def all_companies(self) -> list[Company]:
        return [*self.depositors, *self.trusts, *self.operating, *self.decoys, *self.persons, *self.funds]
