"""Progress of a long crawl: a live line on a terminal, periodic log lines otherwise (``EDGAR_PROGRESS``)."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL_TTY = 1.0
PROGRESS_INTERVAL_LOG = 30.0


class ProgressExtension:
    """Reports indexes done/planned, filings archived, requests, request rate and an ETA."""

    def __init__(self, crawler: Crawler, mode: str) -> None:
        self.crawler = crawler
        self.tty = mode == "tty"
        default = PROGRESS_INTERVAL_TTY if self.tty else PROGRESS_INTERVAL_LOG
        self.interval = crawler.settings.getfloat("EDGAR_PROGRESS_INTERVAL") or default
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        mode = crawler.settings.get("EDGAR_PROGRESS", "auto")
        if mode == "auto":
            mode = "tty" if sys.stderr.isatty() else "log"
        if mode == "off":
            raise NotConfigured
        return cls(crawler, mode)

    def opened(self, spider: Any) -> None:
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def closed(self, spider: Any, reason: str) -> None:
        """Stop the timer and report the final figures once, however short the run was."""
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.report()
        if self.tty:
            sys.stderr.write("\n")

    def line(self) -> str:
        stats = self.crawler.stats
        get = stats.get_value
        elapsed = max(time.monotonic() - self.started, 1e-6)
        requests = get("downloader/request_count", 0)
        planned = get("edgar/index/planned", 0)
        indexes = get("edgar/index/done", 0)
        wanted = get("edgar/submissions/requested/8-K", 0) + get("edgar/submissions/requested/SE", 0)
        fetched = get("edgar/parse/filings", 0)
        rate = requests / elapsed
        remaining = max(wanted - fetched, 0)
        eta = f"{remaining / (fetched / elapsed):.0f}s" if fetched else "?"
        return (f"indexes {indexes}/{planned}  filings {fetched}/{wanted}  requests {requests}  "
                f"{rate:.1f} req/s  ETA {eta}")

    def report(self) -> None:
        text = self.line()
        if self.tty:
            sys.stderr.write("\r" + text.ljust(100))
            sys.stderr.flush()
        else:
            logger.info("progress: %s", text)
