"""Daily and quarterly index files, laid out like SEC's (see EDGAR.md sections 1 and 2).

Each business day: ``company``, ``crawler``, ``form`` and ``master`` ``.YYYYMMDD.idx`` and ``sitemap.YYYYMMDD.xml``
(the real ``daily-index/2018/QTR4/`` listing). Each quarter: ``company``, ``crawler``, ``form``, ``master`` and
``xbrl`` ``.idx``, the ``.gz``/``.Z``/``.zip`` copies of all but ``crawler`` and the quarterly sitemaps (the real
``full-index/1993/QTR4/`` listing). unconfirmed: the column header and ``URL`` column of ``crawler.idx`` and
the title of ``xbrl.idx`` (no sample in the repository's reach; written from memory of real files).

Daily files list what was disseminated that day (``YYYYMMDD`` dates, the four "empty" lines hold one space,
rows right-padded to 150 columns); quarterly files list the quarter's filings by filing date (``YYYY-MM-DD``,
``Cloud HTTP:`` line in ``master.idx``). ``company`` files wrap their column header from 2005 Q3, quarterly
``form.idx`` uses the 17-character form column from 2006. Some daily files end in CRLF or lack a final newline.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crawler.mirror.synth_calendar import (
    compact, daily_token, long_date, next_business_day, previous_business_day, quarter_key, short_date,
)  # fmt: skip
from crawler.mirror.synth_compressed import compressed_copies
from crawler.mirror.synth_model import IndexRow
from crawler.mirror.synth_sitemap import ARCHIVES_URL, quarterly_sitemaps, urlset

WRAPPED_HEADER_FROM = date(2005, 7, 1)
WIDE_FORM_FROM = date(2006, 1, 1)
ROW_WIDTH = 150
HEADER_12 = f"{'Form Type':<12}{'Company Name':<62}{'CIK':<12}Date Filed  File Name"
HEADER_17 = f"{'Form Type':<17}{'Company Name':<62}{'CIK':<12}Date Filed  File Name"
COMPANY_HEADER = f"{'Company Name':<62}{'Form Type':<12}{'CIK':<12}Date Filed  File Name"
COMPANY_WRAPPED = (f"{'Company Name':<62}Form Type   CIK", "      Date Filed  File Name")
XBRL_TITLE = "XBRL Index of EDGAR Dissemination Feed"
CRAWLER_HEADER = f"{'Company Name':<62}{'Form Type':<12}{'CIK':<12}{'Date Filed':<12}URL"


@dataclass(frozen=True, slots=True)
class IndexFile:
    path: str  # below the mirror root
    data: bytes
    mtime: datetime  # US Eastern wall clock


@dataclass(slots=True)
class Row:
    """One index row with its fixed-width cells made once (each row appears in six files)."""

    form: str
    name: str
    cik: str
    filed: date
    disseminated: date
    filename: str
    name_cell: str = ""
    cik_cell: str = ""
    daily_date: str = ""
    full_date: str = ""


def make_rows(index_rows: list[IndexRow]) -> list[Row]:
    days: dict[date, tuple[str, str]] = {}
    out = []
    for entry in index_rows:
        company, filed = entry.company, entry.filed
        if filed not in days:
            days[filed] = (f"{compact(filed):<12}", f"{filed.isoformat():<12}")
        cik = str(company.cik)
        out.append(Row(entry.form_type, company.name, cik, filed, entry.disseminated, entry.filename,
                       f"{company.name[:60]:<62}", f"{cik:<12}", *days[filed]))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class Orders:
    """The rows sorted once per file kind; any subset taken in this order stays sorted."""

    form: list[Row]
    company: list[Row]
    master: list[Row]

    @classmethod
    def of(cls, rows: list[Row]) -> Orders:
        return cls(
            sorted(rows, key=lambda r: (r.form, r.name_cell, r.cik, r.filed, r.filename)),
            sorted(rows, key=lambda r: (r.name_cell, r.form, r.cik, r.filed, r.filename)),
            sorted(rows, key=lambda r: (r.cik, r.form, r.filed, r.filename)),
        )

    def split(self, key: Callable[[Row], Hashable]) -> dict[Hashable, Orders]:
        groups: dict[Hashable, tuple[list[Row], list[Row], list[Row]]] = {}
        for position, ordered in enumerate((self.form, self.company, self.master)):
            for row in ordered:
                groups.setdefault(key(row), ([], [], []))[position].append(row)
        return {name: Orders(*lists) for name, lists in groups.items()}


EMPTY = Orders([], [], [])


def _key_lines(title: str, received: str, cloud: bool) -> list[str]:
    lines = [f"{'Description:':<23}{title}", f"{'Last Data Received:':<23}{received}",
             f"{'Comments:':<23}webmaster@sec.gov", f"{'Anonymous FTP:':<23}ftp://ftp.sec.gov/edgar/"]  # fmt: skip
    if cloud:
        lines.append(f"{'Cloud HTTP:':<23}{ARCHIVES_URL}")
    return lines


def form_lines(rows: list[Row], daily: bool, received: str, wide: bool) -> list[str]:
    """``rows`` in form order."""
    title = "Daily Index of EDGAR Dissemination Feed by Form Type" if daily else "Master Index of EDGAR Dissemination Feed by Form Type"
    out = _key_lines(title, received, False) + [" " if daily else ""] * 4 + [HEADER_17 if wide else HEADER_12, "-" * 141]
    if daily:
        out += [f"{r.form:<12}{r.name_cell}{r.cik_cell}{r.daily_date}{r.filename}".ljust(ROW_WIDTH) for r in rows]
    else:
        width = 17 if wide else 12
        out += [f"{r.form:<{width}}{r.name_cell}{r.cik_cell}{r.full_date}{r.filename}" for r in rows]
    return out


def company_lines(rows: list[Row], daily: bool, received: str, wrapped: bool) -> list[str]:
    """``rows`` in company order."""
    title = "Daily Index of EDGAR Dissemination Feed by Company Name" if daily else "Master Index of EDGAR Dissemination Feed by Company Name"
    header = [*COMPANY_WRAPPED, "-" * 145] if wrapped else [COMPANY_HEADER, "-" * 141]
    out = _key_lines(title, received, False) + [" " if daily else ""] * 4 + header
    if daily:
        out += [f"{r.name_cell}{r.form:<12}{r.cik_cell}{r.daily_date}{r.filename}".ljust(ROW_WIDTH) for r in rows]
    else:
        out += [f"{r.name_cell}{r.form:<12}{r.cik_cell}{r.full_date}{r.filename}" for r in rows]
    return out


def crawler_lines(rows: list[Row], daily: bool, received: str) -> list[str]:
    """``rows`` in company order, the last column the URL of each filing's ``-index.htm`` page."""
    title = "Daily Index of EDGAR Dissemination Feed by Company Name" if daily else "Master Index of EDGAR Dissemination Feed by Company Name"
    out = _key_lines(title, received, False) + [" " if daily else ""] * 4 + [CRAWLER_HEADER, "-" * 141]
    for r in rows:
        cell = r.daily_date if daily else r.full_date
        out.append(f"{r.name_cell}{r.form:<12}{r.cik_cell}{cell}{ARCHIVES_URL}{r.filename[:-4]}-index.htm")
    return out


