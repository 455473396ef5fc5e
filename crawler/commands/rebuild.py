"""`edgar-archive rebuild`: re-derive every derivable dataset from raw/ (no network); see README "Rebuild"."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from crawler.config import DEFAULT_OUTPUT


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rebuild", help="re-derive filings, documents, se_filings, document_text and cm_* from raw/ (no network; "
                        "takes the run lock; resumable)")
    parser.add_argument("--output", default=os.environ.get("EDGAR_OUTPUT", DEFAULT_OUTPUT),
                        help="dataset root, local path or s3://bucket/prefix (env EDGAR_OUTPUT)")
    parser.add_argument("--state-dir", help="crawl state directory (default: <output>/_state)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: one per CPU)")
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="run the shards on a Dask cluster instead, e.g. tcp://scheduler:8786 (needs the dask "
                             "extra on this host and the workers; they must reach the output: s3:// or a shared path)")
    parser.add_argument("--rate-store", default=os.environ.get("EDGAR_RATE_STORE"), metavar="URL",
                        help="redis://host:port/db: hold the archive's lease there, as crawls on other hosts do "
                             "(env EDGAR_RATE_STORE)")
    parser.add_argument("--as-of", metavar="D", help="treat D as today for the Form SE decisions")
    parser.add_argument("--shard-size", type=int, help="raw files per shard (default 2000)")
    parser.add_argument("--progress", choices=("auto", "tty", "log", "off"), default="auto",
                        help="progress display: a live line on a terminal, periodic log lines otherwise")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.errors import ConfigError
    from crawler.rebuild.run import RebuildOptions, rebuild
    from crawler.rebuild.sources import SHARD_SUBMISSIONS
    from crawler.run_dates import parse_as_of
    from crawler.store.state import default_state_dir

    if args.workers < 1 or (args.shard_size is not None and args.shard_size < 1):
        raise ConfigError("--workers and --shard-size must be at least 1")
    if not args.output.startswith("s3://") and not Path(args.output).is_dir():
        raise ConfigError(f"--output {args.output!r} is not a directory: nothing to rebuild")
    options = RebuildOptions(
        output=args.output, state_dir=Path(args.state_dir or default_state_dir(args.output)),
        as_of=parse_as_of(args.as_of), workers=args.workers, shard_size=args.shard_size or SHARD_SUBMISSIONS,
        progress=args.progress, rate_store=args.rate_store)
    if args.dask:
        from crawler.rebuild.pool import dask_executor

        with dask_executor(args.dask) as executor:
            report = rebuild(options, executor)
    else:
        report = rebuild(options)
    summary = {"job_id": report.job_id, "resumed": report.resumed, "submissions": report.submissions,
               "shards": report.shards, "shards_derived_now": report.shards_derived, "rows": report.rows,
               "se_links_changed": report.links_changed, "failures": len(report.failures),
               "exit_code": int(report.exit_code)}
    print(json.dumps(summary), file=sys.stderr)
    for failure in report.failures[:20]:
        print(f"kept as they were: {failure['accession']}: {failure['error']} ({failure['raw_path']})",
              file=sys.stderr)
    return int(report.exit_code)
