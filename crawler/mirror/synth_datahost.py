"""``submissions/CIK##########.json`` for the data host, one per CIK that appears in the mirror's indexes.

Keys and column arrays follow data.sec.gov (``filings.recent`` with ``accessionNumber``, ``filingDate``,
``form``, ``items`` ...). Every filing of the CIK in the mirror is in ``recent``; ``files`` stays empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from crawler.mirror.synth_companies import Company
from crawler.mirror.synth_model import Filing, OtherFiling

OWNER_FORMS = ("3", "4", "5", "4/A")


def _address(company: Company) -> dict[str, str | None]:
    address = company.address
    return {"street1": address.street1, "street2": address.street2 or None, "city": address.city,
            "stateOrCountry": address.state, "zipCode": address.zip, "stateOrCountryDescription": address.state}  # fmt: skip


def _entity(company: Company, owner: bool, issuer: bool) -> dict:
    former = []
    if company.former_name:
        name, changed = company.former_name
        former.append({"name": name, "from": "1994-01-01T00:00:00.000Z", "to": f"{changed[:4]}-{changed[4:6]}-{changed[6:]}T00:00:00.000Z"})
    return {
        "cik": str(company.cik), "entityType": "operating" if company.role in ("operating", "decoy") else "other",
        "sic": str(company.sic) if company.sic else "", "sicDescription": company.sic_description.title(),
        "insiderTransactionForOwnerExists": int(owner), "insiderTransactionForIssuerExists": int(issuer),
        "name": company.name, "tickers": [], "exchanges": [], "ein": company.irs_number, "description": "",
        "website": "", "investorWebsite": "", "category": "", "fiscalYearEnd": company.fiscal_year_end,
        "stateOfIncorporation": company.state_of_incorporation,
        "stateOfIncorporationDescription": company.state_of_incorporation,
        "addresses": {"mailing": _address(company), "business": _address(company)}, "phone": company.address.phone,
        "flags": "", "formerNames": former,
    }  # fmt: skip


COLUMNS = ("accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act", "form", "fileNumber",
           "filmNumber", "items", "size", "isXBRL", "isInlineXBRL", "primaryDocument", "primaryDocDescription")  # fmt: skip


def _filing_row(filing: Filing, company: Company) -> tuple:
    file_number = filing.file_number_of(company)
    return (filing.accession, filing.filed.isoformat(), filing.period.isoformat(),
            f"{filing.accepted:%Y-%m-%dT%H:%M:%S}.000Z", "34", filing.form_type, file_number, "",
            ",".join(filing.items), filing.size, 0, 0, filing.primary_document, filing.form_type)  # fmt: skip


def _other_row(other: OtherFiling, company: Company, filed: str) -> tuple:
    size = 2000 + int(other.accession[-6:]) * 37 % 90000
    file_number = other.se.file_number if other.se else company.file_number
    second = other.second
    accepted = f"{filed}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000Z"
    return (other.accession, filed, "", accepted, "", other.form_type, file_number, "", "", size, 0, 0, "", "")


def submissions_json(filings: list[Filing], others: list[OtherFiling]) -> Iterator[tuple[str, bytes]]:
    """``(path, bytes)`` of ``submissions/CIK##########.json`` for every CIK with a row in the indexes."""
    rows: dict[int, list[tuple]] = {}
    companies: dict[int, Company] = {}
    owners: set[int] = set()
    issuers: set[int] = set()
    days: dict[date, str] = {}
    entries: list[tuple[date, str, Filing | OtherFiling]] = [(f.filed, f.accession, f) for f in filings]
    entries += [(o.filed, o.accession, o) for o in others]
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    for filed, _, item in entries:
        for company in item.filers:
            companies[company.cik] = company
            if isinstance(item, Filing):
                row = _filing_row(item, company)
            else:
                text = days.get(filed) or days.setdefault(filed, filed.isoformat())
                row = _other_row(item, company, text)
            rows.setdefault(company.cik, []).append(row)
        if item.form_type in OWNER_FORMS:
            owners.add(item.filers[0].cik)
            issuers.add(item.filers[-1].cik)
    for cik in sorted(rows):
        entity = _entity(companies[cik], cik in owners, cik in issuers)
        ordered = rows[cik]
        entity["filings"] = {"recent": dict(zip(COLUMNS, (list(column) for column in zip(*ordered)))), "files": []}
        yield f"submissions/CIK{cik:010d}.json", json.dumps(entity, separators=(",", ":")).encode()
