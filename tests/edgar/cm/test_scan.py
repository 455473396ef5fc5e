"""The scans in C (crawler/edgar/cm/_scan.c) against their specification, the Python of their callers
(cells._is_number_row, cells._number_cells, grid._Cutter.read): wherever C answers, it answers what Python
answers, on hand-written rows and on generated lines, tokens and column layouts."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler import native
from crawler.edgar.cm import cells, scan
from crawler.edgar.cm.grid import _Cutter

NUMBERS = ("99-16", "99-24+", "100-15.50", "99-24.000", "99-245", "99-248", "1-1", "1234-5", "5.", ".5", "1,234.5",
           "1,2345", "12,34", "1234,567", "(4.51)", "(4.51", "(5)%", "-0.5%", "+3*", "$1,000", "-$1,000.25%*",
           "($1,000.00)", "0", "1", "00", "1.2.3", "--", "-", "+", "N/A", "5.531", "100", "7.0%", "99-2.", "99-2+.5")
LABELS = ("", "99-16", "WAL", "Mod Durn", "35% Severity", "Class A1", "Tranche", "1", "Yield @ 100 PPC", "Avg Life",
          "WAL (yrs)", "A", "Price  ", "5.5%")
GAPS = (" ", "  ", "   ", "      ", "  ", "   ", "    ", "\t", " \x0c ", " \x1c ", "  \x1f")  # mostly columns
SHIFTS = (0, 0, 0, 0, 0, 0, -1, 1, -2, 2)  # mostly at the column


@pytest.fixture(scope="module")
def c_scan() -> ModuleType:
    """The built C module, loaded from the build whatever EDGAR_CM_PURE says (built here when missing)."""
    built = native.native_dir(environ={}) or native.build()
    path = next(built.glob("_scan.*"), None)
    assert path is not None, f"{built} holds no _scan extension: run `make native`"
    spec = importlib.util.spec_from_file_location("crawler.edgar.cm._scan", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _is_number_row(c_scan: ModuleType, line: str) -> bool | None:
    kind = c_scan.number_row_kind(line)
    assert kind in (scan.UNDECIDED, 0, 1, 2)
    if kind == scan.UNDECIDED:
        return None
    return kind == 1 or (kind == 2 and cells.number_row(line) is not None)


def _agrees_on_line(c_scan: ModuleType, line: str) -> None:
    answer = _is_number_row(c_scan, line)
    if answer is not None:
        assert answer == cells._is_number_row(line), line
    found = c_scan.number_cells(line)
    if found is not False:
        assert found == cells._number_cells(line), line


def test_a_price_row_is_read_in_c(c_scan: ModuleType) -> None:
    line = "      99-16     5.231   5.196    (4.51)"
    assert c_scan.number_row_kind(line) == 1
    assert c_scan.number_cells(line) == (6, 11, [(16, 21, "5.231", True), (24, 29, "5.196", True),
                                                 (33, 39, "(4.51)", True)])


def test_rows_c_does_not_read_are_left_to_python(c_scan: ModuleType) -> None:
    assert c_scan.number_row_kind("      99\u00bd    5.231   5.196   5.100") == scan.UNDECIDED
    assert c_scan.number_cells("WAL \u2014 years  5.2  5.3") is False
    assert c_scan.cut("  99-16   5.23  5.31", (10, 14, 16, 20), ()) == ((2, 7, "99-16", False), ["5.23", "5.31"])
    assert c_scan.cut("  Mod Durn   5.23  5.31", (13, 17, 19, 23), ()) is False  # a label of two words
    assert c_scan.cut("  99-16   5.2 3  5.31", (10, 15, 17, 21), ()) is False  # a value of two words


def test_words_columns_numbers_classes_and_tabs_are_not_number_rows(c_scan: ModuleType) -> None:
    for line in ("Price  1  2  3", "Class A  1.0  2.0  3.0", "Tranche  1.0  2.0  3.0", "99-16  5.2\t5.3  5.4",
                 "WAL  5.2  5.3", "99-16  5.2  5.3  PPC"):
        assert c_scan.number_row_kind(line) == 0, line
        assert cells._is_number_row(line) is False, line


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.sampled_from(NUMBERS), st.text(alphabet="0123456789.,-+$%*()", min_size=1, max_size=12)))
def test_number_tokens_are_told_as_python_tells_them(c_scan: ModuleType, token: str) -> None:
    line = f"  99-16   5.0   6.0   {token}"
    assert (c_scan.number_row_kind(line) == 1) == cells._all_number_tokens(line.split()[1:])
    _agrees_on_line(c_scan, line)


@st.composite
def printed_lines(draw: st.DrawFn) -> str:
    label = draw(st.one_of(st.sampled_from(LABELS), st.text(alphabet="AB1 -.%", max_size=8)))
    tokens = draw(st.lists(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(NUMBERS),
                                     st.text(alphabet="0123456789.-A ", max_size=6)), max_size=7))
    line = " " * draw(st.integers(0, 8)) + label
    for token in tokens:
        line += draw(st.sampled_from(GAPS)) + token
    return line.rstrip() if draw(st.booleans()) else line


@st.composite
def number_rows(draw: st.DrawFn) -> str:
    """A label then three or more numbers, most of them plain numbers or 32nds."""
    values = draw(st.lists(st.sampled_from(NUMBERS[:30]), min_size=3, max_size=8))
    line = " " * draw(st.integers(0, 8)) + draw(st.sampled_from(LABELS))
    return line + "".join(draw(st.sampled_from(GAPS[1:7])) + value for value in values)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(printed_lines(), number_rows(), st.text(alphabet=" 0123456789.-+,$%*()ACs\t\u00bd", max_size=50)))
def test_lines_are_read_as_python_reads_them(c_scan: ModuleType, line: str) -> None:
    _agrees_on_line(c_scan, line)


@st.composite
def grid_rows(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A row printed near columns: tokens right-aligned at their column, some shifted or overflowing."""
    label = draw(st.one_of(st.sampled_from(LABELS), st.sampled_from(NUMBERS), st.text(alphabet="AB1 -.%", max_size=8)))
    at = draw(st.integers(0, 3))
    columns = []
    left = at + len(label) + draw(st.sampled_from((2, 2, 3, 4, 1, 0)))
    for _ in range(draw(st.integers(1, 5))):
        width = draw(st.integers(1, 8))
        columns.append((left, left + width))
        left += width + draw(st.integers(0, 3))
    chars = [" "] * (left + 6)
    chars[at : at + len(label)] = label
    for _, right in columns:
        token = draw(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(NUMBERS), st.just(""),
                               st.text(alphabet="0123456789.- ", max_size=5)))
        end = max(len(token), min(len(chars), right + draw(st.sampled_from(SHIFTS))))
        chars[end - len(token) : end] = token
    text = "".join(chars)[: len(chars)]
    return (text.rstrip() if draw(st.booleans()) else text), columns


@settings(max_examples=4000, deadline=None)
@given(grid_rows())
def test_rows_are_cut_as_python_cuts_them(c_scan: ModuleType, row: tuple[str, list[tuple[int, int]]]) -> None:
    text, columns = row
    cutter = _Cutter(columns, [text])
    found = c_scan.cut(text, cutter.bounds, cutter.tight_at)
    if found is not False:
        assert found == cutter.read(text), (text, columns)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(printed_lines(), st.text(alphabet="  a1.\u00bd\u4e00\U0001f600\t", max_size=40)))
def test_gaps_split_a_line_as_the_regular_expression_does(c_scan: ModuleType, line: str) -> None:
    assert c_scan.split_gaps(line) == re.split(r"( {2,})", line)
