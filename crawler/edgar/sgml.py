"""Envelope and ``<DOCUMENT>`` blocks of an EDGAR submission, located by byte offsets.

The submission is never copied as a whole: header and per-document tag blocks are small slices decoded as
latin-1 (so no byte is lost or rejected); document texts are described by ``(text_start, text_end)``.
Every era is handled: PEM-wrapped ``<SEC-DOCUMENT>``, ``<IMS-HEADER>``, the dissemination ``<SUBMISSION>``
(``.nc``), header-only extracts and 1995 files that start at ``<DOCUMENT>``. Problems become ``errors``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG_LINE = re.compile(r"<([A-Za-z][A-Za-z0-9_-]*)>([^<\r\n]*)")
_META_WINDOW = 64 * 1024  # a <DOCUMENT>'s tag block (TYPE, SEQUENCE, ...) is far smaller than this
_HEADER_OPEN = ((b"<SEC-HEADER>", b"</SEC-HEADER>", "sec-header"), (b"<IMS-HEADER>", b"</IMS-HEADER>", "ims-header"))
_ENVELOPES = ((b"<SEC-DOCUMENT>", b"</SEC-DOCUMENT>"), (b"<IMS-DOCUMENT>", b"</IMS-DOCUMENT>"),
              (b"<SUBMISSION>", b"</SUBMISSION>"))


@dataclass(slots=True)
class DocumentBlock:
    """One ``<DOCUMENT>`` as found: its tags and where its ``<TEXT>`` content lies in the submission."""

    start: int
    end: int
    tags: dict[str, str]
    text_start: int
    text_end: int
    has_text: bool
    paper: bool = False
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Envelope:
    """Where the header lies (``header_kind`` says how it was delimited) and the document blocks."""

    header_start: int
    header_end: int
    header_kind: str  # "sec-header" | "ims-header" | "submission" | "bare" | "none"
    document_line: str | None  # the "<SEC-DOCUMENT>0000905148-04-004513.txt : 20041015" value, if any
    documents: list[DocumentBlock]
    errors: list[str]


def _line_end(data: bytes, pos: int) -> int:
    """``pos`` moved past trailing blanks and one line terminator (\\r\\n, \\n or \\r), if they follow."""
    at = pos
    while at - pos < 64 and data[at : at + 1] in (b" ", b"\t"):
        at += 1
    if data[at : at + 2] == b"\r\n":
        return at + 2
    if data[at : at + 1] in (b"\n", b"\r"):
        return at + 1
    return pos


def _strip_terminator(data: bytes, start: int, end: int) -> int:
    """``end`` moved back over one line terminator just before it (the one preceding ``</TEXT>``)."""
    if end > start and data[end - 1] == 0x0A:
        end -= 1
        if end > start and data[end - 1] == 0x0D:
            end -= 1
    elif end > start and data[end - 1] == 0x0D:
        end -= 1
    return end


def _tags(text: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    for match in _TAG_LINE.finditer(text):
        tags.setdefault(match.group(1).upper(), match.group(2).strip())
    return tags


class _Finder:
    """``data.find(needle, start)`` remembering the last answer per needle, so the forward searches of all
    documents together stay linear even when a closing tag is missing everywhere."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.last: dict[bytes, tuple[int, int]] = {}

    def find(self, needle: bytes, start: int) -> int:
        known = self.last.get(needle)
        if known is not None and known[0] <= start and (known[1] < 0 or known[1] >= start):
            return known[1]
        found = self.data.find(needle, start)
        self.last[needle] = (start, found)
        return found


def _opens_document(data: bytes, at: int) -> bool:
    """True when the ``<DOCUMENT>`` at ``at`` starts a real block (``<TYPE>`` follows on the next line)."""
    return data[at + len(b"<DOCUMENT>") : at + 64].lstrip().startswith(b"<TYPE>")


