"""EDGAR submission headers of every era, read into top-level fields and company blocks.

Forms handled: ``KEY:<tabs>value`` (nested by tabs, or by spaces in 1990s files, with stray ``<TAG>value``
lines such as ``<ACCEPTANCE-DATETIME>`` or ``<REPORTING-OWNER>``), the tagged ``<TAG>value`` form of
``.hdr.sgml`` and ``.nc`` files, and ``<IMS-HEADER>`` (key/value content). Tagged names are mapped to the
key/value spelling, so callers see one vocabulary (``FILED AS OF DATE``, ``SUBJECT COMPANY`` ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Role blocks: tagged spelling -> key/value spelling (roles are reported as the key/value form).
TAG_ROLES = {
    "FILER": "FILER", "SUBJECT-COMPANY": "SUBJECT COMPANY", "FILED-BY": "FILED BY",
    "REPORTING-OWNER": "REPORTING-OWNER", "ISSUER": "ISSUER", "SERIAL-COMPANY": "SERIAL COMPANY",
    "DEPOSITOR": "DEPOSITOR", "SECURITIZER": "SECURITIZER", "SPONSOR": "SPONSOR",
    "ISSUING_ENTITY": "ISSUING ENTITY", "ISSUING-ENTITY": "ISSUING ENTITY", "UNDERWRITER": "UNDERWRITER",
}
KEY_ROLES = frozenset(TAG_ROLES.values()) | {"REPORTING OWNER", "SERIAL COMPANY"}
_SECTIONS = {
    "COMPANY DATA", "OWNER DATA", "FILING VALUES", "BUSINESS ADDRESS", "MAIL ADDRESS",
    "FORMER COMPANY", "FORMER NAME",
}
# Tagged field names -> key/value names (anything else: dashes become spaces).
_TAG_FIELDS = {
    "ACCESSION-NUMBER": "ACCESSION NUMBER", "TYPE": "CONFORMED SUBMISSION TYPE",
    "PERIOD": "CONFORMED PERIOD OF REPORT", "FILING-DATE": "FILED AS OF DATE",
    "DATE-OF-FILING-DATE-CHANGE": "DATE AS OF CHANGE", "CONFORMED-NAME": "COMPANY CONFORMED NAME",
    "CIK": "CENTRAL INDEX KEY", "ASSIGNED-SIC": "STANDARD INDUSTRIAL CLASSIFICATION",
    "FILE-NUMBER": "SEC FILE NUMBER", "FORMER-CONFORMED-NAME": "FORMER CONFORMED NAME",
    "DATE-CHANGED": "DATE OF NAME CHANGE", "ACT": "SEC ACT",
}
# Fields that belong to the submission even when they appear inside an open company block.
_TOP_FIELDS = {
    "ACCESSION NUMBER", "CONFORMED SUBMISSION TYPE", "PUBLIC DOCUMENT COUNT", "CONFORMED PERIOD OF REPORT",
    "ITEM INFORMATION", "ITEMS", "FILED AS OF DATE", "DATE AS OF CHANGE", "ACCEPTANCE-DATETIME",
    "DEPOSITOR-CIK", "SPONSOR-CIK", "PAPER", "ABS ASSET CLASS", "ABS RULE", "TIMESTAMP", "EFFECTIVENESS DATE",
    "PRIVATE-TO-PUBLIC", "CONFIRMING-COPY", "REGISTERED ENTITY", "GROUP MEMBERS", "SROS",
}
_COMPANY_FIELDS = {
    "COMPANY CONFORMED NAME", "CENTRAL INDEX KEY", "STANDARD INDUSTRIAL CLASSIFICATION", "IRS NUMBER",
    "STATE OF INCORPORATION", "FISCAL YEAR END", "ORGANIZATION NAME", "FORM TYPE", "SEC ACT", "SEC FILE NUMBER",
    "FILM NUMBER", "STREET 1", "STREET 2", "CITY", "STATE", "ZIP", "BUSINESS PHONE", "FORMER CONFORMED NAME",
    "DATE OF NAME CHANGE", "RELATIONSHIP",
}
_KEEP_DASH = {"ACCEPTANCE-DATETIME", "DEPOSITOR-CIK", "SPONSOR-CIK", "PRIVATE-TO-PUBLIC", "CONFIRMING-COPY"}
_PAIR = re.compile(r"(?:^|\t| {2,})([A-Z][A-Z0-9 /&'().,-]*[A-Z0-9)]):(?=\s|$)")
_KEY = re.compile(r"[A-Z][A-Z0-9 /&'().,-]*[A-Z0-9)]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_-]*)>([^<\r\n]*)")
_LINES = re.compile(r"\r\n|\r|\n")
_SIC = re.compile(r"^(.*?)\s*\[\s*(\d*)\s*\]\s*$")


@dataclass(slots=True)
class Company:
    """One company block of the header (FILER, SUBJECT COMPANY, SERIAL COMPANY, ...), names as given."""

    cik: int | None = None
    name: str | None = None
    sic: int | None = None
    sic_description: str | None = None
    state_of_incorporation: str | None = None
    irs_number: str | None = None
    fiscal_year_end: str | None = None
    file_numbers: list[str] = field(default_factory=list)
    film_numbers: list[str] = field(default_factory=list)
    role: str = "FILER"
    former_names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Header:
    """Top-level fields (key/value spelling, every occurrence kept in order) and the company blocks."""

    format: str  # "keyvalue" | "tagged" | "ims" | "none"
    fields: dict[str, list[str]] = field(default_factory=dict)
    companies: list[Company] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def first(self, key: str) -> str | None:
        """The first non-empty value of a top-level field."""
        return next((value for value in self.fields.get(key, ()) if value), None)

    def has(self, key: str) -> bool:
        return key in self.fields


class _Reader:
    """Feeds (key, value) pairs into top-level fields or the current company block."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.company: Company | None = None
        self.section: str | None = None
        self.pending_role: str | None = None

    def start_company(self, role: str) -> None:
        self.company = Company(role=role)
        self.header.companies.append(self.company)
        self.section = None
        self.pending_role = None

    def end_company(self) -> None:
        self.company = None
        self.section = None

    def open_section(self, name: str) -> None:
        if name in ("COMPANY DATA", "OWNER DATA"):
            if self.pending_role is not None:
                self.start_company(self.pending_role)
            elif self.company is None or self.company.name is not None:
                self.start_company(self.company.role if self.company else "FILER")
        self.section = name

    def add(self, key: str, value: str) -> None:
        if self.company is None or key in _TOP_FIELDS:
            self.header.fields.setdefault(key, []).append(value)
        elif value:
            _set_company_field(self.company, key, value, self.header.errors)


