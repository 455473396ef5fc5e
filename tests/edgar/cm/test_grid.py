"""Grids read with their header lines: scenarios, measures, row header, extra header rows, numbered columns."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.grid import read_grid


def _grid(header: list[str], body: list[str]):  # noqa: ANN202 - a Grid
    return read_grid(header, body, [line_cells(line) for line in body])


def test_scenario_line_shifted_left_of_the_values_is_matched_in_order() -> None:
    grid = _grid(["Price             40 PPC           50 PPC",
                  "                            Yield           Yield"],
                 ["            96-00           5.497           5.506"])
    assert (grid.row_header, grid.scenarios, grid.measures) == ("Price", ["40 PPC", "50 PPC"], ["Yield", "Yield"])
    assert grid.rows[0].values == ["5.497", "5.506"] and grid.warnings == []


def test_repeated_measure_phrases_and_group_headers_over_two_columns() -> None:
    grid = _grid(["               Forward LIBOR                 Forward LIBOR + 150",
                  "                 Break CDR    Cum Loss          Break CDR    Cum Loss"],
                 ["35% Severity        17.18     109.87            13.84      93.77"])
    assert grid.scenarios == ["Forward LIBOR", "Forward LIBOR", "Forward LIBOR + 150", "Forward LIBOR + 150"]
    assert grid.measures == ["Break CDR", "Cum Loss", "Break CDR", "Cum Loss"]
    grid = _grid(["     Price      50 PPC     65PPC", "             Disc Margin Disc Margin"],
                 ["     99-24          55        56"])
    assert grid.measures == ["Disc Margin", "Disc Margin"] and grid.scenarios == ["50 PPC", "65PPC"]


def test_a_labelled_header_line_beside_the_scenarios_is_a_row() -> None:
    grid = _grid(["Prepay               15 CPR    20 CPR", "Optional Redemption  Call (Y)  Call (Y)",
                  "Disc Margin          Price     Price"],
                 ["155.0                96-24+    97-13+"])
    assert (grid.row_header, grid.scenarios, grid.measures) == ("Disc Margin", ["15 CPR", "20 CPR"], ["Price", "Price"])
    assert [(row.label, row.values) for row in grid.rows] == [("Optional Redemption", ["Call (Y)", "Call (Y)"]),
                                                              ("155.0", ["96-24+", "97-13+"])]


def test_columns_without_a_header_are_numbered_with_a_warning() -> None:
    grid = _grid([], ["96-00   5.1   5.2", "96-04   5.0   5.1"])
    assert grid.scenarios == ["1", "2"] and grid.warnings == ["no column header printed; the columns are numbered"]


def test_a_header_over_columns_the_rows_never_reach() -> None:
    grid = _grid(["Price     1     2     3     4"], ["96-00   5.1   5.2"])
    assert grid.scenarios == ["1", "2", "3", "4"]
    assert grid.rows[0].values == ["5.1", "5.2", None, None]
