"""Index parsing against the real EDGAR samples (compared with an independent fixed-offset / split reading),
format variants derived from them, round trips of generated rows, and generated malformed lines."""

from __future__ import annotations

import gzip
import itertools
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.index import IndexEntry, MalformedLine, iter_index, iter_index_bytes
from crawler.errors import IndexFormatError
from tests.fixtures.samples import sample

# --- independent readings ---------------------------------------------------------------------------


def body_lines(data: bytes) -> list[bytes]:
    """The lines below the dashed line, read naively."""
    lines = data.split(b"\n")
    dashed = next(i for i, line in enumerate(lines) if line.startswith(b"-----"))
    return [line for line in lines[dashed + 1 :] if line.strip()]


def read_date(text: str) -> date:
    return datetime.strptime(text.replace("-", ""), "%Y%m%d").date()


def fixed_width(data: bytes, offsets: dict[str, int]) -> list[tuple[str, str, int, date, str]]:
    """Slice rows at the column offsets of EDGAR.md's layout table."""
    form, company, cik, filed, file_ = (offsets[k] for k in ("form", "company", "cik", "date", "file"))
    rows = []
    for raw in body_lines(data):
        line = raw.decode("latin-1")
        if form < company:
            form_text, company_text = line[form:company], line[company:cik]
        else:
            company_text, form_text = line[company:form], line[form:cik]
        rows.append(
            (
                form_text.strip(),
                company_text.strip(),
                int(line[cik:filed]),
                read_date(line[filed:file_].strip()),
                line[file_:].strip(),
            )
        )
    return rows


def pipe_split(data: bytes) -> list[tuple[str, str, int, date, str]]:
    rows = []
    for raw in body_lines(data):
        cik, company, form, filed, filename = raw.decode("latin-1").rstrip("\r").split("|")
        rows.append((form, company, int(cik), read_date(filed), filename))
    return rows


def parsed(data: bytes) -> list[tuple[str, str, int, date, str]]:
    rows = list(iter_index_bytes(data))
    assert [row for row in rows if isinstance(row, MalformedLine)] == []
    return [(r.form_type, r.company_name, r.cik, r.date_filed, r.filename) for r in rows]


FORM_12 = {"form": 0, "company": 12, "cik": 74, "date": 86, "file": 98}
COMPANY_12 = {"company": 0, "form": 62, "cik": 74, "date": 86, "file": 98}

# --- the real files ------------------------------------------------------------------------------------


def test_daily_form_index_matches_fixed_offsets() -> None:
    data = sample("index", "form.20200318.idx").read_bytes()
    expected = fixed_width(data, FORM_12)
    assert len(expected) == 4084  # 4,094 lines minus a 10-line header
    assert parsed(data) == expected


def test_daily_company_index_with_wrapped_header_matches_fixed_offsets() -> None:
    data = sample("index", "company.20221003.idx").read_bytes()
    expected = fixed_width(data, COMPANY_12)
    assert len(expected) == 4925
    assert parsed(data) == expected


@pytest.mark.parametrize(("name", "rows"), [("master.20181231.idx", 2619), ("master.idx", 20)])
def test_master_indexes_match_pipe_split(name: str, rows: int) -> None:
    data = sample("index", name).read_bytes()
    expected = pipe_split(data)
    assert len(expected) == rows
    assert parsed(data) == expected


def test_empty_quarterly_index_has_no_rows() -> None:
    assert list(iter_index_bytes(sample("index", "empty-form.idx").read_bytes())) == []


