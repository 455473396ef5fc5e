"""Repeated measurements as median/min/max, the targets of issues 3, 4, 5, 8, 14, 15 and 16, and the Markdown table."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def spread(values: list[float]) -> dict[str, float]:
    """Median, min and max of repeated measurements, and how many runs they came from."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


@dataclass(frozen=True, slots=True)
class Target:
    """A figure's target (reported against, never asserted in tests)."""

    figure: str
    path: tuple[str, ...]  # keys into the results, down to a spread or a number
    text: str  # the target as written in the issue
    met: Callable[[float], bool]


TARGETS = (
    Target("index parse, 250k-row form.idx, s", ("index_parse", "seconds"), "<= 1.0 s (issue 3)",
           lambda v: v <= 1.0),
    Target("typical 8-K parse, ms", ("parser", "typical_8k", "median_ms"), "well under 5 ms (issue 4; met: < 1 ms)",
           lambda v: v < 1.0),
    Target("CM parsing, MB/s of exhibit text", ("cm_parse", "mb_per_second"), ">= 20 (issue 14)",
           lambda v: v >= 20),
    Target("crawl unthrottled, filings/s", ("crawl_unthrottled", "filings_per_second"), ">= 200 (issue 5)",
           lambda v: v >= 200),
    Target("requests per archived filing", ("crawl_unthrottled", "requests_per_filing"), "<= 1.05 (issue 5)",
           lambda v: v <= 1.05),
    Target("crawl CPU per filing with CM parsing on, ms", ("crawl_unthrottled", "cpu_ms_per_filing"),
           "<= 4.95 ms: 0.3.0's 4.3 ms + 15% (issue 14)", lambda v: v <= 4.3 * 1.15),
    Target("peak RSS, largest memory point, MB", ("memory_flatness", "largest_peak_rss_mb"),
           "<= 300 MB, flat (issue 5)", lambda v: v <= 300),
    Target("capped crawl, sustained archive rate, filings/s", ("crawl_capped", "archived_per_second_sustained"),
           ">= 9.5 at a 10 req/s cap, --latency 150:50 (issues 8, 15)", lambda v: v >= 9.5),
    Target("capped crawl, highest 1-s window", ("crawl_capped", "highest_1s_window"), "<= 10 (issue 8)",
           lambda v: v <= 10),
    Target("capped crawl, block pages", ("crawl_capped", "block_pages"), "0 (issue 8)", lambda v: v == 0),
    Target("report of a 100k-filing archive, s", ("report_scale", "seconds"), "<= 10 s (issue 17)", lambda v: v <= 10),
    Target("report of a 100k-filing archive, peak RSS MB", ("report_scale", "peak_rss_mb"), "<= 500 MB (issue 17)",
           lambda v: v <= 500),
    Target("report of a 100k-filing archive, HTML MB", ("report_scale", "html_mb"), "< 5 MB (issue 17)",
           lambda v: v < 5),
    Target("three processes on one Redis budget, combined requests/s",
           ("shared_budget", "combined_requests_per_second"), ">= 9.5 (issue 16)", lambda v: v >= 9.5),
    Target("three processes on one Redis budget, highest 1-s window", ("shared_budget", "highest_1s_window"),
           "<= 10 (issue 16)", lambda v: v <= 10),
    Target("three processes, the backfill's highest 1-s window", ("shared_budget", "backfill_highest_1s_window"),
           "<= 6, its reservation (issue 16)", lambda v: v <= 6),
)


def lookup(results: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = results
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def median_of(value: Any) -> float | None:
    if isinstance(value, dict):
        return value.get("median")
    return value


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured median (worst case for maxima: the max) and whether it was met."""
    rows = []
    for target in TARGETS:
        value = lookup(results, target.path)
        worst = value.get("max") if isinstance(value, dict) and target.figure.endswith(("window", "pages")) \
            else median_of(value)
        rows.append({"figure": target.figure, "target": target.text, "value": worst,
                     "met": None if worst is None else bool(target.met(worst))})
    return rows


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def row(name: str, value: Any, note: str = "") -> str:
    if isinstance(value, dict) and "median" in value:
        cells = [fmt(value["median"]), fmt(value["min"]), fmt(value["max"])]
    else:
        cells = [fmt(value), "", ""]
    return f"| {name} | {' | '.join(cells)} | {note} |"
