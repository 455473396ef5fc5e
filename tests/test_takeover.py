"""crawler.takeover: the watermark a host taking an archive over may start from (the rest: tests/crawl/test_takeover)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.takeover import archived_watermark, derived_watermark


def run_row(to: date | None, *, status: str = "finished", exit_code: int = 0, watermark: date | None = None,
            run_id: str = "r") -> dict:
    return {"run_id": run_id, "started_at": datetime(2004, 7, 1, tzinfo=UTC), "status": status,
            "exit_code": exit_code, "to": to, "watermark": watermark}


def test_a_clean_finished_run_without_a_recorded_watermark_gives_the_business_day_before_its_end() -> None:
    assert derived_watermark(run_row(date(2004, 6, 30))) == date(2004, 6, 29)  # a Wednesday
    assert derived_watermark(run_row(date(2004, 7, 6))) == date(2004, 7, 2)  # past a weekend and July 4th (Monday 5th)


def test_in_the_days_sec_may_not_have_published_a_quarter_yet_it_stays_before_that_quarter() -> None:
    # 2004Q3: Thursday July 1st and Friday July 2nd are its first two business days
    assert derived_watermark(run_row(date(2004, 7, 2))) == date(2004, 6, 30)
    assert derived_watermark(run_row(date(2004, 7, 1))) == date(2004, 6, 30)


def test_runs_that_did_not_finish_cleanly_give_no_watermark() -> None:
    assert derived_watermark(run_row(date(2004, 6, 30), exit_code=3)) is None  # an index may not have been read
    assert derived_watermark(run_row(date(2004, 6, 30), status="shutdown")) is None
    assert derived_watermark(run_row(None)) is None


def test_the_latest_watermark_recorded_or_derived_wins() -> None:
    rows = [run_row(date(2004, 6, 30), run_id="old"),
            run_row(date(2004, 9, 30), status="shutdown", watermark=date(2004, 8, 31), run_id="recorded"),
            run_row(date(2004, 12, 31), exit_code=3, run_id="partial")]
    assert archived_watermark(rows) == date(2004, 8, 31)
    assert archived_watermark([]) is None
