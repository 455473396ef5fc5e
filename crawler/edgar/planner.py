"""Which index files to fetch for a range of dates.

Paging in the spirit of dlt's paginators: :func:`plan_range` gives the initial requests, and
:func:`daily_files_from_listing` turns one directory listing into more requests. Closed quarters are read
from their quarterly ``form.idx`` (one request each); the open quarter from its daily ``form.*.idx`` files,
named only as the ``index.json`` listing names them (never guessed). A quarter crawled day by day is read
once more from its quarterly file after it closes (``recheck``) to catch rows added late.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from crawler.edgar.calendar import EDGAR_FIRST_DAY, Quarter, business_days, is_business_day, quarters_between
from crawler.edgar.urls import daily_index_dir, daily_listing_path, full_index_path, parse_daily_index_name
from crawler.errors import IndexFormatError

# A daily file lists what was disseminated that day, whatever its filing date (a 2022-10-03 file holds a
# 2022-09-30 row): its rows are kept from the first EDGAR day up to a week after the file's day.
DAILY_ROWS_AHEAD = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class IndexFileRequest:
    """One index file to fetch; keep its rows whose filing date lies in ``[start, end]``."""

    path: str  # "Archives/edgar/full-index/2004/QTR2/form.idx"
    quarter: Quarter
    day: date | None  # None for a quarterly file
    start: date
    end: date
    last_modified: str | None = None  # as the listing gave it (daily files only)


@dataclass(frozen=True, slots=True)
class ListingRequest:
    """A daily-index directory listing (``index.json``) naming the daily files of ``[start, end]``."""

    path: str  # "Archives/edgar/daily-index/2004/QTR2/index.json"
    quarter: Quarter
    start: date
    end: date


def plan_range(
    start: date, end: date, *, today: date, recheck: Iterable[Quarter] = ()
) -> list[IndexFileRequest | ListingRequest]:
    """Initial requests for ``[start, end]`` clipped to ``[1993-01-01, today]``, oldest quarter first.

    A quarter whose last day is before ``today`` is closed: one quarterly ``form.idx``. The quarter holding
    ``today`` gets a listing request, unless none of its days in range is a business day. Closed quarters in ``recheck`` get their quarterly file with the whole
    quarter as row filter, in range or not; open ones wait until they close.
    """
    start, end = max(start, EDGAR_FIRST_DAY), min(end, today)
    planned: dict[Quarter, IndexFileRequest | ListingRequest] = {}
    for quarter in quarters_between(start, end):
        if quarter.end < today:
            planned[quarter] = IndexFileRequest(full_index_path(quarter), quarter, None, start, end)
        else:
            listing_start, listing_end = max(start, quarter.start), min(end, quarter.end)
            if next(business_days(listing_start, listing_end), None) is None:
                continue  # no business day of the quarter in range yet: it has no daily files to list
            planned[quarter] = ListingRequest(daily_listing_path(quarter), quarter, listing_start, listing_end)
    for quarter in set(recheck):
        if quarter.end >= today or quarter.start < EDGAR_FIRST_DAY:
            continue
        existing = planned.get(quarter)
        rows_from = min(quarter.start, existing.start) if existing else quarter.start
        rows_to = max(quarter.end, existing.end) if existing else quarter.end
        planned[quarter] = IndexFileRequest(full_index_path(quarter), quarter, None, rows_from, rows_to)
    return [planned[quarter] for quarter in sorted(planned)]


@dataclass(frozen=True, slots=True)
class ListedFile:
    """One entry of a directory listing."""

    name: str
    last_modified: str | None


def parse_listing(body: bytes) -> list[ListedFile]:
    """Entries of an EDGAR ``index.json`` listing (``{"directory": {"item": [{"name", "last-modified"}]}}``)."""
    try:
        document: Any = json.loads(body)
        items = document["directory"]["item"]
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexFormatError(f"not an EDGAR index.json listing: {exc}") from None
    if isinstance(items, dict):  # a one-entry listing may come as an object
        items = [items]
    if not isinstance(items, list):
        raise IndexFormatError("index.json listing: 'item' is not a list")
    listed = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            modified = item.get("last-modified")
            listed.append(ListedFile(item["name"], str(modified) if modified is not None else None))
    return listed


def daily_files_from_listing(
    listing: ListingRequest, body: bytes, *, seen: Mapping[str, str] | None = None
) -> list[IndexFileRequest]:
    """The daily ``form.*.idx`` files a listing names for business days in ``[listing.start, listing.end]``.

    Only plain ``form`` files (not ``.gz``, not company/master), whatever the era's date format. A path
    in ``seen`` with the same last-modified is skipped; one rewritten since (new last-modified) comes back.
    Raises IndexFormatError if the body is not a listing.
    """
    directory = daily_index_dir(listing.quarter)
    requests: list[IndexFileRequest] = []
    for listed, day in _daily_form_files(listing, body):
        path = directory + listed.name
        if seen is not None and _unchanged(seen.get(path), listed.last_modified):
            continue
        rows_from, rows_to = EDGAR_FIRST_DAY, day + DAILY_ROWS_AHEAD
        requests.append(IndexFileRequest(path, listing.quarter, day, rows_from, rows_to, listed.last_modified))
    return sorted(requests, key=lambda request: (request.day, request.path))


def unlisted_days(listing: ListingRequest, body: bytes, *, through: date) -> list[date]:
    """Business days of ``[listing.start, min(listing.end, through)]`` for which the listing names no daily form file.

    Raises IndexFormatError if the body is not a listing.
    """
    listed = {day for _, day in _daily_form_files(listing, body)}
    return [day for day in business_days(listing.start, min(listing.end, through)) if day not in listed]


def _daily_form_files(listing: ListingRequest, body: bytes) -> list[tuple[ListedFile, date]]:
    """The listing's plain daily ``form`` files of business days in ``[listing.start, listing.end]``, with their day."""
    found = []
    for listed in parse_listing(body):
        decoded = parse_daily_index_name(listed.name, listing.quarter)
        if decoded is None or decoded.kind != "form" or decoded.compression:
            continue
        if listing.start <= decoded.day <= listing.end and is_business_day(decoded.day):
            found.append((listed, decoded.day))
    return found


def first_unread_day(step: IndexFileRequest | ListingRequest, start: date, end: date) -> date | None:
    """The first day of ``[start, end]`` whose index rows ``step`` was to read, or None if it reads none of them.

    A daily file reads its own day, a listing the days it lists, a quarterly file its quarter's days in its row filter.
    """
    if isinstance(step, IndexFileRequest) and step.day is not None:
        return step.day if start <= step.day <= end else None
    first = max(step.start, step.quarter.start, start)
    return first if first <= min(step.end, step.quarter.end, end) else None


def _unchanged(processed: str | None, listed: str | None) -> bool:
    if processed is None:
        return False
    return listed is None or processed == listed


def describe(request: IndexFileRequest | ListingRequest) -> dict[str, Any]:
    """A JSON-ready description of a planned request (for dry runs and logs)."""
    is_listing = isinstance(request, ListingRequest)
    description: dict[str, Any] = {
        "kind": "listing" if is_listing else ("daily" if request.day else "quarterly"),
        "path": request.path,
        "quarter": str(request.quarter),
        "rows_from": request.start.isoformat(),
        "rows_to": request.end.isoformat(),
    }
    if not is_listing and request.day is not None:
        description["day"] = request.day.isoformat()
        description["last_modified"] = request.last_modified
    return description
