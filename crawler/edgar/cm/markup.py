"""HTML exhibits as printed lines: text outside tables line by line, each ``<table>`` laid out in aligned columns.

Each ``<tr>`` becomes one line and each ``<td>``/``<th>`` a cell at its column's position (columns empty in every
row, the spacer cells of Excel exports, are dropped), so the text reader sees the same grid a browser shows.
A lone ``$`` cell is joined to the amount after it and a lone ``%`` or ``)`` to the number before it, as a
reader sees them. ``<hr>`` and CSS page breaks become ``<PAGE>`` lines.
"""

from __future__ import annotations

import html
import re

_HTML_DOCUMENT = re.compile(r"<\s*(?:html|body|head)\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"<\s*(/?)\s*(?:tr|td|th|div|p|br|font|span)\b[^<>]*>", re.IGNORECASE)
_HTML_TAGS_NEEDED = 3
_DROP = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TABLE = re.compile(r"<table\b[^>]*>(.*?)(?:</table\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|\Z)", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t([dh])\b([^>]*)>(.*?)(?=<t[dh]\b|</tr|\Z)", re.IGNORECASE | re.DOTALL)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d{1,2})", re.IGNORECASE)
_PAGE_BREAK = re.compile(r"<hr\b[^>]*>|<[a-z]+\b[^>]*page-break-(?:before|after)\s*:\s*always[^>]*>", re.IGNORECASE)
_PRE = re.compile(r"<pre\b", re.IGNORECASE)
_BLOCK = re.compile(r"<\s*/?\s*(?:br|p|div|tr|li|h[1-6]|center|pre|blockquote)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_PAGE_MARK = "\x00PAGE\x00"
_GAP = "   "


def looks_like_html(text: str) -> bool:
    """HTML markup rather than SEC plain text (whose ``<TABLE>``, ``<S>``, ``<C>`` markers are not HTML): an
    ``<html>``/``<body>`` tag, or a few HTML tags, one of them a closing tag, in the first 8 KB."""
    if _HTML_DOCUMENT.search(text, 0, 8192):
        return True
    tags = [m.group(1) for _, m in zip(range(64), _HTML_TAG.finditer(text, 0, 8192))]
    return len(tags) >= _HTML_TAGS_NEEDED and "/" in tags


def html_lines(text: str) -> list[str]:
    text = _DROP.sub(" ", text)
    text = _PAGE_BREAK.sub(f"<br>{_PAGE_MARK}<br>", text)
    pre = _PRE.search(text) is not None
    lines: list[str] = []
    position = 0
    for table in _TABLE.finditer(text):
        lines.extend(_text_lines(text[position : table.start()], pre))
        lines.extend(_table_lines(table.group(1)))
        position = table.end()
    lines.extend(_text_lines(text[position:], pre))
    return lines


def _text_lines(fragment: str, pre: bool) -> list[str]:
    if not pre:
        fragment = fragment.replace("\r", " ").replace("\n", " ")
    fragment = _BLOCK.sub("\n", fragment)
    fragment = html.unescape(_TAG.sub("", fragment)).replace("\xa0", " ").replace("\r", "")
    return [("<PAGE>" if _PAGE_MARK in line else line.rstrip()) for line in fragment.split("\n")]


def _cell_text(raw: str) -> str:
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", raw)).replace(_PAGE_MARK, " ")).strip()


def _table_rows(body: str) -> list[list[tuple[str, int]]]:
    """Each row's cells as (text, colspan)."""
    rows = []
    for row in _ROW.finditer(body):
        cells = [(_cell_text(c.group(3)), int(m.group(1)) if (m := _COLSPAN.search(c.group(2))) else 1)
                 for c in _CELL.finditer(row.group(1))]
        rows.append(_join_signs(cells))
    return rows


def _join_signs(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    joined: list[tuple[str, int]] = []
    carry = ""
    for text, span in cells:
        if text == "$" and span == 1:
            carry = "$"
            joined.append(("", 1))
            continue
        if text in ("%", ")", "%)") and joined and joined[-1][0]:
            joined[-1] = (joined[-1][0] + text, joined[-1][1])
            joined.append(("", span))
            continue
        joined.append((carry + text if text else carry, span))
        carry = ""
    return joined


def _table_lines(body: str) -> list[str]:
    rows = _table_rows(body)
    if not rows:
        return []
    slots = [_slots(row) for row in rows]
    count = max((len(s) for s in slots), default=0)
    used = [False] * count
    for row in slots:
        for i, (text, span) in enumerate(row):
            if text and span:
                used[i] = True
    keep = [i for i in range(count) if used[i]]
    widths = {i: 0 for i in keep}
    for row in slots:
        for i, (text, span) in enumerate(row):
            if text and span == 1 and i in widths:
                widths[i] = max(widths[i], len(text))
    for row in slots:  # a cell spanning several columns widens the last of them to fit
        for i, (text, span) in enumerate(row):
            spanned = [k for k in range(i, i + span) if k in widths]
            if span > 1 and text and spanned:
                room = sum(widths[k] for k in spanned) + len(_GAP) * (len(spanned) - 1)
                widths[spanned[-1]] += max(0, len(text) - room)
    starts, position = {}, 0
    for i in keep:
        starts[i] = position
        position += widths[i] + len(_GAP)
    lines = []
    for row in slots:
        line = ""
        for i, (text, _span) in enumerate(row):
            if not text or i not in starts:
                continue
            start = max(starts[i], len(line) + len(_GAP) if line else starts[i])
            line = line.ljust(start) + text
        lines.append(line)
    return ["", *lines, ""]


def _slots(row: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A row's cells, one per column slot; a spanning cell fills its first slot, its other slots are (``""``, 0)."""
    slots: list[tuple[str, int]] = []
    for text, span in row:
        slots.append((text, span))
        slots.extend(("", 0) for _ in range(span - 1))
    return slots
