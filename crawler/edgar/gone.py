"""Filings that never come back: a submission's missing answers across runs, and when it is given up as gone.

EDGAR has index rows whose file is gone for good. A submission that answers "missing" (404/410, or a 403 that is
not one of SEC's refusal pages) is fetched again by later runs; once it has answered so in ``GoneLimits.runs`` runs,
or over ``GoneLimits.days`` days, whichever comes first, it is *gone*: recorded with its history and no longer
fetched. Days are counted between the runs' ``--as-of`` dates, so a nightly schedule and a test read alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from crawler.errors import ConfigError

DEFAULT_GONE_AFTER_RUNS = 5
DEFAULT_GONE_AFTER_DAYS = 30


@dataclass(frozen=True, slots=True)
class MissingHistory:
    """How a submission has answered "missing": first and last run (as-of dates), in how many runs, last status."""

    first_seen: date
    last_seen: date
    runs: int
    last_status: int

    def to_json(self) -> dict[str, Any]:
        return {"first_seen": self.first_seen.isoformat(), "last_seen": self.last_seen.isoformat(),
                "runs": self.runs, "last_status": self.last_status}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> MissingHistory:
        return cls(date.fromisoformat(value["first_seen"]), date.fromisoformat(value["last_seen"]),
                   int(value["runs"]), int(value["last_status"]))


def record_missing(history: MissingHistory | None, status: int, as_of: date) -> MissingHistory:
    """The history after one more run in which the submission answered ``status`` (a missing answer)."""
    if history is None:
        return MissingHistory(first_seen=as_of, last_seen=as_of, runs=1, last_status=status)
    return MissingHistory(first_seen=min(history.first_seen, as_of), last_seen=max(history.last_seen, as_of),
                          runs=history.runs + 1, last_status=status)


@dataclass(frozen=True, slots=True)
class GoneLimits:
    """After how many runs, or days, of missing answers a submission is given up (settings EDGAR_GONE_AFTER_*)."""

    runs: int = DEFAULT_GONE_AFTER_RUNS
    days: int = DEFAULT_GONE_AFTER_DAYS

    def __post_init__(self) -> None:
        if self.runs < 1:
            raise ConfigError(f"gone after runs must be at least 1, got {self.runs} (--gone-after-runs)")
        if self.days < 0:
            raise ConfigError(f"gone after days must be at least 0, got {self.days} (--gone-after-days)")

    def reached(self, history: MissingHistory) -> bool:
        return history.runs >= self.runs or (history.last_seen - history.first_seen).days >= self.days


def describe(history: MissingHistory, limits: GoneLimits) -> str:
    """One line for ``errors.detail``: why the submission is given up."""
    return (f"answered HTTP {history.last_status} in {history.runs} run(s) from {history.first_seen} to "
            f"{history.last_seen} (gone after {limits.runs} runs or {limits.days} days); no longer fetched, "
            f"crawl --retry-gone fetches it again")
