"""The report's numbers against pandas queries written here, on the demo archive and on a troubled one.

The datasets are read with plain pyarrow from the manifests (``tests.crawl.runs.rows``) and the crawl
state with ``sqlite3``: nothing of ``crawler.report`` or ``crawler.store.load`` computes an expected value.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from crawler.edgar.abs_facts import name_key
from crawler.report.page import numbers_of
from crawler.store.schemas import DATASETS
from tests.crawl.runs import CRAWL_RATE, rows
from tests.report.conftest import MISSING_8K, MISSING_DAY, REFERRING_8K, Archive, se_accession_of

CM_KINDS = ("computational_materials", "term_sheet", "collateral_term_sheet")


def frame(output: Path, name: str) -> pd.DataFrame:
    return pd.DataFrame(rows(output, name))


def newest(data: pd.DataFrame, keys: list[str], by: str) -> pd.DataFrame:
    if data.empty:
        return data
    return data.sort_values(by).drop_duplicates(keys, keep="last").reset_index(drop=True)


def state_query(output: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(output / "_state" / "state.sqlite") as db:
        return db.execute(sql).fetchall()


@pytest.fixture(scope="module", params=["demo", "troubled"])
def archive(request: pytest.FixtureRequest) -> tuple[Archive, dict[str, Any]]:
    archive: Archive = request.getfixturevalue(f"{request.param}_archive")
    return archive, numbers_of(archive.page.read_text(encoding="utf-8"))["sections"]


def test_coverage_counts_filings_per_year_and_per_depositor_and_month(archive: tuple[Archive, dict]) -> None:
    built, numbers = archive
    filings = newest(frame(built.output, "filings"), ["accession"], "crawled_at")
    coverage = numbers["coverage"]
    assert coverage["filings"] == len(filings) > 0
    assert coverage["per_year"] == filings["filed_date"].map(lambda d: str(d.year)).value_counts().to_dict()
    filings["key"] = filings["depositor_name"].fillna("").map(name_key)
    spellings = filings[filings["key"] != ""].groupby(["key", "depositor_name"]).size().reset_index(name="n")
    spellings = spellings.sort_values(["n", "depositor_name"], ascending=[False, True]).drop_duplicates("key")
    label = dict(zip(spellings["key"], spellings["depositor_name"], strict=True))
    filings["label"] = filings["key"].map(lambda k: label.get(k, "(depositor not stated)"))
    filings["month"] = filings["filed_date"].map(lambda d: f"{d:%Y-%m}")
    totals = filings.groupby("label").size()
    ranked = sorted(totals.index, key=lambda d: (-totals[d], d))
    assert coverage["depositors"] == len(ranked)
    assert coverage["top_depositors"] == ranked[:15]
    filings["row"] = filings["label"].where(filings["label"].isin(ranked[:15]), "others")
    expected = {row: group.groupby("month").size().to_dict() for row, group in filings.groupby("row")}
    assert coverage["by_depositor_month"] == expected


def test_gaps_show_the_unread_day_the_gone_and_retried_filings_and_the_failed_fetches(
        archive: tuple[Archive, dict], small_mirror: Path) -> None:
    built, numbers = archive
    gaps = numbers["gaps"]
    records = {namespace: [key for (key,) in state_query(
        built.output, f"SELECT key FROM records WHERE namespace = '{namespace}' ORDER BY key")]
        for namespace in ("retry_candidates", "gone_filings")}
    assert (gaps["retrying"], gaps["gone"]) == (records["retry_candidates"], records["gone_filings"])
    errors = frame(built.output, "errors")
    failed = (errors[(errors["stage"] == "submission") & (errors["error"] != "gone")] if len(errors)
              else pd.DataFrame(columns=["accession"]))
    archived = set(frame(built.output, "filings").get("accession", [])) | set(
        frame(built.output, "se_filings").get("accession", []))

    def outcome(accession: str) -> str:
        if accession in archived:
            return "archived later"
        if accession in records["gone_filings"]:
            return "gone"
        return "retrying" if accession in records["retry_candidates"] else "not retried"

    assert gaps["failed_fetches"] == {accession: {"attempts": len(group), "outcome": outcome(accession)}
                                      for accession, group in failed.groupby("accession")}
    quarters = state_query(built.output, "SELECT quarter FROM quarters WHERE daily_mark IS NOT NULL AND "
                                         "(recheck_mark IS NULL OR recheck_mark < daily_mark) ORDER BY quarter")
    assert [q["quarter"] for q in gaps["quarters_to_recheck"]] == [q for (q,) in quarters]
    if built.name == "troubled":
        se = se_accession_of(small_mirror, REFERRING_8K)
        assert gaps["days_not_read"] == [MISSING_DAY.isoformat()]
        assert gaps["business_days_crawled"] == len(pd.bdate_range("2004-04-01", "2004-04-16"))
        assert (gaps["gone"], gaps["retrying"]) == ([se], [MISSING_8K])
        assert gaps["failed_fetches"] == {se: {"attempts": 2, "outcome": "gone"},
                                          MISSING_8K: {"attempts": 1, "outcome": "retrying"}}
        assert gaps["quarters_to_recheck"] == [{"quarter": "2004Q2", "closed": False}]
    else:
        assert gaps["days_not_read"] == gaps["retrying"] == gaps["gone"] == [] and gaps["failed_fetches"] == {}
        assert gaps["business_days_crawled"] > 600


def test_form_se_counts_the_latest_decision_of_each_reference(archive: tuple[Archive, dict]) -> None:
    built, numbers = archive
    links = newest(frame(built.output, "se_links"), ["accession", "exhibit"], "decision_seq")
    se = numbers["form-se"]
    counts = links["status"].value_counts().to_dict()
    assert {status: n for status, n in se["by_status"].items() if n} == counts
    links["month"] = links["filed_date"].map(lambda d: f"{d:%Y-%m}")
    assert se["by_month"] == {month: group["status"].value_counts().to_dict()
                              for month, group in links.groupby("month")}
    opened = links[links["status"].isin(["pending", "ambiguous"])]
    assert sorted((o["accession"], o["exhibit"], o["status"]) for o in se["open"]) == sorted(
        zip(opened["accession"], opened["exhibit"], opened["status"], strict=True))
    if built.name == "troubled":
        assert (REFERRING_8K, "pending") in {(o["accession"], o["status"]) for o in se["open"]}


def test_computational_materials_share_of_exhibits_with_tables(archive: tuple[Archive, dict]) -> None:
    built, numbers = archive
    texts, tables = frame(built.output, "document_text"), frame(built.output, "cm_tables")
    cm = numbers["computational-materials"]
    exhibits = texts[texts["kind_of_exhibit"].isin(CM_KINDS)] if len(texts) else texts
    keys = set(zip(tables["accession"], tables["sequence"], strict=True)) if len(tables) else set()
    exhibit_keys = zip(exhibits.get("accession", []), exhibits.get("sequence", []), strict=True)
    with_tables = sum(1 for key in exhibit_keys if key in keys)
    assert (cm["cm_exhibits"], cm["cm_exhibits_with_tables"], cm["tables"]) == (len(exhibits), with_tables, len(tables))
    assert cm["tranches"] == len(frame(built.output, "cm_tranches"))
    if not len(texts):
        assert "No Computational Materials datasets in this archive" in built.page.read_text(encoding="utf-8")


def test_runs_and_errors_by_stage_per_run(archive: tuple[Archive, dict]) -> None:
    built, numbers = archive
    runs = frame(built.output, "runs").sort_values("started_at")
    reported = numbers["runs"]["runs"]
    assert [r["run_id"] for r in reported] == list(runs["run_id"])
    assert [(r["requests"], r["new_filings"], r["exit_code"]) for r in reported] == list(
        zip(runs["requests"], runs["new_filings"], runs["exit_code"], strict=True))
    assert [r["duration_s"] for r in reported] == pytest.approx(
        [(f - s).total_seconds() for s, f in zip(runs["started_at"], runs["finished_at"], strict=True)], abs=1e-3)
    assert len(reported) == len(built.crawls)
    for run in reported:
        assert 1 <= run["peak_requests_per_second"] <= run["requests"]
        assert run["rate_cap"] == float(CRAWL_RATE)
    errors = frame(built.output, "errors")
    expected = ({run: group["stage"].value_counts().to_dict() for run, group in errors.groupby("run_id")}
                if len(errors) else {})
    assert numbers["runs"]["errors_by_stage"] == expected


def test_archive_rows_bytes_files_and_commit_log(archive: tuple[Archive, dict]) -> None:
    built, numbers = archive
    manifests = [json.loads(p.read_text()) for p in sorted((built.output / "_manifest").glob("*.json"))]
    reported = numbers["archive"]
    assert reported["commit_log"]["manifests"] == len(manifests)
    for name in DATASETS:
        live = {f for m in manifests for f in m["files"].get(name, [])} - \
               {f for m in manifests for f in m.get("retired", {}).get(name, [])}
        wanted = {"rows": len(rows(built.output, name)), "files": len(live),
                  "bytes": sum(os.path.getsize(built.output / f) for f in live)}
        assert {k: reported["datasets"][name][k] for k in wanted} == wanted, name
        per_partition = pd.Series([f.split("/")[1] + "/" + f.split("/")[2] for f in live]).value_counts().to_dict()
        assert reported["files_per_partition"].get(name, {}) == per_partition, name


def test_the_page_has_contents_a_generated_line_and_no_external_reference(archive: tuple[Archive, dict]) -> None:
    built, _ = archive
    page = built.page.read_text(encoding="utf-8")
    for anchor in ("coverage", "gaps", "form-se", "computational-materials", "runs", "archive"):
        assert f'<a href="#{anchor}">' in page and f'<section id="{anchor}">' in page
    assert f"from {built.output} (crawl state found)" in page and "Generated at " in page
    assert "http://" not in page.replace("http://www.w3.org/", "") and "https://" not in page
