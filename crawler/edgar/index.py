"""EDGAR index files (``form``, ``company``, ``master``; daily and quarterly; 1993-today) as a row stream.

Everything above the dashed line is header (its length varies; the column header may be wrapped).
Rows are read from the right: ``File Name``, ``Date Filed`` and ``CIK`` hold no spaces, so they are the
last three blank-separated fields. What remains is form type + company name (``form``: the form ends at its
first run of two or more spaces; ``company``: the form starts after the last such run, since company names
may hold double spaces but form types never do) or, in ``master``, pipe-separated fields taken from both
ends. Every row that does not fit becomes a :class:`MalformedLine`; nothing raises for a bad row.
"""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from crawler.errors import IndexFormatError

LAYOUT_FORM = "form"
LAYOUT_COMPANY = "company"
LAYOUT_MASTER = "master"

MAX_HEADER_LINES = 200  # real headers have 7-12 lines; far more means this is not an index
MAX_KEPT_TEXT = 1000  # a malformed line is kept up to this many characters

_FILENAME = re.compile(r"edgar/data/(\d+)/\d{10}-\d{2}-\d{6}\.txt", re.ASCII)
_GZIP_MAGIC = b"\x1f\x8b"
_COMPRESS_MAGIC = b"\x1f\x9d"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One index row: one filer of one submission."""

    form_type: str
    company_name: str
    cik: int
    date_filed: date
    filename: str  # "edgar/data/1269518/0000905148-04-002078.txt"

    @property
    def accession(self) -> str:
        """``0000905148-04-002078`` (the unique key of the submission)."""
        return self.filename[self.filename.rfind("/") + 1 : -4]


@dataclass(frozen=True, slots=True)
class MalformedLine:
    """A line below the dashed line that is not a readable row (1-based ``line_number``)."""

    line_number: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Columns:
    layout: str
    second_column: int | None  # offset of the second column from the column header, when known


def _decode(raw: bytes) -> str:
    """UTF-8 where it is valid (newer files), else latin-1, which never fails and loses no byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _is_dashed(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= 10 and stripped.strip("-") == ""


def _columns_from_header(header: list[str]) -> _Columns:
    for line in header:
        text = line.strip()
        if "|" in text and "CIK" in text:
            return _Columns(LAYOUT_MASTER, None)
        if text.startswith("Form Type"):
            offset = line.find("Company Name")
            return _Columns(LAYOUT_FORM, offset if offset > 0 else None)
        if text.startswith("Company Name"):
            offset = line.find("Form Type")
            return _Columns(LAYOUT_COMPANY, offset if offset > 0 else None)
    description = " ".join(header)
    if "by Company Name" in description:
        return _Columns(LAYOUT_COMPANY, None)
    if "by Form Type" in description:
        return _Columns(LAYOUT_FORM, None)
    return _Columns(LAYOUT_MASTER if "|" in description else LAYOUT_FORM, None)


class _RowReader:
    """Turns one decoded, right-stripped data line into an IndexEntry or a reason string."""

    def __init__(self, columns: _Columns) -> None:
        self.columns = columns
        self.dates: dict[str, date] = {}
        self.split_head: Callable[[str], tuple[str, str] | None] = (
            self._split_company_first if columns.layout == LAYOUT_COMPANY else self._split_form_first
        )

    def read(self, text: str) -> IndexEntry | str:
        if self.columns.layout == LAYOUT_MASTER:
            return self._read_master(text)
        parts = text.rsplit(None, 3)
        if len(parts) != 4:
            return "too_few_columns"
        head, cik_text, date_text, filename = parts
        names = self.split_head(head)
        if names is None:
            return "form_and_company_not_separable"
        return self._entry(names[0], names[1], cik_text, date_text, filename)

    def _read_master(self, text: str) -> IndexEntry | str:
        parts = text.split("|")
        if len(parts) < 5:
            return "too_few_columns"
        company = "|".join(parts[1:-3]).strip()
        return self._entry(parts[-3].strip(), company, parts[0].strip(), parts[-2].strip(), parts[-1].strip())

    def _split_form_first(self, head: str) -> tuple[str, str] | None:
        gap = head.find("  ")
        limit = self.columns.second_column
        if gap > 0 and (limit is None or gap < limit):
            return head[:gap], head[gap:].strip()
        if limit is not None and len(head) > limit and head[limit - 1] == " " and head[:limit].strip():
            return head[:limit].strip(), head[limit:].strip()  # a form filling its column, one space after it
        if gap > 0:
            return head[:gap], head[gap:].strip()  # a form wider than its column pushed the name right
        if gap < 0 and " " not in head.strip():
            return head.strip(), ""  # a row without company name
        return None

    def _split_company_first(self, head: str) -> tuple[str, str] | None:
        gap = head.rfind("  ")
        if gap >= 0:
            return head[gap + 2 :].lstrip(), head[:gap].strip()
        limit = self.columns.second_column
        if limit is not None and len(head) > limit and head[limit - 1] == " ":
            return head[limit:].strip(), head[:limit].strip()
        return None

    def _entry(self, form: str, company: str, cik_text: str, date_text: str, filename: str) -> IndexEntry | str:
        if not form or "  " in form:
            return "bad_form_type"
        if not (cik_text.isascii() and cik_text.isdigit()):
            return "bad_cik"
        filed = self.dates.get(date_text) or self._parse_date(date_text)
        if filed is None:
            return "bad_date"
        match = _FILENAME.fullmatch(filename)
        if match is None:
            return "bad_filename"
        cik = int(cik_text)
        if int(match[1]) != cik:
            return "cik_mismatch"
        return IndexEntry(form, company, cik, filed, filename)

    def _parse_date(self, text: str) -> date | None:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            digits = text[0:4] + text[5:7] + text[8:10]
        else:
            digits = text
        if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
            return None
        try:
            parsed = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
        if len(self.dates) < 10_000:
            self.dates[text] = parsed
        return parsed


def iter_index(lines: Iterable[bytes]) -> Iterator[IndexEntry | MalformedLine]:
    """Stream the rows of one index file given as byte lines (a binary file object works).

    Constant memory. Raises :class:`IndexFormatError` only when the input is not an index at all
    (no dashed line within the first lines, or at the end of input); bad rows become MalformedLine.
    """
    numbered = enumerate(lines, 1)
    header: list[str] = []
    for number, raw in numbered:
        text = _decode(raw).rstrip("\r\n")
        if _is_dashed(text):
            break
        header.append(text)
        if number >= MAX_HEADER_LINES:
            raise IndexFormatError(f"no dashed line in the first {MAX_HEADER_LINES} lines: not an EDGAR index")
    else:
        if any(line.strip() for line in header):
            raise IndexFormatError("no dashed line before the end of input: not an EDGAR index (or truncated)")
        raise IndexFormatError("empty input: not an EDGAR index")
    yield from _iter_rows(numbered, _RowReader(_columns_from_header(header)))


def _entry_factory() -> Callable[[str, str, int, date, str], IndexEntry]:
    """An IndexEntry constructor for the hot loop: slot setters instead of the frozen ``__init__`` (~3x faster)."""
    new = object.__new__
    set_form, set_company, set_cik, set_date, set_filename = (
        IndexEntry.__dict__[name].__set__ for name in ("form_type", "company_name", "cik", "date_filed", "filename")
    )

    def make(form_type: str, company_name: str, cik: int, date_filed: date, filename: str) -> IndexEntry:
        entry = new(IndexEntry)
        set_form(entry, form_type)
        set_company(entry, company_name)
        set_cik(entry, cik)
        set_date(entry, date_filed)
        set_filename(entry, filename)
        return entry

    return make


_make_entry = _entry_factory()


def _iter_rows(numbered: Iterator[tuple[int, bytes]], reader: _RowReader) -> Iterator[IndexEntry | MalformedLine]:
    """Rows in the usual shape take an inlined fast path; anything else goes through ``reader`` in full."""
    layout = reader.columns.layout
    if layout == LAYOUT_MASTER:
        yield from _iter_master_rows(numbered, reader)
    else:
        yield from _iter_fixed_rows(numbered, reader, form_first=layout == LAYOUT_FORM)


def _iter_fixed_rows(
    numbered: Iterator[tuple[int, bytes]], reader: _RowReader, *, form_first: bool
) -> Iterator[IndexEntry | MalformedLine]:
    limit = reader.columns.second_column or 1_000
    dates = reader.dates
    filename_match = _FILENAME.fullmatch
    make = _make_entry
    for number, raw in numbered:
        text = _decode(raw)
        parts = text.rsplit(None, 3)
        if len(parts) == 4:
            head, cik_text, date_text, filename = parts
            filed = dates.get(date_text)
            match = filename_match(filename)
            if filed and match and match[1] == cik_text and head[0] != " ":
                if form_first:
                    gap = head.find("  ")
                    if 0 < gap < limit:
                        yield make(head[:gap], head[gap:].strip(), int(cik_text), filed, filename)
                        continue
                else:
                    gap = head.rfind("  ")
                    if gap > 0:
                        yield make(head[gap + 2 :], head[:gap].rstrip(), int(cik_text), filed, filename)
                        continue
        row = _read_slowly(reader, number, text.rstrip())
        if row is not None:
            yield row


def _iter_master_rows(numbered: Iterator[tuple[int, bytes]], reader: _RowReader) -> Iterator[IndexEntry | MalformedLine]:
    dates = reader.dates
    filename_match = _FILENAME.fullmatch
    make = _make_entry
    for number, raw in numbered:
        text = _decode(raw)
        parts = text.rstrip().split("|")
        if len(parts) == 5:
            cik_text, company, form, date_text, filename = parts
            filed = dates.get(date_text)
            match = filename_match(filename)
            if filed and match and match[1] == cik_text and form and form == form.strip():
                yield make(form, company.strip(), int(cik_text), filed, filename)
                continue
        row = _read_slowly(reader, number, text.rstrip())
        if row is not None:
            yield row


def _read_slowly(reader: _RowReader, number: int, text: str) -> IndexEntry | MalformedLine | None:
    if not text:
        return None
    try:
        row = reader.read(text)
    except (ValueError, IndexError) as exc:  # defensive: no row may stop the stream
        row = f"unreadable:{type(exc).__name__}"
    if isinstance(row, str):
        return MalformedLine(number, text[:MAX_KEPT_TEXT], row)
    return row


def open_index_bytes(data: bytes) -> Iterable[bytes]:
    """Byte lines of an index body: plain, gzip or zip (first member), told apart by magic bytes."""
    if data[:2] == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=io.BytesIO(data))
    if data[:4] == _ZIP_MAGIC:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            return archive.open(archive.namelist()[0])
        except (zipfile.BadZipFile, IndexError) as exc:
            raise IndexFormatError(f"unreadable zip index: {exc}") from None
    if data[:2] == _COMPRESS_MAGIC:
        raise IndexFormatError("Unix compress (.Z) index files are not supported; fetch the plain or .gz copy")
    return io.BytesIO(data)


def iter_index_bytes(data: bytes) -> Iterator[IndexEntry | MalformedLine]:
    """Like :func:`iter_index` for a whole body in memory; gzip (and zip) are detected by magic bytes."""
    lines = open_index_bytes(data)
    try:
        yield from iter_index(lines)
    except (OSError, EOFError, zipfile.BadZipFile) as exc:  # corrupt or truncated compressed stream
        raise IndexFormatError(f"corrupt compressed index: {exc}") from None
