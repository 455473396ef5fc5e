"""Run the ``depositor_8k`` crawl in this process and turn its outcome into an exit code."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from crawler.config import CommonOptions
from crawler.errors import ExitCode
from crawler.politeness.rate_store import default_rate_db_path
from crawler.spiders.depositor_8k import Depositor8kSpider


def _crawl_error(outcome: Any) -> BaseException | None:
    if isinstance(outcome, asyncio.Future):
        return outcome.exception() if outcome.done() and not outcome.cancelled() else None
    failures: list[Failure] = []
    outcome.addErrback(failures.append)
    return failures[0].value if failures else None


@dataclass(slots=True)
class CrawlOutcome:
    exit_code: ExitCode
    stats: dict[str, Any] = field(default_factory=dict)


def crawl_settings(options: CommonOptions, **overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict({
        "USER_AGENT": options.user_agent,
        "EDGAR_BASE_URL": options.base_url,
        "EDGAR_DATA_URL": options.data_url,
        "EDGAR_OUTPUT": options.output,
        "EDGAR_RATE": options.rate,
        "EDGAR_JOB_CLASS": options.job_class,
    }, priority="cmdline")
    if options.rate_store:
        settings.set("EDGAR_RATE_STORE", options.rate_store, priority="cmdline")
    elif options.targets_sec:  # SEC's budget is per user: every process on this machine shares one limiter
        settings.set("EDGAR_RATE_STORE", str(default_rate_db_path()), priority="cmdline")
    settings.setdict({k: v for k, v in overrides.items() if v is not None}, priority="cmdline")
    return settings


def run_crawl(settings: Settings, *, start: str | None, end: str | None) -> CrawlOutcome:
    """Crawl once; raises the EdgarArchiveError that stopped the crawl from starting (lock, config)."""
    for handler in list(logging.root.handlers):  # Scrapy installs its own root handler at LOG_LEVEL
        logging.root.removeHandler(handler)
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(Depositor8kSpider)
    kwargs = {k: v for k, v in (("from", start), ("to", end)) if v}
    outcome = process.crawl(crawler, **kwargs)  # an asyncio Task under Scrapy 2.19's asyncio reactor
    process.start()
    error = _crawl_error(outcome)
    if error is not None:
        raise error
    stats = crawler.stats.get_stats() if crawler.stats else {}
    code = stats.get("edgar/exit_code")
    return CrawlOutcome(exit_code=ExitCode(code) if code is not None else ExitCode.INTERNAL, stats=stats)