def master_lines(rows: list[Row], daily: bool, received: str, title: str = "") -> list[str]:
    """``rows`` in master order (``xbrl.idx`` has the same layout under its own title)."""
    title = title or ("Daily Index of EDGAR Dissemination Feed" if daily else "Master Index of EDGAR Dissemination Feed")
    blank = [""] if daily else [""] * 4
    last = "File Name" if daily else "Filename"
    out = _key_lines(title, received, not daily) + blank + [f"CIK|Company Name|Form Type|Date Filed|{last}", "-" * 80]
    if daily:
        out += [f"{r.cik}|{r.name}|{r.form}|{r.daily_date.rstrip()}|{r.filename}" for r in rows]
    else:
        out += [f"{r.cik}|{r.name}|{r.form}|{r.full_date.rstrip()}|{r.filename}" for r in rows]
    return out


def encode(lines: list[str], crlf: bool, final_newline: bool) -> bytes:
    newline = "\r\n" if crlf else "\n"
    return (newline.join(lines) + (newline if final_newline else "")).encode("latin-1", errors="replace")


def daily_files(orders: Orders, days: list[date], rewritten: dict[date, date], seed: int) -> Iterator[IndexFile]:
    """Four index files and a sitemap per business day (empty days too)."""
    by_day = orders.split(lambda row: row.disseminated)
    for position, day in enumerate(days):
        rng = random.Random(f"{seed}:daily:{day.isoformat()}")
        year, quarter = quarter_key(day)
        folder = f"Archives/edgar/daily-index/{year}/QTR{quarter}"
        token = daily_token(day)
        built = datetime(day.year, day.month, day.day, 22, 0) + timedelta(seconds=rng.randrange(2 * 3600 + 1800))
        if day in rewritten:
            when = rewritten[day]
            built = datetime(when.year, when.month, when.day, 14, rng.randrange(60), rng.randrange(60))
        day_rows = by_day.get(day, EMPTY)
        received = short_date(day)
        contents = (("company", company_lines(day_rows.company, True, received, day >= WRAPPED_HEADER_FROM)),
                    ("form", form_lines(day_rows.form, True, received, False)),
                    ("master", master_lines(day_rows.master, True, received)))  # fmt: skip
        for kind, lines in contents:
            crlf = rng.random() < 0.06 or (position == 1 and kind == "form")
            final_newline = not (rng.random() < 0.06 or (position == 2 and kind == "company"))
            yield IndexFile(f"{folder}/{kind}.{token}.idx", encode(lines, crlf, final_newline), built)
        yield IndexFile(f"{folder}/crawler.{token}.idx", encode(crawler_lines(day_rows.company, True, received), False, True), built)
        yield IndexFile(f"{folder}/sitemap.{token}.xml", urlset(day_rows.master, day), built)


