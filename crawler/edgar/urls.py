"""EDGAR path layout: index directories, daily index names per era, filing paths, accession helpers.

Paths are relative to the host root (no leading slash): ``Archives/edgar/...`` on the www host,
``submissions/...`` on the data host. Join them to a base URL with :func:`join_url`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crawler.edgar.calendar import Quarter

ARCHIVES = "Archives/edgar"
INDEX_KINDS = ("form", "company", "master")
PAPER_ACCESSION_PREFIX = "9999999997"
SEC_NOTICE_ACCESSION_PREFIX = "9999999995"

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_DAILY_NAME = re.compile(r"^(form|company|master|crawler|xbrl)\.(\d{6}|\d{8})\.idx(\.gz|\.Z|\.zip)?$")
_FILING_NAME = re.compile(r"^edgar/data/(\d+)/(\d{10}-\d{2}-\d{6})\.txt$")


def join_url(base_url: str, path: str) -> str:
    """``https://www.sec.gov`` + ``Archives/edgar/...`` -> full URL (one slash between)."""
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}"


# --- index directories -------------------------------------------------------------------------


def quarter_dir(quarter: Quarter) -> str:
    """``2004/QTR2`` (the part shared by full-index and daily-index)."""
    return f"{quarter.year}/QTR{quarter.number}"


def full_index_path(quarter: Quarter, kind: str = "form", *, gz: bool = False) -> str:
    """``Archives/edgar/full-index/2004/QTR2/form.idx``, or its gzip copy ``form.gz`` (SEC has no ``form.idx.gz``)."""
    return f"{ARCHIVES}/full-index/{quarter_dir(quarter)}/{kind}.{'gz' if gz else 'idx'}"


def daily_index_dir(quarter: Quarter) -> str:
    """``Archives/edgar/daily-index/2004/QTR2/`` (trailing slash)."""
    return f"{ARCHIVES}/daily-index/{quarter_dir(quarter)}/"


def full_index_dir(quarter: Quarter) -> str:
    return f"{ARCHIVES}/full-index/{quarter_dir(quarter)}/"


def daily_listing_path(quarter: Quarter) -> str:
    """``Archives/edgar/daily-index/2004/QTR2/index.json``: the listing that names the real daily files."""
    return daily_index_dir(quarter) + "index.json"


def daily_date_token(day: date) -> str:
    """The date part of a daily index name in the era of ``day``: MMDDYY (< 1995), YYMMDD (to 1998 Q1), YYYYMMDD."""
    if day.year < 1995:
        return day.strftime("%m%d%y")
    if day < date(1998, 4, 1):
        return day.strftime("%y%m%d")
    return day.strftime("%Y%m%d")


def daily_index_name(day: date, kind: str = "form") -> str:
    """``form.20200318.idx`` / ``form.950103.idx`` / ``form.070194.idx``: for mirrors and docs, never for guessing."""
    return f"{kind}.{daily_date_token(day)}.idx"


def daily_index_path(day: date, kind: str = "form") -> str:
    return daily_index_dir(Quarter.of(day)) + daily_index_name(day, kind)


@dataclass(frozen=True, slots=True)
class DailyIndexName:
    """A daily index file name decoded: ``kind`` (form/company/master/...), ``day``, ``compression`` ('' = plain)."""

    kind: str
    day: date
    compression: str


def _decode_token(token: str, quarter: Quarter | None) -> date | None:
    if len(token) == 8:
        candidates = [(token[0:4], token[4:6], token[6:8])]
    else:
        mmddyy = ("19" + token[4:6], token[0:2], token[2:4])
        yymmdd = ("19" + token[0:2], token[2:4], token[4:6])
        candidates = [mmddyy, yymmdd]
    days: list[date] = []
    for year, month, day in candidates:
        try:
            days.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    if quarter is not None:
        days = [day for day in days if quarter.contains(day)]
    if len(token) == 6 and len(days) == 2:  # both readings valid: the era decides
        days = [days[0] if days[0].year < 1995 else days[1]]
    return days[0] if days else None


def parse_daily_index_name(name: str, quarter: Quarter | None = None) -> DailyIndexName | None:
    """Decode ``form.20200318.idx``, ``master.950103.idx``, ``company.070194.idx.gz``; None if not a daily index.

    Six-digit dates are MMDDYY before 1995 and YYMMDD after; ``quarter`` (the directory's) settles them.
    """
    match = _DAILY_NAME.match(name)
    if match is None:
        return None
    day = _decode_token(match[2], quarter)
    if day is None:
        return None
    return DailyIndexName(kind=match[1], day=day, compression=(match[3] or "").lstrip("."))


# --- filings ---------------------------------------------------------------------------------------


def normalize_accession(text: str) -> str:
    """``000090514804002078`` or ``0000905148-04-002078`` -> ``0000905148-04-002078``; ValueError otherwise."""
    match = _ACCESSION.match(text.strip())
    if match is None:
        raise ValueError(f"not an accession number: {text!r}")
    return f"{match[1]}-{match[2]}-{match[3]}"


def is_accession(text: str) -> bool:
    return _ACCESSION.match(text) is not None


def accession_no_dashes(accession: str) -> str:
    return normalize_accession(accession).replace("-", "")


def accession_prefix(accession: str) -> str:
    """The filer agent part (``0000905148``); ``9999999997`` marks a paper submission."""
    return normalize_accession(accession)[:10]


def is_paper_accession(accession: str) -> bool:
    return accession_prefix(accession) == PAPER_ACCESSION_PREFIX


def submission_path(cik: int, accession: str) -> str:
    """``Archives/edgar/data/1269518/0000905148-04-002078.txt`` (full submission, legacy path)."""
    return f"{ARCHIVES}/data/{int(cik)}/{normalize_accession(accession)}.txt"


def filing_dir(cik: int, accession: str) -> str:
    """``Archives/edgar/data/1269518/000090514804002078/``."""
    return f"{ARCHIVES}/data/{int(cik)}/{accession_no_dashes(accession)}/"


def filing_index_path(cik: int, accession: str) -> str:
    """The human index page ``.../{accession}-index.htm``."""
    return filing_dir(cik, accession) + f"{normalize_accession(accession)}-index.htm"


def header_path(cik: int, accession: str) -> str:
    """The tagged header ``.../{accession}.hdr.sgml``."""
    return filing_dir(cik, accession) + f"{normalize_accession(accession)}.hdr.sgml"


def archive_path_from_index_filename(filename: str) -> str:
    """Index ``File Name`` (``edgar/data/...``) -> host path (``Archives/edgar/data/...``)."""
    return f"Archives/{filename.lstrip('/')}"


def parse_index_filename(filename: str) -> tuple[int, str] | None:
    """``edgar/data/1269518/0000905148-04-002078.txt`` -> (1269518, accession); None if it has another shape."""
    match = _FILING_NAME.match(filename)
    return (int(match[1]), match[2]) if match else None


def submissions_json_path(cik: int) -> str:
    """``submissions/CIK0001269518.json`` on the data host (zero-padded to 10 digits)."""
    return f"submissions/CIK{int(cik):010d}.json"