def test_sampled_rows_read_literally() -> None:
    form_rows = parsed(sample("index", "form.20200318.idx").read_bytes())
    assert ("1-A POS", "DELHI BANK CORP", 927719, date(2020, 3, 18), "edgar/data/927719/0001213900-20-006773.txt") in form_rows
    company_rows = parsed(sample("index", "company.20221003.idx").read_bytes())
    assert (
        "S-3",
        "SALEM MEDIA OF  HAWAII  INC",  # double spaces inside a name, form after it
        1158514,
        date(2022, 10, 3),
        "edgar/data/1158514/0001193125-22-256796.txt",
    ) in company_rows
    assert (
        "497",
        "AIM VARIABLE INSURANCE FUNDS (INVESCO VARIABLE INSURANCE FUN",  # cut at 60 characters
        896435,
        date(2022, 10, 3),
        "edgar/data/896435/0001104659-22-104702.txt",
    ) in company_rows
    assert ("SC 13D/A", "36Kr Holdings Inc.") in {(r[0], r[1]) for r in company_rows}
    master_rows = parsed(sample("index", "master.idx").read_bytes())
    assert master_rows[0] == (
        "REGDEX",
        "SAGE CAPITAL LP",
        1095785,
        date(1993, 12, 30),
        "edgar/data/1095785/9999999997-02-056978.txt",
    )


def test_accession_comes_from_the_file_name() -> None:
    entry = IndexEntry("8-K", "CWALT INC", 1269518, date(2004, 4, 8), "edgar/data/1269518/0000905148-04-002078.txt")
    assert entry.accession == "0000905148-04-002078"


# --- variants of the real files ----------------------------------------------------------------------


def test_crlf_gzip_and_missing_final_newline_give_the_same_rows() -> None:
    data = sample("index", "form.20200318.idx").read_bytes()
    expected = fixed_width(data, FORM_12)
    crlf = data.replace(b"\n", b"\r\n")
    assert parsed(crlf) == expected
    assert parsed(gzip.compress(crlf)) == expected
    assert parsed(data.rstrip(b"\n")) == expected
    assert parsed(data.rstrip(b"\n").rstrip()) == expected  # no padding on the last row either


def test_seventeen_character_form_column_and_dashed_dates() -> None:
    data = sample("index", "form.20200318.idx").read_bytes()
    lines = data.split(b"\n")
    dashed = next(i for i, line in enumerate(lines) if line.startswith(b"-----"))
    header = lines[: dashed - 1] + [b"Form Type        Company Name" + b" " * 50 + b"CIK", b"-" * 141]
    widened = []
    for line in body_lines(data):
        text = line.decode("latin-1")
        day = text[86:98].strip()
        dashed_day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
        widened.append(f"{text[:12]:<17}{text[12:86]}{dashed_day:<12}{text[98:]}".encode())
    variant = b"\n".join(header + widened) + b"\n"
    assert parsed(variant) == fixed_width(data, FORM_12)
    assert parsed(variant) == fixed_width(variant, {"form": 0, "company": 17, "cik": 79, "date": 91, "file": 103})


def test_quarterly_wide_form_with_spaces_in_17_column_layout() -> None:
    header = b"Description:           Master Index of EDGAR Dissemination Feed by Form Type\n\n"
    header += b"Form Type        Company Name" + b" " * 50 + b"CIK         Date Filed  File Name\n" + b"-" * 141 + b"\n"
    row = f"{'SCHEDULE 13D/A':<17}{'Some  Holder  LLC':<62}{'1605941':<12}{'2026-03-25':<12}"
    row += "edgar/data/1605941/0002071691-26-006515.txt\n"
    assert parsed(header + row.encode()) == [
        ("SCHEDULE 13D/A", "Some  Holder  LLC", 1605941, date(2026, 3, 25), "edgar/data/1605941/0002071691-26-006515.txt")
    ]


def test_latin1_and_utf8_names_are_decoded() -> None:
    header = b"Form Type   Company Name\n" + b"-" * 40 + b"\n"
    latin = f"{'8-K':<12}{'SOCIETE GENERALE':<62}{'100':<12}{'20040408':<12}edgar/data/100/0000905148-04-000001.txt\n"
    data = header + latin.encode().replace(b"SOCIETE", b"SOCI\xc9T\xc9") + latin.encode().replace(b"SOCIETE", "SOCIÉTÉ".encode())
    names = [row[1] for row in parsed(data)]
    assert names == ["SOCIÉTÉ GENERALE", "SOCIÉTÉ GENERALE"]


