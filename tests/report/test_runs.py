"""Runs from ``runs/`` and from the state (crawler.report.runs)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from crawler.report.runs import UNFINISHED, errors_by_stage, run_table
from crawler.report.source import COLUMNS


def test_a_run_killed_before_its_runs_row_is_known_from_the_state() -> None:
    runs = pd.DataFrame({"run_id": ["r1"], "started_at": [pd.Timestamp("2024-01-01T02:00Z")],
                         "finished_at": [pd.Timestamp("2024-01-01T02:30Z")], "mode": ["incremental"],
                         "from": [date(2023, 12, 27)], "to": [date(2024, 1, 1)], "requests": [120], "bytes": [9],
                         "new_filings": [100], "errors": [0], "status": ["finished"], "exit_code": [0],
                         "peak_requests_per_second": [10], "rate_cap": [10.0]})
    assert set(runs.columns) >= set(COLUMNS["runs"])
    state_runs = [{"run_id": "r2", "mode": "incremental", "start": date(2023, 12, 28), "end": date(2024, 1, 2),
                   "started_at": "2024-01-02T02:00:00+00:00", "finished_at": None},
                  {"run_id": "r1", "mode": "incremental", "start": None, "end": None,
                   "started_at": "2024-01-01T02:00:00+00:00", "finished_at": "2024-01-01T02:30:00+00:00"}]
    table = run_table(runs, state_runs)
    assert list(table["run_id"]) == ["r1", "r2"]
    assert list(table["status"]) == ["finished", UNFINISHED]
    assert table.loc[0, "duration_min"] == 30 and pd.isna(table.loc[1, "duration_min"])


def test_errors_are_counted_per_run_and_stage_in_the_order_of_their_first_error() -> None:
    at = pd.Timestamp("2024-01-02T03:00Z")
    errors = pd.DataFrame({"run_id": ["r2", "r1", "r2", "r1"], "stage": ["index", "submission", "index", "company"],
                           "occurred_at": [at, at + pd.Timedelta(days=1), at, at + pd.Timedelta(days=1)]})
    table = errors_by_stage(errors)
    assert list(table.index) == ["r2", "r1"]
    assert table.to_dict("index") == {"r2": {"company": 0, "index": 2, "submission": 0},
                                      "r1": {"company": 1, "index": 0, "submission": 1}}
