"""End to end: the real CLI crawls the synthetic mirror served on loopback, three times in a row.

1. a backfill of the whole mirror range must match the mirror's ground truth;
2. the same backfill again must add nothing;
3. an incremental run right after must cost at most a few requests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, mirror_range, range_args, rows, run_crawl, truth


@dataclass
class Step:
    result: subprocess.CompletedProcess[str]
    requests: list[dict[str, Any]]
    filings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    se_filings: list[dict[str, Any]]


@pytest.fixture(scope="module")
def three_runs(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    output = tmp_path_factory.mktemp("crawl") / "output"
    log = tmp_path_factory.mktemp("log") / "requests.jsonl"
    steps: dict[str, Step] = {}
    _, end = mirror_range(small_mirror)
    with serve_mirror(small_mirror, log=log) as server:
        for name, extra in (("backfill", range_args(small_mirror)), ("again", range_args(small_mirror)),
                            ("incremental", ["--as-of", (end + timedelta(days=1)).isoformat()])):
            before = len(server.requests())
            result = run_crawl(server.url, output, *extra)
            steps[name] = Step(result, server.requests()[before:], rows(output, "filings"),
                               rows(output, "documents"), rows(output, "se_filings"))
    status = subprocess.run([sys.executable, "-m", "crawler", "status", "--json", "--output", str(output)],
                            capture_output=True, text=True, env=clean_env(), timeout=60)
    steps["status"] = json.loads(status.stdout)
    return steps


def abs_truth(mirror: Path) -> dict[str, dict[str, Any]]:
    start, end = mirror_range(mirror)
    return {t["accession"]: t for t in truth(mirror, "filings")
            if t["is_abs"] and start <= date.fromisoformat(t["filed_date"]) <= end}


def test_backfill_succeeds(three_runs: dict[str, Step]) -> None:
    result = three_runs["backfill"].result
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]


def test_a_clean_run_logs_no_warning(three_runs: dict[str, Step]) -> None:
    for name in ("backfill", "again", "incremental"):
        warnings = [line for line in three_runs[name].result.stderr.splitlines() if "WARNING" in line]
        assert warnings == [], name  # e.g. Scrapy's about RefererMiddleware being off (0.3.0)


def test_every_abs_8k_is_archived_exactly_once(three_runs: dict[str, Step], small_mirror: Path) -> None:
    filings = three_runs["backfill"].filings
    accessions = [f["accession"] for f in filings]
    assert len(accessions) == len(set(accessions))
    assert set(accessions) == set(abs_truth(small_mirror))


def test_archived_fields_equal_the_truth(three_runs: dict[str, Step], small_mirror: Path) -> None:
    expected = abs_truth(small_mirror)
    mismatches = []
    for row in three_runs["backfill"].filings:
        want = expected[row["accession"]]
        got = {"form_type": row["form_type"], "filed_date": row["filed_date"].isoformat(),
               "abs_role": row["abs_role"], "series": row["series"], "items": sorted(row["items"]),
               "cik_in_ciks": row["cik"] in (want.get("ciks") or [want["cik"]])}
        wanted = {"form_type": want["form_type"], "filed_date": want["filed_date"], "abs_role": want["abs_role"],
                  "series": want["series"], "items": sorted(want["items"]), "cik_in_ciks": True}
        if got != wanted:
            mismatches.append((row["accession"], got, wanted))
    assert not mismatches, mismatches[:5]


def test_se_records_are_archived(three_runs: dict[str, Step], small_mirror: Path) -> None:
    start, end = mirror_range(small_mirror)
    expected = {t["accession"] for t in truth(small_mirror, "se_filings")
                if start <= date.fromisoformat(t["filed_date"]) <= end}
    got = [r["accession"] for r in three_runs["backfill"].se_filings]
    assert len(got) == len(set(got))
    assert set(got) == expected


def test_one_request_per_archived_filing(three_runs: dict[str, Step]) -> None:
    step = three_runs["backfill"]
    submissions = [r for r in step.requests if r["path"].startswith("/Archives/edgar/data/")]
    archived = len(step.filings) + len(step.se_filings)
    fetched_paths = [r["path"] for r in submissions if r["status"] == 200]
    assert len(fetched_paths) == len(set(fetched_paths))
    assert len(fetched_paths) >= archived


def test_raw_bytes_are_archived_byte_for_byte(three_runs: dict[str, Step], small_mirror: Path) -> None:
    import hashlib

    for row in three_runs["backfill"].filings[:50]:
        cik_dir = small_mirror / "Archives" / "edgar" / "data" / str(row["cik"])
        original = (cik_dir / f"{row['accession']}.txt").read_bytes()
        assert hashlib.sha256(original).hexdigest() == row["raw_sha256"]
        assert row["raw_size"] == len(original)


def test_second_identical_run_adds_nothing(three_runs: dict[str, Step]) -> None:
    first, again = three_runs["backfill"], three_runs["again"]
    assert again.result.returncode == ExitCode.OK, again.result.stderr[-3000:]
    key = lambda r: (r["accession"], r.get("sequence"))  # noqa: E731
    assert sorted(map(key, again.filings)) == sorted(map(key, first.filings))
    assert sorted(map(key, again.documents)) == sorted(map(key, first.documents))
    assert not [r for r in again.requests if r["path"].startswith("/Archives/edgar/data/")]


def test_incremental_run_after_a_full_one_is_cheap(three_runs: dict[str, Step]) -> None:
    step = three_runs["incremental"]
    assert step.result.returncode == ExitCode.OK, step.result.stderr[-3000:]
    assert len(step.requests) <= 3, [r["path"] for r in step.requests]
    revalidated = [r for r in step.requests if r["path"].endswith("form.idx")]
    assert revalidated and all(r["status"] == 304 and r["bytes"] == 0 for r in revalidated)
    assert len(step.filings) == len(three_runs["backfill"].filings)


def test_status_tells_the_truth_after_the_runs(three_runs: dict[str, Any], small_mirror: Path) -> None:
    status = three_runs["status"]
    _, end = mirror_range(small_mirror)
    assert status["watermark"] == end.isoformat()
    assert status["datasets"]["filings"] == len(abs_truth(small_mirror))
    assert status["archived"]["8-K"] == len(abs_truth(small_mirror))
    assert [run["mode"] for run in status["last_runs"]][:3] == ["incremental", "backfill", "backfill"]
    assert status["datasets"]["runs"] == 3
    expected_refs = sum(len(t["se_references"]) for t in abs_truth(small_mirror).values())
    assert sum(status["se_links"].values()) == expected_refs
