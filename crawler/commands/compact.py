"""`edgar-archive compact`: merge small Parquet files per partition without changing any row."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from crawler.config import add_common_options
from crawler.errors import ExitCode
from crawler.store.fs import resolve
from crawler.store.lock import archive_lock
from crawler.store.reconcile import reconcile
from crawler.store.schemas import DATASETS
from crawler.store.state import STATE_FILENAME, default_state_dir
from crawler.store.state_sqlite import SqliteCrawlState

if TYPE_CHECKING:
    from crawler.store.compact import CompactReport


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compact", help="merge small Parquet files per partition (takes the run lock; rows unchanged)")
    add_common_options(parser)
    parser.add_argument("--dataset", action="append", choices=DATASETS, metavar="NAME",
                        help=f"only this dataset (repeatable; one of {', '.join(DATASETS)}); default all")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.store.compact import compact  # pyarrow.dataset: only when asked

    state_dir = default_state_dir(args.output)
    with archive_lock(args.output, state_dir, args.rate_store) as lock:
        fs, root = resolve(args.output)
        with SqliteCrawlState(state_dir / STATE_FILENAME) as state:
            reconciled = reconcile(fs, root, state)
            if reconciled.changed:
                print(f"reconciled first: {reconciled}")
            report = compact(fs, root, args.dataset, guard=lock)
            for commit in report.commits:
                state.apply_commit(commit)
    print(format_report(report))
    return int(ExitCode.OK)


def format_report(report: CompactReport) -> str:
    lines = [f"{'dataset':<12} {'rows before':>12} {'rows after':>11} {'files before':>13} {'files after':>12}"]
    for item in report.datasets.values():
        lines.append(f"{item.dataset:<12} {item.rows_before:>12} {item.rows_after:>11} "
                     f"{item.files_before:>13} {item.files_after:>12}")
    lines.append(f"duplicates removed: {report.duplicates_removed}; commits: {len(report.commits)}")
    return "\n".join(lines)
