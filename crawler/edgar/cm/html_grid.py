"""One HTML ``<table>`` as aligned lines, the grid a browser shows (:mod:`crawler.edgar.cm.markup` reads the rest).

Each ``<tr>`` becomes one line and each ``<td>``/``<th>`` a cell at its column's position: columns empty in every
row (the spacer cells of Excel exports) are dropped, a ``rowspan`` cell keeps its columns in the rows below, and
cells and rows hidden with ``display:none`` are left out. A cell's text is what a browser prints: inline tags
join, entities are read, Excel's accounting ``$   20,000.00`` is ``$20,000.00``. A lone ``$`` cell is joined to
the amount after it and a lone ``%`` or ``)`` to the number before it, as a reader sees them. A ``<caption>`` is
a line above its table. A row whose cells stack values on lines of their own (``<br>``, ``<p>``) prints one line
per stacked line.
"""

from __future__ import annotations

import html
import re

from crawler.edgar.cm.cells import is_value

_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)(?:</caption\s*>|(?=<tr\b)|\Z)", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b([^>]*)>((?:[^<]++|.)*?)(?=<tr\b|\Z)", re.IGNORECASE | re.DOTALL)  # runs of text stepped whole
_ATTRIBUTES = r"([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)"  # a quoted value may hold ">": x:fmla="=IF(B5>0,B5,0)"
_CELL = re.compile(rf"<t([dh])\b{_ATTRIBUTES}>((?:[^<\s]++|.)*?)(?:</t[dh]\s*>)?\s*(?=<t[dh]\b|</tr|\Z)",
                   re.IGNORECASE | re.DOTALL)  # a cell's text ends before "<", a blank or the end: other runs stepped whole
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d{1,2})", re.IGNORECASE)
_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?(\d{1,2})", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CELL_BREAK = re.compile(r"<\s*(?:br|/?p|/?div)\b[^<>]*>", re.IGNORECASE)
_DOLLAR_GAP = re.compile(r"^(\(?)\$ +(?=[\d(.])")  # Excel's accounting format: "$" at the left, the amount right
_INLINE = re.compile(r"<\s*/?\s*(?:font|span|b|i|u|em|strong|a|small|big|nobr|o:p)\b[^<>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
PAGE_MARK = "\x00PAGE\x00"  # a page break (<hr>, CSS) marked by markup; inside a cell it is a blank
_GAP = "   "
_Heading = tuple[int, int, str, int]  # a rowspan heading: rows to go before it prints, column slot, text, colspan


def _cell_text(raw: str) -> str:
    """A cell's text as a browser prints it: inline tags (a Word run split in two ``<span>``, ``5.50<font>%</font>``)
    join their texts, other tags and runs of blanks are one blank."""
    if "<" in raw:
        raw = TAG.sub(" ", _INLINE.sub("", raw))
    text = _SPACES.sub(" ", html.unescape(raw).replace(PAGE_MARK, " ")).strip()
    return _DOLLAR_GAP.sub(r"\1$", text) if text.startswith(("$", "($")) else text


def _cell_parts(raw: str) -> list[str]:
    """A cell's text, one part per line it prints (``<br>``, paragraphs)."""
    if "<" not in raw:
        text = _cell_text(raw)
        return [text] if text else []
    return [part for part in map(_cell_text, _CELL_BREAK.split(raw)) if part]


def table_rows(body: str) -> list[list[tuple[str, int]]]:
    """Each printed row's cells as (text, colspan), one per column slot: a spanning cell fills its first slot, its
    other slots and those a ``rowspan`` cell above covers are (``""``, 0). A ``rowspan`` cell of a row of headings
    (``Price`` beside ``Prepayment Speed``, over the row of scenarios) prints on the last row it spans, beside the
    scenarios as a desk tool prints it; in a row printing a value (a price over its Yield and DM rows, a class over
    two rows of its figures) on the first."""
    rows: list[list[tuple[str, int]]] = []
    below: dict[int, int] = {}  # column slot -> rows below still covered by a rowspan cell
    headings: list[_Heading] = []  # rowspan headings not printed yet
    for row in _ROW.finditer(body):
        if _HIDDEN.search(row.group(1)):
            continue
        cells = _row_cells(row.group(2))
        positions = _positions([colspan for _parts, colspan, _rowspan in cells], below)
        due: list[_Heading] = []
        if headings:
            headings = [(to_go - 1, slot, text, colspan) for to_go, slot, text, colspan in headings]
            due = [heading for heading in headings if heading[0] <= 0]
            headings = [heading for heading in headings if heading[0] > 0]
        _defer_headings(cells, positions, headings)
        printed = [_slot_row(_join_signs(cells_of_line), positions) for cells_of_line in _printed_rows(cells)]
        _print_headings(printed[0], due)
        rows.extend(printed)
        if below or any(rowspan > 1 for _parts, _colspan, rowspan in cells):
            _cover(below, positions, cells)
    if rows:
        _print_headings(rows[-1], headings)  # a rowspan past the last row
    return rows


def _defer_headings(cells: list[tuple[list[str], int, int]], positions: list[int], headings: list[_Heading]) -> None:
    """In a row printing no value, each rowspan cell's text is taken out to wait for the last row it spans."""
    if not any(rowspan > 1 for _parts, _colspan, rowspan in cells) or _shows_values(cells):
        return
    for k, (parts, colspan, rowspan) in enumerate(cells):
        if rowspan > 1 and parts:
            headings.append((rowspan - 1, positions[k], " ".join(parts), colspan))
            cells[k] = ([], colspan, rowspan)


def _shows_values(cells: list[tuple[list[str], int, int]]) -> bool:
    return any(is_value(" ".join(parts)) for parts, _colspan, _rowspan in cells if parts)


def _row_cells(row: str) -> list[tuple[list[str], int, int]]:
    """The shown cells of a row: (lines of text, colspan, rowspan)."""
    return [(_cell_parts(c.group(3)), _span(_COLSPAN, c.group(2)), _span(_ROWSPAN, c.group(2)))
            for c in _CELL.finditer(row) if not _HIDDEN.search(c.group(2))]


def _print_headings(row: list[tuple[str, int]], headings: list[_Heading]) -> None:
    for _to_go, slot, text, colspan in headings:
        row.extend(("", 0) for _ in range(slot + 1 - len(row)))
        row[slot] = (text, colspan)


def _span(pattern: re.Pattern[str], attributes: str) -> int:
    match = pattern.search(attributes) if "span" in attributes or "SPAN" in attributes else None
    return max(1, int(match.group(1))) if match else 1


def _positions(spans: list[int], below: dict[int, int]) -> list[int]:
    """The first column slot of each cell of a row: the next slot no rowspan cell above covers."""
    positions, slot = [], 0
    for span in spans:
        while below.get(slot, 0) > 0:
            slot += 1
        positions.append(slot)
        slot += span
    return positions


def _cover(below: dict[int, int], positions: list[int], cells: list[tuple[list[str], int, int]]) -> None:
    for slot in list(below):
        below[slot] -= 1
        if below[slot] <= 0:
            del below[slot]
    for position, (_parts, colspan, rowspan) in zip(positions, cells):
        if rowspan > 1:
            for slot in range(position, position + colspan):
                below[slot] = rowspan - 1


def _printed_rows(cells: list[tuple[list[str], int, int]]) -> list[list[tuple[str, int]]]:
    """A row as (text, colspan) cells. A cell printing values on lines of their own (``$25,000,000.00<br>5.50``
    beside ``Balance<br>Coupon``, a window ``Jul05<br>May35``) makes the row print one line per line of its cells,
    each cell's lines from the top, as a browser shows them: joined, the values would read as two cells. The
    lines of other cells (``Principal<br>Window``, ``100<br>PPC``, ``07/05<br>-<br>12/14``: one value) are joined
    by a blank."""
    stacked = [parts for parts, _colspan, _rowspan in cells if len(parts) > 1]
    if not any(all(map(is_value, parts)) and not is_value(" ".join(parts)) for parts in stacked):
        return [[(" ".join(parts), colspan) for parts, colspan, _rowspan in cells]]
    return [[(parts[k] if k < len(parts) else "", colspan) for parts, colspan, _rowspan in cells]
            for k in range(max(len(parts) for parts in stacked))]


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


def table_lines(body: str) -> list[str]:
    caption = _CAPTION.search(body) if "<" in body else None
    title = _cell_text(caption.group(1)) if caption else ""
    if caption:
        body = body[: caption.start()] + body[caption.end() :]
    slots = table_rows(body)
    if not slots:
        return ["", title, ""] if title else []
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
    return ["", *([title] if title else []), *lines, ""]


def _slot_row(cells: list[tuple[str, int]], positions: list[int]) -> list[tuple[str, int]]:
    slots: list[tuple[str, int]] = [("", 0)] * max((p + span for p, (_t, span) in zip(positions, cells)), default=0)
    for position, cell in zip(positions, cells):
        slots[position] = cell
    return slots
