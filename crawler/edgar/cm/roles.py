"""What each printed line is to a CM table: a title, a header, a line of facts, a row of values, or other text;
and where a grid's rows and header lines are.

- header: scenarios (``0 PSA  100 PSA``, ``Price  40 PPC  50 PPC``) or numbered columns (``Price  1  2  3``);
- facts: label/value pairs (``Balance  $20,000,000.00  Delay  24``);
- row: a first cell followed by cells that are mostly values (``96-04  5.487  5.495``, ``WAL  8.53  7.12``), at
  least two of them unless the first cell is a value or a measure (``96-04  5.487``, ``WAL  8.53``).
Inside a deal summary the lines above the tranche table are its facts, whatever they look like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from crawler.edgar.cm.cells import NUMERIC_END, Cell, LazyCells, is_number_row
from crawler.edgar.cm.columns import center, find_columns
from crawler.edgar.cm.facts import is_fact_line
from crawler.edgar.cm.headers import ROW_HEADER_WORDS, measure_tokens, starts_a_measure
from crawler.edgar.cm.row_measures import MEASURE_HEADINGS
from crawler.edgar.cm.segment import BLANK, PAGE, TEXT, Line
from crawler.edgar.cm.summary import tranche_header
from crawler.edgar.cm.titles import Title, class_line, is_class_name, read_title
from crawler.edgar.cm.values import is_speed, label_key, speed_heading, speed_label
from crawler.edgar.cm.vocabulary import MEASURE_WORDS, UNITS

TITLE: Final = 0
HEADER: Final = 1
FACTS: Final = 2
ROW: Final = 3
OTHER: Final = 4  # line roles
_MAX_BODY_GAP = 2
_SAMPLE_ROWS = 6
_SUMMARY_REACH = 80  # lines a deal summary's facts are looked for above its tranche table
_MAX_HEADER_LINES = 5
_TITLE_CELLS = 3
_CACHED = 4_096  # line texts whose reading is remembered (cleared when full; about 1 MB)
_READINGS: dict[str, tuple[int, Title | None, bool]] = {}  # text -> (role, title, heads a tranche table)
_UNIT_CELL = re.compile(rf"%? ?(?:{'|'.join(UNITS)})", re.IGNORECASE)
_SPEED_CELL = re.compile(r"\d+(?:\.\d+)?%?")
_SPLIT_SPEED_SLACK = 4
_SPEED_ROW_HEADERS = ROW_HEADER_WORDS | {"prepay", "prepay speed", "prepayment speed", "speed", "scenario"}


@dataclass(slots=True)
class Analysis:
    lines: list[Line]
    cells: LazyCells
    roles: list[int]
    titles: list[Title | None]
    tranche_headers: list[int]


def analyse(lines: list[Line]) -> Analysis:
    cells = LazyCells([line.text if line.kind == TEXT else "" for line in lines])
    roles: list[int] = []
    titles: list[Title | None] = []
    tranche_headers: list[int] = []
    for line in lines:
        title = None
        role = OTHER
        if line.kind == TEXT:
            text = line.text
            if text[-1] in NUMERIC_END and is_number_row(text):
                roles.append(ROW)  # the bulk of a grid; its cells are read only if needed
                titles.append(None)
                continue
            found = cells[line.no]
            reading = _READINGS.get(text)
            if reading is None:
                reading = _read_line(text, found)
                if len(_READINGS) >= _CACHED:
                    _READINGS.clear()
                _READINGS[text] = reading
            role, title, opens_tranches = reading
            if opens_tranches:
                tranche_headers.append(line.no)
        roles.append(role)
        titles.append(title)
    analysis = Analysis(lines, cells, roles, titles, tranche_headers)
    for at in tranche_headers:
        _mark_summary_facts(analysis, at)
        _mark_tranche_rows(analysis, at)
    _mark_split_speeds(analysis)
    return analysis


def _read_line(text: str, cells: list[Cell]) -> tuple[int, Title | None, bool]:
    """(role, title, whether it heads a tranche table) of a line that is not a plain number row."""
    if len(cells) <= _TITLE_CELLS:
        title = read_title(text)
        role = TITLE if title is not None else line_role(cells)
    else:
        title = class_line(text) if not cells[0][3] else None  # "Class 2A1:  SEQ  0 PSA  100 PSA"
        role = HEADER if title is not None else line_role(cells)
    return role, title, role == OTHER and tranche_header(cells)


def _mark_split_speeds(analysis: Analysis) -> None:
    """A scenario header printed on two lines, speeds on one and units on the line just above or below (``0%
    100%  200%`` over ``Price  PPC  PPC  PPC``): the line of speeds is a header too, not a row of values."""
    lines, roles, cells = analysis.lines, analysis.roles, analysis.cells
    for j, role in enumerate(roles):
        if role == ROW:  # most rows start with a price or a date: only those starting with a word are looked at
            if _letter_first(lines[j].text) and _speeds_by_label(analysis, j):
                roles[j] = HEADER
            continue
        if role != OTHER or lines[j].kind != TEXT:
            continue
        found = cells[j]  # read already: every line but a plain number row is
        if len(found) < 2 or not _UNIT_CELL.fullmatch(found[-1][2]):
            continue  # units in every cell after the row header, so in the last one
        units = _tail(found, _UNIT_CELL)
        if len(units) < 2:
            continue
        for k in (j - 1, j + 1):
            if 0 <= k < len(lines) and lines[k].kind == TEXT and roles[k] == ROW:
                speeds = _tail(cells[k], _SPEED_CELL)
                if len(speeds) == len(units) and all(abs(center(a[:2]) - center(b[:2])) <= _SPLIT_SPEED_SLACK
                                                     for a, b in zip(speeds, units)):
                    roles[k] = HEADER


def _letter_first(text: str) -> bool:
    """The line's first printed character is an ASCII letter."""
    for char in text:  # a loop, not a stripped copy of the line: this runs on every row of every grid
        if char != " ":
            return "A" <= char <= "Z" or "a" <= char <= "z"
    return False


