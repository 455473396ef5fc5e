"""Which business days were read, from the index files a crawl recorded (crawler.report.gaps)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from crawler.report.gaps import crawled_days, day_ranges, days_read, failed_fetches
from crawler.report.source import CrawlStateFacts


def test_daily_files_of_every_era_give_their_day_and_a_quarterly_file_its_span() -> None:
    coverage = {
        "Archives/edgar/daily-index/2004/QTR2/form.20040406.idx": (date(2004, 4, 1), date(2004, 4, 13)),
        "Archives/edgar/daily-index/1996/QTR1/form.960105.idx": (date(1996, 1, 1), date(1996, 1, 12)),
        "Archives/edgar/daily-index/1994/QTR3/form.070194.idx": (date(1994, 7, 1), date(1994, 7, 8)),
        "Archives/edgar/full-index/2003/QTR4/form.idx": (date(2003, 12, 29), date(2003, 12, 31)),
    }
    assert days_read(coverage) == {date(2004, 4, 6), date(1996, 1, 5), date(1994, 7, 1), date(2003, 12, 29),
                                   date(2003, 12, 30), date(2003, 12, 31)}


def test_crawled_days_are_business_days_of_run_windows_up_to_the_watermark() -> None:
    runs = [{"start": date(2004, 7, 1), "end": date(2004, 7, 6)}, {"start": date(2004, 7, 8), "end": date(2004, 7, 20)}]
    state = CrawlStateFacts(found=True, watermark=date(2004, 7, 9), runs=runs)
    # 2004-07-05 is Independence Day observed; 07-07 is in no window; after 07-09 is the next run's
    assert sorted(crawled_days(state)) == [date(2004, 7, 1), date(2004, 7, 2), date(2004, 7, 6), date(2004, 7, 8),
                                           date(2004, 7, 9)]
    assert crawled_days(CrawlStateFacts(found=True, runs=runs)) == set()  # no finished run: nothing crawled


def test_day_ranges_join_business_days_across_weekends_and_holidays() -> None:
    days = [date(2004, 7, 2), date(2004, 7, 6), date(2004, 7, 7), date(2004, 7, 9)]
    assert day_ranges(days) == [(date(2004, 7, 2), date(2004, 7, 7), 3), (date(2004, 7, 9), date(2004, 7, 9), 1)]


def test_a_failed_fetch_says_what_became_of_the_filing() -> None:
    at = pd.Timestamp("2024-01-02T03:04:05Z")
    errors = pd.DataFrame({
        "stage": ["submission", "submission", "submission", "submission", "submission", "index"],
        "accession": ["a-1", "a-1", "a-1", "b-2", "c-3", None],
        "error": ["HTTP 503", "HTTP 404", "gone", "HTTP 404", "HTTP 500", "malformed"],  # "gone": no request of its own
        "occurred_at": [at, at + pd.Timedelta(days=1), at + pd.Timedelta(days=1), at, at, at]})
    state = CrawlStateFacts(found=True, retrying={"b-2": {}}, gone={"a-1": {}})
    found = failed_fetches(errors, archived={"c-3"}, state=state).set_index("accession")
    assert found.to_dict("index") == {
        "a-1": {"attempts": 2, "last_error": "HTTP 404", "last_at": at + pd.Timedelta(days=1), "outcome": "gone"},
        "b-2": {"attempts": 1, "last_error": "HTTP 404", "last_at": at, "outcome": "retrying"},
        "c-3": {"attempts": 1, "last_error": "HTTP 500", "last_at": at, "outcome": "archived later"}}
