"""Deal summaries: the tranche (class) table, one :class:`Tranche` per class row.

The columns are the printed headers (``Tranche Name``, ``Rating``, ``Balance``, ``Coupon``, ``Principal
Window``, ``Avg Life``, ``Dated Date``, ``Notes``; a second header line completes the first). A value goes to the
header its characters overlap; when it overlaps two (a right-aligned balance reaching under an empty Rating
column) the header whose kind of value it is wins; when that does not decide, it is left out with a warning.
Cells right of the last header belong to it when it is ``Notes``: the notes are the printed text from the first
such cell to the end of the line.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.edgar.cm.cells import Cell
from crawler.edgar.cm.columns import center, overlap
from crawler.edgar.cm.model import Tranche
from crawler.edgar.cm.values import calendar_date, label_key, number

_FIELDS: dict[str, str] = {
    "tranche": "class_", "tranche name": "class_", "class": "class_", "name": "class_", "bond": "class_",
    "class name": "class_", "certificate": "class_", "description": "description", "type": "description",
    "desc": "description", "rating": "rating", "ratings": "rating", "balance": "balance", "class size": "balance",
    "size": "balance", "original balance": "balance", "orig balance": "balance", "amount": "balance",
    "principal balance": "balance", "face": "balance", "coupon": "coupon", "rate": "coupon", "cpn": "coupon",
    "principal window": "principal_window", "window": "principal_window", "prin window": "principal_window",
    "payment window": "principal_window", "avg life": "avg_life", "average life": "avg_life", "wal": "avg_life",
    "dated date": "dated", "dated": "dated", "notes": "notes", "note": "notes", "comments": "notes",
    "pass-through rate": "coupon", "pass through rate": "coupon", "interest rate": "coupon",
}
_QUALIFIERS = frozenset(("expected", "approx", "approximate", "initial", "original", "estimated", "est"))
_WORD = re.compile(r"\S+")
_NUMERIC = frozenset(("balance", "coupon", "avg_life"))
_WINDOW = re.compile(r"\S+\s*-\s*\S+")
_RATING = re.compile(r"[A-Za-z][A-Za-z+\-/ ]{0,15}\d?")


def tranche_header(cells: list[Cell]) -> bool:
    """A header line of a tranche table: a class column and at least two other tranche columns."""
    if len(cells) < 3 or any(cell[3] for cell in cells):
        return False
    fields = [_field_of(cell[2]) for cell in cells]
    return fields[0] == "class_" and len({f for f in fields[1:] if f and f != "class_"}) >= 2


def _field_of(text: str) -> str | None:
    """The tranche field a header names: ``Class Size``, ``Size ($)``, ``Expected Prin. Window``, ``Approximate
    Principal Balance``, ``Pass-Through Rate`` (a qualifier such as ``Expected`` and dots do not change it)."""
    key = label_key(text).replace(".", "")
    while " " in key and key.split(" ", 1)[0] in _QUALIFIERS:
        key = key.split(" ", 1)[1]
    return _FIELDS.get(key) or _FIELDS.get(key.split(" ")[0]) if key else None


def _split_fields(cell: Cell) -> list[Cell]:
    """``Rating Balance`` (one blank between two headers) as two headers; ``Class Size`` stays one."""
    words = [(m.start() + cell[0], m.end() + cell[0], m.group()) for m in _WORD.finditer(cell[2])]
    parts: list[Cell] = []
    i = 0
    while i < len(words):
        for size in range(min(3, len(words) - i), 0, -1):
            if label_key(" ".join(w[2] for w in words[i : i + size])) in _FIELDS:
                parts.append((words[i][0], words[i + size - 1][1],
                              cell[2][words[i][0] - cell[0] : words[i + size - 1][1] - cell[0]], False))
                i += size
                break
        else:
            return [cell]
    return parts


def header_tokens(header_lines: list[list[Cell]]) -> list[Cell]:
    """The first header line's cells, each completed by the words printed under it on the next lines."""
    tokens: list[list[Any]] = [list(part) for cell in header_lines[0] for part in _split_fields(cell)]
    for cells in header_lines[1:]:
        for cell in cells:
            best = max(range(len(tokens)), key=lambda k: (overlap((tokens[k][0], tokens[k][1]), (cell[0], cell[1])),
                                                          -abs(center((tokens[k][0], tokens[k][1])) - center(cell[:2]))))
            tokens[best][2] = f"{tokens[best][2]} {cell[2]}"
    return [(t[0], t[1], t[2], False) for t in tokens]


def read_tranches(table_no: int, header_lines: list[list[Cell]], rows: list[tuple[str, list[Cell]]],
                  warnings: list[str]) -> list[Tranche]:
    tokens = header_tokens(header_lines)
    fields = [_field_of(t[2]) for t in tokens]
    tranches: list[Tranche] = []
    seen: set[str] = set()
    for text, cells in rows:
        tranche = _tranche(table_no, text, cells, tokens, fields, warnings)
        if tranche is None:
            continue
        if tranche.class_ in seen:
            warnings.append(f"class {tranche.class_!r} is listed twice; the second row is left out")
            continue
        seen.add(tranche.class_)
        tranches.append(tranche)
    return tranches


def _tranche(table_no: int, text: str, cells: list[Cell], tokens: list[Cell], fields: list[str | None],
             warnings: list[str]) -> Tranche | None:
    if not cells or cells[0][3]:
        return None
    tranche = Tranche(table_no=table_no, class_=cells[0][2])
    tranche.cells.append((tokens[0][2], cells[0][2]))
    filled: dict[int, str] = {}
    for cell in cells[1:]:
        column = _column_of(cell, tokens, fields)
        if column is None:
            warnings.append(f"class {tranche.class_}: value {cell[2]!r} is under no single column; left out")
            continue
        if fields[column] == "notes":
            filled[column] = text[cell[0] :].strip() if column not in filled else filled[column]
            continue
        if column in filled:
            warnings.append(f"class {tranche.class_}: two values under {tokens[column][2]!r}; both left out")
            filled[column] = ""
            continue
        filled[column] = cell[2]
    for column, value in sorted(filled.items()):
        if not value:
            continue
        tranche.cells.append((tokens[column][2], value))
        name = fields[column]
        if name and name != "class_" and getattr(tranche, name) is None:
            setattr(tranche, name, value)
    return tranche


def _column_of(cell: Cell, tokens: list[Cell], fields: list[str | None]) -> int | None:
    span = (cell[0], cell[1])
    hits = [k for k in range(1, len(tokens)) if overlap((tokens[k][0], tokens[k][1]), span)]
    if len(hits) > 1:
        hits = [k for k in hits if _fits(cell[2], fields[k])]
    if len(hits) == 1:
        return hits[0]
    if not hits and cell[0] >= tokens[-1][1] and fields[-1] == "notes":
        return len(tokens) - 1
    return None


def _fits(text: str, field: str | None) -> bool:
    if field in _NUMERIC:
        return number(text) is not None
    if field == "dated":
        return calendar_date(text) is not None
    if field == "principal_window":
        return bool(_WINDOW.fullmatch(text))
    if field == "rating":
        return number(text) is None and bool(_RATING.fullmatch(text))
    return True