def test_pipe_inside_a_master_company_name() -> None:
    data = b"CIK|Company Name|Form Type|Date Filed|Filename\n" + b"-" * 80 + b"\n"
    data += b"1304811|CWABS | RHELT 2004-M|8-K|2004-10-15|edgar/data/1304811/0000905148-04-004513.txt\n"
    assert parsed(data) == [
        ("8-K", "CWABS | RHELT 2004-M", 1304811, date(2004, 10, 15), "edgar/data/1304811/0000905148-04-004513.txt")
    ]


def test_streaming_yields_before_the_input_ends() -> None:
    def endless() -> itertools.chain[bytes]:
        row = f"{'8-K':<12}{'ACME':<62}{'7':<12}{'20040408':<12}edgar/data/7/0000000007-04-000001.txt\n".encode()
        return itertools.chain([b"Form Type   Company Name\n", b"-" * 40 + b"\n"], itertools.repeat(row))

    first = list(itertools.islice(iter_index(endless()), 3))
    assert [row.cik for row in first] == [7, 7, 7]


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n", b"<html><title>SEC.gov | Request Rate Threshold Exceeded</title></html>\n", b"\x1f\x9d\x90abc"],
)
def test_input_that_is_not_an_index_raises_index_format_error(data: bytes) -> None:
    with pytest.raises(IndexFormatError):
        list(iter_index_bytes(data))


