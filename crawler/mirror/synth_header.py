"""SGML headers of submissions: ``KEY:`` + tabs + value, with the tab counts of the real samples.

The number of tabs after each key is fixed per key in SEC's files (values line up at a tab stop), e.g.
``ACCESSION NUMBER:\\t\\t``, ``CONFORMED SUBMISSION TYPE:\\t``, ``\\t\\tCOMPANY CONFORMED NAME:\\t\\t\\t``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crawler.mirror.synth_calendar import compact
from crawler.mirror.synth_companies import Company

TOP = {
    "ACCESSION NUMBER": 2, "CONFORMED SUBMISSION TYPE": 1, "PUBLIC DOCUMENT COUNT": 2,
    "CONFORMED PERIOD OF REPORT": 1, "ITEM INFORMATION": 2, "FILED AS OF DATE": 2, "DATE AS OF CHANGE": 2, "SROS": 3,
}  # fmt: skip
COMPANY = {"COMPANY CONFORMED NAME": 3, "CENTRAL INDEX KEY": 3, "STANDARD INDUSTRIAL CLASSIFICATION": 1,
           "IRS NUMBER": 4, "STATE OF INCORPORATION": 3, "FISCAL YEAR END": 3}  # fmt: skip
VALUES = {"FORM TYPE": 2, "SEC ACT": 2, "SEC FILE NUMBER": 1, "FILM NUMBER": 2}
ADDRESS = {"STREET 1": 2, "STREET 2": 2, "CITY": 3, "STATE": 3, "ZIP": 3, "BUSINESS PHONE": 2}
FORMER = {"FORMER CONFORMED NAME": 1, "DATE OF NAME CHANGE": 1}


def line(key: str, value: str, tabs: int, indent: int = 0) -> str:
    return "\t" * indent + key + ":" + "\t" * tabs + value


@dataclass(slots=True)
class FilerEntry:
    company: Company
    file_number: str
    film_number: str
    act: str = "1934 Act"


@dataclass(slots=True)
class HeaderSpec:
    """Everything one header states."""

    accession: str
    form_type: str
    document_count: int
    filed: date
    document_date: date
    filers: list[FilerEntry]
    period: date | None = None
    item_texts: tuple[str, ...] = ()
    accepted: datetime | None = None
    depositor_cik: int | None = None
    paper: bool = False
    ims: bool = False  # 1990s <IMS-HEADER> variant
    early: bool = False  # 1990s quirks: trailing tabs, SROS line
    empty_items: bool = False  # a bare "ITEM INFORMATION:" line instead of the item texts
    date_as_of_change: date | None = None


def company_lines(company: Company, numeric_sic: bool, early: bool) -> list[str]:
    out = ["\tCOMPANY DATA:" + ("\t" if early else "")]
    out.append(line("COMPANY CONFORMED NAME", company.name, COMPANY["COMPANY CONFORMED NAME"], 2))
    out.append(line("CENTRAL INDEX KEY", f"{company.cik:010d}", COMPANY["CENTRAL INDEX KEY"], 2))
    if company.sic is None:
        sic = " []"
    else:
        sic = str(company.sic) if numeric_sic else f"{company.sic_description} [{company.sic}]"
    out.append(line("STANDARD INDUSTRIAL CLASSIFICATION", sic, COMPANY["STANDARD INDUSTRIAL CLASSIFICATION"], 2))
    if company.irs_number:
        out.append(line("IRS NUMBER", company.irs_number, COMPANY["IRS NUMBER"], 2))
    if company.state_of_incorporation:
        out.append(line("STATE OF INCORPORATION", company.state_of_incorporation, COMPANY["STATE OF INCORPORATION"], 2))
    out.append(line("FISCAL YEAR END", company.fiscal_year_end, COMPANY["FISCAL YEAR END"], 2))
    return out


def address_lines(company: Company, early: bool) -> list[str]:
    address = company.address
    business = ["\tBUSINESS ADDRESS:" + ("\t" if early else ""), line("STREET 1", address.street1, ADDRESS["STREET 1"], 2)]
    if address.street2:
        business.append(line("STREET 2", address.street2, ADDRESS["STREET 2"], 2))
    place = [line("CITY", address.city, 3, 2), line("STATE", address.state, 3, 2), line("ZIP", address.zip, 3, 2)]
    business += place + [line("BUSINESS PHONE", address.phone, ADDRESS["BUSINESS PHONE"], 2)]
    mail = ["\tMAIL ADDRESS:", line("STREET 1", address.street1, ADDRESS["STREET 1"], 2), *place]
    return [*business, "", *mail]


def filer_block(entry: FilerEntry, form_type: str, spec: HeaderSpec) -> list[str]:
    company = entry.company
    out = ["FILER:", "", *company_lines(company, spec.ims, spec.early), "", "\tFILING VALUES:"]
    out.append(line("FORM TYPE", form_type, VALUES["FORM TYPE"], 2))
    out.append(line("SEC ACT", entry.act, VALUES["SEC ACT"], 2) if entry.act else "\t\tSEC ACT:")
    if entry.file_number:
        out.append(line("SEC FILE NUMBER", entry.file_number, VALUES["SEC FILE NUMBER"], 2))
    out.append(line("FILM NUMBER", entry.film_number, VALUES["FILM NUMBER"], 2))
    out += ["", *address_lines(company, spec.early)]
    if company.former_name:
        name, changed = company.former_name
        out += ["", "\tFORMER COMPANY:", line("FORMER CONFORMED NAME", name, 1, 2), line("DATE OF NAME CHANGE", changed, 1, 2)]
    return out


def render_header(spec: HeaderSpec) -> list[str]:
    """The header lines from ``<SEC-DOCUMENT>`` (or ``<IMS-DOCUMENT>``) to ``</SEC-HEADER>``."""
    tag = "IMS" if spec.ims else "SEC"
    stamp = compact(spec.document_date)
    out = [f"<{tag}-DOCUMENT>{spec.accession}.txt : {stamp}", f"<{tag}-HEADER>{spec.accession}.hdr.sgml : {stamp}"]
    if spec.paper:
        out.append("<PAPER>")
    if spec.accepted is not None:
        out.append(f"<ACCEPTANCE-DATETIME>{spec.accepted:%Y%m%d%H%M%S}")
    out.append(line("ACCESSION NUMBER", spec.accession, TOP["ACCESSION NUMBER"]))
    out.append(line("CONFORMED SUBMISSION TYPE", spec.form_type, TOP["CONFORMED SUBMISSION TYPE"]))
    out.append(line("PUBLIC DOCUMENT COUNT", str(spec.document_count), TOP["PUBLIC DOCUMENT COUNT"]))
    if spec.period is not None:
        out.append(line("CONFORMED PERIOD OF REPORT", compact(spec.period), TOP["CONFORMED PERIOD OF REPORT"]))
    if spec.empty_items:
        out.append("ITEM INFORMATION:")
    else:
        out += [line("ITEM INFORMATION", text, TOP["ITEM INFORMATION"]) for text in spec.item_texts]
    if spec.depositor_cik is not None:
        out.append(f"<DEPOSITOR-CIK>{spec.depositor_cik:010d}")
    out.append(line("FILED AS OF DATE", compact(spec.filed), TOP["FILED AS OF DATE"]))
    if spec.date_as_of_change is not None:
        out.append(line("DATE AS OF CHANGE", compact(spec.date_as_of_change), TOP["DATE AS OF CHANGE"]))
    if spec.early:
        out.append(line("SROS", "NONE", TOP["SROS"]))
    for entry in spec.filers:
        out += ["", *filer_block(entry, spec.form_type, spec)]
    out.append(f"</{tag}-HEADER>")
    return out


def pem_open(key: tuple[str, str], mic: tuple[str, str]) -> list[str]:
    return [
        "-----BEGIN PRIVACY-ENHANCED MESSAGE-----", "Proc-Type: 2001,MIC-CLEAR", "Originator-Name: webmaster@www.sec.gov",
        "Originator-Key-Asymmetric:", f" {key[0]}", f" {key[1]}", "MIC-Info: RSA-MD5,RSA,", f" {mic[0]}", f" {mic[1]}", "",
    ]  # fmt: skip


PEM_CLOSE = "-----END PRIVACY-ENHANCED MESSAGE-----"
