"""Form SE links do not depend on the order in which a crawl meets 8-Ks and SE records (issue 6).

The real CLI crawls the small synthetic mirror served on loopback in three orders:
(a) the whole range in one run;
(b) the later part first, so an SE record is archived before the 8-K that refers to it, then the earlier part;
(c) the earlier part first, ``--as-of`` the next day (its "to be filed" reference is then pending), then the
    later part, which brings the SE record.
The split day is read from the mirror's truth: the filing day of a "to be filed" 8-K whose SE came later.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas
import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from crawler.store.load import load
from tests.crawl.runs import mirror_range, rows, run_crawl, truth

DECISION = ["accession", "exhibit", "status", "se_accession", "candidates"]


def later_se_reference(mirror: Path) -> tuple[str, str, str, date]:
    """(8-K accession, exhibit, true SE accession, 8-K filing day) of a reference whose one true SE was
    filed after the 8-K."""
    se_filed = {record["accession"]: record["filed_date"] for record in truth(mirror, "se_filings")}
    for row in truth(mirror, "filings"):
        for reference in row["se_references"]:
            target = reference["se_accession"]
            if isinstance(target, str) and se_filed[target] > row["filed_date"]:
                return row["accession"], reference["exhibit"], target, date.fromisoformat(row["filed_date"])
    raise AssertionError("the mirror has no SE filed after its 8-K")


def crawl(url: str, output: Path, start: date, end: date, as_of: date) -> dict[str, Any]:
    result = run_crawl(url, output, "--from", start.isoformat(), "--to", end.isoformat(),
                       "--as-of", as_of.isoformat())
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    decisions = load(str(output), "se_links", latest=True)
    return {
        "output": output,
        "filings": {row["accession"] for row in rows(output, "filings", ["accession"])},
        "se_filings": {row["accession"] for row in rows(output, "se_filings", ["accession"])},
        "decisions": decisions,
    }


def decided(decisions: Any) -> list[tuple]:
    return sorted((r.accession, r.exhibit, r.status, text(r.se_accession), tuple(r.candidates))
                  for r in decisions[DECISION].itertuples(index=False))


def text(value: Any) -> str | None:
    return None if pandas.isna(value) else str(value)


def one(decisions: Any, accession: str, exhibit: str) -> Any:
    found = decisions[(decisions.accession == accession) & (decisions.exhibit == exhibit)]
    assert len(found) == 1, found
    return found.iloc[0]


@pytest.fixture(scope="module")
def orders(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    start, end = mirror_range(small_mirror)
    *_, split = later_se_reference(small_mirror)
    final = end + timedelta(days=1)
    plans = {
        "a": [(start, end, final)],
        "b": [(split + timedelta(days=1), end, final), (start, split, final)],
        "c": [(start, split, split + timedelta(days=1)), (split + timedelta(days=1), end, final)],
    }
    outputs = {name: tmp_path_factory.mktemp(f"order_{name}") / "output" for name in plans}
    with serve_mirror(small_mirror) as server, ThreadPoolExecutor(len(plans)) as pool:  # three separate archives
        futures = {name: pool.submit(lambda n: [crawl(server.url, outputs[n], *step) for step in plans[n]], name)
                   for name in plans}
        return {name: future.result() for name, future in futures.items()}


def test_the_three_orders_link_identically(orders: dict[str, list[dict[str, Any]]], small_mirror: Path) -> None:
    final = {name: decided(runs[-1]["decisions"]) for name, runs in orders.items()}
    assert final["a"], "no SE reference decided"
    assert final["b"] == final["a"]
    assert final["c"] == final["a"]
    accession, exhibit, se_accession, _ = later_se_reference(small_mirror)
    assert (accession, exhibit, "linked", se_accession, (se_accession,)) in final["a"]


def test_an_se_crawled_before_its_8k_links(orders: dict[str, list[dict[str, Any]]], small_mirror: Path) -> None:
    accession, exhibit, se_accession, _ = later_se_reference(small_mirror)
    first, second = orders["b"]
    assert se_accession in first["se_filings"] and accession not in first["filings"]  # the order really happened
    assert accession in second["filings"]
    link = one(second["decisions"], accession, exhibit)
    assert (link.status, link.se_accession, link.decision_seq) == ("linked", se_accession, 1)


def test_a_pending_reference_links_when_a_later_run_brings_its_se(
    orders: dict[str, list[dict[str, Any]]], small_mirror: Path
) -> None:
    accession, exhibit, se_accession, _ = later_se_reference(small_mirror)
    first, second = orders["c"]
    assert accession in first["filings"] and se_accession not in first["se_filings"]
    waiting = one(first["decisions"], accession, exhibit)
    assert (waiting.status, text(waiting.se_accession), waiting.decision_seq) == ("pending", None, 1)
    assert se_accession in second["se_filings"]
    linked = one(second["decisions"], accession, exhibit)
    assert (linked.status, linked.se_accession, linked.decision_seq) == ("linked", se_accession, 2)
    assert "SE after the 8-K" in linked.evidence
    history = load(str(second["output"]), "se_links", latest=False)
    rows_of_reference = history[(history.accession == accession) & (history.exhibit == exhibit)]
    assert sorted(zip(rows_of_reference.decision_seq, rows_of_reference.status)) == [(1, "pending"), (2, "linked")]
