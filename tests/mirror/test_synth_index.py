"""Synthetic index files read back independently and compared with the real samples' layouts."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import zipfile
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from crawler.mirror.synth_calendar import eastern_to_epoch, epoch_to_eastern
from tests.fixtures.mirror import make_mirror, read_truth
from tests.fixtures.samples import sample
from tests.mirror.synth_reading import (
    COMPANY, EIGHT_K, FORM_12, FORM_17, accession_of, body_lines, cut, eastern_holidays_2003_2006,
    master_row, read_text, split_lines,
)  # fmt: skip

DAILY = "Archives/edgar/daily-index"
FULL = "Archives/edgar/full-index"


def real_lines(name: str) -> list[str]:
    return split_lines(read_text(sample("index", name)))


def daily_paths(mirror: Path, kind: str) -> list[Path]:
    return sorted(p for p in (mirror / DAILY).rglob(f"{kind}.*.idx"))


def test_daily_form_header_is_the_real_one(small_mirror: Path) -> None:
    real = real_lines("form.20200318.idx")
    for path in daily_paths(small_mirror, "form"):
        lines = split_lines(read_text(path))
        assert lines[0] == real[0]  # "Description:           Daily Index of EDGAR Dissemination Feed by Form Type"
        assert lines[1][:23] == real[1][:23] and re.fullmatch(r"[A-Z][a-z]{2} [ \d]\d, \d{4}", lines[1][23:])
        assert lines[2:10] == real[2:10]  # comments, FTP, four one-space lines, column header, dashed line


def test_daily_company_header_is_the_real_wrapped_one_from_2005_q3(small_mirror: Path) -> None:
    real = real_lines("company.20221003.idx")
    wrapped = plain = 0
    for path in daily_paths(small_mirror, "company"):
        lines = split_lines(read_text(path))
        assert lines[0] == real[0] and lines[2:8] == real[2:8]
        if lines[9].startswith("      Date Filed"):
            assert lines[8:11] == real[8:11]
            wrapped += 1
        else:
            assert lines[8].index("Form Type") == 62 and lines[8].index("CIK") == 74 and lines[8].index("Date Filed") == 86
            assert set(lines[9]) == {"-"}
            plain += 1
    assert wrapped and plain


def test_daily_master_header_is_the_real_one(small_mirror: Path) -> None:
    real = real_lines("master.20181231.idx")
    for path in daily_paths(small_mirror, "master"):
        lines = split_lines(read_text(path))
        assert [lines[0], *lines[2:7]] == [real[0], *real[2:7]]


def test_quarterly_headers_are_the_real_ones(small_mirror: Path) -> None:
    empty_form = real_lines("empty-form.idx")
    real_master = real_lines("master.idx")
    for quarter in sorted((small_mirror / FULL).glob("*/QTR*")):
        form = split_lines(read_text(quarter / "form.idx"))
        assert form[0] == empty_form[0] and form[2:8] == empty_form[2:8] and form[9] == empty_form[9]
        assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", form[1][23:])
        master = split_lines(read_text(quarter / "master.idx"))
        assert [master[0], *master[2:11]] == [real_master[0], *real_master[2:11]]  # incl. "Cloud HTTP:" and "Filename"


def test_real_samples_have_the_offsets_the_test_reads_by() -> None:
    for name, offsets in (("form.20200318.idx", FORM_12), ("company.20221003.idx", COMPANY)):
        rows = [cut(line, offsets) for line in body_lines(real_lines(name))]
        assert rows and all(row.cik.isdigit() and re.fullmatch(r"\d{8}", row.date) for row in rows)
        assert all(row.file == f"edgar/data/{row.cik}/{accession_of(row.file)}.txt" for row in rows)
        assert {len(line) for line in body_lines(real_lines(name))} == {150}


def _truth_by_daily_file(mirror: Path) -> dict[str, set[tuple[str, str, str, str, str]]]:
    expected: dict[str, set[tuple[str, str, str, str, str]]] = defaultdict(set)
    for row in read_truth(mirror, "index_rows"):
        day = row["date_filed"].replace("-", "")
        expected[row["daily_file"]].add((row["form_type"], row["company_name"][:60], str(row["cik"]), day, row["accession"]))
    return expected


def test_daily_rows_at_the_documented_offsets_equal_the_truth(small_mirror: Path) -> None:
    expected = _truth_by_daily_file(small_mirror)
    for form_path in daily_paths(small_mirror, "form"):
        relative = form_path.relative_to(small_mirror).as_posix()
        company_path = form_path.with_name(form_path.name.replace("form.", "company.", 1))
        master_path = form_path.with_name(form_path.name.replace("form.", "master.", 1))
        for path, read in ((form_path, lambda line: cut(line, FORM_12)), (company_path, lambda line: cut(line, COMPANY)),
                           (master_path, master_row)):  # fmt: skip
            lines = body_lines(split_lines(read_text(path)))
            rows = [read(line) for line in lines]
            got = {(r.form, r.company[:60], r.cik, r.date, accession_of(r.file)) for r in rows}
            assert got == expected.get(relative, set()), path
            assert all(r.file == f"edgar/data/{r.cik}/{accession_of(r.file)}.txt" for r in rows)
            if path is not master_path:
                assert all(len(line) == 150 for line in lines)  # right-padded like the real daily files
                assert all(r.company == r.company[:60] for r in rows)


def test_quarterly_rows_use_the_12_then_17_character_form_column(small_mirror: Path) -> None:
    expected: dict[tuple[int, int], set[tuple[str, str, str, str]]] = defaultdict(set)
    for row in read_truth(small_mirror, "index_rows"):
        filed = date.fromisoformat(row["date_filed"])
        expected[(filed.year, (filed.month - 1) // 3 + 1)].add((row["form_type"], str(row["cik"]), row["date_filed"], row["accession"]))
    layouts = set()
    for quarter_dir in sorted((small_mirror / FULL).glob("*/QTR*")):
        year, quarter = int(quarter_dir.parent.name), int(quarter_dir.name[3:])
        lines = split_lines(read_text(quarter_dir / "form.idx"))
        offsets = FORM_17 if lines[8].index("Company Name") == 17 else FORM_12
        layouts.add(offsets)
        rows = [cut(line, offsets) for line in body_lines(lines)]
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date) for r in rows)
        assert {(r.form, r.cik, r.date, accession_of(r.file)) for r in rows} == expected[(year, quarter)]
        masters = [master_row(line) for line in body_lines(split_lines(read_text(quarter_dir / "master.idx")))]
        assert {(r.form, r.cik, r.date, accession_of(r.file)) for r in masters} == expected[(year, quarter)]
    assert layouts == {FORM_12, FORM_17}


def test_long_names_are_cut_at_60_in_fixed_width_files_and_whole_in_master(small_mirror: Path) -> None:
    long_rows = [row for row in read_truth(small_mirror, "index_rows") if len(row["company_name"]) > 60]
    assert long_rows
    row = long_rows[0]
    lines = split_lines(read_text(small_mirror / row["daily_file"]))
    cells = [cut(line, FORM_12) for line in body_lines(lines) if row["accession"] in line]
    assert row["company_name"][:60] in {cell.company for cell in cells}
    master = split_lines(read_text(small_mirror / row["daily_file"].replace("/form.", "/master.")))
    assert any(f"|{row['company_name']}|" in line for line in master)


def _pattern(name: str) -> str:
    return re.sub(r"\.\d{6,8}\.", ".D.", name)


def test_a_daily_directory_holds_what_the_real_daily_listing_shows(small_mirror: Path) -> None:
    real = sample("pages", "daily_index_2018_QTR4.htm").read_text()
    real_names = re.findall(r'<a href="([a-z]+\.\d{8}\.[a-z]+)">', real)
    real_days = {re.search(r"\d{8}", name).group(0) for name in real_names}  # type: ignore[union-attr]
    per_day = {_pattern(name) for name in real_names}
    assert per_day == {"company.D.idx", "crawler.D.idx", "form.D.idx", "master.D.idx", "sitemap.D.xml"}
    assert len(real_names) == len(per_day) * len(real_days)  # every day has every kind, nothing else
    for quarter in (small_mirror / DAILY).glob("*/QTR*"):
        names = [p.name for p in quarter.iterdir() if p.name != "index.json"]
        days = {re.search(r"\.(\d{6,8})\.", name).group(1) for name in names}  # type: ignore[union-attr]
        assert days and sorted(names) == sorted(f"{kind}.{day}.{ext}" for day in days for kind, ext in
                                                (p.split(".D.") for p in per_day)), quarter


QUARTERLY_NAMES = {f"{kind}.{ext}" for kind in ("company", "form", "master", "xbrl") for ext in ("idx", "gz", "Z", "zip")}


def test_a_quarterly_directory_holds_the_names_of_edgar_md(small_mirror: Path) -> None:
    for quarter in (small_mirror / FULL).glob("*/QTR*"):
        names = {p.name for p in quarter.iterdir()} - {"index.json"}
        sitemaps = {name for name in names if name.startswith("sitemap.")}
        assert names - sitemaps == QUARTERLY_NAMES | {"crawler.idx"}
        assert sitemaps == {"sitemap.quarterlyindex.xml", "sitemap.quarterlyindex1.xml"}
    assert not list(small_mirror.rglob("*.idx.gz"))  # EDGAR has no such name


def test_compressed_copies_hold_the_idx_bytes(small_mirror: Path) -> None:
    quarters = sorted((small_mirror / FULL).glob("*/QTR*"))
    assert len(quarters) >= 4
    for quarter in quarters:
        for kind in ("company", "form", "master", "xbrl"):
            plain = (quarter / f"{kind}.idx").read_bytes()
            assert gzip.decompress((quarter / f"{kind}.gz").read_bytes()) == plain
            with zipfile.ZipFile(quarter / f"{kind}.zip") as archive:
                assert archive.namelist() == [f"{kind}.idx"] and archive.read(f"{kind}.idx") == plain
            # Unix compress, read back by gzip(1), not by the library that wrote it
            unpacked = subprocess.run(["gzip", "-dc"], input=(quarter / f"{kind}.Z").read_bytes(), capture_output=True,
                                      check=True)
            assert (quarter / f"{kind}.Z").read_bytes()[:2] == b"\x1f\x9d" and unpacked.stdout == plain


def test_crawler_idx_lists_the_company_rows_with_each_filing_page_url(small_mirror: Path) -> None:
    pairs = [(q / "company.idx", q / "crawler.idx") for q in (small_mirror / FULL).glob("*/QTR*")]
    pairs += [(p, p.with_name(p.name.replace("company.", "crawler.", 1))) for p in daily_paths(small_mirror, "company")]
    rows = 0
    for company_path, crawler_path in pairs:
        companies = [cut(line, COMPANY) for line in body_lines(split_lines(read_text(company_path)))]
        lines = split_lines(read_text(crawler_path))
        assert lines[body_lines_at(lines) - 2].rstrip().endswith("Date Filed  URL")
        crawled = [cut(line, COMPANY) for line in body_lines(lines)]
        assert [(r.company, r.form, r.cik, r.date) for r in crawled] == [(r.company, r.form, r.cik, r.date) for r in companies]
        assert [r.file for r in crawled] == [f"https://www.sec.gov/Archives/{r.file[:-4]}-index.htm" for r in companies]
        rows += len(crawled)
    assert rows > 1000


def body_lines_at(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith("-----")) + 1


def test_sitemaps_name_the_filing_page_of_every_master_row(small_mirror: Path) -> None:
    space = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for master in [*daily_paths(small_mirror, "master"), *(small_mirror / FULL).glob("*/QTR*/master.idx")]:
        day = re.search(r"\.(\d{6,8})\.idx$", master.name)
        names = [f"sitemap.{day.group(1)}.xml"] if day else ["sitemap.quarterlyindex1.xml"]
        if not day:
            index = ElementTree.parse(master.with_name("sitemap.quarterlyindex.xml")).getroot()
            assert [e.text for e in index.iter(f"{space}loc")] == [
                "https://www.sec.gov/" + master.with_name(names[0]).relative_to(small_mirror).as_posix()]
        urls = [e.text for name in names for e in ElementTree.parse(master.with_name(name)).getroot().iter(f"{space}loc")]
        rows = [master_row(line) for line in body_lines(split_lines(read_text(master)))]
        assert urls == [f"https://www.sec.gov/Archives/edgar/data/{r.cik}/{accession_of(r.file).replace('-', '')}/"
                        f"{accession_of(r.file)}-index.htm" for r in rows]


def test_some_files_end_in_crlf_and_some_lack_the_final_newline(small_mirror: Path) -> None:
    crlf = no_final = 0
    for path in (small_mirror / DAILY).rglob("*.idx"):
        data = path.read_bytes()
        crlf += b"\r\n" in data
        no_final += not data.endswith(b"\n")
        assert data.count(b"\r\n") in (0, data.count(b"\n"))  # a file is either all CRLF or all LF
    assert crlf and no_final


def test_weekends_and_holidays_have_no_daily_files(small_mirror: Path) -> None:
    closed = eastern_holidays_2003_2006()
    present = {re.search(r"\.(\d{8})\.idx$", p.name).group(1) for p in (small_mirror / DAILY).rglob("form.*.idx")}  # type: ignore[union-attr]
    day, expected = date(2003, 10, 1), set()
    while day <= date(2006, 6, 30):
        if day.weekday() < 5 and day not in closed:
            expected.add(day.strftime("%Y%m%d"))
        day += timedelta(days=1)
    assert present == expected


def test_rows_are_filed_and_disseminated_on_business_days(small_mirror: Path) -> None:
    closed = eastern_holidays_2003_2006()
    for row in read_truth(small_mirror, "index_rows"):
        for day in (date.fromisoformat(row["date_filed"]), date.fromisoformat(row["disseminated_date"])):
            assert day.weekday() < 5 and day not in closed, row
        assert row["disseminated_date"] >= row["date_filed"]


def test_late_acceptances_are_dated_the_next_business_day(small_mirror: Path) -> None:
    closed = eastern_holidays_2003_2006()
    late = 0
    for row in read_truth(small_mirror, "filings"):
        accepted = datetime.fromisoformat(row["accepted_at"])
        filed = date.fromisoformat(row["filed_date"])
        if (accepted.hour, accepted.minute) < (17, 30):
            assert filed == accepted.date()
        else:
            late += 1
            following = accepted.date() + timedelta(days=1)
            while following.weekday() >= 5 or following in closed:
                following += timedelta(days=1)
            assert filed == following
    assert late


def test_a_late_rewritten_daily_file_holds_a_row_filed_earlier(small_mirror: Path) -> None:
    found = []
    for path in daily_paths(small_mirror, "form"):
        day = datetime.strptime(path.name.split(".")[1], "%Y%m%d").date()
        written = datetime.fromtimestamp(os.stat(path).st_mtime).date()
        earlier = [r for r in map(lambda line: cut(line, FORM_12), body_lines(split_lines(read_text(path))))
                   if r.date < day.strftime("%Y%m%d")]  # fmt: skip
        if written - day >= timedelta(days=5):
            found.append((path, earlier))
    assert found and any(earlier for _, earlier in found)


def test_one_accession_is_listed_under_several_ciks(small_mirror: Path) -> None:
    ciks: dict[str, set[str]] = defaultdict(set)
    for row in read_truth(small_mirror, "index_rows"):
        if row["form_type"] in EIGHT_K:
            ciks[row["accession"]].add(row["cik"])
    assert any(len(found) > 1 for found in ciks.values())


@pytest.mark.parametrize(
    ("start", "end", "names"),
    [  # MMDDYY before 1995, YYMMDD to 1998 Q1, then YYYYMMDD; 1995-01-02 is New Year's Day observed
        (date(1994, 12, 28), date(1995, 1, 4),
         {"form.122894.idx", "form.122994.idx", "form.123094.idx", "form.950103.idx", "form.950104.idx"}),
        (date(1998, 3, 30), date(1998, 4, 2), {"form.980330.idx", "form.980331.idx", "form.19980401.idx", "form.19980402.idx"}),
    ],
)  # fmt: skip
def test_daily_names_follow_the_1990s_formats(tmp_path: Path, start: date, end: date, names: set[str]) -> None:
    mirror = make_mirror(tmp_path, start=start, end=end, filings=5)
    assert {p.name for p in (mirror / DAILY).rglob("form.*.idx")} == names
    for path in (mirror / DAILY).rglob("*.idx"):
        lines = split_lines(read_text(path))
        rows = [cut(line, FORM_12) for line in body_lines(lines)] if path.name.startswith("form.") else []
        assert all(re.fullmatch(r"\d{8}", r.date) for r in rows)  # the rows keep YYYYMMDD dates


def test_eastern_wall_clock_round_trips_through_posix_time() -> None:
    moment, checked = datetime(2003, 1, 1), 0
    while moment < datetime(2008, 1, 1):
        if moment.hour != 2:  # 02:xx is skipped on the spring day (no POSIX time) and doubled in the autumn
            assert epoch_to_eastern(eastern_to_epoch(moment)) == moment, moment
            checked += 1
        moment += timedelta(minutes=97)
    assert checked > 25_000
