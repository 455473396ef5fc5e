"""Quarters SEC would not have published yet, told from the mirror's own index directories.

SEC publishes nothing for a new quarter before the quarter's first daily index, in the evening of its first
business day; until then it refuses requests for the quarter's ``full-index``/``daily-index`` paths with 403, not
404 (EDGAR.md §1: edgartools issue #116, ScrapeSEC.jl PR #25). A mirror holds EDGAR as of the end of its
latest index quarter, so a quarter (or year) later than the latest ``full-index/YYYY/QTRn`` or
``daily-index/YYYY/QTRn`` directory of the mirror is one SEC would not have published yet, and a request for any
path below it gets the unpublished status (403, or 404 with ``mirror serve --unpublished-status 404``: SEC does not
document the answer). Every other missing path stays 404.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from crawler.edgar.calendar import Quarter

UNPUBLISHED_STATUSES = (403, 404)
DEFAULT_UNPUBLISHED_STATUS = 403

_INDEX_ROOTS = ("full-index", "daily-index")
_INDEX_PATH = re.compile(
    r"^/Archives/edgar/(?:full|daily)-index/(?P<year>\d{4})(?:/QTR(?P<number>[1-4]))?(?:/(?!\.)[^/]*)?$"
)
_QUARTER_DIR = re.compile(r"^QTR([1-4])$")


def requested_period(path: str) -> tuple[int, Quarter | None] | None:
    """``(year, quarter)`` of an index path (quarter None for a year's own path), or None for any other path."""
    match = _INDEX_PATH.match(unquote(path))
    if match is None:
        return None
    year = int(match["year"])
    return year, Quarter(year, int(match["number"])) if match["number"] else None


def latest_index_quarter(root: Path) -> Quarter | None:
    """The latest quarter with a ``full-index`` or ``daily-index`` directory in the mirror at ``root``."""
    found: list[Quarter] = []
    for index_root in _INDEX_ROOTS:
        base = root / "Archives" / "edgar" / index_root
        for year_dir in base.glob("[0-9][0-9][0-9][0-9]"):
            for quarter_dir in year_dir.iterdir():
                match = _QUARTER_DIR.match(quarter_dir.name)
                if match and quarter_dir.is_dir():
                    found.append(Quarter(int(year_dir.name), int(match[1])))
    return max(found, default=None)


def is_unpublished(root: Path, path: str) -> bool:
    """True when ``path`` lies in a quarter or year later than the mirror's latest index quarter."""
    period = requested_period(path)
    if period is None:
        return False
    latest = latest_index_quarter(root)
    if latest is None:
        return False
    year, quarter = period
    return quarter > latest if quarter is not None else year > latest.year