def _set_company_field(company: Company, key: str, value: str, errors: list[str]) -> None:
    if key == "COMPANY CONFORMED NAME":
        company.name = company.name or value
    elif key == "CENTRAL INDEX KEY":
        if value.isascii() and value.isdigit():
            company.cik = company.cik if company.cik is not None else int(value)
        else:
            errors.append(f"header: bad CENTRAL INDEX KEY {value!r}")
    elif key == "STANDARD INDUSTRIAL CLASSIFICATION":
        _set_sic(company, value)
    elif key == "STATE OF INCORPORATION":
        company.state_of_incorporation = value
    elif key == "IRS NUMBER":
        company.irs_number = value
    elif key == "FISCAL YEAR END":
        company.fiscal_year_end = value
    elif key == "SEC FILE NUMBER":
        company.file_numbers.append(value)
    elif key == "FILM NUMBER":
        company.film_numbers.append(value)
    elif key == "FORMER CONFORMED NAME":
        company.former_names.append(value)


def _set_sic(company: Company, value: str) -> None:
    match = _SIC.match(value)
    if match:
        company.sic_description = match.group(1) or None
        company.sic = int(match.group(2)) if match.group(2) else None
    elif value.isascii() and value.isdigit():
        company.sic = int(value)
    else:
        company.sic_description = value


