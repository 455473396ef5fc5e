"""``make bench``: build the quarter-scale mirror once, serve it on loopback, measure, write bench/results/.

    python -m bench.run [--repeat 3] [--only crawl_unthrottled,crawl_capped,...] [--edgartools-python PY]

Sections (each figure the median of ``--repeat`` runs, with min and max):
  index_parse        rows/s of a ~250k-row form.idx (bench/index_parse.py), edgartools beside it if given
  parser             MB/s and filings/s (bench/parse_filing.py)
  cm_parse           Computational Materials parsing, MB/s and tables/s on one core (bench/cm_parse.py)
  crawl_unthrottled  the whole quarter at --rate 1000: filings/s, requests per filing (server log), peak RSS,
                     CPU s per filing; a bare Scrapy fetch of the same URLs; an incremental run with nothing new
  crawl_capped       the first days of the quarter at a 10 req/s cap (server --rate-limit 10 --latency 150:50)
  shared_budget      a nightly crawl, a backfill crawl (at most 6/s) and a helper's company lookups on one Redis
                     budget at a combined --rate 10 (server --latency 150:50): combined rate, highest windows
  memory_flatness    peak RSS at ~1k, 5k and 10k filings (slices of the quarter)
  peer_edgartools    edgartools (pinned, throwaway venv) fetching the first --peer-days days' ABS 8-Ks beside this
                     crawl of them, same mirror, cap and --latency: requests, wall, CPU, peak RSS, ratios (peer_bench.py)
  report_scale       `edgar-archive report` of a synthesised 100,000-filing archive: seconds, peak RSS, HTML size
  rebuild            edgar-archive rebuild of the crawled quarter with 1 and 2 worker processes, and on a Dask
                     LocalCluster of 2 workers (--dask): filings/s
The mirror is cached in bench/.cache/ (delete it to rebuild). Waits up to --quiet-wait seconds for the
1-minute load average to drop below --max-load, and records the load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench import crawl_bench, edgartools_venv, parsers_bench, peer_bench, rebuild_bench, report_scale, shared_budget
from bench.figures import verdicts
from bench.report import markdown
from crawler.mirror.synth import is_current, synthesize

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results"
QUARTER = (date(2004, 4, 1), date(2004, 6, 30))
SECTIONS = ("index_parse", "parser", "cm_parse", "crawl_unthrottled", "crawl_capped", "shared_budget",
            "memory_flatness", "peer_edgartools", "report_scale", "rebuild")


def quarter_mirror(filings: int) -> Path:
    """The 2004 Q2 synthetic mirror with ``filings`` 8-Ks, built once (seed 1) and kept in bench/.cache/."""
    mirror = CACHE / f"quarter-{filings}"
    if not is_current(mirror):
        print(f"building the quarter mirror in {mirror} (once)...", file=sys.stderr, flush=True)
        synthesize(mirror, seed=1, start=QUARTER[0], end=QUARTER[1], filings=filings, force=mirror.exists())
    return mirror


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def wait_for_quiet(max_load: float, patience: float) -> None:
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        print(f"load {load_average()} >= {max_load}: waiting for a quiet machine...", file=sys.stderr, flush=True)
        time.sleep(30)


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return {"cpu_model": model, "cpus": os.cpu_count(), "memory_gb": round(memory_kb / 2**20, 1),
            "python": platform.python_version(), "platform": platform.platform(), "load_before": load_average()}


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True, check=False)
        return done.stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+local changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _edgartools() -> str | None:
    """The pinned edgartools venv's interpreter (built once), None when it cannot be built (the section says so)."""
    try:
        return str(edgartools_venv.edgartools_python())
    except RuntimeError as exc:
        print(f"edgartools not available: {exc}", file=sys.stderr, flush=True)
        return None


