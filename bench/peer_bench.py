"""edgartools beside this project's crawl: the same ABS 8-K full submissions from the same served mirror, at the
same rate cap and latency, in the same bench run (``make bench``, section ``peer_edgartools``).

The set: the ABS 8-Ks of the mirror's truth filed in the first ``days`` days of the quarter.
- this project: ``edgar-archive crawl --from FIRST --to LAST --rate 10`` (it also archives the SE records of those
  days and looks up filers it does not know; the server log counts every request);
- edgartools (pinned, ``bench/edgartools_venv.py``): ``get_filings(year, quarter, form="8-K")``, then
  ``full_text_submission()`` for each accession of the set, one after another, as its users write it, its own
  limiter set to the same cap (``EDGAR_RATE_LIMIT_PER_SEC``), its HTTP cache empty (a fresh ``EDGAR_LOCAL_DATA_DIR``).
Both against ``mirror serve --rate-limit 10 --latency LATENCY``; wall time, CPU and peak RSS of each process
measured by ``bench.processes.run_measured`` (under ``bench/launcher.py``: each figure the process's own).
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.crawl_bench import CAP, _truth, mirror_range
from bench.edgartools_venv import EDGARTOOLS_VERSION, edgartools_python
from bench.figures import spread
from bench.processes import REPO_ROOT, ProcessRun, run_crawl, run_measured
from bench.server_log import block_pages, highest_window, kinds
from crawler.mirror.launch import serve_mirror

HERE = Path(__file__).resolve().parent
IDENTITY = "edgar-archive bench bench@example.org"
EIGHT_K = ("8-K", "8-K/A")


def abs_8ks(mirror: Path, first: date, last: date) -> list[str]:
    return sorted(row["accession"] for row in _truth(mirror, "filings") if row["is_abs"]
                  and row["form_type"] in EIGHT_K and first <= date.fromisoformat(row["filed_date"]) <= last)


def _ours(url: str, output: Path, first: date, last: date, as_of: date) -> dict[str, Any]:
    run = run_crawl(url, output, first, last, rate=CAP, as_of=as_of)
    return {"process": run.process, "filings": run.items}


def _theirs(python: Path, url: str, scratch: Path, first: date, accessions: list[str]) -> dict[str, Any]:
    scratch.mkdir(parents=True, exist_ok=True)
    listed = scratch / "accessions.txt"
    listed.write_text("\n".join(accessions) + "\n")
    proxies = {"http_proxy", "https_proxy", "all_proxy"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGAR_") and k.lower() not in proxies}
    env.update(EDGAR_BASE_URL=url, EDGAR_DATA_URL=url, EDGAR_XBRL_URL=url, EDGAR_IDENTITY=IDENTITY, NO_PROXY="*",
               EDGAR_LOCAL_DATA_DIR=str(scratch / "edgar-data"), EDGAR_RATE_LIMIT_PER_SEC=str(CAP))  # fmt: skip
    quarter = (first.month - 1) // 3 + 1
    command = [str(python), str(HERE / "edgartools_fetch.py"), str(first.year), str(quarter), str(listed),
               str(scratch / "saved")]
    process = run_measured(command, env=env, cwd=REPO_ROOT)
    saved = [line for line in process.stderr.splitlines() if line.startswith('{"filings"')]
    if process.exit_code != 0 or not saved:
        raise RuntimeError(f"edgartools fetch failed ({process.exit_code}): {process.stderr[-3000:]}")
    return {"process": process, "filings": json.loads(saved[-1])["filings"]}


def _measure(run: dict[str, Any], requests: list[dict[str, Any]]) -> dict[str, Any]:
    process: ProcessRun = run["process"]
    return {"filings": run["filings"], "requests": len(requests), "seconds": process.seconds,
            "cpu_seconds": process.cpu_seconds, "peak_rss_mb": process.peak_rss_mb, "by_kind": kinds(requests),
            "highest_1s_window": highest_window(requests), "block_pages": block_pages(requests)}


def _figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "filings": runs[0]["filings"], "requests": runs[0]["requests"], "requests_by_kind": runs[0]["by_kind"],
        "filings_per_second": spread([r["filings"] / r["seconds"] for r in runs]),
        "seconds": spread([r["seconds"] for r in runs]), "cpu_seconds": spread([r["cpu_seconds"] for r in runs]),
        "peak_rss_mb": spread([r["peak_rss_mb"] for r in runs]),
        "highest_1s_window": max(r["highest_1s_window"] for r in runs),
        "block_pages": max(r["block_pages"] for r in runs),
    }  # fmt: skip


def side_by_side(mirror: Path, repeat: int, scratch: Path, days: int, latency: str) -> dict[str, Any]:
    """Both clients ``repeat`` times each, alternating, each against a fresh server (and so a fresh log)."""
    try:
        python = edgartools_python()
    except RuntimeError as exc:
        return {"available": False, "reason": str(exc)}
    start, end = mirror_range(mirror)
    last = min(end, start + timedelta(days=days - 1))
    accessions = abs_8ks(mirror, start, last)
    server_args = ["--rate-limit", str(CAP), *(["--latency", latency] if latency else [])]
    ours, theirs = [], []
    for attempt in range(repeat):
        with serve_mirror(mirror, *server_args, log=scratch / f"peer-ours-{attempt}.jsonl") as server:
            run = _ours(server.url, scratch / f"peer-ours-{attempt}", start, last, end + timedelta(days=1))
            ours.append(_measure(run, server.requests()))
        with serve_mirror(mirror, *server_args, log=scratch / f"peer-theirs-{attempt}.jsonl") as server:
            run = _theirs(python, server.url, scratch / f"peer-theirs-{attempt}", start, accessions)
            theirs.append(_measure(run, server.requests()))
    return {
        "edgartools_version": EDGARTOOLS_VERSION, "abs_8ks": len(accessions), "from": start.isoformat(),
        "to": last.isoformat(), "cap": CAP, "latency": latency, "ours": _figures(ours), "edgartools": _figures(theirs),
        "ratio_filings_per_second": spread([o["filings"] / o["seconds"] / (t["filings"] / t["seconds"])
                                            for o, t in zip(ours, theirs, strict=True)]),
        "ratio_cpu_per_filing": spread([(o["cpu_seconds"] / o["filings"]) / (t["cpu_seconds"] / t["filings"])
                                        for o, t in zip(ours, theirs, strict=True)]),
        "ratio_peak_rss": spread([o["peak_rss_mb"] / t["peak_rss_mb"] for o, t in zip(ours, theirs, strict=True)]),
    }  # fmt: skip
