"""The crawl window and the watermark a finished run may set."""

from __future__ import annotations

from datetime import date

from crawler.run_dates import crawl_window


def test_the_watermark_stays_before_the_first_unread_day() -> None:
    window = crawl_window(None, None, as_of=date(2006, 7, 5), watermark=date(2006, 6, 28))
    assert window.last_complete_day == date(2006, 7, 3)
    assert window.watermark_after(None) == date(2006, 7, 3)
    assert window.watermark_after(date(2006, 7, 3)) == date(2006, 6, 30)  # the last business day before it
    assert window.watermark_after(date(2006, 7, 5)) == date(2006, 7, 3)  # today's index is not final anyway
    assert window.watermark_after(date(2006, 6, 29)) == date(2006, 6, 28)
