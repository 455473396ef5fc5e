"""Every document of a parsed submission read as an exhibit (``kind_of_exhibit``, CM tables and tranches)."""

from __future__ import annotations

from crawler.edgar.cm.model import OTHER, ExhibitParse
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.filing import Document, ParsedFiling, document_text


def document_exhibit(data: bytes, document: Document) -> ExhibitParse:
    """One document of the submission ``data``; uuencoded binaries are ``other`` with no tables."""
    if document.encoding != "text":
        return ExhibitParse(kind_of_exhibit=OTHER)
    return parse_exhibit(document_text(data, document), doc_type=document.type, description=document.description,
                         filename=document.filename)


def filing_exhibits(data: bytes, filing: ParsedFiling) -> list[ExhibitParse]:
    """One :class:`ExhibitParse` per document of ``filing``, in document order."""
    return [document_exhibit(data, document) for document in filing.documents]
