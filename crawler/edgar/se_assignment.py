"""Maximum-weight one-to-one assignment with the loss of every alternative choice.

The SE linker needs more than one optimal assignment: it must know, for each row (a bundle of
references), how much total weight is lost when that row is forced onto another column (an SE
record) or left unassigned. A row whose best alternatives lose no more than a tie margin is
ambiguous; nothing is guessed from whichever optimum a solver happens to return.

Method: the weights (``weights[row][col]``, 0 = no edge) are padded to a square cost matrix of
size ``max(rows, cols) + 1`` (so every row always has a zero-weight column meaning "no link") and
solved by the Hungarian algorithm with potentials (shortest augmenting paths, O(n^3)). With the
optimal potentials every reduced cost is non-negative and zero on the assignment, so the least
loss of forcing row ``i`` onto column ``j`` is the reduced cost of ``(i, j)`` plus the shortest
alternating path (reduced costs, Dijkstra) from the row that held ``j`` back to the column ``i``
freed. One reverse Dijkstra per row gives all its losses: O(rows * n^2) in total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_INF = float("inf")


@dataclass(frozen=True, slots=True)
class AssignmentLosses:
    """An optimal assignment and, per row, the weight lost by each alternative.

    ``assigned[i]`` is the column of row ``i`` (``None``: no positive-weight column).
    ``losses[i]`` maps every column with positive weight for row ``i``, and ``None`` (no column),
    to ``optimum - best total weight with row i forced there`` (0 for the optimal choice).
    """

    total: float
    assigned: tuple[int | None, ...]
    losses: tuple[dict[int | None, float], ...]


def solve_with_losses(weights: Sequence[Sequence[float]]) -> AssignmentLosses:
    """Maximum-weight assignment of rows to columns (each used at most once), with losses."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0:
        return AssignmentLosses(0.0, (), ())
    size = max(rows, cols) + 1
    cost = [[0.0] * size for _ in range(size)]
    for i, row in enumerate(weights):
        for j, weight in enumerate(row):
            cost[i][j] = -weight
    row_of_col, u, v = _hungarian(cost)
    col_of_row = [0] * size
    for j in range(size):
        col_of_row[row_of_col[j]] = j
    reduced = [[max(0.0, cost[i][j] - u[i] - v[j]) for j in range(size)] for i in range(size)]
    total = -sum(cost[i][col_of_row[i]] for i in range(rows))
    assigned: list[int | None] = []
    losses: list[dict[int | None, float]] = []
    for i in range(rows):
        col = col_of_row[i]
        assigned.append(col if col < cols and weights[i][col] > 0 else None)
        to_target = _distances_to_column(reduced, row_of_col, col_of_row, i)
        row_losses: dict[int | None, float] = {}
        no_link = _INF
        for j in range(size):
            loss = 0.0 if j == col else reduced[i][j] + to_target[row_of_col[j]]
            if j < cols and weights[i][j] > 0:
                row_losses[j] = loss
            else:
                no_link = min(no_link, loss)
        row_losses[None] = no_link
        losses.append(row_losses)
    return AssignmentLosses(total, tuple(assigned), tuple(losses))


def _hungarian(cost: list[list[float]]) -> tuple[list[int], list[float], list[float]]:
    """Minimum-cost perfect assignment of a square matrix: (row of each column, u, v)."""
    size = len(cost)
    # 1-based arrays as in the classic formulation; index 0 is the virtual start column.
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    owner = [0] * (size + 1)
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        owner[0] = i
        j0 = 0
        min_v = [_INF] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            cost_row = cost[i0 - 1]
            u_i0 = u[i0]
            delta = _INF
            j1 = 0
            for j in range(1, size + 1):
                if not used[j]:
                    current = cost_row[j - 1] - u_i0 - v[j]
                    if current < min_v[j]:
                        min_v[j] = current
                        way[j] = j0
                    if min_v[j] < delta:
                        delta = min_v[j]
                        j1 = j
            for j in range(size + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    row_of_col = [owner[j] - 1 for j in range(1, size + 1)]
    return row_of_col, u[1:], v[1:]


def _distances_to_column(
    reduced: list[list[float]], row_of_col: list[int], col_of_row: list[int], start_row: int
) -> list[float]:
    """Shortest alternating path from each row to the column ``start_row`` holds.

    A path leaves a row by a non-assigned edge (its reduced cost) and leaves a column, at no
    cost, through the row assigned to it. ``start_row`` itself is never entered.
    """
    size = len(reduced)
    target = col_of_row[start_row]
    dist = [reduced[r][target] for r in range(size)]
    dist[start_row] = _INF
    done = [False] * size
    done[start_row] = True
    for _ in range(size - 1):
        best, nearest = _INF, -1
        for r in range(size):
            if not done[r] and dist[r] < best:
                best, nearest = dist[r], r
        if nearest < 0:
            break
        done[nearest] = True
        via = col_of_row[nearest]
        for r in range(size):
            if not done[r]:
                candidate = best + reduced[r][via]
                if candidate < dist[r]:
                    dist[r] = candidate
    dist[start_row] = 0.0  # a column held by the start row is the freed column itself
    return dist