def _pairs(content: str) -> list[tuple[str, str]]:
    key, colon, rest = content.partition(":")
    if not colon or _KEY.fullmatch(key) is None:
        return []
    if ":" not in rest:
        return [(key, rest.strip())]
    matches = list(_PAIR.finditer(content))
    if not matches or matches[0].start() != 0:
        return []
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(content)
        pairs.append((match.group(1), content[match.end() : end].strip()))
    return pairs


def _tag_line(reader: _Reader, content: str) -> None:
    match = _TAG.match(content)
    if match is None:
        return
    closing, name, value = match.group(1), match.group(2).upper(), match.group(3).strip()
    if closing:
        if name in TAG_ROLES:
            reader.end_company()
        return
    if name in TAG_ROLES and not value:
        reader.start_company(TAG_ROLES[name])
    elif name not in ("SEC-HEADER", "SEC-DOCUMENT", "IMS-HEADER"):
        reader.header.fields.setdefault(_tag_field(name), []).append(value)


def _tag_field(name: str) -> str:
    if name in _TAG_FIELDS:
        return _TAG_FIELDS[name]
    return name if name in _KEEP_DASH else name.replace("-", " ").replace("_", " ")


def parse_keyvalue(text: str, header_format: str = "keyvalue") -> Header:
    """The ``KEY:<tabs>value`` form (also ``<IMS-HEADER>`` content and space-separated 1990s headers)."""
    header = Header(format=header_format)
    reader = _Reader(header)
    for line in _LINES.split(text):
        content = line.strip()
        if not content:
            continue
        if content.startswith("<"):
            _tag_line(reader, content)
            continue
        indent = len(line) - len(line.lstrip())
        for key, value in _pairs(content):
            _keyvalue_pair(reader, key, value, indent)
    return header


def _keyvalue_pair(reader: _Reader, key: str, value: str, indent: int) -> None:
    if not value and key in KEY_ROLES:
        reader.start_company(key)
    elif not value and key in _SECTIONS:
        reader.open_section(key)
    elif not value and indent == 0 and key not in _TOP_FIELDS and key not in _COMPANY_FIELDS:
        reader.end_company()
        reader.pending_role = key
    else:
        reader.add(key, value)


def parse_tagged(text: str) -> Header:
    """The tagged ``<TAG>value`` form (``.hdr.sgml``, ``.nc`` ``<SUBMISSION>``, ``-index-headers`` comments)."""
    header = Header(format="tagged")
    reader = _Reader(header)
    for match in _TAG.finditer(text):
        closing, name, value = match.group(1), match.group(2).upper(), match.group(3).strip()
        if closing:
            if name in TAG_ROLES:
                reader.end_company()
            elif name.replace("-", " ") in _SECTIONS:
                reader.section = None
            continue
        key = name.replace("-", " ")
        if name in TAG_ROLES and not value:
            reader.start_company(TAG_ROLES[name])
        elif key in _SECTIONS and not value:
            reader.open_section(key)
        elif name == "TYPE" or reader.company is None:
            reader.header.fields.setdefault(_tag_field(name), []).append(value)
        else:
            reader.add(_tag_field(name), value)
    return header


_KEYVALUE_HINT = re.compile(r"^[ \t]*(?:ACCESSION NUMBER|CONFORMED SUBMISSION TYPE|FILER|FILED AS OF DATE):", re.M)
_TAGGED_HINT = re.compile(r"<(?:ACCESSION-NUMBER|TYPE|FILER|FILING-DATE)>")


def parse_header(text: str, kind: str) -> Header:
    """Parse a header region whatever its form; ``kind`` comes from :func:`crawler.edgar.sgml.split_submission`."""
    if _KEYVALUE_HINT.search(text):
        return parse_keyvalue(text, "ims" if kind == "ims-header" else "keyvalue")
    if _TAGGED_HINT.search(text):
        return parse_tagged(text)
    return Header(format="none")
