"""The assignment solver's optimum and per-row losses against brute-force enumeration."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.se_assignment import solve_with_losses


def _brute_force(weights: list[list[float]]) -> tuple[float, dict[tuple[int, int | None], float]]:
    """Best total, and best total with row i on option o, by trying every partial matching."""
    rows, cols = len(weights), len(weights[0])
    best_with: dict[tuple[int, int | None], float] = {}
    optimum = 0.0

    def walk(row: int, used: frozenset[int], total: float, choice: tuple[int | None, ...]) -> None:
        nonlocal optimum
        if row == rows:
            optimum = max(optimum, total)
            for r, option in enumerate(choice):
                best_with[r, option] = max(best_with.get((r, option), -math.inf), total)
            return
        walk(row + 1, used, total, (*choice, None))
        for col in range(cols):
            if weights[row][col] > 0 and col not in used:
                walk(row + 1, used | {col}, total + weights[row][col], (*choice, col))

    walk(0, frozenset(), 0.0, ())
    return optimum, best_with


_matrices = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(st.sampled_from([0.0, 0.0, 1.0, 2.5, 3.0, 4.25, 5.5]), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(_matrices)
def test_losses_match_brute_force(weights: list[list[float]]) -> None:
    optimum, best_with = _brute_force(weights)
    solution = solve_with_losses(weights)
    assert math.isclose(solution.total, optimum, abs_tol=1e-9)
    for row, losses in enumerate(solution.losses):
        assert set(losses) == {None} | {c for c, w in enumerate(weights[row]) if w > 0}
        for option, loss in losses.items():
            assert math.isclose(loss, optimum - best_with[row, option], abs_tol=1e-9)
    used = [c for c in solution.assigned if c is not None]
    assert len(used) == len(set(used))
    assert math.isclose(sum(weights[r][c] for r, c in enumerate(solution.assigned) if c is not None), optimum)


def test_crossed_preferences_are_resolved_jointly() -> None:
    # Row 0 slightly prefers column 0, row 1 can only use column 0: the optimum gives row 0 column 1.
    solution = solve_with_losses([[5.0, 4.5], [4.0, 0.0]])
    assert solution.assigned == (1, 0)
    assert solution.total == 8.5
    assert solution.losses[0] == {0: 3.5, 1: 0.0, None: 4.5}


def test_empty_input() -> None:
    assert solve_with_losses([]).assigned == ()
