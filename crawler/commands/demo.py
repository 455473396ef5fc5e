"""`edgar-archive demo`: serve the bundled sample mirror on loopback, crawl it into --output, print a summary."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from crawler.config import DEFAULT_OUTPUT


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="crawl the bundled synthetic mirror on loopback and show the result")
    parser.add_argument("--output", default=os.environ.get("EDGAR_OUTPUT", DEFAULT_OUTPUT), help="dataset root")
    parser.add_argument("--mirror", help="mirror directory (default: <output>/_demo_mirror, made on first use and "
                        "again when an older version made it)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.demo import run_demo

    mirror = Path(args.mirror) if args.mirror else Path(args.output) / "_demo_mirror"
    return run_demo(args.output, mirror, remake_stale=args.mirror is None)
