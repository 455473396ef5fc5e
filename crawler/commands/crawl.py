"""`edgar-archive crawl`: the main job (see CONTRACT.md and README "Running it every night")."""

from __future__ import annotations

import argparse
import json
import sys

from crawler.config import add_common_options, common_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("crawl", help="crawl EDGAR indexes and archive ABS depositor 8-Ks and Form SEs")
    add_common_options(parser)
    add_crawl_options(parser)
    parser.add_argument("--dry-run", action="store_true",
                        help="list the index requests the run would make (listings are fetched), then stop")
    parser.set_defaults(func=run)


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="D", help="first day, YYYY-MM-DD or a quarter like 2004Q2")
    parser.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    parser.add_argument("--as-of", metavar="D", help="treat D as today (reproducible runs against a mirror)")
    parser.add_argument("--state-dir", help="crawl state directory (default: <output>/_state)")
    parser.add_argument("--flush-rows", type=int, help="rows buffered before a Parquet commit (default 5000)")
    parser.add_argument("--progress", choices=("auto", "tty", "log", "off"), default="auto",
                        help="progress display: a live line on a terminal, periodic log lines otherwise")
    parser.add_argument("--retry-gone", action="store_true",
                        help="fetch filings given up as gone (see status) once more in this run")
    parser.add_argument("--gone-after-runs", type=int, metavar="N",
                        help="give up a filing answering 404 (or a non-block 403) after N runs (default 5)")
    parser.add_argument("--gone-after-days", type=int, metavar="D",
                        help="... or after D days since its first such answer, whichever comes first (default 30)")


def run(args: argparse.Namespace) -> int:
    options = common_options(args)
    if args.dry_run:
        from crawler.dry_run import print_plan

        return print_plan(options, start=args.start, end=args.end, as_of=args.as_of, state_dir=args.state_dir)
    from crawler.runner import crawl_settings, run_crawl

    settings = crawl_settings(options, EDGAR_AS_OF=args.as_of, EDGAR_STATE_DIR=args.state_dir,
                              EDGAR_FLUSH_ROWS=args.flush_rows, EDGAR_PROGRESS=args.progress,
                              EDGAR_RETRY_GONE=args.retry_gone or None, **gone_limits(args),
                              LOG_LEVEL="DEBUG" if args.verbose >= 2 else None)
    outcome = run_crawl(settings, start=args.start, end=args.end)
    summary = {k: outcome.stats.get(k) for k in ("finish_reason", "item_scraped_count", "downloader/request_count",
                                                  "edgar/exit_code")}
    print(json.dumps(summary, default=str), file=sys.stderr)
    return int(outcome.exit_code)


def gone_limits(args: argparse.Namespace) -> dict[str, int | None]:
    """The EDGAR_GONE_AFTER_* settings given on the command line (checked by ``GoneLimits``)."""
    return {"EDGAR_GONE_AFTER_RUNS": args.gone_after_runs, "EDGAR_GONE_AFTER_DAYS": args.gone_after_days}
