"""Check the index layer against a synthetic mirror's ground truth (used by tests and bench/index_parse.py).

``index_mismatches`` compares every index file of the mirror with ``_truth/index_rows.jsonl``;
``score_selection`` replays what the crawl does with the indexes (plan, parse, select, look up) and scores
the fetched accessions against ``_truth/filings.jsonl``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from crawler.edgar.calendar import Quarter
from crawler.edgar.company import parse_company_json
from crawler.edgar.index import IndexEntry, MalformedLine, iter_index_bytes
from crawler.edgar.planner import IndexFileRequest, ListingRequest, daily_files_from_listing, plan_range
from crawler.edgar.selection import Candidate, MemoryAbsRegistry, resolve_undecided, select_candidates
from crawler.edgar.urls import daily_index_dir, submissions_json_path
from crawler.errors import CompanyDataError

RowKey = tuple[str, int, str, str, date]  # accession, cik, form, name, date filed
_DAILY = re.compile(r"daily-index/(\d{4})/QTR(\d)/(form|company|master)\.(\d+)\.idx$")
_FULL = re.compile(r"full-index/(\d{4})/QTR(\d)/(form|company|master)\.(?:idx|gz|zip)$")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def index_paths(mirror: Path) -> list[Path]:
    """The index files the project's reader reads: form, company and master, plain, gzip or zip."""
    root = mirror / "Archives" / "edgar"
    return sorted(p for p in root.rglob("*") if _DAILY.search(p.as_posix()) or _FULL.search(p.as_posix()))


def _truth_rows(mirror: Path) -> list[dict[str, Any]]:
    return read_jsonl(mirror / "_truth" / "index_rows.jsonl")


def _key(row: dict[str, Any], fixed_width: bool) -> RowKey:
    name = row["company_name"][:60] if fixed_width else row["company_name"]
    return row["accession"], row["cik"], row["form_type"], name.strip(), date.fromisoformat(row["date_filed"])


def expected_rows(mirror: Path) -> dict[str, Counter[RowKey]]:
    """File path (relative, compressed copies included) -> the multiset of rows the truth says it lists."""
    by_daily: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_quarter: dict[Quarter, list[dict[str, Any]]] = defaultdict(list)
    for row in _truth_rows(mirror):
        by_daily[row["daily_file"]].append(row)
        by_quarter[Quarter.of(date.fromisoformat(row["date_filed"]))].append(row)
    expected: dict[str, Counter[RowKey]] = {}
    for path in index_paths(mirror):
        relative = path.relative_to(mirror).as_posix()
        fixed_width = not path.name.startswith("master")
        daily = _DAILY.search(relative)
        if daily:
            form_file = re.sub(r"/(?:company|master)\.", "/form.", relative)
            rows = by_daily.get(form_file, [])
        else:
            full = _FULL.search(relative)
            assert full, relative
            rows = by_quarter.get(Quarter(int(full[1]), int(full[2])), [])
        expected[relative] = Counter(_key(row, fixed_width) for row in rows)
    return expected


def index_mismatches(mirror: Path) -> tuple[int, dict[str, str]]:
    """(files read, {file: problem}) for every index file of the mirror."""
    problems: dict[str, str] = {}
    expected = expected_rows(mirror)
    for relative, want in expected.items():
        rows = list(iter_index_bytes((mirror / relative).read_bytes()))
        bad = [row for row in rows if isinstance(row, MalformedLine)]
        got = Counter(
            (r.accession, r.cik, r.form_type, r.company_name, r.date_filed) for r in rows if isinstance(r, IndexEntry)
        )
        if bad:
            problems[relative] = f"{len(bad)} malformed, first: {bad[0]}"
        elif got != want:
            problems[relative] = f"rows differ: missing {list((want - got).items())[:2]}, extra {list((got - want).items())[:2]}"
    return len(expected), problems


# --- selection replay ------------------------------------------------------------------------------------


