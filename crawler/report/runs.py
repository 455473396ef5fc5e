"""Runs: a timeline (duration, requests, new filings, exit code), the busiest second against the cap, and
errors by stage per run. A run killed before it committed its ``runs/`` row is known from the state only."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crawler.report import plots
from crawler.report.page import Section, empty, figure, heading, paragraph, table

UNFINISHED = "did not finish"
TABLE_ROWS = 60
COLUMNS = ["run_id", "started_at", "duration_min", "mode", "from", "to", "requests", "new_filings", "errors",
           "exit_code", "status", "peak", "cap"]


def run_table(runs: pd.DataFrame, state_runs: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per run (``COLUMNS``), oldest first: the ``runs/`` rows, plus the state's runs that have none."""
    frame = pd.DataFrame({
        "run_id": runs["run_id"], "started_at": pd.to_datetime(runs["started_at"], utc=True),
        "duration_min": (pd.to_datetime(runs["finished_at"], utc=True)
                         - pd.to_datetime(runs["started_at"], utc=True)).dt.total_seconds() / 60,
        "mode": runs["mode"], "from": runs["from"], "to": runs["to"], "requests": runs["requests"],
        "new_filings": runs["new_filings"], "errors": runs["errors"], "exit_code": runs["exit_code"],
        "status": runs["status"], "peak": runs["peak_requests_per_second"], "cap": runs["rate_cap"]})
    known = set(frame["run_id"])
    missing = [_state_row(run) for run in state_runs if run["run_id"] not in known]
    if missing:
        extra = pd.DataFrame(missing, columns=COLUMNS)
        frame = extra if frame.empty else pd.concat([frame, extra], ignore_index=True)
    return frame.sort_values(["started_at", "run_id"]).reset_index(drop=True)


def _state_row(run: dict[str, Any]) -> dict[str, Any]:
    started = pd.Timestamp(run["started_at"])
    finished = pd.Timestamp(run["finished_at"]) if run.get("finished_at") else None
    return {"run_id": run["run_id"], "started_at": started, "mode": run.get("mode"), "from": run.get("start"),
            "to": run.get("end"), "duration_min": (finished - started).total_seconds() / 60 if finished else None,
            "requests": None, "new_filings": run.get("new_filings"), "errors": run.get("errors"),
            "exit_code": run.get("exit_code"), "status": run.get("status") or UNFINISHED, "peak": None, "cap": None}


def errors_by_stage(errors: pd.DataFrame) -> pd.DataFrame:
    """Errors per run (rows, by first error) × stage (columns)."""
    if errors.empty:
        return pd.DataFrame()
    counts = pd.crosstab(errors["run_id"], errors["stage"])
    first = errors.groupby("run_id")["occurred_at"].min()
    return counts.loc[first.sort_values().index]


def runs_numbers(table_: pd.DataFrame, by_stage: pd.DataFrame) -> dict[str, Any]:
    return {
        "runs": [{"run_id": r.run_id, "started_at": r.started_at.isoformat(), "mode": r.mode,
                  "duration_s": None if pd.isna(r.duration_min) else round(float(r.duration_min) * 60, 3),
                  "requests": _int(r.requests), "new_filings": _int(r.new_filings), "errors": _int(r.errors),
                  "exit_code": _int(r.exit_code), "status": r.status, "peak_requests_per_second": _int(r.peak),
                  "rate_cap": None if pd.isna(r.cap) else float(r.cap)} for r in table_.itertuples()],
        "errors_by_stage": {run: {stage: int(n) for stage, n in row.items() if n} for run, row in by_stage.iterrows()},
    }


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def runs_section(runs: pd.DataFrame, state_runs: list[dict[str, Any]], errors: pd.DataFrame) -> Section:
    frame = run_table(runs, state_runs)
    by_stage = errors_by_stage(errors)
    section = Section("runs", "Runs", runs_numbers(frame, by_stage))
    if frame.empty:
        return section.add(empty("No run has been recorded yet."))
    unfinished = int((frame["status"] == UNFINISHED).sum())
    runs = f"{len(frame):,} run" + ("" if len(frame) == 1 else "s")
    section.add(paragraph(f"{runs} from {frame['started_at'].min():%Y-%m-%d %H:%M} to "
                          f"{frame['started_at'].max():%Y-%m-%d %H:%M} UTC"
                          + (f"; {unfinished} did not finish (killed or crashed before committing)" if unfinished
                             else "") + "."))
    section.add(figure(plots.runs_timeline(frame), alt="Timeline of runs: duration, requests, new filings and the "
                       "busiest second against the rate cap, coloured by exit code"))
    _peak(section, frame)
    section.add(heading("Latest runs"))
    newest = frame.iloc[::-1]
    rows = ((r.run_id, f"{r.started_at:%Y-%m-%d %H:%M}", r.mode, r.duration_min, _int(r.requests),
             _int(r.new_filings), _int(r.errors), _int(r.exit_code), r.status,
             "–" if pd.isna(r.peak) else f"{int(r.peak)} / {r.cap:g}") for r in newest.itertuples())
    section.add(table(["run", "started (UTC)", "mode", "minutes", "requests", "new filings", "errors", "exit",
                       "status", "busiest second / cap"], rows, numeric=(3, 4, 5, 6, 7), limit=TABLE_ROWS))
    _errors(section, by_stage)
    return section


def _peak(section: Section, frame: pd.DataFrame) -> None:
    measured = frame.dropna(subset=["peak", "cap"])
    if measured.empty:
        section.add(paragraph("No run recorded its busiest second (runs before 0.4.0 did not)."))
        return
    over = measured[measured["peak"] > measured["cap"]]
    top = measured.loc[(measured["peak"] / measured["cap"]).idxmax()]
    text = (f"Busiest second of any run: {int(top['peak'])} requests sent against a cap of {top['cap']:g}/s "
            f"(run {top['run_id']}). Counted when each request left the crawler, after the rate limiter.")
    section.add(paragraph(text + (f" {len(over)} runs went over their cap." if len(over) else ""),
                          "warn" if len(over) else ""))


def _errors(section: Section, by_stage: pd.DataFrame) -> None:
    section.add(heading("Errors by stage per run"))
    if by_stage.empty:
        section.add(paragraph("No run recorded an error."))
        return
    recent = by_stage.iloc[-40:]
    section.add(figure(plots.bars(recent, title="Errors by stage, per run with errors (latest 40)", ylabel="errors",
                                  xlabel="run"),
                       alt="Stacked bar chart of errors by stage for each run that had errors"))
    rows = ((run, *[int(row[stage]) for stage in by_stage.columns], int(row.sum()))
            for run, row in by_stage.iloc[::-1].iterrows())
    section.add(table(["run", *by_stage.columns, "total"], rows,
                      numeric=tuple(range(1, len(by_stage.columns) + 2)), limit=TABLE_ROWS))
