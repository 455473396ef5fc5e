"""`edgar-archive report [--output OUT] [--to report.html]`: one self-contained HTML page about the archive."""

from __future__ import annotations

import argparse
import os

from crawler.config import DEFAULT_OUTPUT
from crawler.errors import ConfigError, ExitCode

DEFAULT_PAGE = "report.html"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="write one HTML page (opens offline) showing coverage, gaps, Form SE links, CM and runs")
    parser.add_argument("--output", default=os.environ.get("EDGAR_OUTPUT", DEFAULT_OUTPUT),
                        help="dataset root, local path or s3://bucket/prefix (env EDGAR_OUTPUT)")
    parser.add_argument("--state-dir", help="crawl state directory (default: <output>/_state)")
    parser.add_argument("--to", default=DEFAULT_PAGE, help=f"the page to write, a local path (default: {DEFAULT_PAGE})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:  # matplotlib and pandas: the optional `report` extra, imported only when asked
        from crawler.report.build import write_report
    except ImportError as exc:
        raise ConfigError(f"the report needs {exc.name}: pip install 'edgar-depositor-archive[report]'") from exc
    if "://" in args.to:
        raise ConfigError(f"--to {args.to!r}: the page is written to a local path")
    if "://" not in args.output and not os.path.isdir(args.output):
        raise ConfigError(f"--output {args.output!r}: no such directory (where the crawl wrote its datasets)")
    print(write_report(args.output, args.to, args.state_dir))
    return int(ExitCode.OK)