def quarterly_files(orders: Orders, start: date, end: date, seed: int) -> Iterator[IndexFile]:
    """``full-index/YYYY/QTRn/`` for every quarter the range touches (``xbrl.idx`` holds no rows: the mirror has
    no XBRL filings, which began in 2005)."""
    by_quarter = orders.split(lambda row: quarter_key(row.filed))
    year, quarter = quarter_key(start)
    while (year, quarter) <= quarter_key(end):
        first = date(year, 3 * quarter - 2, 1)
        last = date(year + quarter // 4, (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
        rng = random.Random(f"{seed}:full:{year}:{quarter}")
        if last <= end:
            after = next_business_day(last + timedelta(days=1))
            built = datetime(after.year, after.month, after.day, 2, rng.randrange(60), rng.randrange(60))
        else:
            built = datetime(end.year, end.month, end.day, 23, 30 + rng.randrange(29), rng.randrange(60))
        received = long_date(previous_business_day(min(last, end) + timedelta(days=1)))
        rows = by_quarter.get((year, quarter), EMPTY)
        folder = f"Archives/edgar/full-index/{year}/QTR{quarter}"
        contents = (("company", lambda: company_lines(rows.company, False, received, first >= WRAPPED_HEADER_FROM)),
                    ("form", lambda: form_lines(rows.form, False, received, first >= WIDE_FORM_FROM)),
                    ("master", lambda: master_lines(rows.master, False, received)),
                    ("xbrl", lambda: master_lines([], False, received, XBRL_TITLE)))  # one at a time: ~50 MB each
        for kind, lines in contents:
            path, data = f"{folder}/{kind}.idx", encode(lines(), False, True)
            yield IndexFile(path, data, built)
            for copy_path, copy in compressed_copies(path, data, built):
                yield IndexFile(copy_path, copy, built)
        yield IndexFile(f"{folder}/crawler.idx", encode(crawler_lines(rows.company, False, received), False, True), built)
        for path, data in quarterly_sitemaps(folder, rows.master, built.date()):
            yield IndexFile(path, data, built)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
