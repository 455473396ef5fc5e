"""Benchmark: reading the commit log after years of nightly runs, with and without a checkpoint; JSON on stdout.

    .venv/bin/python bench/manifest_scale.py [--manifests 2000] [--rows 50] [--repeat 3] [--s3]

Builds an archive of ``--manifests`` commits with the real writer (one flush of ``--rows`` filings each, a
day per commit spread over 1994-2024), then times reading the live files (``read_log``) and
``load(root, "filings")`` from the full log (no checkpoint) and from a checkpoint, also with 64 commits
made after it, and a run-start reconcile with every commit applied; then compacts (one file per quarter)
and times both again (after years of runs, most of an uncompacted load() is reading the small files). ``--s3`` builds it on a moto server
on loopback instead (each manifest body is one GET there). Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.store import fs as store_fs
from crawler.store.checkpoint import read_log, write_checkpoint
from crawler.store.compact import compact
from crawler.store.load import load
from crawler.store.manifest import MANIFEST_DIR, list_manifest_dir
from crawler.store.reconcile import reconcile
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.store import rows


def build(fs: Any, root: str, state: SqliteCrawlState, first: int, count: int, per: int) -> None:
    start, span = date(1994, 7, 1), (date(2024, 6, 30) - date(1994, 7, 1)).days
    for n in range(first, first + count):
        day = start + timedelta(days=span * n // 2100)
        writer = ArchiveWriter(fs, root, f"night-{n:05d}", on_commit=state.apply_commit)
        for i in range(per):
            writer.add("filings", rows.filing(f"{n % 10**10:010d}-{day.year % 100:02d}-{i:06d}", filed=day))
        writer.close()


def timed(step: Callable[[], Any], repeat: int) -> dict[str, float]:
    values = []
    for _ in range(repeat):
        began = time.perf_counter()
        step()
        values.append(time.perf_counter() - began)
    return {"median_s": round(statistics.median(values), 4), "min_s": round(min(values), 4),
            "max_s": round(max(values), 4), "runs": repeat}


def measure(fs: Any, root: str, state: SqliteCrawlState, args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"manifests": args.manifests, "rows_per_manifest": args.rows}
    began = time.perf_counter()
    build(fs, root, state, 0, args.manifests, args.rows)
    result["build_s"] = round(time.perf_counter() - began, 1)
    result["manifest_bytes"] = sum(i.size for i in store_fs.list_files(fs, store_fs.join(root, MANIFEST_DIR)))
    read = lambda: read_log(fs, root).live_files()
    loaded = lambda: load(root, "filings", fs=fs)
    run_start = lambda: reconcile(fs, root, state, orphan_min_age=0)
    result["full_log"] = {"read_log": timed(read, args.repeat), "load": timed(loaded, args.repeat)}
    checkpoint = write_checkpoint(fs, read_log(fs, root))
    path = list_manifest_dir(fs, root).checkpoints[checkpoint.checkpoint_id]
    result["checkpoint_bytes"] = fs.get_file_info(path).size
    result["checkpoint"] = {"read_log": timed(read, args.repeat), "load": timed(loaded, args.repeat),
                            "reconcile": timed(run_start, args.repeat)}
    build(fs, root, state, args.manifests, 64, args.rows)
    result["checkpoint_plus_64"] = {"read_log": timed(read, args.repeat), "load": timed(loaded, args.repeat),
                                    "reconcile": timed(run_start, args.repeat)}
    began = time.perf_counter()
    report = compact(fs, root, ["filings"])
    result["compact_s"] = round(time.perf_counter() - began, 1)
    result["files_after_compaction"] = report.datasets["filings"].files_after
    result["compacted_with_checkpoint"] = {"read_log": timed(read, args.repeat), "load": timed(loaded, args.repeat)}
    _drop_checkpoints(fs, root)
    result["compacted_full_log"] = {"read_log": timed(read, args.repeat), "load": timed(loaded, args.repeat),
                                    "reconcile": timed(run_start, 1)}  # this one writes a checkpoint
    return result


def _drop_checkpoints(fs: Any, root: str) -> None:
    for path in list_manifest_dir(fs, root).checkpoints.values():
        fs.delete_file(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifests", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--s3", action="store_true", help="on a moto S3 server on loopback")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        state = SqliteCrawlState(Path(tmp, "state.sqlite"))
        if args.s3:
            result = _on_moto(state, args)
        else:
            fs, root = store_fs.resolve(str(Path(tmp, "out")))
            result = {"storage": "local", **measure(fs, root, state, args)}
        state.close()
    print(json.dumps(result, indent=2))


def _on_moto(state: SqliteCrawlState, args: argparse.Namespace) -> dict[str, Any]:
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        options = {"endpoint_url": f"http://{host}:{port}", "access_key": "bench", "secret_key": "bench",
                   "region": "us-east-1"}
        boto3.client("s3", endpoint_url=options["endpoint_url"], aws_access_key_id="bench",
                     aws_secret_access_key="bench", region_name="us-east-1").create_bucket(Bucket="bench")
        fs, root = store_fs.resolve("s3://bench/archive", s3_options=options)
        return {"storage": "moto S3 on loopback", **measure(fs, root, state, args)}
    finally:
        server.stop()


if __name__ == "__main__":
    main()
