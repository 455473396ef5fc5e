"""The crawl measured end to end against the quarter mirror served on loopback.

Every figure comes from a real ``edgar-archive crawl`` process (time, CPU and peak RSS of that process, as its
parent ``bench/launcher.py`` reads them from ``os.wait4``) and from the mirror's request log. Each section repeats its run ``repeat`` times on a fresh
output directory and reports median/min/max.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.figures import spread
from bench.processes import REPO_ROOT, clean_env, run_crawl, run_measured
from bench.server_log import ARCHIVE_DATA, block_pages, highest_window, kinds, sustained_rate
from crawler.mirror.launch import serve_mirror

UNTHROTTLED_RATE = 1000.0  # far above what loopback reaches: the limiter never waits
CAP = 10


def mirror_range(mirror: Path) -> tuple[date, date]:
    summary = json.loads((mirror / "_truth" / "summary.json").read_text())
    return date.fromisoformat(summary["start"]), date.fromisoformat(summary["end"])


def _truth(mirror: Path, name: str) -> list[dict[str, Any]]:
    lines = (mirror / "_truth" / f"{name}.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def expected_per_day(mirror: Path) -> Counter[date]:
    """Filings a crawl should archive, by filing date: ABS 8-Ks and SE records of the truth."""
    days: Counter[date] = Counter()
    for row in _truth(mirror, "filings"):
        if row["is_abs"]:
            days[date.fromisoformat(row["filed_date"])] += 1
    for row in _truth(mirror, "se_filings"):
        days[date.fromisoformat(row["filed_date"])] += 1
    return days


def slice_end(mirror: Path, filings: int) -> date:
    """The first day by which the quarter's expected filings (from its start) reach ``filings``."""
    start, end = mirror_range(mirror)
    per_day, total, day = expected_per_day(mirror), 0, start
    while day < end:
        total += per_day[day]
        if total >= filings:
            return day
        day += timedelta(days=1)
    return end


def _crawl_once(url: str, output: Path, start: date, end: date, as_of: date, rate: float) -> dict[str, Any]:
    run = run_crawl(url, output, start, end, rate=rate, as_of=as_of)
    return {"items": run.items, "seconds": run.process.seconds, "cpu_seconds": run.process.cpu_seconds,
            "peak_rss_mb": run.process.peak_rss_mb, "exit_code": run.process.exit_code}


def _lookups_for_abs_filers(mirror: Path, requests: list[dict[str, Any]]) -> int:
    abs_ciks = {int(c) for row in _truth(mirror, "filings") if row["is_abs"]
                for c in (row.get("ciks") or [row["cik"]])}
    looked_up = {int(r["path"].rsplit("CIK", 1)[1].split(".")[0]) for r in requests
                 if r["path"].startswith("/submissions/CIK")}
    return len(looked_up & abs_ciks)


def unthrottled(mirror: Path, repeat: int, scratch: Path) -> dict[str, Any]:
    """Full quarter at --rate 1000, then an incremental run with nothing new, then a bare Scrapy fetch of the
    same submission URLs, each attempt against a fresh server log and output."""
    start, end = mirror_range(mirror)
    as_of = end + timedelta(days=1)
    runs, increments, bares = [], [], []
    for attempt in range(repeat):
        output, log = scratch / f"full-{attempt}", scratch / f"full-{attempt}.jsonl"
        with serve_mirror(mirror, log=log) as server:
            run = _crawl_once(server.url, output, start, end, as_of, UNTHROTTLED_RATE)
            requests = server.requests()
            run.update(requests=len(requests), by_kind=kinds(requests), block_pages=block_pages(requests),
                       lookups_for_abs_filers=_lookups_for_abs_filers(mirror, requests))
            runs.append(run)
            increments.append(incremental(server.url, output, end, server.requests))
            paths = [r["path"] for r in requests if r["path"].startswith(ARCHIVE_DATA)]
            url_file = scratch / f"urls-{attempt}.txt"
            url_file.write_text("".join(f"{server.url}{path}\n" for path in paths))
            bares.append({"gzip": bare_fetch(url_file), "identity": bare_fetch(url_file, "--identity")})
    return {
        "crawl_unthrottled": _unthrottled_figures(runs, bares),
        "incremental_nothing_new": {
            "requests": spread([i["requests"] for i in increments]),
            "seconds": spread([i["seconds"] for i in increments]),
            "exit_codes": sorted({i["exit_code"] for i in increments}),
            "by_kind": increments[0]["by_kind"],
            "how": "crawl without --from (continues from the watermark), --as-of the quarter's last day",
        },
        "bare_scrapy_fetch": {
            "gzip": _bare_figures([b["gzip"] for b in bares]),
            "identity": _bare_figures([b["identity"] for b in bares]),
            "how": "stock Scrapy 2.19, concurrency 8, the same submission URLs, a callback that only counts "
                   "(bench/bare_fetch.py); gzip: as negotiated by default; identity: compression off",
        },
    }


def _bare_figures(bares: list[dict[str, Any]]) -> dict[str, Any]:
    return {"responses_per_second": spread([b["responses"] / b["seconds"] for b in bares]),
            "cpu_ms_per_response": spread([1000 * b["cpu_seconds"] / max(b["responses"], 1) for b in bares]),
            "peak_rss_mb": spread([b["peak_rss_mb"] for b in bares]), "responses": bares[0]["responses"]}


