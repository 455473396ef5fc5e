"""`edgar-archive status [--json]`: watermark, last runs, rows per dataset, SE links, errors by stage."""

from __future__ import annotations

import argparse
import json

from crawler.config import DEFAULT_OUTPUT


def register(subparsers: argparse._SubParsersAction) -> None:
    import os

    parser = subparsers.add_parser("status", help="show what the archive holds and how the last runs went")
    parser.add_argument("--output", default=os.environ.get("EDGAR_OUTPUT", DEFAULT_OUTPUT), help="dataset root")
    parser.add_argument("--state-dir", help="crawl state directory (default: <output>/_state)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.status import collect_status, format_status  # pandas and pyarrow.dataset: only when asked

    report = collect_status(args.output, args.state_dir)
    print(json.dumps(report, indent=2, default=str) if args.json else format_status(report))
    return 0
