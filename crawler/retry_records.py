"""Submissions to fetch again, kept in the crawl state: ``retry_candidates`` and ``gone_filings``.

A submission whose fetch failed is kept under ``retry_candidates`` (its candidate, plus its missing history once it
answered "missing") and fetched again by the next run. When its missing answers reach the :class:`GoneLimits` it
moves to ``gone_filings`` and is no longer fetched, unless the run was asked to retry gone filings. One run at a time
writes these records (the run lock), so the key sets loaded at start stay true for the whole run.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date
from typing import Any

from crawler.edgar.gone import GoneLimits, MissingHistory, record_missing
from crawler.edgar.selection import Candidate, Filer
from crawler.store.state import CrawlState

RETRY_NAMESPACE = "retry_candidates"
GONE_NAMESPACE = "gone_filings"
_CANDIDATE_FIELDS = frozenset(f.name for f in fields(Candidate))


class SubmissionRetries:
    """The run's view of both namespaces: what to fetch again, what to skip, and what a failure or success changes."""

    def __init__(self, state: CrawlState, limits: GoneLimits, *, as_of: date, retry_gone: bool = False) -> None:
        self.state = state
        self.limits = limits
        self.as_of = as_of
        self.retry_gone = retry_gone
        self.retry_keys: set[str] = set()
        self.gone_keys: set[str] = set()

    def load(self) -> list[Candidate]:
        """Candidates to fetch again in this run (gone ones only with ``retry_gone``); records of archived accessions
        are dropped."""
        again: list[Candidate] = []
        for namespace, keys, fetch in ((RETRY_NAMESPACE, self.retry_keys, True),
                                       (GONE_NAMESPACE, self.gone_keys, self.retry_gone)):
            for key, value in list(self.state.iter_records(namespace)):
                if self.state.is_committed(key):
                    self.state.delete_record(namespace, key)
                    continue
                keys.add(key)
                if fetch:
                    again.append(candidate_from_json(value))
        return again

    def skips(self, accession: str) -> bool:
        """True for a gone submission this run must not fetch."""
        return not self.retry_gone and accession in self.gone_keys

    def succeeded(self, accession: str) -> None:
        for namespace, keys in ((RETRY_NAMESPACE, self.retry_keys), (GONE_NAMESPACE, self.gone_keys)):
            if accession in keys:
                keys.discard(accession)
                self.state.delete_record(namespace, accession)

    def failed(self, candidate: Candidate, missing_status: int | None) -> MissingHistory | None:
        """Record a failed fetch (``missing_status``: the status of a missing answer, else None).

        Returns the submission's history when it is gone now (moved to ``gone_filings``), else None (kept for a retry).
        """
        accession = candidate.accession
        history = self._history(accession)
        if missing_status is not None:
            history = record_missing(history, missing_status, self.as_of)
        value = candidate_to_json(candidate)
        if history is not None:
            value["missing"] = history.to_json()
        gone = missing_status is not None and history is not None and self.limits.reached(history)
        if gone:
            value["gone_on"] = self.as_of.isoformat()
        keep, drop = (GONE_NAMESPACE, RETRY_NAMESPACE) if gone else (RETRY_NAMESPACE, GONE_NAMESPACE)
        keys = {RETRY_NAMESPACE: self.retry_keys, GONE_NAMESPACE: self.gone_keys}
        if accession in keys[drop]:
            keys[drop].discard(accession)
            self.state.delete_record(drop, accession)
        self.state.put_record(keep, accession, value)
        keys[keep].add(accession)
        return history if gone else None

    def _history(self, accession: str) -> MissingHistory | None:
        namespace = GONE_NAMESPACE if accession in self.gone_keys else RETRY_NAMESPACE
        record = self.state.get_record(namespace, accession) or {}
        return MissingHistory.from_json(record["missing"]) if "missing" in record else None


def gone_filings(state: CrawlState) -> list[dict[str, Any]]:
    """Every gone submission with its history, for ``status``: accession, path, kind, date_filed, history, gone_on."""
    found = []
    for accession, value in sorted(state.iter_records(GONE_NAMESPACE)):
        found.append({"accession": accession, "path": value.get("path"), "kind": value.get("kind"),
                      "date_filed": value.get("date_filed"), **value.get("missing", {}),
                      "gone_on": value.get("gone_on")})
    return found


def candidate_to_json(candidate: Candidate) -> dict[str, Any]:
    value = asdict(candidate)
    value["date_filed"] = candidate.date_filed.isoformat()
    return value


def candidate_from_json(value: dict[str, Any]) -> Candidate:
    known = {key: item for key, item in value.items() if key in _CANDIDATE_FIELDS}
    return Candidate(**{**known, "date_filed": date.fromisoformat(known["date_filed"]),
                        "filers": tuple(Filer(**f) for f in known["filers"])})
