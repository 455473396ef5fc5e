"""kill -9 a real crawl at many points, rerun, and check the archive is exact (issue: exactly once).

Kill points are counted in requests the mirror has answered (read from its log), not in seconds, so the
test is deterministic in what it exercises whatever the machine's speed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import mirror_range, range_args, rows, run_crawl, truth
from tests.reliability.kills import kill_after

KILL_AFTER_REQUESTS = (1, 2, 4, 6, 9, 12, 16, 20, 25, 30, 35, 40, 50, 60)


@pytest.mark.slow
def test_kill_nine_at_many_points_then_rerun_archives_everything_exactly_once(
        small_mirror: Path, tmp_path: Path) -> None:
    output, log = tmp_path / "output", tmp_path / "requests.jsonl"
    killed = 0
    with serve_mirror(small_mirror, log=log) as server:
        for point in KILL_AFTER_REQUESTS:
            if kill_after(server.url, output, log, range_args(small_mirror), point, flush_rows=7) is None:
                killed += 1
        final = run_crawl(server.url, output, *range_args(small_mirror))
    assert killed >= 10, f"only {killed} kills happened before a crawl finished"
    assert final.returncode == ExitCode.OK, final.stderr[-3000:]

    start, end = mirror_range(small_mirror)
    expected = {t["accession"] for t in truth(small_mirror, "filings")
                if t["is_abs"] and start <= date.fromisoformat(t["filed_date"]) <= end}
    filings = Counter(r["accession"] for r in rows(output, "filings", ["accession"]))
    assert set(filings) == expected
    assert max(filings.values()) == 1
    documents = Counter((r["accession"], r["sequence"]) for r in rows(output, "documents", ["accession", "sequence"]))
    assert max(documents.values()) == 1
    documented = {a for a, _ in documents}
    assert set(filings) <= documented  # every 8-K has its documents (paper SEs may have none)
    assert documented <= set(filings) | {r["accession"] for r in rows(output, "se_filings")}
    se_filings = Counter(r["accession"] for r in rows(output, "se_filings", ["accession"]))
    assert max(se_filings.values(), default=1) == 1
    staging = output / "_staging"
    assert not staging.exists() or not any(p.is_file() for p in staging.rglob("*"))