def test_truncated_gzip_raises_index_format_error() -> None:
    packed = gzip.compress(sample("index", "form.20200318.idx").read_bytes())
    with pytest.raises(IndexFormatError):
        list(iter_index_bytes(packed[: len(packed) // 2]))


# --- generated rows and lines ----------------------------------------------------------------------

WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123456789&.,'/\\-()", min_size=1, max_size=8)
NAME = st.lists(st.tuples(WORD, st.sampled_from([" ", "  "])), min_size=1, max_size=6).map(
    lambda parts: "".join(word + gap for word, gap in parts).strip()[:60].strip()
)
FORM = st.sampled_from(["8-K", "8-K/A", "SE", "SC 13G/A", "1-A POS", "10-12B/A", "DEF 14A", "4", "D", "NT 10-K"])
ROW = st.tuples(FORM, NAME, st.integers(1, 9_999_999), st.dates(date(1993, 1, 1), date(2030, 12, 31)), st.integers(0, 10**6 - 1))


def filename_of(cik: int, serial: int) -> str:
    return f"edgar/data/{cik}/0000905148-04-{serial:06d}.txt"


def render(layout: str, row: tuple[str, str, int, date, int], dashed_date: bool) -> str:
    form, name, cik, filed, serial = row
    day = filed.isoformat() if dashed_date else filed.strftime("%Y%m%d")
    tail = f"{cik:<12}{day:<12}{filename_of(cik, serial)}   "
    if layout == "form":
        return f"{form:<12}{name:<62}{tail}"
    if layout == "company":
        return f"{name:<62}{form:<12}{tail}"
    return f"{cik}|{name}|{form}|{day}|{filename_of(cik, serial)}"


HEADERS = {
    "form": "Form Type   Company Name                                                  CIK         Date Filed  File Name",
    "company": "Company Name                                                  Form Type   CIK\n      Date Filed  File Name",
    "master": "CIK|Company Name|Form Type|Date Filed|Filename",
}


@settings(max_examples=60, deadline=None)
@given(layout=st.sampled_from(["form", "company", "master"]), rows=st.lists(ROW, max_size=20), dashed=st.booleans())
def test_generated_rows_round_trip(layout: str, rows: list[tuple[str, str, int, date, int]], dashed: bool) -> None:
    text = "Description: test\n\n" + HEADERS[layout] + "\n" + "-" * 100 + "\n"
    text += "\n".join(render(layout, row, dashed) for row in rows)
    expected = [(form, name, cik, filed, filename_of(cik, serial)) for form, name, cik, filed, serial in rows]
    assert parsed(text.encode()) == expected


def visible(line: bytes) -> bool:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("latin-1")
    return text.strip() != ""


JUNK = st.binary(max_size=200).filter(lambda b: b"\n" not in b and b"edgar/data/" not in b and visible(b))
CORRUPT = st.sampled_from(
    [
        "8-K         ACME CORP                                                     12X4        20040408    edgar/data/124/0000905148-04-000001.txt",
        "8-K         ACME CORP                                                     124         20041308    edgar/data/124/0000905148-04-000001.txt",
        "8-K         ACME CORP                                                     124         20040408    edgar/data/125/0000905148-04-000001.txt",
        "8-K         ACME CORP                                                     124         20040408    edgar/data/124/0000905148-04-01.txt",
        "8-K         ACME CORP                                                     124         20040408",
        "            ACME CORP                                                     124         20040408    edgar/data/124/0000905148-04-000001.txt",
        "8-K ACME CORP 124 20040408 edgar/data/124/0000905148-04-000001.txt",
    ]
).map(str.encode)


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(ROW, min_size=1, max_size=15),
    bad=st.lists(st.tuples(st.integers(0, 20), st.one_of(JUNK, CORRUPT)), min_size=1, max_size=6),
)
def test_malformed_lines_are_recorded_and_skipped(rows: list, bad: list[tuple[int, bytes]]) -> None:
    header = [b"Form Type   Company Name", b"-" * 100]
    body: list[bytes] = [render("form", row, False).encode() for row in rows]
    for position, line in bad:
        body.insert(min(position, len(body)), line)
    data = b"\n".join(header + body)
    result = list(iter_index_bytes(data))
    malformed = [row for row in result if isinstance(row, MalformedLine)]
    entries = [row for row in result if isinstance(row, IndexEntry)]
    bad_numbers = sorted(len(header) + 1 + i for i, line in enumerate(body) if line in {b for _, b in bad})
    assert [m.line_number for m in malformed] == bad_numbers
    assert all(m.reason for m in malformed)
    assert [(e.form_type, e.company_name, e.cik) for e in entries] == [(r[0], r[1], r[2]) for r in rows]


def test_parsed_entries_equal_and_hash_like_constructed_ones() -> None:
    data = b"Form Type   Company Name\n" + b"-" * 40 + b"\n"
    data += f"{'8-K':<12}{'CWALT, INC.':<62}{'1269518':<12}{'20040408':<12}edgar/data/1269518/0000905148-04-002078.txt\n".encode()
    [parsed_entry] = list(iter_index_bytes(data))
    built = IndexEntry("8-K", "CWALT, INC.", 1269518, date(2004, 4, 8), "edgar/data/1269518/0000905148-04-002078.txt")
    assert parsed_entry == built and hash(parsed_entry) == hash(built) and {parsed_entry, built} == {built}
    with pytest.raises(AttributeError):
        parsed_entry.cik = 1  # type: ignore[misc]


def test_forms_that_fill_or_overflow_the_12_character_column() -> None:
    header = b"Form Type   Company Name                                                  CIK\n" + b"-" * 40 + b"\n"
    tail = f"{'77':<12}{'20040408':<12}edgar/data/77/0000000077-04-000001.txt"
    filling = f"{'ABCDEFGHIJK'} {'NAME  WITH DOUBLE SPACE':<62}{tail}"  # 11-character form, one space
    overflowing = f"{'SCHEDULE 13D/A'}   {'Holder LLC':<59}{tail}"  # 14-character form in a 12 column
    rows = parsed(header + (filling + "\n" + overflowing + "\n").encode())
    assert [(r[0], r[1]) for r in rows] == [("ABCDEFGHIJK", "NAME  WITH DOUBLE SPACE"), ("SCHEDULE 13D/A", "Holder LLC")]
