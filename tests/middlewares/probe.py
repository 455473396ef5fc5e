"""A minimal spider and settings to run real crawls through the politeness middlewares."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

import crawler.settings as project

PROBE_USER_AGENT = "Probe Tests probe@example.org"
_POLITENESS_KEYS = (
    "DOWNLOADER_MIDDLEWARES", "DOWNLOAD_FAIL_ON_DATALOSS", "DEFAULT_REQUEST_HEADERS", "COOKIES_ENABLED",
    "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY", "ROBOTSTXT_OBEY",
    "RETRY_ENABLED", "RETRY_TIMES", "RETRY_HTTP_CODES", "RETRY_BUDGET_RATIO", "RETRY_BUDGET_MIN",
    "SEC_BLOCK_COOLDOWN", "SEC_MAX_BLOCKS",
)


@dataclass(frozen=True)
class Outcome:
    url: str
    body: bytes | None  # the body the callback received
    failure: BaseException | None  # what the errback received


class ProbeSpider(scrapy.Spider):
    """Requests ``urls`` once each; records what the callback or the errback got in ``outcomes``."""

    name = "probe"

    def __init__(self, urls: list[str], outcomes: list[Outcome], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.outcomes = outcomes

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error, dont_filter=True)

    def parse(self, response: Response) -> None:
        self.outcomes.append(Outcome(response.url, response.body, None))

    def on_error(self, failure: Failure) -> None:
        self.outcomes.append(Outcome(failure.request.url, None, failure.value))


def politeness_settings(base_url: str, **overrides: Any) -> dict[str, Any]:
    """The project's politeness settings, aimed at ``base_url``, with fast back-off; ``overrides`` win."""
    settings = {key: getattr(project, key) for key in _POLITENESS_KEYS}
    settings.update(
        USER_AGENT=PROBE_USER_AGENT,
        EDGAR_BASE_URL=base_url,
        EDGAR_DATA_URL=base_url,
        EDGAR_RATE=100.0,
        RETRY_BACKOFF_BASE=0.05,
        RETRY_BACKOFF_MAX=0.2,
        DOWNLOAD_TIMEOUT=10,
        SEC_BLOCK_COOLDOWN=2.0,  # an unexpected block fails a test in seconds, not in 10 minutes
        LOG_LEVEL="INFO",
    )
    settings.update(overrides)
    return settings


async def run_probe(settings: dict[str, Any], urls: list[str]) -> tuple[Crawler, list[Outcome]]:
    """Crawl ``urls`` with ``settings``; returns the finished crawler and one outcome per URL reached."""
    outcomes: list[Outcome] = []
    crawler = get_crawler(ProbeSpider, settings)
    await crawler.crawl_async(urls=urls, outcomes=outcomes)
    return crawler, outcomes
