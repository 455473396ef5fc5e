"""Which dates a crawl covers: explicit ``--from/--to``, or the incremental window from the watermark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from crawler.edgar.calendar import is_business_day, parse_date_or_quarter, previous_business_days
from crawler.errors import ConfigError

EASTERN = ZoneInfo("America/New_York")
FIRST_RUN_BUSINESS_DAYS = 5  # CONTRACT: first run with no state covers the last 5 business days
OVERLAP_BUSINESS_DAYS = 3  # incremental runs re-read this many business days before the watermark


@dataclass(frozen=True, slots=True)
class CrawlWindow:
    start: date
    end: date
    as_of: date
    mode: str  # "backfill" | "incremental"

    @property
    def last_complete_day(self) -> date:
        """The last day whose index is final: before ``as_of`` (today's index is rebuilt nightly)."""
        previous = previous_business_days(self.as_of, 1)[0]
        return min(self.end, previous)

    def watermark_after(self, first_unread: date | None) -> date:
        """The watermark a finished run may set: its last complete day, but never ``first_unread`` or later."""
        if first_unread is None:
            return self.last_complete_day
        return min(self.last_complete_day, previous_business_days(first_unread, 1)[0])


def today_eastern() -> date:
    return datetime.now(EASTERN).date()


def parse_as_of(text: str | None) -> date:
    return parse_date_or_quarter(text) if text else today_eastern()


def crawl_window(start_text: str | None, end_text: str | None, *, as_of: date, watermark: date | None) -> CrawlWindow:
    """Resolve the dates of a run; raises ConfigError on bad or reversed dates."""
    if start_text:
        start = parse_date_or_quarter(start_text)
        end = parse_date_or_quarter(end_text, end=True) if end_text else as_of
        mode = "backfill"
    else:
        if end_text:
            raise ConfigError("--to needs --from (without --from the crawl continues from the watermark)")
        back = OVERLAP_BUSINESS_DAYS if watermark else FIRST_RUN_BUSINESS_DAYS
        anchor = watermark if watermark else as_of
        days = previous_business_days(anchor, back)
        start = min(days) if days else anchor
        if watermark and is_business_day(watermark):
            start = min(start, watermark)
        end = as_of
        mode = "incremental"
    end = min(end, as_of)
    if start > end:
        raise ConfigError(f"--from {start} is after --to {end}")
    return CrawlWindow(start=start, end=end, as_of=as_of, mode=mode)
