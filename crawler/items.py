"""Items flowing from the spider through the pipelines: one small typed class per variant.

Data flows one way: ``SubmissionItem`` (raw bytes of one candidate) gains its parse (the filing, and the text
and Computational Materials of each document) and its raw-archive path as it passes the pipelines; the Form
SE decisions are made over the whole run, at its end. ``ErrorItem`` records a problem met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.derive import DocumentContent
    from crawler.edgar.filing import ParsedFiling


@dataclass(slots=True)
class SubmissionItem:
    """One fetched full submission (``{accession}.txt``) of an 8-K-family or SE candidate.

    ``index_form_type`` .. ``filer_names`` are the index row's; ``fetched_at`` is when the answer arrived.
    ``index_recorded`` is False when ``rebuild`` reconstructed them from a row archived before 0.4.0, which did
    not keep them (the row's ``index_*`` and ``fetched_at`` columns then stay null).
    """

    accession: str
    kind: str  # "8-K" | "SE"
    index_form_type: str
    date_filed: date
    filer_ciks: tuple[int, ...]
    filer_names: tuple[str, ...]
    url: str
    body: bytes
    fetched_at: datetime | None
    parsed: ParsedFiling | None = None
    contents: list[DocumentContent] | None = None  # one per parsed.documents, in order
    raw_path: str | None = None
    raw_sha256: str | None = None
    index_recorded: bool = True

    @property
    def primary_cik(self) -> int:
        return self.filer_ciks[0]


@dataclass(slots=True)
class ErrorItem:
    """A problem met during the crawl; becomes one ``errors/`` row."""

    stage: str  # "index" | "listing" | "company" | "submission" | "parse" | "archive" | "link"
    error: str
    url: str | None = None
    accession: str | None = None
    detail: str | None = None
    raw_path: str | None = None
    occurred_at: datetime | None = None
