"""Benchmark: ``edgar-archive report`` on a 100,000-filing archive; JSON on stdout.

    python -m bench.report_scale [--filings 100000] [--runs 400] [--repeat 3]

The archive is synthesised once into bench/.cache/report-<filings>-<runs>/ with the real writer
(``ArchiveWriter``, one commit per nightly-style run, ``--runs`` of them over 2001-2008, each run started
with the crawl's own ``reconcile``, which writes a checkpoint of the commit log every 64 commits) and a real
crawl state: ~300 depositors with Zipf-like volumes and spelling variants, 1-5 documents per filing, 2% of the
8-Ks referring to Form SE exhibits (every status), Computational Materials exhibits with tables and tranche
rows, submission errors, runs with their busiest second; a few unread days and filings being retried.
The report is measured on that archive as its runs left it (one file per commit and partition) and on a
compacted copy. Each repeat runs the report command under the bench's launcher (``bench.processes``): wall
time from spawn to exit, its own CPU time and peak RSS (not this process's). Reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.figures import spread
from bench.processes import REPO_ROOT, clean_env, run_measured
from crawler.edgar.calendar import Quarter, business_days
from crawler.edgar.urls import daily_index_path, full_index_path
from crawler.store import fs as store_fs
from crawler.store.compact import compact
from crawler.store.reconcile import reconcile
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.store import rows

CACHE = REPO_ROOT / "bench" / ".cache"
FIRST, LAST = date(2001, 1, 2), date(2008, 12, 31)
STATUSES = (("linked", 0.80), ("ambiguous", 0.05), ("pending", 0.03), ("unresolved", 0.12))
CM_KINDS = ("computational_materials", "term_sheet", "collateral_term_sheet")


def depositor_names(count: int, rng: random.Random) -> list[tuple[str, float]]:
    words = ("MORTGAGE", "ASSET", "SECURITIES", "FUNDING", "ACCEPTANCE", "RECEIVABLES", "CAPITAL", "TRUST")
    names = []
    for n in range(count):
        stem = f"{rng.choice(('ALPHA', 'BRIDGE', 'CEDAR', 'DELTA', 'EAGLE', 'FALCON', 'GRANITE'))}{n} " \
               f"{rng.choice(words)} {rng.choice(words)}"
        names.append((stem, 1.0 / (n + 1) ** 1.1))
    return names


def spelled(stem: str, rng: random.Random) -> str | None:
    draw = rng.random()
    if draw < 0.03:
        return None
    return f"{stem}, INC." if draw < 0.2 else f"{stem} INC"


def volume(day: date) -> float:
    """ABS 8-K volume over the years: growing to 2006, falling in 2007-2008."""
    return {2001: 0.4, 2002: 0.6, 2003: 0.9, 2004: 1.1, 2005: 1.4, 2006: 1.6, 2007: 1.1, 2008: 0.4}[day.year]


def build(root: Path, filings: int, runs: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    fs, base = store_fs.resolve(str(root))
    days = list(business_days(FIRST, LAST))
    bounds = [days[len(days) * n // runs] for n in range(runs)] + [LAST + timedelta(days=1)]
    weights = [volume(d) for d in days]
    per_day = dict.fromkeys(days, 0)
    for day in rng.choices(days, weights=weights, k=filings):
        per_day[day] += 1
    depositors = depositor_names(300, rng)
    with SqliteCrawlState(root / "_state" / "state.sqlite") as state:
        serial = 0
        for n in range(runs):
            run_id = f"bench-{n:05d}"
            run_days = [d for d in days if bounds[n] <= d < bounds[n + 1]]
            started = datetime.combine(run_days[-1] + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=2)
            reconcile(fs, base, state)  # as a run's start-up does: a checkpoint once 64 commits are uncovered
            state.start_run(run_id, mode="incremental", start=run_days[0], end=run_days[-1])
            writer = ArchiveWriter(fs, base, run_id, max_rows=10**9, on_commit=state.apply_commit)
            new = 0
            for day in run_days:
                for _ in range(per_day[day]):
                    serial += 1
                    new += 1
                    _filing(writer, rng, depositors, f"{serial % 10**10:010d}-{day.year % 100:02d}-{serial:06d}", day,
                            run_id)
            errors = _errors(writer, rng, run_id, started, state, run_days)
            writer.add("runs", {**rows.run(run_id, started_at=started), "finished_at": started + timedelta(
                seconds=60 + new * 0.12), "mode": "incremental", "from": run_days[0], "to": run_days[-1],
                "requests": int(new * 1.02) + 5, "new_filings": new, "errors": errors,
                "exit_code": 3 if errors else 0, "peak_requests_per_second": rng.choice((9, 10, 10, 10)),
                "rate_cap": 10.0})
            writer.close()
            state.finish_run(run_id, status="finished", exit_code=3 if errors else 0, new_filings=new, errors=errors)
        _coverage(state, days)
        state.set_watermark(LAST)


def _filing(writer: ArchiveWriter, rng: random.Random, depositors: list[tuple[str, float]], accession: str,
            day: date, run_id: str) -> None:
    stem = rng.choices([d[0] for d in depositors], weights=[d[1] for d in depositors])[0]
    documents = rng.randint(1, 5)
    writer.add("filings", rows.filing(accession, filed=day, depositor_name=spelled(stem, rng), run_id=run_id,
                                      document_count=documents))
    for sequence in range(1, documents + 1):
        exhibit = None if sequence == 1 else f"99.{sequence - 1}"
        writer.add("documents", rows.document(accession, sequence, filed=day, exhibit=exhibit))
        kind = rng.choice(CM_KINDS) if exhibit and rng.random() < 0.25 else None
        writer.add("document_text", {"accession": accession, "sequence": sequence, "type": "EX-99" if exhibit else
                                     "8-K", "exhibit": exhibit, "description": None, "filename": f"d{sequence}.txt",
                                     "format": "text", "kind_of_exhibit": kind, "text": "Computational Materials " * 40,
                                     "chars": 960, "filed_date": day, "run_id": run_id, "crawled_at": rows.T0})
        if kind and rng.random() < 0.7:
            _tables(writer, rng, accession, sequence, day)
    if rng.random() < 0.02:
        status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
        se = f"9999999997-{day.year % 100:02d}-{int(accession[-6:]):06d}"
        link = rows.se_link(accession, "99.2", seq=1, status=status, filed=day,
                            se_accession=se if status == "linked" else None)
        if status == "ambiguous":
            link["candidates"] = [se, se[:-1] + "9"]
        writer.add("se_links", link)
        if status == "linked":
            writer.add("se_filings", rows.se_filing(se, filed=day))


def _tables(writer: ArchiveWriter, rng: random.Random, accession: str, sequence: int, day: date) -> None:
    for table_no in range(1, rng.randint(2, 6)):
        kind = "deal_summary" if table_no == 1 else "price_yield"
        writer.add("cm_tables", {"accession": accession, "sequence": sequence, "table_no": table_no, "kind": kind,
                                 "kind_of_exhibit": "computational_materials", "filed_date": day})
        if kind == "deal_summary":
            for n in range(rng.randint(4, 14)):
                writer.add("cm_tranches", {"accession": accession, "sequence": sequence, "table_no": table_no,
                                           "class": f"A-{n + 1}", "balance": 1e6 * (n + 1), "filed_date": day})


def _errors(writer: ArchiveWriter, rng: random.Random, run_id: str, started: datetime, state: SqliteCrawlState,
            run_days: list[date]) -> int:
    count = 0
    for n in range(rng.choice((0, 0, 0, 1, 2, 5))):
        accession = f"0000999999-{run_days[0].year % 100:02d}-{rng.randrange(10**6):06d}"
        stage = rng.choice(("submission", "submission", "index", "company"))
        error = {**rows.error(f"http://127.0.0.1/{accession}.txt", occurred_at=started + timedelta(seconds=n),
                              stage=stage), "run_id": run_id, "accession": accession if stage == "submission" else None}
        writer.add("errors", error)
        if stage == "submission" and rng.random() < 0.05:
            state.put_record("retry_candidates", accession, {"accession": accession, "form_type": "8-K",
                             "date_filed": run_days[0].isoformat(), "filers": [], "path": "", "kind": "8-K"})
        count += 1
    return count


def _coverage(state: SqliteCrawlState, days: list[date]) -> None:
    """Quarterly indexes read for every quarter but the last, which was read day by day with a few days missed."""
    quarters = sorted({Quarter.of(d) for d in days})
    for quarter in quarters[:-1]:
        state.put_record("index_coverage", full_index_path(quarter),
                         {"start": quarter.start.isoformat(), "end": quarter.end.isoformat()})
    last = quarters[-1]
    for n, day in enumerate(d for d in days if last.contains(d)):
        if n % 17 != 5:
            state.put_record("index_coverage", daily_index_path(day), {"start": last.start.isoformat(),
                                                                       "end": day.isoformat()})
    state.mark_quarter_daily(str(last))


def archive(filings: int, runs: int) -> Path:
    root = CACHE / f"report-{filings}-{runs}" / "output"
    done = root.parent / "built"
    if not done.exists():
        print(f"synthesising a {filings:,}-filing archive in {root} (once)...", file=sys.stderr, flush=True)
        began = time.monotonic()
        build(root, filings, runs)
        done.write_text(f"{time.monotonic() - began:.0f} s\n")
    return root


def compacted(root: Path) -> Path:
    """A copy of the archive after ``compact`` (one file per dataset and partition), made once."""
    copy = root.parent / "compacted"
    if not (copy / "built").exists():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(root, copy / "output")
        fs, base = store_fs.resolve(str(copy / "output"))
        with SqliteCrawlState(copy / "output" / "_state" / "state.sqlite") as state:
            for commit in compact(fs, base).commits:
                state.apply_commit(commit)
        (copy / "built").write_text("compacted\n")
    return copy / "output"


def measure_once(root: Path, page: Path) -> dict[str, float]:
    """One report process under the bench's launcher: wall seconds, its CPU seconds and peak RSS; the page's size."""
    command = [sys.executable, "-m", "crawler", "report", "--output", str(root), "--to", str(page)]
    run = run_measured(command, env=clean_env(), cwd=REPO_ROOT)
    if run.exit_code != 0:
        raise RuntimeError(f"report failed ({run.exit_code}): {run.stderr[-3000:]}")
    return {"seconds": run.seconds, "cpu_seconds": run.cpu_seconds, "peak_rss_mb": run.peak_rss_mb,
            "html_mb": page.stat().st_size / 2**20}


def measure(repeat: int = 3, filings: int = 100_000, runs: int = 400) -> dict[str, Any]:
    """The report of the archive as its runs left it (one file per commit and partition), and compacted."""
    root = archive(filings, runs)
    results: dict[str, Any] = {"filings": filings, "runs": runs}
    for name, where in (("as_built", root), ("compacted", compacted(root))):
        samples = [measure_once(where, where.parent / "report.html") for _ in range(repeat)]
        results[name] = {"files": sum(1 for _ in (where / "filings").rglob("*.parquet")),
                         **{key: spread([s[key] for s in samples]) for key in samples[0]}}
    results.update({key: results["as_built"][key] for key in ("seconds", "cpu_seconds", "peak_rss_mb", "html_mb")})
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--filings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=400, help="runs (one commit each) the archive was built in")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeat, args.filings, args.runs), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
