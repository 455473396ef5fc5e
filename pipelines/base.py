"""What every pipeline shares: the crawler and the run. Nothing is committed per pipeline: the run's
``finalize`` (on ``spider_closed``, after every pipeline is done) makes the last commit."""

from __future__ import annotations

from typing import Self

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
