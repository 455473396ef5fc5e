"""Gaps: business days whose index was never read, quarters awaiting their re-read, filings gone or still
retried, and index rows that looked ABS but could not be fetched."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pandas as pd

from crawler.edgar.calendar import Quarter, business_days
from crawler.edgar.urls import parse_daily_index_name
from crawler.report import plots
from crawler.report.page import Section, empty, figure, heading, paragraph, table
from crawler.report.source import CrawlStateFacts

_QUARTERLY = re.compile(r"full-index/(\d{4})/QTR([1-4])/")
SUBMISSION_STAGE = "submission"
GONE_ERROR = "gone"  # the errors/ row a run adds when it gives a submission up (besides the failed request's own)
TABLE_ROWS = 200


def crawled_days(state: CrawlStateFacts) -> set[date]:
    """Business days inside some run's window, up to the watermark (later days are the next run's)."""
    if state.watermark is None:
        return set()
    days: set[date] = set()
    for run in state.runs:
        start, end = run.get("start"), run.get("end")
        if start and end:
            days.update(business_days(start, min(end, state.watermark)))
    return days


def days_read(coverage: dict[str, tuple[date, date]]) -> set[date]:
    """Days an index file processed by a finished run covers: a daily file its day, a quarterly ``form.idx``
    the days its recorded row span covers."""
    days: set[date] = set()
    for path, (start, end) in coverage.items():
        quarterly = _QUARTERLY.search(path)
        if quarterly:
            days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
            continue
        directory, _, name = path.rpartition("/")
        found = re.search(r"/(\d{4})/QTR([1-4])$", directory)
        quarter = Quarter(int(found[1]), int(found[2])) if found else None
        daily = parse_daily_index_name(name, quarter)
        if daily is not None:
            days.add(daily.day)
    return days


def day_ranges(days: list[date]) -> list[tuple[date, date, int]]:
    """Sorted business days grouped into runs with no business day between them: (first, last, count)."""
    ranges: list[tuple[date, date, int]] = []
    for day in sorted(days):
        if ranges and next(business_days(ranges[-1][1] + timedelta(days=1), day), None) == day:
            first, _, count = ranges[-1]
            ranges[-1] = (first, day, count + 1)
        else:
            ranges.append((day, day, 1))
    return ranges


def failed_fetches(errors: pd.DataFrame, archived: set[str], state: CrawlStateFacts) -> pd.DataFrame:
    """Index rows that looked ABS whose submission request failed: one row per accession with the attempts,
    the last error and what became of it (archived later, retrying, gone, or not retried)."""
    failed = errors[(errors["stage"] == SUBMISSION_STAGE) & errors["accession"].notna()
                    & (errors["error"] != GONE_ERROR)]
    if failed.empty:
        return pd.DataFrame(columns=["accession", "attempts", "last_error", "last_at", "outcome"])
    ordered = failed.sort_values("occurred_at")
    grouped = ordered.groupby("accession").agg(attempts=("error", "size"), last_error=("error", "last"),
                                               last_at=("occurred_at", "last")).reset_index()
    grouped["outcome"] = grouped["accession"].map(lambda a: _outcome(a, archived, state))
    return grouped.sort_values(["last_at", "accession"], ascending=[False, True]).reset_index(drop=True)


def _outcome(accession: str, archived: set[str], state: CrawlStateFacts) -> str:
    if accession in archived:
        return "archived later"
    if accession in state.gone:
        return "gone"
    return "retrying" if accession in state.retrying else "not retried"


def gaps_numbers(state: CrawlStateFacts, errors: pd.DataFrame, archived: set[str]) -> dict[str, Any]:
    crawled = crawled_days(state)
    missing = sorted(crawled - days_read(state.index_coverage))
    failures = failed_fetches(errors, archived, state)
    return {
        "state_found": state.found,
        "watermark": state.watermark.isoformat() if state.watermark else None,
        "business_days_crawled": len(crawled),
        "days_not_read": [day.isoformat() for day in missing],
        "quarters_to_recheck": [{"quarter": q, "closed": _closed(q, state.watermark)}
                                for q in state.quarters_to_recheck],
        "retrying": sorted(state.retrying),
        "gone": sorted(state.gone),
        "failed_fetches": {row.accession: {"attempts": int(row.attempts), "outcome": row.outcome}
                           for row in failures.itertuples()},
    }


def _closed(quarter: str, watermark: date | None) -> bool:
    return watermark is not None and Quarter.parse(quarter).end <= watermark


def gaps_section(state: CrawlStateFacts, errors: pd.DataFrame, archived: set[str]) -> Section:
    numbers = gaps_numbers(state, errors, archived)
    section = Section("gaps", "Gaps", numbers)
    if not state.found:
        return section.add(empty("No crawl state found for this archive: the days read and the filings being "
                                 "retried are not known (use --state-dir if the state lives elsewhere)."))
    _days(section, numbers, crawled_days(state))
    _quarters(section, numbers)
    _filings(section, state, errors)
    _fetches(section, failed_fetches(errors, archived, state))
    return section


def read_by_month(crawled: set[date], missing: set[date]) -> pd.DataFrame:
    """Business days crawled per month (``YYYY-MM``), split into index read / never read."""
    months = pd.Series(sorted(crawled)).map(lambda d: f"{d:%Y-%m}")
    unread = pd.Series(sorted(crawled)).isin(missing)
    frame = pd.crosstab(months, unread).reindex(columns=[False, True], fill_value=0)
    frame.columns = ["index read", "never read"]
    return frame


def _days(section: Section, numbers: dict[str, Any], crawled: set[date]) -> None:
    section.add(heading("Business days whose index was never read"))
    missing = [date.fromisoformat(d) for d in numbers["days_not_read"]]
    scope = (f"of {numbers['business_days_crawled']:,} business days inside the runs' windows up to the "
             f"watermark {numbers['watermark']}")
    if not missing:
        section.add(paragraph(f"None {scope}: every one was read from a daily or quarterly index."))
        return
    section.add(paragraph(f"{len(missing):,} {scope} were never read from any index (SEC holidays excluded). "
                          "The next run that covers them reads them.", "warn"))
    section.add(figure(plots.bars(read_by_month(crawled, set(missing)), title="Business days crawled, by month",
                                  ylabel="business days", xlabel="month",
                                  colors=(plots.OKABE_ITO[0], plots.OKABE_ITO[5])),
                       alt="Stacked bar chart of business days per month: index read, and never read"))
    ranges = day_ranges(missing)
    section.add(table(["first day", "last day", "business days"],
                      ([a.isoformat(), b.isoformat(), n] for a, b, n in ranges), numeric=(2,), limit=TABLE_ROWS))


def _quarters(section: Section, numbers: dict[str, Any]) -> None:
    section.add(heading("Quarters not yet re-read after they closed"))
    quarters = numbers["quarters_to_recheck"]
    if not quarters:
        section.add(paragraph("None: every quarter read day by day has been re-read from its form.idx."))
        return
    section.add(paragraph("Read from daily indexes and not yet from the quarter's form.idx, which catches rows "
                          "added late; the first run after a quarter closes re-reads it."))
    section.add(table(["quarter", "status"], ((q["quarter"], "closed: re-read due" if q["closed"]
                                               else "open: still read day by day") for q in quarters)))


def _filings(section: Section, state: CrawlStateFacts, errors: pd.DataFrame) -> None:
    section.add(heading("Filings gone or still being retried"))
    if not state.retrying and not state.gone:
        section.add(paragraph("None: no filing is waiting for a retry, and none was given up as gone."))
        return
    failed = errors[(errors["stage"] == SUBMISSION_STAGE) & (errors["error"] != GONE_ERROR)]
    attempts = failed.groupby("accession").size()
    rows = [(accession, status, *_candidate(value), int(attempts.get(accession, 0)), _history(value))
            for status, records in (("gone", state.gone), ("retrying", state.retrying))
            for accession, value in sorted(records.items())]
    section.add(table(["accession", "status", "form", "filed", "filer", "failed fetches", "answered missing"], rows,
                      numeric=(5,), limit=TABLE_ROWS))


def _candidate(value: dict[str, Any]) -> tuple[str, str, str]:
    filers = value.get("filers") or []
    name = filers[0].get("company_name", "") if filers and isinstance(filers[0], dict) else ""
    return str(value.get("form_type", "")), str(value.get("date_filed", "")), str(name)


def _history(value: dict[str, Any]) -> str:
    """The missing-answer history a retry record keeps (sec-behaviour), in words; "–" without one."""
    missing = value.get("missing")
    if not isinstance(missing, dict):
        return "–"
    text = (f"HTTP {missing.get('last_status')} in {missing.get('runs')} run(s), "
            f"{missing.get('first_seen')} to {missing.get('last_seen')}")
    return text + (f"; gone on {value['gone_on']}" if value.get("gone_on") else "")


def _fetches(section: Section, failures: pd.DataFrame) -> None:
    section.add(heading("Index rows that looked ABS but could not be fetched"))
    if failures.empty:
        section.add(paragraph("None: every submission requested was fetched."))
        return
    outcomes = failures["outcome"].value_counts()
    section.add(paragraph(f"{len(failures):,} accessions had a failed submission request: "
                          + ", ".join(f"{n:,} {outcome}" for outcome, n in outcomes.items()) + "."))
    rows = ((r.accession, r.attempts, r.last_error, str(r.last_at)[:19], r.outcome) for r in failures.itertuples())
    section.add(table(["accession", "failed requests", "last error", "last failure (UTC)", "outcome"], rows,
                      numeric=(1,), limit=TABLE_ROWS, total=len(failures)))
