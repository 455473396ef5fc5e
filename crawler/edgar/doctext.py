"""The readable text of one submission document (``document_text.text``): pure, no I/O.

A document is ``uuencoded`` (a binary: no text), ``html`` (markup: tags removed, whitespace as a browser shows
it) or ``text`` (SEC plain text: lines and spacing kept, since its tables are aligned by spaces; its ``<TABLE>``,
``<CAPTION>``, ``<PAGE>``, ``<S>``, ``<C>`` markers become spaces).
"""

from __future__ import annotations

import re

from crawler.edgar.textnorm import ascii_lower, markup_to_text

TEXT, HTML, UUENCODED = "text", "html", "uuencoded"

# HTML tags SEC plain text never holds (it has <TABLE>, <CAPTION>, <S>, <C>, <PAGE>, <FN>)
_HTML_TAG = re.compile(r"<\s*(?:html|body|head|div|p|td|tr|th|font|br|span)\b", re.IGNORECASE)
_HTML_SCAN_CHARS = 8192
_SGML_TAG = re.compile(r"<[A-Za-z/!?][^<>\n]{0,200}>")
_PRE = re.compile(r"<pre\b", re.IGNORECASE)
_UNSHOWN = re.compile(r"<(head|script|style)\b")  # blocks a browser does not show; searched in lower case
_BLANKS = re.compile(r"[ \t\f\v]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def decode_document(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8 (plain ASCII is), else latin-1 (every byte kept)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def document_format(text: str, *, uuencoded: bool) -> str:
    if uuencoded:
        return UUENCODED
    return HTML if _HTML_TAG.search(text, 0, _HTML_SCAN_CHARS) else TEXT


def readable_text(text: str, document_format: str) -> str | None:
    """The document as a reader sees it; None for a uuencoded binary."""
    if document_format == UUENCODED:
        return None
    if document_format == TEXT:
        return _SGML_TAG.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    plain = markup_to_text(_without_unshown(text))
    if _PRE.search(text) is None:  # outside <pre>, a browser shows every run of blanks as one space
        plain = _BLANK_LINES.sub("\n\n", _LINE_EDGES.sub("\n", _BLANKS.sub(" ", plain)))
    return plain.strip()


def _without_unshown(text: str) -> str:
    """``text`` without its head, script and style blocks (linear: an unclosed block ends the search)."""
    lower, kept, at = ascii_lower(text), [], 0
    while (found := _UNSHOWN.search(lower, at)) is not None:
        close = lower.find(f"</{found.group(1)}", found.end())
        if close < 0:
            break
        end = lower.find(">", close)
        kept.append(text[at : found.start()])
        at = len(text) if end < 0 else end + 1
    kept.append(text[at:])
    return " ".join(kept)
