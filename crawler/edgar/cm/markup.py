"""HTML exhibits as printed lines: text outside tables line by line, each ``<table>`` laid out in aligned columns
(:mod:`crawler.edgar.cm.html_grid`), so the text reader sees what a browser shows.

Text outside tables flows: source line breaks and runs of blanks print as one blank, ``<p>``, ``<br>``, ``<div>``
... break lines, and only ``<pre>`` blocks keep their own blanks and line breaks. A layout table holding tables
prints its text line by line and each inner table as a table. ``<hr>`` and CSS page breaks become ``<PAGE>``
lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from crawler.edgar.cm.html_grid import PAGE_MARK, TAG, table_lines, table_rows

_HTML_DOCUMENT = re.compile(r"<\s*(?:html|body|head)\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*(/?)\s*(tr|td|th|div|p|br|font|span)\b[^<>]*>", re.IGNORECASE)
_HTML_TAGS_NEEDED = 3
_GRID_TAGS = frozenset(("tr", "td", "th"))  # never in SEC plain text, whose <TABLE> markers hold <S> and <C>
_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_PAGE_BREAK = re.compile(r"<hr\b[^>]*>|<[a-z]+\b[^>]*page-break-(?:before|after)\s*:\s*always[^>]*>", re.IGNORECASE)
_PRE = re.compile(r"<pre\b", re.IGNORECASE)
_PRE_BLOCK = re.compile(r"<pre\b.*?(?:</pre\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_SOURCE_BLANKS = re.compile(r"[ \t\r\n\f\v]+")
_BLOCK = re.compile(r"<\s*/?\s*(?:br|p|div|tr|li|h[1-6]|center|pre|blockquote)\b[^<>]*>", re.IGNORECASE)
_LAYOUT_CELL = re.compile(r"<\s*/?\s*(?:td|th|caption)\b[^<>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """HTML markup rather than SEC plain text (whose ``<TABLE>``, ``<S>``, ``<C>`` markers are not HTML): an
    ``<html>``/``<body>`` tag, or a few HTML tags in the first 8 KB, one of them a closing tag or a table row or
    cell (a bare ``<TABLE><TR><TD>`` fragment closes nothing)."""
    if _HTML_DOCUMENT.search(text, 0, 8192):
        return True
    tags = [(m.group(1), m.group(2).lower()) for _, m in zip(range(64), _HTML_TAG.finditer(text, 0, 8192))]
    return len(tags) >= _HTML_TAGS_NEEDED and any(slash or name in _GRID_TAGS for slash, name in tags)


def html_lines(text: str) -> list[str]:
    text = _DROP.sub(" ", text)
    text = _PAGE_BREAK.sub(f"<br>{PAGE_MARK}<br>", text)
    return _lines(text, _PRE.search(text) is not None)


def _lines(text: str, pre: bool, *, layout: bool = False) -> list[str]:
    """The lines of ``text``; ``layout``: the body of a table holding tables, whose own cells between those tables
    print as a grid where a row holds two cells or more (an unclosed grid before a table) and as lines of text
    otherwise (a layout cell holding a logo, a title and the inner table)."""
    lines: list[str] = []
    position = 0
    for start, body, end, nested in _outer_tables(text):
        lines.extend(_between(text[position:start], pre, layout))
        lines.extend(_lines(body, pre, layout=True) if nested else table_lines(body))
        position = end
    lines.extend(_between(text[position:], pre, layout))
    return lines


def _between(fragment: str, pre: bool, layout: bool) -> list[str]:
    if not layout:
        return _text_lines(fragment, pre)
    if any(sum(1 for text, _span in row if text) >= 2 for row in table_rows(fragment)):
        return table_lines(fragment)
    return _text_lines(_LAYOUT_CELL.sub("<br>", fragment), pre)


def _outer_tables(text: str) -> Iterator[tuple[int, str, int, bool]]:
    """Each outermost ``<table>``: (start, body, end, whether it holds tables); an unclosed one runs to the end."""
    depth, start, body_at, nested = 0, 0, 0, False
    for tag in _TABLE_TAG.finditer(text):
        if not tag.group(1):
            if depth == 0:
                start, body_at, nested = tag.start(), tag.end(), False
            nested = nested or depth > 0
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                yield start, text[body_at : tag.start()], tag.end(), nested
    if depth:
        yield start, text[body_at:], len(text), nested


def _text_lines(fragment: str, pre: bool) -> list[str]:
    """Text outside tables as a browser prints it: each ``<pre>`` block with its blanks and line breaks, the rest
    flowing (:func:`_flowing_lines`)."""
    if not pre:
        return _flowing_lines(fragment)
    lines: list[str] = []
    position = 0
    for block in _PRE_BLOCK.finditer(fragment):
        lines.extend(_flowing_lines(fragment[position : block.start()]))
        lines.extend(_printed_lines(block.group()))
        position = block.end()
    lines.extend(_flowing_lines(fragment[position:]))
    return lines


def _flowing_lines(fragment: str) -> list[str]:
    """Source line breaks and runs of blanks print as one blank, none at the start of a line; ``&nbsp;`` is kept (a
    Word tab, ``<span style='mso-tab-count:1'>``, holds as many as reach its tab stop)."""
    fragment = _SOURCE_BLANKS.sub(" ", fragment)
    lines = TAG.sub("", _BLOCK.sub("\n", fragment)).split("\n")
    return [_printed_line(line.lstrip(" ")) for line in lines]


def _printed_lines(fragment: str) -> list[str]:
    lines = TAG.sub("", _BLOCK.sub("\n", fragment)).replace("\r", "").split("\n")
    return [_printed_line(line) for line in lines]


def _printed_line(line: str) -> str:
    return "<PAGE>" if PAGE_MARK in line else html.unescape(line).replace("\xa0", " ").rstrip()