def measure(section: str, mirror: Path, args: argparse.Namespace) -> dict[str, Any]:
    print(f"[{datetime.now():%H:%M:%S}] {section} (load {load_average()})...", file=sys.stderr, flush=True)
    if section == "index_parse":
        return {section: parsers_bench.index_parse(args.repeat, args.edgartools_python or _edgartools(), mirror)}
    if section == "parser":
        return {section: parsers_bench.parser(args.repeat, mirror)}
    if section == "report_scale":
        return {section: report_scale.measure(args.repeat)}
    if section == "cm_parse":
        return {section: parsers_bench.cm_parse(args.repeat)}
    with crawl_bench.scratch_dir() as scratch:
        if section == "crawl_unthrottled":
            return crawl_bench.unthrottled(mirror, args.repeat, Path(scratch))
        if section == "crawl_capped":
            return {section: crawl_bench.capped(mirror, args.repeat, Path(scratch), args.capped_days, args.latency)}
        if section == "shared_budget":
            return {section: shared_budget.shared(mirror, args.repeat, Path(scratch), args.latency)}
        if section == "peer_edgartools":
            return {section: peer_bench.side_by_side(mirror, args.repeat, Path(scratch), args.peer_days, args.latency)}
        if section == "rebuild":
            return {section: rebuild_bench.rebuild(mirror, args.repeat, Path(scratch))}
        return {section: crawl_bench.memory_flatness(mirror, args.repeat, Path(scratch), args.memory_sizes)}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--filings", type=int, default=25_000, help="8-K-family filings in the quarter mirror")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median, min, max)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to measure; "
                        "results of other sections already in latest.json are kept")
    parser.add_argument("--capped-days", type=int, default=7, help="days of the quarter crawled at the cap")
    parser.add_argument("--peer-days", type=int, default=2, help="days of the quarter whose ABS 8-Ks edgartools "
                        "and this crawl both fetch (about 630 filings for 2)")
    parser.add_argument("--latency", default="150:50", help="mirror serve --latency MS[:JITTER] of the capped, "
                        "shared-budget and edgartools sections (a real round trip to SEC is 30-200 ms); '' for none")
    parser.add_argument("--memory-sizes", default="1000,5000,10000", help="filings per memory-flatness point")
    parser.add_argument("--edgartools-python", default=os.environ.get("BENCH_EDGARTOOLS_PYTHON"),
                        help="interpreter of a venv with edgartools (env BENCH_EDGARTOOLS_PYTHON); default: the "
                        "pinned one of bench/edgartools_venv.py, built once")
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for a 1-min load average below this")
    parser.add_argument("--quiet-wait", type=float, default=900, help="seconds to wait for that at most")
    parser.add_argument("--results", type=Path, default=RESULTS, help="directory for latest.json and latest.md")
    parser.add_argument("--render", action="store_true", help="only rewrite latest.md from latest.json")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    args.memory_sizes = tuple(int(size) for size in args.memory_sizes.split(","))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.render:
        results = json.loads((args.results / "latest.json").read_text())
        (args.results / "latest.md").write_text(markdown(results))
        print(markdown(results))
        return 0
    mirror = quarter_mirror(args.filings)
    wait_for_quiet(args.max_load, args.quiet_wait)
    latest = args.results / "latest.json"
    previous = json.loads(latest.read_text()) if latest.exists() and set(args.sections) != set(SECTIONS) else {}
    results: dict[str, Any] = {key: value for key, value in previous.items() if key in SECTIONS
                               or key in ("incremental_nothing_new", "bare_scrapy_fetch")}
    info = machine()
    summary = json.loads((mirror / "_truth" / "summary.json").read_text())
    commit = git_commit()
    for section in args.sections:
        measured = measure(section, mirror, args)
        for value in measured.values():
            value["load_average_after"] = load_average()
            value["git"] = commit  # kept with the section when a later run measures others
        results.update(measured)
    info["load_after"] = load_average()
    given = sys.argv[1:] if argv is None else argv
    results.update({
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "git": commit, "machine": info,
        "repeat": args.repeat, "command": " ".join(["python -m bench.run", *map(shlex.quote, given)]),
        "edgartools_python": args.edgartools_python,
        "mirror": {key: summary[key] for key in ("start", "end", "filings_8k", "abs_8k", "se_records", "index_rows")},
        "sections_measured_now": args.sections,
    })
    results["targets"] = verdicts(results)
    args.results.mkdir(parents=True, exist_ok=True)
    latest.write_text(json.dumps(results, indent=2, default=str) + "\n")
    (args.results / "latest.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
