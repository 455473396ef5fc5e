"""``edgar-archive rebuild`` measured: the quarter crawled once, then copies of that archive rebuilt from raw/.

Figures per worker count (``--workers 1`` and ``2``): filings/s (submissions re-derived ÷ wall seconds, process start
to exit, worker start-up and the final commit included), CPU seconds of the rebuild and its worker processes, peak
RSS of the rebuild process. Then the same on a Dask cluster (``--dask``: a ``LocalCluster`` of 2 worker processes
on loopback, started once before the runs, so its start-up is not counted; CPU seconds are the rebuild process's
alone). No server runs during a rebuild: it makes no request.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.crawl_bench import UNTHROTTLED_RATE, mirror_range
from bench.figures import spread
from bench.processes import REPO_ROOT, clean_env, run_crawl, run_measured
from crawler.mirror.launch import serve_mirror

WORKERS = (1, 2)
DASK_WORKERS = 2


def rebuild(mirror: Path, repeat: int, scratch: Path, workers: tuple[int, ...] = WORKERS) -> dict[str, Any]:
    start, end = mirror_range(mirror)
    as_of = end + timedelta(days=1)
    crawled = scratch / "crawled"
    with serve_mirror(mirror) as server:
        run_crawl(server.url, crawled, start, end, rate=UNTHROTTLED_RATE, as_of=as_of)
    figures: dict[str, Any] = {}
    for count in workers:
        runs = [_rebuild_once(crawled, scratch / f"rebuild-{count}-{attempt}", ["--workers", str(count)],
                              as_of.isoformat()) for attempt in range(repeat)]
        figures[f"workers_{count}"] = _figures(runs)
    from distributed import LocalCluster

    with LocalCluster(n_workers=DASK_WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        runs = [_rebuild_once(crawled, scratch / f"rebuild-dask-{attempt}", ["--dask", cluster.scheduler_address],
                              as_of.isoformat()) for attempt in range(repeat)]
    figures[f"dask_{DASK_WORKERS}"] = _figures(runs)
    return figures


def _figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "filings_per_second": spread([r["submissions"] / r["seconds"] for r in runs]),
        "seconds": spread([r["seconds"] for r in runs]),
        "cpu_seconds": spread([r["cpu_seconds"] for r in runs]),
        "peak_rss_mb": spread([r["peak_rss_mb"] for r in runs]),
        "submissions": runs[0]["submissions"], "shards": runs[0]["shards"],
        "exit_codes": sorted({r["exit_code"] for r in runs}),
    }


def _rebuild_once(crawled: Path, output: Path, executor: list[str], as_of: str) -> dict[str, Any]:
    shutil.copytree(crawled, output)
    command = [sys.executable, "-m", "crawler", "rebuild", "--output", str(output), *executor,
               "--as-of", as_of, "--progress", "off"]
    process = run_measured(command, env=clean_env(), cwd=REPO_ROOT)
    lines = [line for line in process.stderr.splitlines() if line.startswith('{"job_id"')]
    if process.exit_code != 0 or not lines:
        raise RuntimeError(f"rebuild failed ({process.exit_code}): {process.stderr[-3000:]}")
    summary = json.loads(lines[-1])
    shutil.rmtree(output)
    return {"submissions": summary["submissions"], "shards": summary["shards"], "seconds": process.seconds,
            "cpu_seconds": process.cpu_seconds, "peak_rss_mb": process.peak_rss_mb, "exit_code": process.exit_code}
