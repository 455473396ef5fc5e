"""``edgar-archive parse-index FILE...``: index rows as JSON Lines, with the crawler's selection verdict.

Each file is read twice (streaming, constant memory per row): once to decide every 8-K/SE accession with
all its filer rows, once to print. ``abs_candidate`` is what a crawl with no saved state would do: fetch
the row's submission (selected by the seed table or the name) or look its filer up first (``lookup``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from crawler.edgar.forms import form_kind
from crawler.edgar.index import IndexEntry, MalformedLine, iter_index, open_index_bytes
from crawler.edgar.selection import NOT_TAKEN_REASONS, MemoryAbsRegistry, select_candidates
from crawler.errors import ExitCode, IndexFormatError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse-index",
        help="print the rows of EDGAR index files as JSON Lines",
        description="Read form/company/master index files (daily or quarterly, plain or .gz) and print one JSON "
        "object per row. Malformed lines go to stderr as JSON; exit code 3 if there were any, 2 if a file "
        "could not be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path, help="index file(s)")
    parser.add_argument("--candidates-only", action="store_true", help="print only rows with abs_candidate true")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    unreadable = malformed = 0
    try:
        for path in args.files:
            try:
                malformed += _print_file(path, candidates_only=args.candidates_only)
            except BrokenPipeError:
                raise
            except (OSError, EOFError, IndexFormatError) as exc:
                unreadable += 1
                print(f"edgar-archive: error: cannot read index {path}: {exc}", file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into head or the like: the reader left, not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    if unreadable:
        return int(ExitCode.CONFIG)
    return int(ExitCode.PARTIAL if malformed else ExitCode.OK)


@contextmanager
def _open_lines(path: Path) -> Iterator[Iterable[bytes]]:
    with path.open("rb") as raw:
        magic = raw.read(4)
        raw.seek(0)
        if magic[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=raw) as unpacked:
                yield unpacked
        elif magic == b"PK\x03\x04" or magic[:2] == b"\x1f\x9d":  # zip, or Unix compress (refused with a message)
            yield open_index_bytes(raw.read())
        else:
            yield raw


def _decisions(path: Path) -> dict[str, str]:
    with _open_lines(path) as lines:
        return select_candidates(iter_index(lines), MemoryAbsRegistry()).decisions


def _print_file(path: Path, *, candidates_only: bool) -> int:
    """Print one file's rows; return its number of malformed lines."""
    decisions = _decisions(path)
    malformed = 0
    with _open_lines(path) as lines:
        out = sys.stdout
        for row in iter_index(lines):
            if isinstance(row, MalformedLine):
                malformed += 1
                print(_malformed_json(path, row), file=sys.stderr)
                continue
            record = _row_json(row, decisions)
            if record["abs_candidate"] or not candidates_only:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return malformed


def _row_json(entry: IndexEntry, decisions: dict[str, str]) -> dict[str, object]:
    accession = entry.accession
    reason = decisions.get(accession, "form") if form_kind(entry.form_type) else "form"
    return {
        "form_type": entry.form_type,
        "company_name": entry.company_name,
        "cik": entry.cik,
        "date_filed": entry.date_filed.isoformat(),
        "filename": entry.filename,
        "accession": accession,
        "abs_candidate": reason not in NOT_TAKEN_REASONS,
        "selection": reason,
    }


def _malformed_json(path: Path, line: MalformedLine) -> str:
    return json.dumps(
        {"file": str(path), "line": line.line_number, "reason": line.reason, "text": line.text[:300]},
        ensure_ascii=False,
    )


def rows_as_json(entries: Iterable[IndexEntry | MalformedLine]) -> list[dict[str, object]]:
    """The JSON objects ``parse-index`` prints for an in-memory row stream (malformed lines left out)."""
    rows = [entry for entry in entries if isinstance(entry, IndexEntry)]
    decisions = select_candidates(rows, MemoryAbsRegistry()).decisions
    return [_row_json(entry, decisions) for entry in rows]
