"""`edgar-archive parse-filing FILE`: one full submission (.txt or .nc) as a JSON object on stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from crawler.edgar.cm.documents import filing_exhibits
from crawler.edgar.cm.parse import TABLE_KINDS_OF_EXHIBIT
from crawler.edgar.filing import ParsedFiling, parse_filing
from crawler.errors import ExitCode


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse-filing",
        help="parse a full EDGAR submission (.txt or .nc) and print it as JSON",
        description="Print header facts, documents (with their kind of exhibit, and the tables and tranches of "
        "Computational Materials), 8-K items, ABS facts and Form SE references of one submission as a JSON "
        "object. Exit 0 when clean, 3 when problems were listed in 'errors', 2 when the file cannot be read.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="submission file (.txt, .nc, header extract)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = read_input(args.file)
    if data is None:
        return int(ExitCode.CONFIG)
    accession_hint = args.file.name.split(".")[0] if _looks_like_accession(args.file.name) else None
    filing = parse_filing(data, accession_hint=accession_hint)
    write_json(filing_json(data, filing))
    return int(ExitCode.PARTIAL) if filing.errors else int(ExitCode.OK)


def read_input(path: Path) -> bytes | None:
    """The file's bytes, or None after saying on stderr why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        print(f"edgar-archive: error: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return None


def write_json(obj: dict) -> None:
    """One indented JSON object on stdout; a reader that left (``| head``) is not an error of ours."""
    try:
        sys.stdout.write(json.dumps(obj, indent=2, sort_keys=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def filing_json(data: bytes, filing: ParsedFiling) -> dict:
    """The CONTRACT.md object; each document also says its ``kind_of_exhibit``, and each Computational
    Materials / term sheet document carries its ``tables`` and ``tranches`` (as ``parse-exhibit`` prints them)."""
    out = filing.to_json()
    for document, exhibit in zip(out["documents"], filing_exhibits(data, filing)):
        document["kind_of_exhibit"] = exhibit.kind_of_exhibit
        if exhibit.kind_of_exhibit in TABLE_KINDS_OF_EXHIBIT:
            parsed = exhibit.to_json()
            document["tables"], document["tranches"] = parsed["tables"], parsed["tranches"]
            document["cm_warnings"] = parsed["warnings"]
    return out


def _looks_like_accession(name: str) -> bool:
    stem = name.split(".")[0]
    parts = stem.split("-")
    return [len(p) for p in parts] == [10, 2, 6] and all(p.isdigit() for p in parts)