def _speeds_by_label(analysis: Analysis, j: int) -> bool:
    """Bare speeds whose unit a label prints (``Prepay (PSA)  100  200``, ``PSA  100  200``) over the grid, or
    under a heading that does (``Prepayment Speed (PPC)`` over ``Price  50  100``): a header, not a row."""
    text = analysis.lines[j].text.lstrip(" ")
    label = text[: text.find("  ")] if "  " in text else text
    if not speed_label(label) and label_key(label) not in ROW_HEADER_WORDS:
        return False  # read only the cells of a line labelled like a header (most footers are not)
    found = analysis.cells[j]
    if len(found) < 3 or found[0][3] or not all(_SPEED_CELL.fullmatch(cell[2]) for cell in found[1:]):
        return False
    below = analysis.lines[j + 1] if j + 1 < len(analysis.lines) else None
    if speed_label(found[0][2]):
        return below is not None and below.kind == TEXT
    above = j - 1
    return label_key(found[0][2]) in ROW_HEADER_WORDS and above >= 0 and analysis.lines[above].kind == TEXT and \
        analysis.roles[above] in (HEADER, OTHER) and any(speed_heading(cell[2]) for cell in analysis.cells[above])


def _tail(found: list[Cell], pattern: re.Pattern[str]) -> list[Cell]:
    """The cells after a row header (``Price``), or all cells, when every one of them matches ``pattern``."""
    tail = found[1:] if found and label_key(found[0][2]) in _SPEED_ROW_HEADERS else found
    return tail if all(pattern.fullmatch(cell[2]) for cell in tail) else []


def line_role(cells: list[Cell]) -> int:
    if not cells:
        return OTHER
    first, rest = cells[0], cells[1:]
    if rest and label_key(first[2]) in ROW_HEADER_WORDS and label_key(rest[0][2]) in MEASURE_HEADINGS:
        rest = rest[1:]  # "Price  Measure  10 CPR  20 CPR": the measure words' column, then the scenarios
    if len(cells) >= 2 and (_all_scenarios(cells) or _numbered(cells)):
        return HEADER
    if rest and not first[3] and ((len(rest) >= 2 and _all_scenarios(rest)) or _numbered(rest)):
        return HEADER
    if len(rest) == 1 and label_key(first[2]) in ROW_HEADER_WORDS and (_all_scenarios(rest) or rest[0][2] == "1"):
        return HEADER  # a grid of one column: "Price  100 PPC"
    if is_fact_line(cells):
        return FACTS
    values = sum(1 for cell in rest if cell[3])
    if (values >= 2 or (values == 1 and (first[3] or label_key(first[2]) in MEASURE_WORDS))) and \
            values * 2 >= len(rest):
        return ROW
    return OTHER


def _all_scenarios(cells: list[Cell]) -> bool:
    return all(cell[3] and is_speed(cell[2]) for cell in cells)


def _numbered(cells: list[Cell]) -> bool:
    return len(cells) >= 2 and cells[0][2] == "1" and all(cell[2] == str(k) for k, cell in enumerate(cells, 1))


def _mark_summary_facts(analysis: Analysis, at: int) -> None:
    """Lines above a tranche table, up to its title, are the deal summary's facts even when they look like rows."""
    previous = OTHER
    for j in range(at - 1, max(-1, at - _SUMMARY_REACH), -1):
        line, role = analysis.lines[j], analysis.roles[j]
        if line.kind == PAGE or role in (TITLE, HEADER):
            return
        if role == ROW:
            above = next((analysis.roles[k] for k in range(j - 1, max(-1, j - _SUMMARY_REACH), -1)
                          if analysis.lines[k].kind == TEXT), OTHER)
            if above == ROW and previous != FACTS:
                return
            analysis.roles[j] = FACTS
        if line.kind == TEXT:
            previous = analysis.roles[j]


