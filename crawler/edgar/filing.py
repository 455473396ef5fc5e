"""A whole EDGAR submission parsed: header, documents, 8-K items, ABS deal facts and Form SE references.

:func:`parse_filing` never raises: whatever it cannot read is listed in ``ParsedFiling.errors`` and the rest
is still returned. Document texts are not copied; ``Document.text_start``/``text_end`` index the input.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from crawler.edgar.abs_facts import AbsFacts, abs_facts
from crawler.edgar.header import Company, Header, parse_header
from crawler.edgar.items import body_items, merge_items, normalise_item
from crawler.edgar.se_refs import (
    SeReference, exhibit_from_type, is_placeholder, merge_references, placeholder_reference, references_in_text,
)
from crawler.edgar.sgml import DocumentBlock, split_submission
from crawler.edgar.textnorm import eastern_to_utc, markup_to_text, parse_yyyymmdd
from crawler.edgar.uuencode import find_begin, uudecode_digest

__all__ = ["AbsFacts", "Company", "Document", "ParsedFiling", "SeReference", "document_text", "parse_filing"]

ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_ACCESSION_IN_LINE = re.compile(r"(\d{10}-\d{2}-\d{6})")
_FORM_SE_BYTES = re.compile(rb"form\s+se\b")  # searched in lower-cased bytes
_PRIMARY_CHARS = 2_000_000  # plain-text budget for the primary document (covers, items, exhibit index)
_EXHIBIT_SCAN_BYTES = 8_000_000  # exhibits larger than this are not searched for Form SE notes
_COVER_CHARS = 30_000


@dataclass(slots=True)
class Document:
    """One ``<DOCUMENT>``; its text is ``data[text_start:text_end]`` of the parsed submission."""

    sequence: int | None
    type: str | None
    filename: str | None  # as given; never used as a path
    description: str | None
    size: int  # bytes of the <TEXT> content (without the line breaks after <TEXT> and before </TEXT>)
    sha256: str
    encoding: str  # "text" | "uuencoded"
    decoded_size: int | None
    decoded_sha256: str | None
    exhibit: str | None  # "99.2" from "EX-99.2"
    is_placeholder: bool
    text_start: int
    text_end: int


@dataclass(slots=True)
class ParsedFiling:
    """Everything read from one submission; see CONTRACT.md ``parse-filing`` for the JSON form."""

    accession: str | None = None
    form_type: str | None = None
    filed_date: date | None = None
    period_of_report: date | None = None
    accepted_at: datetime | None = None  # UTC
    date_of_change: date | None = None
    paper: bool = False
    items: list[str] = field(default_factory=list)
    filers: list[Company] = field(default_factory=list)
    depositor_cik: int | None = None
    sponsor_cik: int | None = None
    documents: list[Document] = field(default_factory=list)
    abs: AbsFacts = field(default_factory=AbsFacts)
    se_references: list[SeReference] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    header_format: str = "none"

    @property
    def file_numbers(self) -> list[str]:
        """Every SEC file number of every company block, de-duplicated, in header order."""
        return list(dict.fromkeys(number for company in self.filers for number in company.file_numbers))

    @property
    def primary_cik(self) -> int | None:
        """CIK of the first FILER block (else of the first company block)."""
        first = next((c for c in self.filers if c.role == "FILER" and c.cik is not None), None)
        first = first or next((c for c in self.filers if c.cik is not None), None)
        return first.cik if first else None

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md ``parse-filing`` object (ISO strings for dates), plus a few extra keys."""
        return {
            "accession": self.accession,
            "form_type": self.form_type,
            "filed_date": _iso(self.filed_date),
            "period_of_report": _iso(self.period_of_report),
            "accepted_at": _iso(self.accepted_at),
            "date_of_change": _iso(self.date_of_change),
            "paper": self.paper,
            "items": list(self.items),
            "filers": [_company_json(c) for c in self.filers],
            "depositor_cik": self.depositor_cik,
            "sponsor_cik": self.sponsor_cik,
            "documents": [_document_json(d) for d in self.documents],
            "abs": {
                "is_abs": self.abs.is_abs, "role": self.abs.role, "depositor_name": self.abs.depositor_name,
                "series": self.abs.series, "trust_name": self.abs.trust_name, "agreement": self.abs.agreement,
                "agreement_date": self.abs.agreement_date, "underwriter": self.abs.underwriter,
                "evidence": list(self.abs.evidence),
            },
            "se_references": [
                {"exhibit": r.exhibit, "se_date": _iso(r.se_date), "rule": r.rule, "text": r.text,
                 "timing": r.timing, "source": r.source}
                for r in self.se_references
            ],
            "header_format": self.header_format,
            "errors": list(self.errors),
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _company_json(c: Company) -> dict[str, Any]:
    return {
        "cik": c.cik, "name": c.name, "sic": c.sic, "state_of_incorporation": c.state_of_incorporation,
        "irs_number": c.irs_number, "file_numbers": list(c.file_numbers), "role": c.role,
        "sic_description": c.sic_description, "fiscal_year_end": c.fiscal_year_end,
        "film_numbers": list(c.film_numbers), "former_names": list(c.former_names),
    }


def _document_json(d: Document) -> dict[str, Any]:
    return {
        "sequence": d.sequence, "type": d.type, "filename": d.filename, "description": d.description,
        "size": d.size, "sha256": d.sha256, "encoding": d.encoding, "exhibit": d.exhibit,
        "is_placeholder": d.is_placeholder, "decoded_size": d.decoded_size, "decoded_sha256": d.decoded_sha256,
    }


def document_text(data: bytes, document: Document) -> str:
    """A document's text decoded as latin-1 (every byte kept)."""
    return data[document.text_start : document.text_end].decode("latin-1")


def parse_filing(data: bytes, *, accession_hint: str | None = None) -> ParsedFiling:
    """Parse a full submission (``.txt``, ``.nc``, header-only extracts). Never raises."""
    try:
        return _parse(bytes(data), accession_hint)
    except Exception as exc:  # noqa: BLE001 - last guard of the never-raise contract; the bug stays visible
        return ParsedFiling(accession=accession_hint, errors=[f"internal parser error: {type(exc).__name__}: {exc}"])


def _parse(data: bytes, accession_hint: str | None) -> ParsedFiling:
    envelope = split_submission(data)
    header = parse_header(data[envelope.header_start : envelope.header_end].decode("latin-1"), envelope.header_kind)
    filing = ParsedFiling(filers=header.companies, header_format=header.format)
    filing.errors.extend(envelope.errors)
    filing.errors.extend(header.errors)
    filing.documents = [_document(data, block, filing.errors) for block in envelope.documents]
    _header_fields(filing, header, envelope.document_line, accession_hint)
    filing.paper = header.has("PAPER") or any(block.paper for block in envelope.documents)
    if header.format == "none" and not filing.documents:
        filing.errors.append("no SEC header and no <DOCUMENT> found: not an EDGAR submission")
    elif header.format != "none" or envelope.header_end > envelope.header_start:
        filing.errors.extend(_missing_header_facts(filing))
    primary = _primary_document(filing)
    plain = ""
    if primary is not None:
        stop = min(primary.text_end, primary.text_start + _PRIMARY_CHARS)
        plain = markup_to_text(data[primary.text_start : stop].decode("latin-1"))
    filing.items = _items(filing, header, plain)
    filing.abs = abs_facts(filing.filers, plain[:_COVER_CHARS], depositor_cik=filing.depositor_cik,
                           sponsor_cik=filing.sponsor_cik)
    filing.se_references = merge_references(_se_references(data, filing, primary, plain))
    return filing


def _missing_header_facts(filing: ParsedFiling) -> list[str]:
    """A header that is present but lacks what every submission header states is damaged."""
    missing = [name for name, value in (("FILED AS OF DATE", filing.filed_date), ("company block", filing.filers))
               if not value]
    return [f"header: no {name} found (damaged header?)" for name in missing]


def _int_or_none(text: str | None, what: str, errors: list[str]) -> int | None:
    """An ASCII decimal number (``str.isdigit`` alone accepts ``²``, which ``int`` rejects); else an error."""
    if not text:
        return None
    if text.strip().isascii() and text.strip().isdigit():
        return int(text)
    errors.append(f"bad {what} {text!r}")
    return None


def _date_field(header: Header, key: str, errors: list[str]) -> date | None:
    raw = header.first(key)
    value = parse_yyyymmdd(raw)
    if raw and value is None:
        errors.append(f"header: bad {key} {raw!r}")
    return value


def _header_fields(filing: ParsedFiling, header: Header, document_line: str | None, hint: str | None) -> None:
    errors = filing.errors
    accession = header.first("ACCESSION NUMBER")
    if accession is None and document_line:
        found = _ACCESSION_IN_LINE.search(document_line)
        accession = found.group(1) if found else None
    if accession is not None and not ACCESSION.match(accession):
        errors.append(f"header: bad ACCESSION NUMBER {accession!r}")
    if hint and accession and hint != accession:
        errors.append(f"accession {accession} in the file differs from the expected {hint}")
    filing.accession = accession or hint
    filing.form_type = header.first("CONFORMED SUBMISSION TYPE")
    if filing.form_type is None and header.format == "none" and filing.documents:
        filing.form_type = filing.documents[0].type
    filing.filed_date = _date_field(header, "FILED AS OF DATE", errors)
    filing.period_of_report = _date_field(header, "CONFORMED PERIOD OF REPORT", errors)
    filing.date_of_change = _date_field(header, "DATE AS OF CHANGE", errors)
    filing.accepted_at = _accepted_at(header.first("ACCEPTANCE-DATETIME"), errors)
    filing.depositor_cik = _int_or_none(header.first("DEPOSITOR-CIK"), "header <DEPOSITOR-CIK>", errors)
    filing.sponsor_cik = _int_or_none(header.first("SPONSOR-CIK"), "header <SPONSOR-CIK>", errors)


def _accepted_at(raw: str | None, errors: list[str]) -> datetime | None:
    if not raw:
        return None
    try:
        local = datetime.strptime(raw.strip()[:14], "%Y%m%d%H%M%S")
    except ValueError:
        errors.append(f"header: bad ACCEPTANCE-DATETIME {raw!r}")
        return None
    return eastern_to_utc(local)


def _unsafe_filename(name: str) -> bool:
    return "/" in name or "\\" in name or "\x00" in name or name.startswith("..") or ":" in name


def _document(data: bytes, block: DocumentBlock, errors: list[str]) -> Document:
    errors.extend(block.errors)
    label = block.tags.get("SEQUENCE") or "?"
    sequence = _int_or_none(block.tags.get("SEQUENCE"), f"document {label}: <SEQUENCE>", errors)
    filename = block.tags.get("FILENAME") or None
    if filename is not None and _unsafe_filename(filename):
        errors.append(f"document {label}: <FILENAME> with path characters: {filename!r}")
    doc_type = block.tags.get("TYPE") or None
    start, end = block.text_start, block.text_end
    if block.has_text and start == end:
        errors.append(f"document {label}: empty <TEXT>")
    document = Document(
        sequence=sequence, type=doc_type, filename=filename, description=block.tags.get("DESCRIPTION") or None,
        size=end - start, sha256=hashlib.sha256(memoryview(data)[start:end]).hexdigest(), encoding="text",
        decoded_size=None, decoded_sha256=None, exhibit=exhibit_from_type(doc_type), is_placeholder=False,
        text_start=start, text_end=end,
    )
    begin = find_begin(data, start, end)
    if begin is not None:
        digest = uudecode_digest(data, begin, end)
        document.encoding, document.decoded_size, document.decoded_sha256 = "uuencoded", digest.size, digest.sha256
        if digest.bad_lines:
            errors.append(f"document {label}: {digest.bad_lines} undecodable uuencoded lines skipped")
        if not digest.complete:
            errors.append(f"document {label}: uuencoded data without its 'end' line (truncated)")
    return document


def _primary_document(filing: ParsedFiling) -> Document | None:
    texts = [d for d in filing.documents if d.encoding == "text"]
    for candidate in texts:
        if filing.form_type and candidate.type == filing.form_type:
            return candidate
    return next((d for d in texts if d.sequence == 1), texts[0] if texts else None)


def _items(filing: ParsedFiling, header: Header, plain: str) -> list[str]:
    from_header = []
    for name in header.fields.get("ITEM INFORMATION", []):
        if not name:
            continue
        code = normalise_item(name, filing.filed_date)
        if code is None:
            filing.errors.append(f"header: unrecognised ITEM INFORMATION {name!r}")
        else:
            from_header.append(code)
    for raw in header.fields.get("ITEMS", []):
        code = normalise_item(raw, filing.filed_date)
        if code is None:
            filing.errors.append(f"header: unrecognised <ITEMS> {raw!r}")
        else:
            from_header.append(code)
    is_8k = filing.form_type is None or filing.form_type.upper().startswith("8-K")
    return merge_items(from_header, body_items(plain) if is_8k else [])


def _may_mention_paper(raw: bytes) -> bool:
    low = raw.lower()
    return b"paper" in low or b"(p)" in low or _FORM_SE_BYTES.search(low) is not None


def _se_references(data: bytes, filing: ParsedFiling, primary: Document | None, plain: str) -> list[SeReference]:
    found = references_in_text(plain) if primary is not None else []
    for document in filing.documents:
        if document is primary or document.encoding != "text":
            continue
        raw = data[document.text_start : min(document.text_end, document.text_start + _EXHIBIT_SCAN_BYTES)]
        if not _may_mention_paper(raw):
            continue
        text = markup_to_text(raw.decode("latin-1"))
        if document.exhibit is not None and is_placeholder(text):
            document.is_placeholder = True
            found.append(placeholder_reference(text, document.type))
        else:
            found.extend(references_in_text(text, paper_marks=False))
    return found
