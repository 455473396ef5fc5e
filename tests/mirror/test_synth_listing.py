"""``index.json`` listings of the synthetic mirror: exactly the directory's files, SEC's item shape, file times."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.fixtures.samples import sample

LISTED = ("Archives/edgar/daily-index", "Archives/edgar/full-index")


def eastern(timestamp: float) -> set[datetime]:
    """A POSIX time as US Eastern wall clock (zoneinfo; without a tz database either UTC-4 or UTC-5)."""
    try:
        from zoneinfo import ZoneInfo

        return {datetime.fromtimestamp(timestamp, ZoneInfo("America/New_York")).replace(tzinfo=None)}
    except Exception:
        return {datetime.fromtimestamp(timestamp, timezone(timedelta(hours=-h))).replace(tzinfo=None) for h in (4, 5)}


def listing_dirs(mirror: Path) -> list[Path]:
    return [path for root in LISTED for path in [mirror / root, *(mirror / root).rglob("*")] if path.is_dir()]


def test_every_listed_directory_has_an_index_json(small_mirror: Path) -> None:
    directories = listing_dirs(small_mirror)
    assert len(directories) > 20
    assert all((directory / "index.json").is_file() for directory in directories)


def test_index_json_lists_exactly_the_directory_with_matching_times(small_mirror: Path) -> None:
    real_keys = set(json.loads(sample("pages", "0001213900-24-004875-index.json").read_text())["directory"]["item"][0])
    for directory in listing_dirs(small_mirror):
        listing = json.loads((directory / "index.json").read_text())["directory"]
        assert listing["name"] == directory.relative_to(small_mirror / "Archives/edgar").as_posix() + "/"
        assert listing["parent-dir"] == "../"
        items = listing["item"]
        assert [item["name"] for item in items] == sorted(p.name for p in directory.iterdir() if p.name != "index.json")
        for item in items:
            assert real_keys <= set(item) and item["href"].rstrip("/") == item["name"]
            path = directory / item["name"]
            shown = datetime.strptime(item["last-modified"], "%m/%d/%Y %I:%M:%S %p")
            assert shown in eastern(os.stat(path).st_mtime), path
            if path.is_dir():
                assert (item["type"], item["href"]) == ("dir", item["name"] + "/")
            else:
                assert item["type"] == "file"
                kilobytes = int(item["size"].removesuffix(" KB"))
                assert abs(kilobytes - path.stat().st_size / 1024) <= 1


def test_listing_times_are_evening_index_builds_on_business_days(small_mirror: Path) -> None:
    listing = json.loads((small_mirror / "Archives/edgar/daily-index/2004/QTR2/index.json").read_text())
    for item in listing["directory"]["item"]:
        day = datetime.strptime(item["name"].split(".")[1], "%Y%m%d")
        shown = datetime.strptime(item["last-modified"], "%m/%d/%Y %I:%M:%S %p")
        assert shown >= day.replace(hour=22) or shown.date() > day.date()
