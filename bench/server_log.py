"""Figures read from ``mirror serve --log`` (one JSON line per request): what the server saw, not what the
crawler believes it sent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

ARCHIVE_DATA = "/Archives/edgar/data/"


def request_kind(path: str) -> str:
    """``submission`` (a filing's .txt), ``company_lookup`` (data host JSON), ``index``, ``listing``, ``other``."""
    if path.startswith(ARCHIVE_DATA):
        return "submission"
    if path.startswith("/submissions/"):
        return "company_lookup"
    if path.endswith("index.json"):
        return "listing"
    if "-index/" in path:
        return "index"
    return "other"


def kinds(requests: Iterable[dict[str, Any]]) -> dict[str, int]:
    return dict(sorted(Counter(request_kind(r["path"]) for r in requests).items()))


def block_pages(requests: Iterable[dict[str, Any]]) -> int:
    """Answers that were SEC's block page (the server marks them ``blocked``; 429 counted too)."""
    return sum(1 for r in requests if r.get("blocked") or r.get("status") == 429)


def highest_window(requests: Iterable[dict[str, Any]], window: float = 1.0) -> int:
    """Most arrivals in any half-open interval ``[t, t + window)`` (the server's own clock)."""
    times = sorted(r["ts"] for r in requests)
    peak, left = 0, 0
    for right, at in enumerate(times):
        while at - times[left] >= window:
            left += 1
        peak = max(peak, right - left + 1)
    return peak


def windows_over(requests: Iterable[dict[str, Any]], limit: int, window: float = 1.0) -> int:
    """How many windows ``[t, t + window)`` starting at an arrival hold more than ``limit`` arrivals."""
    times = sorted(r["ts"] for r in requests)
    over, right = 0, 0
    for left, at in enumerate(times):
        while right < len(times) and times[right] - at < window:
            right += 1
        over += right - left > limit
    return over


def sustained_rate(requests: list[dict[str, Any]], kind: str = "submission") -> float:
    """Requests of ``kind`` per second between the first and the last of them (steady state, no start-up)."""
    times = sorted(r["ts"] for r in requests if request_kind(r["path"]) == kind)
    if len(times) < 2 or times[-1] == times[0]:
        return 0.0
    return (len(times) - 1) / (times[-1] - times[0])