def _mark_tranche_rows(analysis: Analysis, at: int) -> None:
    """Lines under a tranche header that start with a class name under its class column are rows of the tranche
    table, whatever else they print (``1-A1  $150,000,000 (approx.)  Floating  1.00  AAA/Aaa``)."""
    class_end = analysis.cells[at][0][1]
    blanks = 0
    for j in range(at + 1, min(len(analysis.lines), at + _SUMMARY_REACH)):
        kind = analysis.lines[j].kind
        if kind == BLANK:
            blanks += 1
            if blanks > _MAX_BODY_GAP:
                return
            continue
        if kind == PAGE or (kind == TEXT and analysis.roles[j] == TITLE):
            return
        if kind != TEXT:
            continue
        blanks = 0
        first = analysis.cells[j][0]
        if first[0] < class_end and not first[3] and is_class_name(first[2]) and len(analysis.cells[j]) > 1:
            analysis.roles[j] = ROW
        elif analysis.roles[j] != ROW and j > at + 1 and analysis.roles[j - 1] == ROW:
            return


def body_rows(analysis: Analysis, start: int) -> list[int]:
    """Line numbers of the rows of the grid whose first row is ``start``."""
    rows = [start]
    blanks = 0
    j = start + 1
    lines, roles = analysis.lines, analysis.roles
    header: set[str] | None = None
    while j < len(lines):
        kind = lines[j].kind
        if kind == BLANK:
            blanks += 1
            if blanks > _MAX_BODY_GAP:
                break
        elif kind == PAGE:
            break
        elif kind == TEXT:
            if roles[j] != ROW:  # the grid's header printed again, mid-table (a page break not marked)
                if header is None:
                    header = {lines[h].text.strip() for h in header_lines(analysis, start, -1)}
                if lines[j].text.strip() in header:
                    j += 1
                    continue
            if roles[j] == ROW or (roles[j] in (HEADER, OTHER) and _aligned(analysis, rows, j)):
                rows.append(j)
                blanks = 0
            else:
                break
        j += 1
    return rows


def _aligned(analysis: Analysis, rows: list[int], j: int) -> bool:
    """A line that is not a row by itself, printed in the grid's columns (a footer such as ``Optional Redemption
    Call (N)  Call (N)``, or a price row whose values were cut off), or a label where the rows print theirs
    followed by values (``WAL  8.53`` under a grid of one column, or in a column no row above filled). The
    columns are those of the first rows, the last one and the rows that are not plain numbers."""
    cells = analysis.cells[j]
    read = analysis.cells.read
    body = [analysis.cells[r] for k, r in enumerate(rows) if k < _SAMPLE_ROWS or k == len(rows) - 1 or read(r)]
    columns = find_columns([row[1:] for row in body])[0]
    if not columns:
        return False
    label_end = max(row[0][1] for row in body if row)
    if len(cells) == 1:  # a price whose values were cut off, or a measure over its values ("Weighted Average Life")
        label = cells[0][3] or starts_a_measure(cells[0][2])
        return label and cells[0][0] < label_end and (cells[0][1] <= columns[0][0] or not cells[0][3])
    tail = cells[1:] if cells[0][0] < columns[0][0] else cells
    hits = [sum(1 for left, right in columns if cell[0] < right and left < cell[1]) for cell in tail]
    if all(hit == 1 for hit in hits):
        return True
    starts = [row[0][0] for row in body if row]
    labelled = min(starts) - 2 <= cells[0][0] <= max(starts) + 2 and cells[0][1] <= columns[0][0] + 1
    return labelled and all(cell[3] for cell in tail) and all(hit <= 1 for hit in hits)


def header_lines(analysis: Analysis, start: int, floor: int) -> list[int]:
    """Line numbers of the header lines over the grid starting at ``start`` (not above line ``floor``)."""
    found: list[int] = []
    blanks = 0
    j = start - 1
    while j > floor and len(found) < _MAX_HEADER_LINES:
        kind = analysis.lines[j].kind
        if kind == PAGE:
            break
        if kind == BLANK:
            blanks += 1
            if blanks > (1 if found else _MAX_BODY_GAP):
                break
        elif kind == TEXT:
            if analysis.roles[j] not in (HEADER, OTHER) or not (
                    _header_like(analysis.cells[j]) or measure_tokens(analysis.lines[j].text)):
                break
            found.insert(0, j)
            blanks = 0
        j -= 1
    return found


def _header_like(cells: list[Cell]) -> bool:
    """Two cells or more, or one short indented cell (a measure or group name over the values)."""
    if len(cells) != 1:
        return bool(cells)
    start, _end, text, _value = cells[0]
    return start >= 8 and len(text.split()) <= 4 and not text.endswith(":")
