"""The per-line scans of the bulk of a grid, answered in C when ``crawler/edgar/cm/_scan.c`` is built
(:mod:`crawler.native`), else left to the Python of their callers.

Each scan answers only when it is sure its answer is the Python one, and says *undecided* otherwise (``-1`` or
``False``): for lines that are not ASCII, and for the rare rows whose reading needs :func:`cells.split_chunk`. Its
callers then run their own Python, which is therefore the specification of the C code
(``tests/edgar/cm/test_scan.py`` compares the two on generated lines). Without the build every scan is undecided.
:data:`split_gaps` always answers: in C, or by the regular expression it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Cell = tuple[int, int, str, bool]
CutRow = tuple[Cell, list[str | None]]
UNDECIDED: Literal[-1] = -1


def _kind_undecided(line: str) -> int:
    return UNDECIDED


def _cells_undecided(line: str) -> tuple[int, int, list[Cell]] | Literal[False] | None:
    return False


def _cut_undecided(text: str, bounds: tuple[int, ...], tight: tuple[int, ...]) -> CutRow | Literal[False] | None:
    return False


number_row_kind: Callable[[str], int]
"""0: not a plain number row; 1: one whose label has no blank; 2: one whose label has one (to be read); -1."""
number_cells: Callable[[str], tuple[int, int, list[Cell]] | Literal[False] | None]
"""(label start, label end, the value cells) of a label then plain numbers or 32nds; None; False: undecided."""
cut: Callable[[str, tuple[int, ...], tuple[int, ...]], CutRow | Literal[False] | None]
"""A row cut at fixed columns (``bounds``: left, right of each), as ``grid._Cutter.cut``; None; False: undecided."""

split_gaps: Callable[[str], list[str]]
"""``re.split(r"( {2,})", line)``: the texts between runs of two blanks or more, each run kept between them."""

try:
    from crawler.edgar.cm import _scan
except ImportError:
    BUILT = False
    number_row_kind, number_cells, cut = _kind_undecided, _cells_undecided, _cut_undecided
    split_gaps = re.compile(r"( {2,})").split
else:
    BUILT = True
    number_row_kind, number_cells, cut = _scan.number_row_kind, _scan.number_cells, _scan.cut
    split_gaps = _scan.split_gaps
