"""An independent, deliberately simple reading of synthetic mirror files for the ``mirror synth`` tests.

Nothing here uses the project's index or SGML parsers: index rows are cut at the fixed column offsets of
EDGAR.md section 2 (the same offsets are checked against the real samples), headers are split on tabs.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# (form, company, CIK, date, file) start offsets
FORM_12 = (0, 12, 74, 86, 98)
FORM_17 = (0, 17, 79, 91, 103)
COMPANY = (62, 0, 74, 86, 98)
EIGHT_K = {"8-K", "8-K/A", "8-K12B", "8-K12B/A", "8-K12G3", "8-K12G3/A", "8-K15D5", "8-K15D5/A"}


@dataclass(frozen=True)
class IdxRow:
    form: str
    company: str
    cik: str
    date: str
    file: str


def read_text(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("latin-1")


def split_lines(text: str) -> list[str]:
    """Lines without their ending (LF or CRLF)."""
    return text.replace("\r\n", "\n").split("\n")


def body_lines(lines: list[str]) -> list[str]:
    """The data rows: every non-empty line after the dashed line."""
    dashed = next(i for i, line in enumerate(lines) if line.startswith("-----"))
    return [line for line in lines[dashed + 1 :] if line.strip()]


def cut(line: str, offsets: tuple[int, int, int, int, int]) -> IdxRow:
    form_at, company_at, cik_at, date_at, file_at = offsets
    cells = {}
    for name, at in (("form", form_at), ("company", company_at), ("cik", cik_at), ("date", date_at), ("file", file_at)):
        ends = sorted(o for o in offsets if o > at)
        cells[name] = line[at : ends[0] if ends else None].rstrip()
    return IdxRow(cells["form"].strip(), cells["company"], cells["cik"].strip(), cells["date"].strip(), cells["file"].strip())


def master_row(line: str) -> IdxRow:
    cik, company, form, day, file = line.split("|")
    return IdxRow(form, company, cik, day, file)


def accession_of(file: str) -> str:
    return file.rsplit("/", 1)[1].removesuffix(".txt")


def header_value(text: str, key: str) -> list[str]:
    """Values of ``KEY:<tabs>value`` lines (any indentation) in a submission header."""
    return [m.group(1) for m in re.finditer(rf"^\t*{re.escape(key)}:\t+(.*)$", text, re.M)]


def key_layout(text: str) -> dict[str, tuple[int, int]]:
    """``KEY -> (leading tabs, tabs after the colon)`` for every ``KEY:\\t...`` line of a header."""
    layout = {}
    header = text.split("</SEC-HEADER>")[0].split("</IMS-HEADER>")[0]
    for m in re.finditer(r"^(\t*)([A-Z][A-Z0-9 ]+):( *)(\t+)\S", header, re.M):
        layout[m.group(2)] = (len(m.group(1)), len(m.group(4)))
    return layout


def eastern_holidays_2003_2006() -> set[date]:
    """Days EDGAR was closed between 2003-10-01 and 2006-06-30 (federal holidays and closures), written out by hand."""
    days = """2003-10-13 2003-11-11 2003-11-27 2003-12-25 2003-12-26 2004-01-01 2004-01-19 2004-02-16 2004-05-31
    2004-06-11 2004-07-05 2004-09-06 2004-10-11 2004-11-11 2004-11-25 2004-12-24 2004-12-31 2005-01-17 2005-02-21
    2005-05-30 2005-07-04 2005-09-05 2005-10-10 2005-11-11 2005-11-24 2005-12-26 2006-01-02 2006-01-16 2006-02-20
    2006-05-29"""
    return {date.fromisoformat(day) for day in days.split()}