def _mirror_range(mirror: Path) -> tuple[date, date]:
    summary = json.loads((mirror / "_truth" / "summary.json").read_text())
    return date.fromisoformat(summary["start"]), date.fromisoformat(summary["end"])


def _lookup(mirror: Path, registry: MemoryAbsRegistry, cik: int) -> bool:
    path = mirror / submissions_json_path(cik)
    if not path.exists():
        return False
    try:
        info = parse_company_json(path.read_bytes())
    except CompanyDataError:
        return False
    registry.record(cik, sic=info.sic, name=info.name, source="submissions")
    return True


def _index_requests(mirror: Path, start: date, end: date, daily: bool) -> list[IndexFileRequest]:
    """The index files the planner asks for: quarterly (everything closed) or daily through the listings."""
    if not daily:
        plan = plan_range(start, end, today=end + timedelta(days=1))
        return [step for step in plan if isinstance(step, IndexFileRequest)]
    requests: list[IndexFileRequest] = []
    quarter = Quarter.of(start)
    while quarter.start <= end:
        listing = ListingRequest(daily_index_dir(quarter) + "index.json", quarter, max(start, quarter.start), min(end, quarter.end))
        requests += daily_files_from_listing(listing, (mirror / listing.path).read_bytes())
        quarter = quarter.next()
    return requests


def score_selection(mirror: Path, *, daily: bool = False) -> dict[str, Any]:
    """Recall of ABS 8-K accessions, share of fetched 8-Ks that are not ABS, lookups per quarter."""
    start, end = _mirror_range(mirror)
    registry = MemoryAbsRegistry()
    fetched: dict[str, Candidate] = {}
    lookups_by_quarter: Counter[str] = Counter()
    looked_up: set[int] = set()
    skipped: Counter[str] = Counter()
    for request in _index_requests(mirror, start, end, daily):
        selection = select_candidates(iter_index_bytes((mirror / request.path).read_bytes()), registry,
                                      start=request.start, end=request.end)
        skipped.update(selection.skipped)
        for cik in selection.lookup_ciks:
            if cik not in looked_up:
                looked_up.add(cik)
                lookups_by_quarter[str(request.quarter)] += 1
                _lookup(mirror, registry, cik)
        registry.mark_operating(selection.operating_ciks)
        taken, _ = resolve_undecided(selection.undecided, registry)
        for candidate in selection.candidates + taken:
            fetched.setdefault(candidate.accession, candidate)
    truth = read_jsonl(mirror / "_truth" / "filings.jsonl")
    abs_8k = {row["accession"] for row in truth if row["is_abs"]}
    non_abs_8k = {row["accession"] for row in truth if not row["is_abs"]}
    fetched_8k = {acc for acc, c in fetched.items() if c.kind == "8-K"}
    found = abs_8k & fetched_8k
    quarters = max(1, len({str(Quarter.of(date.fromisoformat(row["filed_date"]))) for row in truth}))
    return {
        "mode": "daily" if daily else "quarterly",
        "abs_8k_accessions": len(abs_8k),
        "recall": round(len(found) / len(abs_8k), 5) if abs_8k else None,
        "missed": sorted(abs_8k - fetched_8k),
        "fetched_8k": len(fetched_8k),
        "fetched_not_abs_share": round(len(fetched_8k & non_abs_8k) / len(fetched_8k), 4) if fetched_8k else None,
        "fetched_not_in_truth": len(fetched_8k - abs_8k - non_abs_8k),
        "fetched_se": sum(1 for c in fetched.values() if c.kind == "SE"),
        "lookups": len(looked_up),
        "lookups_found_abs": sum(1 for cik in looked_up if registry.verdict(cik).value == "abs"),
        "lookups_per_quarter": round(len(looked_up) / quarters, 1),
        "lookups_by_quarter": dict(sorted(lookups_by_quarter.items())),
        "skipped_rows": dict(skipped),
    }
