"""`edgar-archive mirror serve DIR`: serve a mirror on loopback the way SEC answers crawlers."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.errors import MirrorError
from crawler.mirror.serve_policy import DEFAULT_FAULT_PATHS, parse_fault_kinds, parse_latency


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve a mirror like SEC (first stdout line: the base URL)",
        description="Serve DIR/Archives and DIR/submissions over HTTP with SEC's User-Agent rule, rate block, "
        "Last-Modified/ETag/304, gzip, injected faults and a round-trip delay. Prints the base URL on the first line of stdout, "
        "then serves until SIGTERM or SIGINT.",
    )
    parser.add_argument("directory", type=Path, metavar="DIR", help="mirror root (holds Archives/edgar)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="TCP port; 0 picks a free one (default 0)")
    parser.add_argument(
        "--rate-limit", type=int, default=0, metavar="N", help="block above N requests per second (0: no limit)"
    )
    parser.add_argument(
        "--block-seconds", type=float, default=600.0, metavar="S", help="length of a rate block (default 600)"
    )
    parser.add_argument(
        "--fault-rate", type=float, default=0.0, metavar="F", help="fraction of eligible requests faulted (default 0)"
    )
    parser.add_argument(
        "--fault-seed", type=int, default=0, metavar="N", help="seed of the fault sequence and latency draws (default 0)"
    )
    parser.add_argument(
        "--fault-paths",
        default=DEFAULT_FAULT_PATHS,
        metavar="REGEX",
        help=f"paths eligible for faults (re.search on the raw path; default {DEFAULT_FAULT_PATHS!r})",
    )
    parser.add_argument(
        "--fault-kinds",
        default="500,503,reset,truncated,slow",
        metavar="LIST",
        help="comma-separated fault mix (default: 500,503,reset,truncated,slow)",
    )
    parser.add_argument(
        "--slow-seconds", type=float, default=2.0, metavar="S", help="total delay of a slow-body fault (default 2)"
    )
    parser.add_argument(
        "--latency",
        default="0",
        metavar="MS[:JITTER]",
        help="hold every answer MS milliseconds, plus or minus a uniform JITTER (e.g. 150:50; the log's ts stays "
        "the arrival time; default 0)",
    )
    parser.add_argument(
        "--unpublished-status", type=int, default=403, metavar="CODE",
        help="answer for a quarter later than the mirror's latest index quarter, as SEC answers a quarter it has "
        "not published yet: 403 (default) or 404",
    )
    parser.add_argument("--log", type=Path, metavar="FILE", help="append one JSON line per request to FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.mirror.serve import ServeOptions, serve

    try:
        kinds = parse_fault_kinds(args.fault_kinds)
    except ValueError as exc:
        raise MirrorError(f"--fault-kinds: {exc}") from None
    try:
        latency, jitter = parse_latency(args.latency)
    except ValueError as exc:
        raise MirrorError(f"--latency: {exc}") from None
    options = ServeOptions(
        directory=args.directory,
        host=args.host,
        port=args.port,
        rate_limit=args.rate_limit,
        block_seconds=args.block_seconds,
        fault_rate=args.fault_rate,
        fault_seed=args.fault_seed,
        fault_paths=args.fault_paths,
        fault_kinds=kinds,
        slow_seconds=args.slow_seconds,
        latency=latency,
        latency_jitter=jitter,
        unpublished_status=args.unpublished_status,
        log=args.log,
    )
    return serve(options)
