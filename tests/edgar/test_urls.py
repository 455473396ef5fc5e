"""EDGAR path layout, daily index names of every era, accession helpers."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.edgar.calendar import Quarter
from crawler.edgar.urls import (
    DailyIndexName,
    accession_no_dashes,
    accession_prefix,
    archive_path_from_index_filename,
    daily_index_name,
    daily_index_path,
    daily_listing_path,
    filing_dir,
    filing_index_path,
    full_index_path,
    header_path,
    is_paper_accession,
    join_url,
    normalize_accession,
    parse_daily_index_name,
    parse_index_filename,
    submission_path,
    submissions_json_path,
)


def test_index_paths() -> None:
    assert full_index_path(Quarter(2004, 2)) == "Archives/edgar/full-index/2004/QTR2/form.idx"
    assert full_index_path(Quarter(2004, 2), "master", gz=True) == "Archives/edgar/full-index/2004/QTR2/master.gz"
    assert daily_listing_path(Quarter(2018, 4)) == "Archives/edgar/daily-index/2018/QTR4/index.json"
    assert daily_index_path(date(2020, 3, 18)) == "Archives/edgar/daily-index/2020/QTR1/form.20200318.idx"
    assert join_url("https://www.sec.gov/", "/Archives/edgar/x") == "https://www.sec.gov/Archives/edgar/x"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(1994, 7, 1), "form.070194.idx"),  # MMDDYY before 1995
        (date(1995, 1, 3), "form.950103.idx"),  # YYMMDD to the end of 1998 Q1
        (date(1998, 3, 31), "form.980331.idx"),
        (date(1998, 4, 1), "form.19980401.idx"),  # YYYYMMDD after
        (date(2020, 3, 18), "form.20200318.idx"),
    ],
)
def test_daily_names_per_era_round_trip(day: date, name: str) -> None:
    assert daily_index_name(day) == name
    assert parse_daily_index_name(name, Quarter.of(day)) == DailyIndexName("form", day, "")
    assert parse_daily_index_name(name) == DailyIndexName("form", day, "")


def test_daily_name_parsing_kinds_compression_and_rejects() -> None:
    assert parse_daily_index_name("master.950103.idx.gz") == DailyIndexName("master", date(1995, 1, 3), "gz")
    assert parse_daily_index_name("company.20221003.idx").kind == "company"
    for name in ("index.json", "form.idx", "sitemap.20181001.xml", "form.20181332.idx", "form.2018100.idx", "form.999999.idx"):
        assert parse_daily_index_name(name) is None
    assert parse_daily_index_name("form.20181001.idx", Quarter(2018, 3)) is None  # outside the directory's quarter


def test_accession_helpers() -> None:
    assert normalize_accession("000090514804002078") == "0000905148-04-002078"
    assert accession_no_dashes("0000905148-04-002078") == "000090514804002078"
    assert accession_prefix("0000905148-04-002078") == "0000905148"
    assert is_paper_accession("9999999997-26-001474") and not is_paper_accession("0000905148-04-002078")
    with pytest.raises(ValueError):
        normalize_accession("0000905148-04-00207")


def test_filing_paths() -> None:
    acc = "0000905148-04-004513"
    assert submission_path(1304811, acc) == "Archives/edgar/data/1304811/0000905148-04-004513.txt"
    assert filing_dir(1304811, acc) == "Archives/edgar/data/1304811/000090514804004513/"
    assert filing_index_path(1304811, acc).endswith("/000090514804004513/0000905148-04-004513-index.htm")
    assert header_path(1304811, acc).endswith("/000090514804004513/0000905148-04-004513.hdr.sgml")
    assert submissions_json_path(320193) == "submissions/CIK0000320193.json"
    assert archive_path_from_index_filename("edgar/data/1304811/0000905148-04-004513.txt") == submission_path(1304811, acc)
    assert parse_index_filename("edgar/data/1304811/0000905148-04-004513.txt") == (1304811, acc)
    assert parse_index_filename("edgar/data/1304811/other.txt") is None
