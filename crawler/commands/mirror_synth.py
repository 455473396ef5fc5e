"""``edgar-archive mirror synth DIR``: write a deterministic synthetic EDGAR mirror and its ground truth."""

from __future__ import annotations

import argparse
import re
import time
from datetime import date
from pathlib import Path

from crawler.errors import ExitCode, MirrorError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DESCRIPTION = """\
Writes a synthetic EDGAR mirror into DIR in SEC's own layout (Archives/edgar/full-index, daily-index with
index.json listings, Archives/edgar/data/CIK/ACCESSION.txt, submissions/CIK##########.json) and its ground
truth under DIR/_truth/ (filings.jsonl, se_filings.jsonl, index_rows.jsonl, summary.json).
The same --seed and options give a byte-identical tree, modification times included.

Default (no --from/--to/--filings): 2003-10-01 to 2006-06-30 with 400 8-K-family filings (about 4,000 index
rows), which spans the 2004-08-23 item switch and the start of Reg AB. With --from/--to but no --filings the
default density (about 0.6 8-Ks per business day) applies. One 2004 quarter at real scale:
  --from 2004-04-01 --to 2004-06-30 --filings 25000   (about 250,000 index rows, 11,000 ABS 8-Ks)"""


def _date(text: str) -> date:
    if not _DATE.match(text):
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text!r}") from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth", help="write a synthetic EDGAR mirror with ground truth", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("directory", metavar="DIR", type=Path, help="target directory (created; must be empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--from", dest="start", type=_date, metavar="D", help="first filing date, YYYY-MM-DD (default 2003-10-01)")
    parser.add_argument("--to", dest="end", type=_date, metavar="D", help="last filing date, YYYY-MM-DD (default 2006-06-30)")
    parser.add_argument("--filings", type=int, metavar="N", help="number of 8-K-family accessions (default 400 for the default range)")
    parser.add_argument("--force", action="store_true", help="replace the contents of a non-empty DIR")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.mirror.synth import synthesize

    if args.filings is not None and args.filings < 1:
        raise MirrorError(f"--filings must be at least 1, got {args.filings}")
    began = time.monotonic()
    summary = synthesize(args.directory, seed=args.seed, start=args.start, end=args.end, filings=args.filings, force=args.force)
    elapsed = time.monotonic() - began
    print(
        f"mirror {args.directory}: {summary.start}..{summary.end}, {summary.filings_8k} 8-K filings "
        f"({summary.abs_8k} ABS), {summary.index_rows} index rows, {summary.se_records} SE records, "
        f"{summary.files} files, {summary.bytes / 1e6:.1f} MB in {elapsed:.1f} s (truth: {args.directory / '_truth'})"
    )
    return int(ExitCode.OK)
