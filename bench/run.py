"""``make bench``: build the quarter-scale mirror once, serve it, measure, write bench/results/latest.json.

Figures (median of --repeat runs, with min and max): crawl unthrottled (filings/s, requests per archived
filing from the server log, peak RSS and CPU seconds of the crawl process), crawl at a 10 req/s cap over a
slice of the quarter (sustained filings/s, highest 1-s request window), an incremental run with nothing
new (requests, seconds). The index-parse, parser and SE-linkage benchmarks run as their own scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from crawler.mirror.launch import serve_mirror
from crawler.mirror.synth import synthesize

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results"
QUARTER = (date(2004, 4, 1), date(2004, 6, 30))
CAPPED_SLICE_DAYS = 7


def quarter_mirror(filings: int) -> Path:
    mirror = CACHE / f"quarter-{filings}"
    if not (mirror / "_truth" / "summary.json").exists():
        synthesize(mirror, seed=1, start=QUARTER[0], end=QUARTER[1], filings=filings)
    return mirror


def crawl(url: str, output: Path, start: date, end: date, rate: float, as_of: date) -> dict[str, Any]:
    command = [sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--base-url", url,
               "--data-url", url, "--rate", str(rate), "--from", start.isoformat(), "--to", end.isoformat(),
               "--as-of", as_of.isoformat(), "--progress", "off"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGAR_")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summaries = [line for line in result.stderr.splitlines() if line.startswith('{"')]
    summary = json.loads(summaries[-1]) if summaries else {}
    if result.returncode not in (0, 3):
        raise SystemExit(f"crawl failed ({result.returncode}): {result.stderr[-3000:]}")
    return {"exit_code": result.returncode, "seconds": seconds, "items": summary.get("item_scraped_count", 0),
            "cpu_seconds": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "peak_rss_mb": after.ru_maxrss / 1024}


def window_peak(requests: list[dict[str, Any]]) -> int:
    times = sorted(r["ts"] for r in requests)
    peak, left = 0, 0
    for right, t in enumerate(times):
        while t - times[left] >= 1.0:
            left += 1
        peak = max(peak, right - left + 1)
    return peak


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(mirror: Path, repeat: int) -> dict[str, Any]:
    as_of = QUARTER[1] + timedelta(days=1)
    unthrottled: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for attempt in range(repeat):
            log = Path(scratch) / f"full-{attempt}.jsonl"
            with serve_mirror(mirror, log=log) as server:
                output = Path(scratch) / f"out-{attempt}"
                run = crawl(server.url, output, *QUARTER, rate=1_000, as_of=as_of)
                requests = server.requests()
                run["requests"] = len(requests)
                run["requests_per_filing"] = len(requests) / max(run["items"], 1)
                began = len(requests)
                incremental = crawl(server.url, output, QUARTER[1], QUARTER[1], rate=1_000, as_of=as_of)
                incremental["requests"] = len(server.requests()) - began
                run["incremental"] = incremental
            unthrottled.append(run)
        log = Path(scratch) / "capped.jsonl"
        with serve_mirror(mirror, "--rate-limit", "10", log=log) as server:
            end = QUARTER[0] + timedelta(days=CAPPED_SLICE_DAYS - 1)
            capped = crawl(server.url, Path(scratch) / "capped", QUARTER[0], end, rate=10, as_of=as_of)
            capped_requests = server.requests()
    return {
        "crawl_unthrottled": {
            "filings_per_second": spread([r["items"] / r["seconds"] for r in unthrottled]),
            "requests_per_filing": spread([r["requests_per_filing"] for r in unthrottled]),
            "peak_rss_mb": spread([r["peak_rss_mb"] for r in unthrottled]),
            "cpu_seconds_per_filing": spread([r["cpu_seconds"] / max(r["items"], 1) for r in unthrottled]),
            "filings": unthrottled[0]["items"],
        },
        "incremental_nothing_new": {
            "requests": spread([r["incremental"]["requests"] for r in unthrottled]),
            "seconds": spread([r["incremental"]["seconds"] for r in unthrottled]),
        },
        "crawl_capped_10_per_second": {
            "filings_per_second": capped["items"] / capped["seconds"],
            "highest_1s_window": window_peak(capped_requests),
            "block_pages": sum(1 for r in capped_requests if r.get("blocked")),
            "filings": capped["items"], "days": CAPPED_SLICE_DAYS,
        },
    }


def markdown(results: dict[str, Any]) -> str:
    full, inc, cap = (results["crawl_unthrottled"], results["incremental_nothing_new"],
                      results["crawl_capped_10_per_second"])
    rows = [
        ("crawl unthrottled, filings/s", full["filings_per_second"]),
        ("requests per archived filing", full["requests_per_filing"]),
        ("peak RSS of the crawl, MB", full["peak_rss_mb"]),
        ("CPU seconds per filing", full["cpu_seconds_per_filing"]),
        ("incremental run, nothing new: requests", inc["requests"]),
        ("incremental run, nothing new: seconds", inc["seconds"]),
    ]
    lines = ["| figure | median | min | max |", "|---|---|---|---|"]
    lines += [f"| {name} | {v['median']:.3g} | {v['min']:.3g} | {v['max']:.3g} |" for name, v in rows]
    lines.append(f"| crawl at a 10 req/s cap ({cap['days']} days, {cap['filings']} filings), filings/s | "
                 f"{cap['filings_per_second']:.3g} | | |")
    lines.append(f"| highest 1-s request window at the cap / block pages | {cap['highest_1s_window']} / "
                 f"{cap['block_pages']} | | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filings", type=int, default=25_000, help="8-K-family filings in the quarter mirror")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mirror = quarter_mirror(args.filings)
    results = {"machine": {"cpus": os.cpu_count(), "platform": sys.platform}, "mirror_filings": args.filings,
               **measure(mirror, args.repeat)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    (RESULTS / "latest.md").write_text(markdown(results) + "\n")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
