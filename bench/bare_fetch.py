"""A bare Scrapy fetch of a list of URLs: what Scrapy itself costs here (ENGINEERING.md §1.9).

    python -m bench.bare_fetch URL_FILE [--identity]

Stock Scrapy 2.19 settings except those the crawl also sets for the transfer (concurrency 8, no robots.txt,
no cookies, a declared User-Agent the mirror accepts); a callback that only counts. Stock Scrapy asks for
gzip and decompresses; ``--identity`` turns compression off (plain bodies, as in ENGINEERING.md §1.9).
Prints one JSON line on stderr: ``{"responses": N, "status_200": M}``. The caller measures time, CPU and
memory of the process.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response

import crawler.settings as project

SETTINGS = {
    "CONCURRENT_REQUESTS": project.CONCURRENT_REQUESTS,
    "CONCURRENT_REQUESTS_PER_DOMAIN": project.CONCURRENT_REQUESTS_PER_DOMAIN,
    "ROBOTSTXT_OBEY": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "USER_AGENT": "edgar-archive bench bench@example.org",
    "LOG_LEVEL": "INFO",
}


class BareFetchSpider(scrapy.Spider):
    """Requests every URL once; the callback counts the answers and nothing else."""

    name = "bare_fetch"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.responses = 0
        self.ok = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response) -> None:
        self.responses += 1
        self.ok += response.status == 200


def main() -> int:
    urls = [line.strip() for line in Path(sys.argv[1]).read_text().splitlines() if line.strip()]
    process = AsyncCrawlerProcess({**SETTINGS, "COMPRESSION_ENABLED": "--identity" not in sys.argv[2:]})
    crawler = process.create_crawler(BareFetchSpider)
    process.crawl(crawler, urls=urls)
    process.start()
    spider = crawler.spider
    print(json.dumps({"responses": spider.responses, "status_200": spider.ok}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
