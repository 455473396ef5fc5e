"""The header lines over a grid: which printed text names which column.

A header line is read as tokens: a measure line (``Yield  Yield``, ``Disc Margin Disc Margin``, ``Break CDR
Collat Cum Group Loss``) token by known measure phrase, any other line by cells. The token over the row labels
(``Price``, ``Date``, ``Disc Margin``) is the row header. The other tokens go to columns: in order when there
are as many as columns, by position otherwise: a token over several columns (``Forward LIBOR``) names each
column from its start to the next token's start; a token over no column of values (a grid cut before its last
columns) adds a column of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from crawler.edgar.cm.cells import Cell, line_cells
from crawler.edgar.cm.columns import Span, center, overlap
from crawler.edgar.cm.values import is_speed, label_key, scenario
from crawler.edgar.cm.vocabulary import MEASURE_WORDS

_PHRASES = frozenset(tuple(words.split()) for words in MEASURE_WORDS)
_PREFIXES = frozenset(phrase[:n] for phrase in _PHRASES for n in range(1, len(phrase) + 1))
_LONGEST_MEASURE = max(len(phrase) for phrase in _PHRASES)
ROW_HEADER_WORDS = frozenset((
    "price", "prices", "yield", "disc margin", "discount margin", "dm", "date", "dates", "period", "month",
    "severity", "loss severity", "spread", "class", "tranche", "tranche name", "payment date", "distribution date",
))


@dataclass(slots=True)
class HeaderLine:
    tokens: list[Cell]
    is_measure: bool
    row_header: str | None = None
    scenarios: bool = False  # most tokens are scenarios (``100 PPC``)
    per_column: list[str | None] = field(default_factory=list)


def starts_a_measure(text: str) -> bool:
    """``Weighted Average``: the first words of a measure phrase printed on two lines."""
    return tuple(label_key(text).split()) in _PREFIXES


def measure_tokens(text: str) -> list[Cell] | None:
    """The tokens of a line made only of measure phrases (``Disc Margin Disc Margin``), or of a row header then
    measure phrases (``Loss Severity  Break CDR  Cum Loss``), else None."""
    found = _measure_tokens(text)
    if found is None and "  " in text.strip():
        body = text.lstrip(" ")
        start, end = len(text) - len(body), body.find("  ")
        if label_key(body[:end]) in ROW_HEADER_WORDS:
            rest = _measure_tokens(" " * (start + end) + text[start + end :])
            return [(start, start + end, body[:end], False), *rest] if rest else None
    return None if found is None else list(found)


@lru_cache(maxsize=4_096)
def _measure_tokens(text: str) -> tuple[Cell, ...] | None:
    printed = text.split()  # the words \S+ finds: str.split and the regex take the same characters for blanks
    if not printed or (printed[0].lower().rstrip(":"),) not in _PREFIXES:
        return None
    words: list[tuple[int, int, str]] = []
    position = 0
    for word in printed:
        start = text.find(word, position)  # only blanks lie between the previous word and this one
        position = start + len(word)
        words.append((start, position, word.lower().rstrip(":")))
    tokens: list[Cell] = []
    i = 0
    while i < len(words):
        longest, phrase = 0, ()  # type: int, tuple[str, ...]
        for size in range(1, min(_LONGEST_MEASURE, len(words) - i) + 1):
            if words[i + size - 1][0] - words[i + size - 2][1] != 1 and size > 1:
                break  # a phrase is printed with single blanks
            phrase = (*phrase, words[i + size - 1][2])
            if phrase not in _PREFIXES:
                break
            if phrase in _PHRASES:
                longest = size
        if not longest:
            return None
        tokens.append((words[i][0], words[i + longest - 1][1], text[words[i][0] : words[i + longest - 1][1]], False))
        i += longest
    return tuple(tokens) or None


def read_header_line(text: str, label_end: int, first_column: int,
                     measured: list[Cell] | None = None) -> HeaderLine:
    """Tokens of a header line; the first one is the row header when it starts over the row labels (before
    ``label_end``; ``first_column`` is where the values start). ``measured``: its measure tokens, if known."""
    tokens = measured if measured is not None else measure_tokens(text)
    is_measure = tokens is not None
    if tokens is None:
        tokens = line_cells(text)
    row_header = None
    if tokens:
        first = tokens[0]
        over_labels = first[0] < max(label_end, 1)  # printed over the row labels, not over a group of columns
        if over_labels and scenario(first[2])[0] is None and not first[2].replace(".", "").isdigit():
            row_header = first[2]
            tokens = tokens[1:]
    speeds = sum(1 for t in tokens if is_speed(t[2]))
    return HeaderLine(tokens, is_measure, row_header, speeds * 2 > len(tokens))


def assign(tokens: list[Cell], columns: list[Span]) -> tuple[list[Span], list[str | None], list[str]]:
    """Columns (possibly with ones only a header names) and the token text naming each."""
    if not tokens:
        return columns, [None] * len(columns), []
    if len(tokens) == len(columns):
        return columns, [t[2] for t in tokens], []
    if len(tokens) < len(columns):
        return columns, _spanning(tokens, columns), []
    return _with_header_only_columns(tokens, columns)


def _spanning(tokens: list[Cell], columns: list[Span]) -> list[str | None]:
    """Fewer tokens than columns: group headers when each token starts a run of equally many columns (``Forward
    LIBOR`` over Break CDR and Cum Loss), else each column named by the token over it, if any."""
    owners = []
    for column in columns:
        starts = [k for k, token in enumerate(tokens) if token[0] < column[1]]
        owners.append(starts[-1] if starts else None)
    runs = [owners.count(k) for k in range(len(tokens))]
    if None not in owners and len(set(runs)) == 1:
        return [tokens[k][2] for k in owners]  # type: ignore[index]
    names: list[str | None] = []
    for column in columns:
        over = [t for t in tokens if overlap((t[0], t[1]), column)]
        names.append(over[0][2] if len(over) == 1 else None)
    return names


def _with_header_only_columns(tokens: list[Cell], columns: list[Span]) -> tuple[list[Span], list[str | None],
                                                                                 list[str]]:
    """More tokens than columns of values: match each column to the token over it, add the others."""
    matched: dict[int, int] = {}
    for c, column in enumerate(columns):
        best = max(range(len(tokens)), key=lambda k: (overlap((tokens[k][0], tokens[k][1]), column),
                                                      -abs(center((tokens[k][0], tokens[k][1])) - center(column))))
        matched[c] = best
    order = [matched[c] for c in range(len(columns))]
    if len(set(order)) != len(order) or order != sorted(order):
        return columns, [None] * len(columns), [
            f"{len(tokens)} column headers over {len(columns)} columns of values could not be matched; "
            "the columns are left unnamed"]
    by_token = {k: c for c, k in matched.items()}
    spans: list[Span] = []
    names: list[str | None] = []
    for k, token in enumerate(tokens):
        spans.append(columns[by_token[k]] if k in by_token else (token[0], token[1]))
        names.append(token[2])
    return spans, names, []
