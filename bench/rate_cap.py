"""How close to the cap does the crawl run, and does it ever exceed it?  (``python bench/rate_cap.py``)

Writes N small full submissions into a temporary mirror, serves it with ``mirror serve --rate-limit CAP`` (the
rate block armed), fetches every filing through the project's politeness middlewares at ``EDGAR_RATE=CAP`` in a
bare Scrapy spider, and prints one JSON object: requests/s sustained (first to last arrival at the server), the
highest number of arrivals in any 1-s window, block pages met, and the limiter's theoretical ceiling.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import crawler.settings as project  # noqa: E402
from crawler.mirror.launch import serve_mirror  # noqa: E402
from crawler.politeness.limiter import SpacingRule  # noqa: E402


class FetchSpider(scrapy.Spider):
    name = "rate_cap_bench"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.fetched = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response) -> None:
        self.fetched += 1


def write_mirror(root: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        accession = f"0000905148-04-{n:06d}"
        text = "".join(f"line {line} of filing {n}\n" for line in range(200))
        path = f"Archives/edgar/data/{1000 + n % 50}/{accession}.txt"
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"<SEC-DOCUMENT>{accession}.txt\n{text}</SEC-DOCUMENT>\n")
        paths.append("/" + path)
    return paths


def peak_in_window(times: list[float], window: float = 1.0) -> int:
    ordered, peak, first = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while ordered[first] < at - window:
            first += 1
        peak = max(peak, last - first + 1)
    return peak


def tightest_span(times: list[float], count: int) -> float | None:
    """Shortest time covering ``count`` consecutive arrivals: above 1.0 s means no 1-s window exceeded the cap."""
    ordered = sorted(times)
    spans = [ordered[i + count - 1] - ordered[i] for i in range(len(ordered) - count + 1)]
    return round(min(spans), 4) if spans else None


def gap_percentiles(times: list[float]) -> list[float]:
    """Milliseconds between consecutive arrivals: 10th, 50th, 90th percentile and the largest."""
    gaps = sorted(1000 * (b - a) for a, b in zip(times, times[1:]))
    if not gaps:
        return []
    return [round(gaps[int(q * (len(gaps) - 1))], 2) for q in (0.1, 0.5, 0.9)] + [round(gaps[-1], 2)]


def crawl(base_url: str, paths: list[str], cap: float, rate_db: str | None) -> dict[str, Any]:
    settings = {key: getattr(project, key) for key in dir(project) if key.isupper()}
    settings.update(
        ITEM_PIPELINES={}, EXTENSIONS={}, EDGAR_BASE_URL=base_url, EDGAR_DATA_URL=base_url, EDGAR_RATE=cap,
        EDGAR_RATE_DB=rate_db, USER_AGENT="edgar-archive bench bench@example.org", LOG_LEVEL="WARNING",
    )
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(FetchSpider)
    process.crawl(crawler, urls=[base_url + path for path in paths])
    process.start()
    return crawler.stats.get_stats()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--cap", type=float, default=10.0)
    parser.add_argument("--sqlite", action="store_true", help="use the cross-process SQLite limiter")
    parser.add_argument("--latency", default="0", metavar="MS[:JITTER]", help="mirror serve --latency (default 0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rate-cap-") as scratch:
        root, log = Path(scratch) / "mirror", Path(scratch) / "log.jsonl"
        paths = write_mirror(root, args.requests)
        with serve_mirror(root, "--rate-limit", str(int(args.cap)), "--latency", args.latency, log=log) as server:
            started = time.perf_counter()
            rate_db = str(Path(scratch) / "ratelimit.sqlite") if args.sqlite else None
            stats = crawl(server.url, paths, args.cap, rate_db)
            wall = time.perf_counter() - started
            entries = server.requests()
    arrivals = sorted(entry["ts"] for entry in entries)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
    rule = SpacingRule(args.cap)
    print(json.dumps({
        "cap": args.cap,
        "limiter": "sqlite" if args.sqlite else "in-process",
        "latency_ms": args.latency,
        "requests": len(arrivals),
        "fetched_ok": stats.get("response_received_count", 0),
        "block_pages": sum(1 for entry in entries if entry["status"] in (403, 429)),
        "seconds_first_to_last_arrival": round(span, 3),
        "requests_per_second": round((len(arrivals) - 1) / span, 3) if span else None,
        "limiter_ceiling_per_second": round(rule.ceiling, 3),
        "peak_in_1s_window": peak_in_window(arrivals),
        "tightest_span_of_cap_plus_one_arrivals": tightest_span(arrivals, int(args.cap) + 1),
        "gap_ms_p10_p50_p90_max": gap_percentiles(arrivals),
        "wall_seconds_with_startup": round(wall, 2),
        "limiter_waits": stats.get("edgar/ratelimit/waits", 0),
        "late_sends_charged": stats.get("edgar/ratelimit/late_sends", 0),
    }, indent=2))


if __name__ == "__main__":
    main()
