"""What every pipeline shares: the crawler, the run, and a pass-through for items it does not handle."""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler

from crawler.archive_run import ArchiveRun


class RunPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def run(self) -> ArchiveRun:
        return ArchiveRun.of(self.crawler)

    def inc(self, key: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(key, count)

    def close_spider(self) -> None:  # the run's finalize (spider_closed) commits; nothing to do per pipeline
        return None

    def process_item(self, item: Any) -> Any:  # pragma: no cover - overridden
        return item
