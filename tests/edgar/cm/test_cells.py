"""A printed line as cells: two blanks separate cells, one blank separates two values or a label from values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.cm import cells
from crawler.edgar.cm.cells import is_value, line_cells, value_then_label


def _texts(line: str) -> list[tuple[str, bool]]:
    return [(cell[2], cell[3]) for cell in line_cells(line)]


def test_cells_and_their_spans() -> None:
    assert line_cells("   96-04     5.487  (4.51)") == [(3, 8, "96-04", True), (13, 18, "5.487", True),
                                                       (20, 26, "(4.51)", True)]
    assert line_cells(" 5.1") == [(1, 4, "5.1", True)]


def test_one_blank_between_values_or_after_a_label() -> None:
    assert _texts("SUBORD  21,063,829.80  6  11/04 - 09/34 10.01  01-Oct-04  FIX") == [
        ("SUBORD", False), ("21,063,829.80", True), ("6", True), ("11/04 - 09/34", True), ("10.01", True),
        ("01-Oct-04", True), ("FIX", False)]
    assert _texts("Coupon 5.7500 Dated 06/01/2005 NET 5.7500 WALA 0") == [
        ("Coupon", False), ("5.7500", True), ("Dated", False), ("06/01/2005", True), ("NET", False), ("5.7500", True),
        ("WALA", False), ("0", True)]
    assert _texts("Mult / Margin 1.00 / 0.50") == [("Mult / Margin", False), ("1.00 / 0.50", True)]
    assert _texts("Index LIBOR_1MO | 2") == [("Index", False), ("LIBOR_1MO | 2", True)]


def test_what_stays_one_cell() -> None:
    assert _texts("35% Severity") == [("35% Severity", False)]
    assert _texts("100 PPC") == [("100 PPC", True)] and _texts("65PPC") == [("65PPC", True)]
    assert _texts("109,634,656.87 (14.62%)") == [("109,634,656.87 (14.62%)", True)]
    assert _texts("Aug05 - Jul35") == [("Aug05 - Jul35", True)]
    assert _texts("(Ramp from 6 to 20CPR in 12 months)") == [("(Ramp from 6 to 20CPR in 12 months)", False)]
    assert _texts("Forward LIBOR + 150") == [("Forward LIBOR + 150", False)]
    assert _texts("Defaults on Top of Prepayment.") == [("Defaults on Top of Prepayment.", False)]


def test_values_and_words() -> None:
    assert all(is_value(t) for t in ("5.497", "-4.51", "$20,000,000.00", "99-24+", "100-15.50", "7/1/2005", "11/04",
                                      "28-Oct-2004", "Jul05", "N/A", "14.62%", "LIBOR_1MO", "*", "-"))
    assert not any(is_value(t) for t in ("Price", "WAC(1)", "1st", "12-mo", "2A1", "212-250-2669", "1,2,3", ""))


def test_a_value_then_the_next_label() -> None:
    cell = (10, 30, "LIBOR_1MO | 3.86 WAC", False)
    assert value_then_label(cell) == [(10, 26, "LIBOR_1MO | 3.86", True), (27, 30, "WAC", False)]
    assert value_then_label((0, 36, "12/25/2003 Mult / Margin 1.00 / 0.70", False)) == [
        (0, 10, "12/25/2003", True), (11, 24, "Mult / Margin", False), (25, 36, "1.00 / 0.70", True)]
    assert value_then_label((0, 12, "35% Severity", False)) == [(0, 3, "35%", True), (4, 12, "Severity", False)]
    assert value_then_label((0, 10, "Price Only", False)) is None
    assert value_then_label((0, 14, "12 mo lag time", False)) is None


_words = st.sampled_from(("96-04", "5.487", "(4.51)", "99-24+", "WAL", "Mod Durn", "35% Severity", "1,204", "12.5%",
                          "Jul05", "N/A", "$1,000.00", "Price", "x", "-3", "100 PPC", "(1.2%)", "2A1", "1,2,3"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), _words), min_size=1, max_size=9))
def test_the_fast_reading_of_number_rows_equals_the_general_one(parts: list[tuple[int, str]]) -> None:
    line = "".join(" " * blanks + word for blanks, word in parts).rstrip()
    fast = cells.number_row(line)
    assert fast is None or fast == cells.general_cells(line)


def test_each_reader_gives_a_fresh_list_that_its_cache_does_not_share() -> None:
    line = "Balance  $20,000,000.00  Delay  24  Mult / Margin 1.00 / 0.50"
    first = cells.general_cells(line)
    expected = list(first)
    first.clear()
    assert cells.general_cells(line) == expected
    chunk = cells.split_chunk(0, "WALA 0")
    chunk.append((0, 0, "x", False))
    assert cells.split_chunk(0, "WALA 0") == [(0, 4, "WALA", False), (5, 6, "0", True)]
    assert cells.split_chunk(10, "WALA 0") == [(10, 14, "WALA", False), (15, 16, "0", True)]


_number_rows = st.lists(st.tuples(st.integers(2, 4), _words), min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(_number_rows, min_size=1, max_size=6))
def test_a_number_row_reads_the_same_whatever_tokens_were_seen_before(rows: list[list[tuple[int, str]]]) -> None:
    lines = ["".join(" " * blanks + word for blanks, word in parts).rstrip() for parts in rows]
    cells._NUMBER_TOKENS.clear()
    cold = [(cells.is_number_row(line), cells.number_row(line)) for line in lines]
    warm = [(cells.is_number_row(line), cells.number_row(line)) for line in reversed(lines)]
    cells._NUMBER_TOKENS.clear()
    assert warm[::-1] == cold
    assert [(cells.is_number_row(line), cells.number_row(line)) for line in lines] == cold
