"""The parse step the crawl and ``rebuild`` share: a submission's bytes → everything its dataset rows come from.

:func:`parse_submission` reads the filing (``crawler.edgar.filing``), the readable text of each document
(``crawler.edgar.doctext``) and the Computational Materials of each exhibit (``crawler.edgar.cm``). Pure and
CPU-bound: the crawl runs it in ``pipelines.parse`` (off the reactor for big bodies), ``rebuild`` in its worker
processes. The rows themselves are built from its result by ``crawler.records.submission_rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crawler.edgar.cm.model import COLLATERAL_TERM_SHEET, COMPUTATIONAL_MATERIALS, TERM_SHEET
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import CmRows, exhibit_rows
from crawler.edgar.doctext import UUENCODED, decode_document, document_format, readable_text
from crawler.edgar.filing import Document, ParsedFiling, parse_filing

# exhibits whose tables become cm_* rows (a pooling agreement's or a statement's tables do not)
CM_EXHIBITS = frozenset({COMPUTATIONAL_MATERIALS, TERM_SHEET, COLLATERAL_TERM_SHEET})


@dataclass(slots=True)
class DocumentContent:
    """What one document holds beyond its ``documents`` row; ``cm`` only for an exhibit read as CM."""

    sequence: int  # unique within the submission (a repeated or missing <SEQUENCE> is renumbered)
    format: str  # "text" | "html" | "uuencoded"
    text: str | None  # None for a uuencoded binary
    kind_of_exhibit: str | None = None  # crawler.edgar.cm.model.EXHIBIT_KINDS; None for a non-exhibit
    cm: CmRows | None = None  # for an exhibit of one of the CM_EXHIBITS kinds
    cm_warnings: tuple[str, ...] = ()


def parse_submission(body: bytes, *, accession_hint: str | None = None) -> tuple[ParsedFiling, list[DocumentContent]]:
    """Parse one full submission. Never raises: problems are in ``ParsedFiling.errors``."""
    parsed = parse_filing(body, accession_hint=accession_hint)
    return parsed, document_contents(body, parsed)


def found_not_abs(parsed: ParsedFiling, *, is_se: bool) -> bool:
    """Whether a fetched 8-K turned out not to be ABS (its header SIC and cover text): remembered by the crawl and by
    a takeover, never fetched again. A Form SE, or a filing whose header names no filer, is not judged."""
    return not is_se and bool(parsed.filers) and not parsed.abs.is_abs


def document_contents(body: bytes, parsed: ParsedFiling) -> list[DocumentContent]:
    sequences = document_sequences(parsed.documents)
    return [_content(body, document, sequence, parsed.errors)
            for document, sequence in zip(parsed.documents, sequences, strict=True)]


def document_sequences(documents: Sequence[Document]) -> list[int]:
    """``<SEQUENCE>`` of each document (its position when missing), unique even when a broken filing repeats one."""
    sequences = [d.sequence if d.sequence is not None else n for n, d in enumerate(documents, start=1)]
    used: set[int] = set()
    next_free = max(sequences, default=0) + 1
    for position, sequence in enumerate(sequences):
        if sequence in used:
            sequences[position], next_free = next_free, next_free + 1
        used.add(sequences[position])
    return sequences


def _content(body: bytes, document: Document, sequence: int, errors: list[str]) -> DocumentContent:
    if document.encoding == UUENCODED:
        return DocumentContent(sequence, UUENCODED, None)
    raw = decode_document(body[document.text_start : document.text_end])
    shown = document_format(raw, uuencoded=False)
    content = DocumentContent(sequence, shown, readable_text(raw, shown))
    if document.exhibit is None:
        return content
    try:
        parsed = parse_exhibit(raw, doc_type=document.type, description=document.description,
                               filename=document.filename)
        rows = exhibit_rows(parsed) if parsed.kind_of_exhibit in CM_EXHIBITS else None
    except Exception as exc:  # noqa: BLE001 - one exhibit the CM parser chokes on must not cost the filing
        errors.append(f"document {sequence}: Computational Materials parser failed: {type(exc).__name__}: {exc}")
        return content
    content.kind_of_exhibit, content.cm, content.cm_warnings = parsed.kind_of_exhibit, rows, tuple(parsed.warnings)
    return content