def _document_at(data: bytes, start: int, number: int, finder: _Finder) -> DocumentBlock:
    """Parse the block opening at ``start`` (offset of ``<DOCUMENT>``)."""
    size = len(data)
    body = start + len(b"<DOCUMENT>")
    window = min(size, body + _META_WINDOW)
    next_doc = data.find(b"<DOCUMENT>", body, window)
    meta_limit = next_doc if next_doc >= 0 else window
    text_tag = data.find(b"<TEXT>", body, meta_limit)
    errors: list[str] = []
    if text_tag < 0:
        close = data.find(b"</DOCUMENT>", body, meta_limit)
        end = close + len(b"</DOCUMENT>") if close >= 0 else (next_doc if next_doc >= 0 else window)
        meta_end = close if close >= 0 else end
        tags = _tags(data[body:meta_end].decode("latin-1"))
        errors.append(f"document {number}: no <TEXT> block")
        block = DocumentBlock(start, end, tags, meta_end, meta_end, False, errors=errors)
        block.paper = "PAPER" in tags
        return block
    tags = _tags(data[body:text_tag].decode("latin-1"))
    text_start = _line_end(data, text_tag + len(b"<TEXT>"))
    close_text = finder.find(b"</TEXT>", text_start)
    text_limit = close_text if close_text >= 0 else size
    intruder = finder.find(b"<DOCUMENT>", text_start)
    while 0 <= intruder < text_limit and not _opens_document(data, intruder):
        intruder = finder.find(b"<DOCUMENT>", intruder + 10)
    if intruder >= text_limit:
        intruder = -1
    if close_text >= 0 and intruder < 0:
        text_end = _strip_terminator(data, text_start, close_text)
        after = close_text + len(b"</TEXT>")
        close_doc = data.find(b"</DOCUMENT>", after, after + 4096)
        if close_doc >= 0 and not data[after:close_doc].strip():
            end = close_doc + len(b"</DOCUMENT>")
        else:
            errors.append(f"document {number}: missing </DOCUMENT>")
            end = after
    else:
        limit = intruder if intruder >= 0 else _tail_of(data, text_start)
        close_doc = data.rfind(b"</DOCUMENT>", text_start, limit)
        stop, end = (close_doc, close_doc + len(b"</DOCUMENT>")) if close_doc >= 0 else (limit, limit)
        errors.append(f"document {number}: missing </TEXT> (text runs to offset {stop})")
        text_end = _strip_terminator(data, text_start, stop)
    block = DocumentBlock(start, end, tags, text_start, text_end, True, errors=errors)
    block.paper = "PAPER" in tags
    return block


def _tail_of(data: bytes, start: int) -> int:
    """End of an unterminated text: the closing envelope tag or PEM trailer if present, else end of data."""
    candidates = [data.rfind(tag, start) for tag in (b"</DOCUMENT>", b"</SEC-DOCUMENT>", b"</SUBMISSION>")]
    candidates.append(data.rfind(b"-----END PRIVACY-ENHANCED MESSAGE-----", start))
    found = [at for at in candidates if at >= 0]
    return min(found) if found else len(data)


def _locate_header(data: bytes, first_doc: int) -> tuple[int, int, str, list[str]]:
    limit = first_doc if first_doc >= 0 else len(data)
    for open_tag, close_tag, kind in _HEADER_OPEN:
        at = data.find(open_tag, 0, limit)
        if at >= 0:
            start = at + len(open_tag)
            close = data.find(close_tag, start, limit)
            if close >= 0:
                return start, close, kind, []
            return start, limit, kind, [f"header: missing {close_tag.decode()}"]
    submission = data.find(b"<SUBMISSION>", 0, limit)
    if submission >= 0:
        return submission + len(b"<SUBMISSION>"), limit, "submission", []
    bare = data[:limit]
    if bare.strip():
        return 0, limit, "bare", []
    return 0, 0, "none", []


def _envelope_errors(data: bytes) -> list[str]:
    head = data[:4096]
    for open_tag, close_tag in _ENVELOPES:
        if open_tag in head and data.rfind(close_tag) < 0:
            return [f"truncated: no {close_tag.decode()} at the end of the submission"]
    return []


def _document_line(data: bytes) -> str | None:
    at = data.find(b"<SEC-DOCUMENT>", 0, 4096)
    if at < 0:
        return None
    start = at + len(b"<SEC-DOCUMENT>")
    end = start
    while end < len(data) and end - start < 200 and data[end] not in (0x0A, 0x0D):
        end += 1
    return data[start:end].decode("latin-1").strip() or None


def split_submission(data: bytes) -> Envelope:
    """Locate the header and every document block of ``data`` (never raises on odd input)."""
    documents: list[DocumentBlock] = []
    pos = data.find(b"<DOCUMENT>")
    first_doc = pos
    finder = _Finder(data)
    while pos >= 0:
        block = _document_at(data, pos, len(documents) + 1, finder)
        documents.append(block)
        pos = data.find(b"<DOCUMENT>", max(block.end, pos + 1))
    header_start, header_end, kind, errors = _locate_header(data, first_doc)
    errors.extend(_envelope_errors(data))
    return Envelope(header_start, header_end, kind, _document_line(data), documents, errors)
