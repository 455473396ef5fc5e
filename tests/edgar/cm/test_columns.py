"""Columns from the characters values occupy; a value is placed only where it is printed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.cm import columns
from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.columns import find_columns, place, place_members


def _values(lines: list[str]) -> list[list]:
    return [line_cells(line)[1:] for line in lines]


def test_right_and_left_aligned_columns() -> None:
    rows = _values(["96-00     5.497    -13.44   Aug05 - Jul35",
                    "96-04     15.487     8.11   Aug05 - Dec12",
                    "WAL        1.5       12.0   Aug05"])
    columns, members = find_columns(rows)
    assert columns == [(10, 16), (19, 25), (28, 41)]
    assert [place_members(cells, m, len(columns))[0] for cells, m in zip(rows, members)] == [
        ["5.497", "-13.44", "Aug05 - Jul35"], ["15.487", "8.11", "Aug05 - Dec12"], ["1.5", "12.0", "Aug05"]]


def test_a_wide_cell_joining_two_columns_is_split_off_and_left_out() -> None:
    rows = _values(["p1   5.1     6.2", "p2   5.1     6.2", "p3   5.111111111", "p4   5.1"])
    columns, members = find_columns(rows)
    assert columns == [(5, 8), (13, 16)]
    assert place_members(rows[2], members[2], 2) == (
        [None, None], ["value '5.111111111' at characters 5-16 is under no single column; left out"])
    assert place_members(rows[3], members[3], 2) == (["5.1", None], [])


def test_header_tokens_widen_but_never_split_columns() -> None:
    rows = _values(["40%   14.02   88.10", "50%   10.77   91.00"])
    guide = [(6, 15, "Break CDR", False), (16, 21, "Loss", False)]
    columns, members = find_columns(rows + [guide], guides=1)
    assert columns == [(6, 11), (14, 19)]  # the rows decide where the joined union splits
    assert [place_members(c, m, 2)[0] for c, m in zip(rows, members)] == [["14.02", "88.10"], ["10.77", "91.00"]]


def test_place_by_position_never_moves_a_value() -> None:
    columns = [(10, 16), (20, 26)]
    assert place(line_cells("x         5.1       6.2"), columns) == (["5.1", "6.2"], [
        "value 'x' at characters 0-1 is under no single column; left out"])
    values, warnings = place([(12, 14, "1", True), (13, 15, "2", True), (17, 19, "3", True)], columns)
    assert values == [None, None] and len(warnings) == 2


@st.composite
def _rows_of_cells(draw: st.DrawFn) -> list[list]:
    """Rows printing the same number of cells in column regions, each cell somewhere inside its region."""
    regions, position = [], 0
    for _ in range(draw(st.integers(1, 5))):
        position += draw(st.integers(0, 3))
        width = draw(st.integers(1, 6))
        regions.append((position, width))
        position += width
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row = []
        for start, width in regions:
            size = draw(st.integers(1, width))
            offset = draw(st.integers(0, width - size))
            row.append((start + offset, start + offset + size, "x" * size, True))
        rows.append(row)
    return rows


@settings(max_examples=400, deadline=None)
@given(_rows_of_cells())
def test_the_quick_reading_of_aligned_rows_equals_the_general_one(rows: list[list]) -> None:
    quick = columns.aligned_columns(rows)
    if quick is not None:
        saved = columns.aligned_columns
        columns.aligned_columns = lambda _rows: None
        try:
            assert columns.find_columns(rows) == (quick, [list(range(len(quick)))] * len(rows))
        finally:
            columns.aligned_columns = saved
