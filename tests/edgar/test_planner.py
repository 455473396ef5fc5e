"""Request planning: quarterly files for closed quarters, listings for the open one, daily names only from listings."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from crawler.edgar.calendar import Quarter
from crawler.edgar.planner import (
    IndexFileRequest,
    ListingRequest,
    daily_files_from_listing,
    describe,
    first_unread_day,
    parse_listing,
    plan_range,
    unlisted_days,
)
from crawler.errors import IndexFormatError
from tests.fixtures.samples import sample

TODAY = date(2026, 5, 14)  # a Thursday in 2026 Q2


def listing_json(names: list[str], modified: str | None = "2018-12-31 22:01:02") -> bytes:
    items = [{"name": name, "type": "file", "size": "1 KB", **({"last-modified": modified} if modified else {})} for name in names]
    return json.dumps({"directory": {"item": items, "name": "daily-index/2018/QTR4", "parent-dir": ".."}}).encode()


def real_2018_q4_names() -> list[str]:
    html = sample("pages", "daily_index_2018_QTR4.htm").read_text(encoding="latin-1")
    return sorted(set(re.findall(r'href="((?:company|form|master|crawler|sitemap)\.[^"/]+)"', html)))


def test_2004_to_today_quarterly_files_then_one_listing() -> None:
    plan = plan_range(date(2004, 1, 1), TODAY, today=TODAY)
    quarterly = plan[:-1]
    assert [str(step.quarter) for step in quarterly] == [f"{y}Q{n}" for y in range(2004, 2026) for n in (1, 2, 3, 4)] + ["2026Q1"]
    for step in quarterly:
        assert isinstance(step, IndexFileRequest) and step.day is None
        assert step.path == f"Archives/edgar/full-index/{step.quarter.year}/QTR{step.quarter.number}/form.idx"
        assert (step.start, step.end) == (date(2004, 1, 1), TODAY)
    assert plan[-1] == ListingRequest("Archives/edgar/daily-index/2026/QTR2/index.json", Quarter(2026, 2), date(2026, 4, 1), TODAY)


def test_quarter_ending_today_is_still_open() -> None:
    plan = plan_range(date(2026, 3, 2), date(2026, 3, 31), today=date(2026, 3, 31))
    assert plan == [ListingRequest("Archives/edgar/daily-index/2026/QTR1/index.json", Quarter(2026, 1), date(2026, 3, 2), date(2026, 3, 31))]


def test_range_is_clipped_to_1993_and_today() -> None:
    plan = plan_range(date(1990, 1, 1), date(1993, 5, 1), today=TODAY)
    assert [str(step.quarter) for step in plan] == ["1993Q1", "1993Q2"]
    assert plan[0].start == date(1993, 1, 1)
    assert plan_range(date(1980, 1, 1), date(1992, 12, 31), today=TODAY) == []
    assert plan_range(date(2027, 1, 1), date(2027, 2, 1), today=TODAY) == []
    assert plan_range(date(2026, 5, 1), date(2026, 4, 1), today=TODAY) == []


def test_recheck_adds_closed_quarters_with_the_whole_quarter_as_row_filter() -> None:
    plan = plan_range(date(2026, 5, 11), TODAY, today=TODAY, recheck=[Quarter(2026, 1), Quarter(2026, 2), Quarter(2025, 4)])
    assert plan == [
        IndexFileRequest("Archives/edgar/full-index/2025/QTR4/form.idx", Quarter(2025, 4), None, date(2025, 10, 1), date(2025, 12, 31)),
        IndexFileRequest("Archives/edgar/full-index/2026/QTR1/form.idx", Quarter(2026, 1), None, date(2026, 1, 1), date(2026, 3, 31)),
        ListingRequest("Archives/edgar/daily-index/2026/QTR2/index.json", Quarter(2026, 2), date(2026, 5, 11), TODAY),
    ]


def test_recheck_of_a_quarter_in_range_widens_its_filter_once() -> None:
    plan = plan_range(date(2026, 3, 20), TODAY, today=TODAY, recheck=[Quarter(2026, 1)])
    first = plan[0]
    assert isinstance(first, IndexFileRequest) and first.quarter == Quarter(2026, 1)
    assert (first.start, first.end) == (date(2026, 1, 1), TODAY)
    assert len(plan) == 2


def test_daily_files_only_from_the_listing_on_business_days_in_range() -> None:
    names = real_2018_q4_names()
    names += ["form.20181006.idx", "form.20181225.idx", "form.20181003.idx.gz"]  # a Saturday, Christmas, a .gz copy
    listing = ListingRequest("Archives/edgar/daily-index/2018/QTR4/index.json", Quarter(2018, 4), date(2018, 12, 1), date(2018, 12, 31))
    requests = daily_files_from_listing(listing, listing_json(names))
    days = [request.day for request in requests]
    expected_days = sorted(
        date(int(n[5:9]), int(n[9:11]), int(n[11:13])) for n in names if re.fullmatch(r"form\.201812\d\d\.idx", n)
    )
    expected_days.remove(date(2018, 12, 25))
    assert days == expected_days
    assert len(days) == 18
    for request in requests:
        name = request.path.rsplit("/", 1)[1]
        assert name in names  # never a guessed name
        assert request.path == "Archives/edgar/daily-index/2018/QTR4/" + name
        assert request.last_modified == "2018-12-31 22:01:02"
        assert request.start <= request.day <= request.end


def test_weekend_and_holiday_listing_entries_produce_nothing() -> None:
    listing = ListingRequest("Archives/edgar/daily-index/2018/QTR4/index.json", Quarter(2018, 4), date(2018, 12, 22), date(2018, 12, 25))
    body = listing_json(["form.20181222.idx", "form.20181223.idx", "form.20181224.idx", "form.20181225.idx"])
    assert daily_files_from_listing(listing, body) == []


@pytest.mark.parametrize(
    ("quarter", "name", "day"),
    [
        (Quarter(1994, 3), "form.070194.idx", date(1994, 7, 1)),
        (Quarter(1995, 1), "form.950103.idx", date(1995, 1, 3)),
        (Quarter(1998, 1), "form.980331.idx", date(1998, 3, 31)),
        (Quarter(1998, 2), "form.19980401.idx", date(1998, 4, 1)),
    ],
)
def test_pre_1998_daily_names(quarter: Quarter, name: str, day: date) -> None:
    listing = ListingRequest(f"Archives/edgar/daily-index/{quarter.year}/QTR{quarter.number}/index.json", quarter, quarter.start, quarter.end)
    body = listing_json([name, "master." + name.split(".", 1)[1], "company." + name.split(".", 1)[1]])
    [request] = daily_files_from_listing(listing, body)
    assert request.day == day and request.path.endswith("/" + name)


def test_seen_files_are_skipped_unless_rewritten() -> None:
    listing = ListingRequest("Archives/edgar/daily-index/2018/QTR4/index.json", Quarter(2018, 4), date(2018, 12, 26), date(2018, 12, 28))
    directory = "Archives/edgar/daily-index/2018/QTR4/"
    body = json.dumps(
        {
            "directory": {
                "item": [
                    {"name": "form.20181226.idx", "last-modified": "2018-12-26 22:00:00"},
                    {"name": "form.20181227.idx", "last-modified": "2019-03-01 10:00:00"},  # rewritten late
                    {"name": "form.20181228.idx", "last-modified": "2018-12-28 22:00:00"},
                ]
            }
        }
    ).encode()
    seen = {
        directory + "form.20181226.idx": "2018-12-26 22:00:00",
        directory + "form.20181227.idx": "2018-12-27 22:00:00",
    }
    requests = daily_files_from_listing(listing, body, seen=seen)
    assert [(r.day, r.last_modified) for r in requests] == [
        (date(2018, 12, 27), "2019-03-01 10:00:00"),
        (date(2018, 12, 28), "2018-12-28 22:00:00"),
    ]


def test_daily_rows_are_kept_whatever_their_filing_date() -> None:
    listing = ListingRequest("Archives/edgar/daily-index/2022/QTR4/index.json", Quarter(2022, 4), date(2022, 10, 1), date(2022, 10, 3))
    [request] = daily_files_from_listing(listing, listing_json(["form.20221003.idx"]))
    assert request.start <= date(2022, 9, 30)  # the real 2022-10-03 file holds a row filed 2022-09-30
    assert request.end >= date(2022, 10, 3)


@pytest.mark.parametrize("body", [b"<html>blocked</html>", b"{}", b'{"directory": {"item": 3}}'])
def test_a_body_that_is_not_a_listing_raises(body: bytes) -> None:
    with pytest.raises(IndexFormatError):
        parse_listing(body)


def test_describe_is_json_ready() -> None:
    step = plan_range(date(2004, 4, 1), date(2004, 6, 30), today=TODAY)[0]
    assert json.loads(json.dumps(describe(step))) == {
        "kind": "quarterly",
        "path": "Archives/edgar/full-index/2004/QTR2/form.idx",
        "quarter": "2004Q2",
        "rows_from": "2004-04-01",
        "rows_to": "2004-06-30",
    }


def test_an_open_quarter_without_a_business_day_in_range_gets_no_listing() -> None:
    saturday = date(2006, 7, 1)
    plan = plan_range(date(2006, 6, 27), saturday, today=saturday)
    assert [type(step) for step in plan] == [IndexFileRequest]
    monday = date(2006, 7, 3)
    assert any(isinstance(step, ListingRequest) for step in plan_range(date(2006, 6, 27), monday, today=monday))


Q3_LISTING = ListingRequest("Archives/edgar/daily-index/2006/QTR3/index.json", Quarter(2006, 3), date(2006, 7, 3),
                            date(2006, 7, 7))


def test_unlisted_days_are_business_days_without_a_daily_form_file() -> None:
    body = listing_json(["form.20060705.idx", "company.20060703.idx", "form.20060703.idx.gz", "form.20060706.idx"])
    assert unlisted_days(Q3_LISTING, body, through=date(2006, 7, 7)) == [date(2006, 7, 3), date(2006, 7, 7)]
    assert unlisted_days(Q3_LISTING, body, through=date(2006, 7, 6)) == [date(2006, 7, 3)]
    assert unlisted_days(Q3_LISTING, body, through=date(2006, 6, 30)) == []
    assert unlisted_days(Q3_LISTING, listing_json([]), through=date(2006, 7, 5)) == [date(2006, 7, 3), date(2006, 7, 5)]


def test_unlisted_days_of_a_body_that_is_not_a_listing_raise() -> None:
    with pytest.raises(IndexFormatError):
        unlisted_days(Q3_LISTING, b"<html>403 Forbidden</html>", through=date(2006, 7, 7))


def test_first_unread_day_of_each_kind_of_request() -> None:
    start, end = date(2006, 6, 26), date(2006, 7, 5)
    daily = IndexFileRequest("Archives/edgar/daily-index/2006/QTR3/form.20060705.idx", Quarter(2006, 3),
                             date(2006, 7, 5), date(1993, 1, 1), date(2006, 7, 12))
    quarterly = IndexFileRequest("Archives/edgar/full-index/2006/QTR2/form.idx", Quarter(2006, 2), None, start, end)
    recheck = IndexFileRequest("Archives/edgar/full-index/2006/QTR1/form.idx", Quarter(2006, 1), None,
                               date(2006, 1, 1), date(2006, 3, 31))
    assert first_unread_day(Q3_LISTING, start, end) == date(2006, 7, 3)
    assert first_unread_day(daily, start, end) == date(2006, 7, 5)
    assert first_unread_day(daily, start, date(2006, 7, 3)) is None
    assert first_unread_day(quarterly, start, end) == date(2006, 6, 26)
    assert first_unread_day(recheck, start, end) is None  # a recheck of a quarter before the window
