"""A printed line as cells: the text between runs of two or more blanks, split further where one blank separates
two values (``09/34 10.01``) or a label from its values (``WALA 0``).

A cell is ``(start, end, text, is_value)``: its character span in the line, its verbatim text and whether it
reads as a value (a number, a price, a percentage, a date, a window, a scenario such as ``100 PPC``, an index
name such as ``LIBOR_1MO``, ``N/A``) rather than a word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Protocol

from crawler.edgar.cm import scan
from crawler.edgar.cm.vocabulary import UNITS

Cell = tuple[int, int, str, bool]

_NULL_WORDS = frozenset(("N/A", "NA", "n/a", "na", "NM"))
_WORD = re.compile(r"\S+")
_NUMBER = r"[-+(]?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?%?\*?\)?|[-+(]?\$?\.\d+%?\)?"
_PRICE32 = r"\d{1,3}-\d{1,2}(?:\.\d+|[0-7]|[\u00bc\u00bd\u00be])?\+?"
_DATES = r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}-[A-Za-z]{3}-\d{2,4}|[A-Z][a-z]{2}-?\d{2}"
_NULLS = r"N/?A|n/?a|NM|\*|--?"
_GLUED_SCENARIO = rf"\d+(?:\.\d+)?%?(?:{'|'.join(UNITS)}|{'|'.join(u.lower() for u in UNITS)})"
_INDEX_NAME = r"[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]"  # LIBOR_1MO
_GLUED_WINDOW = rf"(?:{_DATES})[-\u2013\u2014](?:{_DATES})"  # Apr05-Jun16, 11/04-08/09
_BRACKETED = rf"\[(?:{_NUMBER})\]"  # a preliminary figure: [$25,000,000], [5.50%]
VALUE_WORD = re.compile(rf"(?:{_NUMBER}|{_PRICE32}|{_DATES}|{_NULLS}|{_GLUED_SCENARIO}|{_INDEX_NAME}|{_GLUED_WINDOW}"
                        rf"|{_BRACKETED})")
_PLAIN_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?"
_FAST_VALUE = rf"(?:[-+]?\$?{_PLAIN_NUMBER}%?\*?|\(\$?{_PLAIN_NUMBER}\)|{_PRICE32})"
_FAST_VALUE_WORD: Final = re.compile(_FAST_VALUE)  # a plain number or 32nds: always a value word
NUMERIC_END: Final = frozenset("0123456789)%+*")  # the last characters a line of values can have
_WHOLE_VALUE = re.compile(rf"\d+(?:\.\d+)?%? (?:{'|'.join(UNITS)})|{_FAST_VALUE} \(-?\d+(?:\.\d+)?%\)"
                          rf"|\d{{1,3}} \d{{1,2}}\+?/32|\d{{1,3}}-\d{{2}} [1-7]/[248]"  # 99 24/32, 99-24 1/4
                          rf"|(?:{'|'.join(UNITS)}) \d+(?:\.\d+)?%?"  # CPR 15
                          r"|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"  # October 25, 2005
                          rf"|{_FAST_VALUE} \((?i:approx)\.?\)|\[ *\]")  # "$100,000,000 (approx.)", a "[ ]" blank
_WINDOW_CHUNK = re.compile(r"([^ -][^ ]*) [-\u2013\u2014] ([^ ]+)")  # "Apr05 - Jan35", an en dash from HTML
_JOINER = frozenset(("-", "--", "+", "/", "|"))
_UNIT = re.compile(rf"(?:{'|'.join(UNITS)}|%)", re.IGNORECASE)
_PAREN_PERCENT = re.compile(r"\(-?\d+(?:\.\d+)?%\)")
_FOOTNOTE_MARK = re.compile(r"\(\d{1,2}\)")

_LOWER_LABEL_WORDS = frozenset(("yrs", "years", "yr", "mo", "mos", "bp", "bps", "st", "nd", "rd", "th"))
_CACHED = 16_384  # distinct texts remembered by each cache below (the least recently used dropped)
_NUMBER_TOKENS: Final[set[str]] = set()
_CACHED_LINES = 4_096  # lines are long: about 3 MB of cells when full
_CACHED_TOKENS: Final = 32_768  # a grid's values are many and short: about 5 MB when full (then emptied)
_V: Final = 0  # word kinds: value, joiner, unit, (percent), other word
_J: Final = 1
_U: Final = 2
_P: Final = 3
_W: Final = 4
_ENDS_VALUE = (_V, _U, _P)


@lru_cache(maxsize=_CACHED)
def _kind(word: str) -> int:
    if word in _JOINER:
        return _J
    if _PAREN_PERCENT.fullmatch(word):
        return _P
    if _is_value_word(word):
        return _V
    if _UNIT.fullmatch(word):
        return _U
    return _W


def _is_prose_word(word: str) -> bool:
    """A lower-case word such as ``from``: the chunk is a phrase, not ``Label value`` pairs."""
    bare = word.lstrip("(")
    return bool(bare) and bare[0].islower() and bare.rstrip(":).,") not in _LOWER_LABEL_WORDS


class CellRows(Protocol):
    """The cells of some lines by index (a list, :class:`LazyCells`, or a grid's rows of them)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int) -> list[Cell]: ...


class LazyCells:
    """The cells of many lines, each read when first asked for (most grid rows never need theirs)."""

    __slots__ = ("_texts", "_cells")

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._cells: list[list[Cell] | None] = [None] * len(texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index: int) -> list[Cell]:
        found = self._cells[index]
        if found is None:
            text = self._texts[index]
            found = self._cells[index] = line_cells(text) if text else []
        return found

    def read(self, index: int) -> bool:
        """Whether the cells of line ``index`` were read already (lines that are not plain number rows)."""
        return self._cells[index] is not None


def is_number_row(line: str) -> bool:
    """A label then three or more plain numbers or 32nds, not column numbers (``Price  1  2  3``): the bulk of a
    grid, told without reading its cells. The same lines give :func:`number_row` cells that are all values."""
    kind = scan.number_row_kind(line)
    if kind == scan.UNDECIDED:
        return _is_number_row(line)
    return kind == 1 or (kind == 2 and number_row(line) is not None)


def _is_number_row(line: str) -> bool:
    body = line.lstrip(" ")
    start = len(line) - len(body)
    end = line.find("  ", start)
    if end <= start or "\t" in line or body.startswith(("Class", "Tranche")):
        return False
    tokens = line[end:].split()
    if len(tokens) < 3 or tokens[0] == "1":
        return False
    if not _all_number_tokens(tokens):
        return False
    label = line[start:end]
    return " " not in label or number_row(line) is not None


def line_cells(line: str) -> list[Cell]:
    """The cells of one printed line (no tabs, right-stripped), left to right."""
    if line and line[-1] in NUMERIC_END:
        cells = number_row(line)
        if cells is not None:
            return cells
    return general_cells(line)


def general_cells(line: str) -> list[Cell]:
    """:func:`line_cells` without the fast path (each distinct line read once)."""
    return list(_read_cells(line))


@lru_cache(maxsize=_CACHED_LINES)
def _read_cells(line: str) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    position = 0
    gap = False
    parts: list[str] = scan.split_gaps(line)  # typed, so that mypyc compiles str operations on each part
    for part in parts:
        if gap:
            position += len(part)
            gap = False
            continue
        gap = True
        if not part:
            continue
        start = position
        position += len(part)
        if part[0] == " ":  # one blank at the start of the line
            part = part.lstrip(" ")
            start = position - len(part)
        if " " in part:
            cells.extend(split_chunk(start, part))
        elif part.isdigit() or part.replace(".", "", 1).isdigit():
            cells.append((start, position, part, True))
        else:
            cells.append((start, position, part, _is_value_word(part)))
    return tuple(cells)


def number_row(line: str) -> list[Cell] | None:
    """Fast path for the bulk of a grid, a label followed by plain numbers or 32nds: the same cells as
    :func:`general_cells`, or None when the line is not that simple."""
    found = scan.number_cells(line)
    if found is False:
        found = _number_cells(line)
    if found is None:
        return None
    start, end, values = found
    cells: list[Cell] = [(start, end, "", False), *values]
    label = line[start:end]
    if " " not in label:
        cells[0] = (start, end, label, _is_value_word(label))
        return cells
    if any(_is_value_word(word) for word in label.split(" ")[1:]):
        return None
    parts = split_chunk(start, label)
    if len(parts) != 1:
        return None
    cells[0] = parts[0]
    return cells


def _number_cells(line: str) -> tuple[int, int, list[Cell]] | None:
    """(label start, label end, value cells) of a label then plain numbers or 32nds, else None."""
    body = line.lstrip(" ")
    start = len(line) - len(body)
    end = line.find("  ", start)
    if end <= start or "\t" in line:
        return None
    tokens = line[end:].split()
    if not _all_number_tokens(tokens):
        return None
    cells: list[Cell] = []
    append, find = cells.append, line.find
    position = end
    for token in tokens:
        at = find(token, position)
        position = at + len(token)
        append((at, position, token, True))
    return start, end, cells


def _all_number_tokens(tokens: list[str]) -> bool:
    """Every token a plain number or 32nds (each distinct token tested once)."""
    known = _NUMBER_TOKENS
    for token in tokens:
        if token not in known:
            if not (token.isdigit() or token.replace(".", "", 1).isdigit() or _FAST_VALUE_WORD.fullmatch(token)):
                return False
            if len(known) >= _CACHED_TOKENS:
                known.clear()
            known.add(token)
    return True


@lru_cache(maxsize=_CACHED)
def _is_value_word(word: str) -> bool:
    if word.isdigit() or word.replace(".", "", 1).isdigit():
        return True
    if word[0].isalpha() and not word[-1].isdigit() and word not in _NULL_WORDS and "_" not in word:
        return False
    return VALUE_WORD.fullmatch(word) is not None


def split_chunk(offset: int, text: str) -> list[Cell]:
    """The cells of a chunk of text printed with single blanks (``100 PPC``, ``WALA 0``, ``09/34 10.01``), the
    chunk starting at character ``offset`` of its line."""
    found = _read_chunk(text)
    if offset == 0:
        return list(found)
    return [(start + offset, end + offset, piece, value) for start, end, piece, value in found]


@lru_cache(maxsize=_CACHED)
def _read_chunk(text: str) -> tuple[Cell, ...]:
    if _WHOLE_VALUE.fullmatch(text):  # "100 PPC", "109,634,656.87 (14.62%)": read whole, the common cases
        return ((0, len(text), text, True),)
    window = _WINDOW_CHUNK.fullmatch(text)
    if window and _is_value_word(window.group(1)) and _is_value_word(window.group(2)):
        return ((0, len(text), text, True),)  # "Apr05 - Jan35"
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    kinds = [_kind(w[2]) for w in words]
    for i in range(1, len(words)):  # "WAL (1)": a footnote mark after a word is part of the label
        if kinds[i - 1] == _W and _FOOTNOTE_MARK.fullmatch(words[i][2]):
            kinds[i] = _W
    pairs = kinds[0] == _W and not any(k == _W and _is_prose_word(w[2]) for k, w in zip(kinds, words))
    pieces: list[list[int]] = []
    current = [0]
    for i in range(1, len(words)):
        before, kind = kinds[i - 1], kinds[i]
        if (kind == _V and before in _ENDS_VALUE) or (pairs and (
                (before == _W and kind == _V) or (before in _ENDS_VALUE and kind == _W))):
            pieces.append(current)
            current = [i]
        else:
            current.append(i)
    pieces.append(current)
    cells = []
    for piece in pieces:
        begin, end = words[piece[0]][0], words[piece[-1]][1]
        is_value = kinds[piece[0]] == _V and all(kinds[i] != _W for i in piece)
        cells.append((begin, end, text[begin:end], is_value))
    return tuple(cells)


def value_then_label(cell: Cell) -> list[Cell] | None:
    """A cell that is a value, one blank, then the next label (and its value...) as a tight header block prints
    it (``LIBOR_1MO | 3.86 WAC``, ``12/25/2003 Mult / Margin 1.00 / 0.50``): its cells, value first; or None."""
    start, _end, text, _value = cell
    words = [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text)]
    kinds = [_kind(w[2]) for w in words]
    labels = [kind == _W or (kind == _J and 0 < k < len(kinds) - 1 and kinds[k - 1] == _W and kinds[k + 1] == _W)
              for k, kind in enumerate(kinds)]
    if not kinds or kinds[0] != _V or all(not is_label for is_label in labels):
        return None
    pieces: list[Cell] = []
    first = 0
    for k in range(1, len(words) + 1):
        if k == len(words) or labels[k] != labels[first]:
            if labels[first] and not words[first][2][:1].isupper():
                return None
            begin, finish = words[first][0], words[k - 1][1]
            pieces.append((begin, finish, text[begin - start : finish - start], not labels[first]))
            first = k
    return pieces


def is_value(text: str) -> bool:
    """True when a whole cell text reads as a value (see :func:`line_cells`)."""
    cells = line_cells(text)
    return len(cells) == 1 and cells[0][3]