def _unthrottled_figures(runs: list[dict[str, Any]], bares: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "filings_per_second": spread([r["items"] / r["seconds"] for r in runs]),
        "requests_per_filing": spread([r["requests"] / max(r["items"], 1) for r in runs]),
        "peak_rss_mb": spread([r["peak_rss_mb"] for r in runs]),
        "cpu_ms_per_filing": spread([1000 * r["cpu_seconds"] / max(r["items"], 1) for r in runs]),
        "seconds": spread([r["seconds"] for r in runs]),
        "ratio_to_bare_scrapy": spread([(r["items"] / r["seconds"]) / max(_per_second(b["gzip"]),
                                                                           _per_second(b["identity"]))
                                        for r, b in zip(runs, bares, strict=True)]),
        "filings": runs[0]["items"], "requests": runs[0]["requests"], "requests_by_kind": runs[0]["by_kind"],
        "company_lookups_for_abs_filers": runs[0]["lookups_for_abs_filers"],
        "block_pages": max(r["block_pages"] for r in runs), "exit_codes": sorted({r["exit_code"] for r in runs}),
        "rate_option": UNTHROTTLED_RATE,
    }


def incremental(url: str, output: Path, last_day: date, server_requests: Any) -> dict[str, Any]:
    """A nightly run right after the backfill: no --from, so it continues from the watermark."""
    before = len(server_requests())
    command = [sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--base-url", url,
               "--data-url", url, "--rate", f"{UNTHROTTLED_RATE:g}", "--as-of", last_day.isoformat(),
               "--progress", "off"]
    process = run_measured(command, env=clean_env(), cwd=REPO_ROOT)
    new = server_requests()[before:]
    return {"requests": len(new), "seconds": process.seconds, "exit_code": process.exit_code,
            "by_kind": kinds(new)}


def _per_second(bare: dict[str, Any]) -> float:
    return bare["responses"] / bare["seconds"]


def bare_fetch(url_file: Path, *options: str) -> dict[str, Any]:
    process = run_measured([sys.executable, "-m", "bench.bare_fetch", str(url_file), *options], env=clean_env(),
                           cwd=REPO_ROOT)
    lines = [line for line in process.stderr.splitlines() if line.startswith('{"responses"')]
    if process.exit_code != 0 or not lines:
        raise RuntimeError(f"bare fetch failed ({process.exit_code}): {process.stderr[-2000:]}")
    return {**json.loads(lines[-1]), "seconds": process.seconds, "cpu_seconds": process.cpu_seconds,
            "peak_rss_mb": process.peak_rss_mb}


def capped(mirror: Path, repeat: int, scratch: Path, days: int, latency: str = "") -> dict[str, Any]:
    """The first ``days`` days of the quarter at --rate 10 against ``mirror serve --rate-limit 10 --latency``."""
    start, end = mirror_range(mirror)
    last = min(end, start + timedelta(days=days - 1))
    runs = []
    for attempt in range(repeat):
        log = scratch / f"capped-{attempt}.jsonl"
        with serve_mirror(mirror, "--rate-limit", str(CAP), *(["--latency", latency] if latency else []),
                          log=log) as server:
            run = _crawl_once(server.url, scratch / f"capped-{attempt}", start, last, end + timedelta(days=1), CAP)
            requests = server.requests()
        run.update(requests=len(requests), window=highest_window(requests), blocks=block_pages(requests),
                   sustained=sustained_rate(requests), by_kind=kinds(requests))
        runs.append(run)
    return {
        "filings_per_second": spread([r["items"] / r["seconds"] for r in runs]),
        "submissions_per_second_sustained": spread([r["sustained"] for r in runs]),
        "archived_per_second_sustained": spread([r["sustained"] * r["items"] / r["by_kind"]["submission"] for r in runs]),
        "requests_per_second": spread([r["requests"] / r["seconds"] for r in runs]),
        "highest_1s_window": spread([r["window"] for r in runs]),
        "block_pages": spread([r["blocks"] for r in runs]),
        "filings": runs[0]["items"], "requests": runs[0]["requests"], "requests_by_kind": runs[0]["by_kind"],
        "days": days, "from": start.isoformat(), "to": last.isoformat(), "cap": CAP, "latency_ms": latency or "0",
        "exit_codes": sorted({r["exit_code"] for r in runs}),
    }


def memory_flatness(mirror: Path, repeat: int, scratch: Path, sizes: tuple[int, ...]) -> dict[str, Any]:
    """Peak RSS of crawls over slices of the quarter holding about ``sizes`` filings each."""
    start, end = mirror_range(mirror)
    points = []
    for size in sizes:
        last = slice_end(mirror, size)
        runs = []
        for attempt in range(repeat):
            with serve_mirror(mirror, log=scratch / f"mem-{size}-{attempt}.jsonl") as server:
                runs.append(_crawl_once(server.url, scratch / f"mem-{size}-{attempt}", start, last,
                                        end + timedelta(days=1), UNTHROTTLED_RATE))
        points.append({"target_filings": size, "filings": runs[0]["items"], "to": last.isoformat(),
                       "peak_rss_mb": spread([r["peak_rss_mb"] for r in runs])})
    peaks = [p["peak_rss_mb"]["median"] for p in points]
    return {"points": points, "largest_peak_rss_mb": max(peaks),
            "growth_mb_per_1000_filings": _slope([p["filings"] for p in points], peaks)}


def _slope(xs: list[int], ys: list[float]) -> float:
    """Least-squares MB per 1000 filings (0 when flat)."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread_x = sum((x - mean_x) ** 2 for x in xs)
    if not spread_x:
        return 0.0
    return 1000 * sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread_x


def scratch_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="bench-crawl-")
