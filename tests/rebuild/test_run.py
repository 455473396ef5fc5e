"""``edgar-archive rebuild`` end to end: real crawls of the served mirror, then the real CLI with no server running.

Each test rebuilds its own copy of one crawl of the small mirror (``crawled_small``, tests/fixtures/crawled.py);
the copy sits at another path, so the rebuild also finds raw files whose recorded path is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from crawler.errors import ExitCode
from crawler.store.lock import RunLock, archive_lock
from tests.crawl.runs import rows
from tests.fixtures.redis import RedisServer
from tests.rebuild.archives import (
    DERIVED,
    NEW_COLUMNS_040,
    as_version_030,
    assert_same,
    copy_archive,
    datasets,
    key_counts,
    run_rebuild,
)


def raw_files(output: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(output)): (p.stat().st_size, p.stat().st_mtime_ns) for p in (output / "raw").rglob("*")}


def summary(result: object) -> dict:
    lines = [line for line in result.stderr.splitlines() if line.startswith('{"job_id"')]  # type: ignore[attr-defined]
    assert lines, result.stderr[-3000:]  # type: ignore[attr-defined]
    return json.loads(lines[-1])


def test_rebuild_of_a_crawl_leaves_every_dataset_equal(crawled_small: Path, small_mirror: Path,
        tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "copy")
    raw_before = raw_files(output)
    result = run_rebuild(output, small_mirror, "--workers", "2", "--shard-size", "40")  # no server runs
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert raw_files(output) == raw_before  # raw/ untouched: same files, sizes and modification times
    done = summary(result)
    assert done["shards"] == done["shards_derived_now"] >= 4 and done["failures"] == 0
    names = (*DERIVED, "se_links", "errors")
    assert_same(datasets(crawled_small, names), datasets(output, names))
    runs = rows(output, "runs")
    assert [r["mode"] for r in runs if r["run_id"] == done["job_id"]] == ["rebuild"]
    assert not list((output / "_rebuild").rglob("*.parquet"))
    committed = {p for name in DERIVED for p in (output / name).rglob("*.parquet")}
    assert all(p.name.startswith(f"part-{done['job_id']}-") for p in committed)  # old files retired and deleted


def test_one_worker_and_two_workers_give_the_same_datasets(crawled_small: Path, small_mirror: Path,
        tmp_path: Path) -> None:
    one, two = copy_archive(crawled_small, tmp_path / "one"), copy_archive(crawled_small, tmp_path / "two")
    for output, workers, size in ((one, "1", "1000"), (two, "2", "25")):
        result = run_rebuild(output, small_mirror, "--workers", workers, "--shard-size", size)
        assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert_same(datasets(one), datasets(two))


def test_rebuild_twice_changes_nothing_and_duplicates_nothing(crawled_small: Path, small_mirror: Path,
                                                              tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "twice")
    for _ in range(2):
        assert run_rebuild(output, small_mirror, "--workers", "1").returncode == ExitCode.OK
    assert_same(datasets(crawled_small), datasets(output))
    for name in DERIVED:
        assert max(key_counts(output, name).values(), default=1) == 1, name


def test_an_archive_of_release_030_gets_its_document_text(crawled_small: Path, small_mirror: Path,
        tmp_path: Path) -> None:
    old = as_version_030(crawled_small, tmp_path / "v030")
    assert not (old / "document_text").exists()
    result = run_rebuild(old, small_mirror, "--workers", "2")
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert_same(datasets(crawled_small, drop=NEW_COLUMNS_040), datasets(old, drop=NEW_COLUMNS_040))
    rebuilt = datasets(old, ("filings", "se_filings"))
    for name, frame in rebuilt.items():  # what 0.3.0 did not keep stays unknown
        assert set(frame[list(NEW_COLUMNS_040)].to_numpy().ravel()) == {"null"}, name


def test_document_text_is_searchable_in_duckdb(crawled_small: Path) -> None:
    # a phrase printed in the exhibits of the synthetic 8-Ks, read back from the crawl's own document_text
    found = duckdb.sql(
        "select accession, sequence, type, format, text from "
        f"read_parquet('{crawled_small}/document_text/**/*.parquet', "
        "hive_partitioning=true, hive_types={'year': SMALLINT, 'quarter': TINYINT}, union_by_name=true) "
        "where type like 'EX-%' and text ilike '%pass-through certificates%'").fetchall()
    assert found, "no exhibit text mentions pass-through certificates"
    documents = {(r["accession"], r["sequence"]): r for r in rows(crawled_small, "documents")}
    for accession, sequence, doc_type, text_format, text in found:
        assert documents[(accession, sequence)]["type"] == doc_type
        assert text_format in ("text", "html") and "<" + "TEXT>" not in text


def test_a_missing_raw_file_keeps_its_rows_and_is_an_error(crawled_small: Path, small_mirror: Path,
        tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "missing")
    victim = sorted(rows(output, "filings", ["accession", "raw_path"]), key=lambda r: r["accession"])[3]
    relative = victim["raw_path"][victim["raw_path"].index("/raw/") + 1:]
    (output / relative).unlink()
    result = run_rebuild(output, small_mirror, "--workers", "2", "--shard-size", "50")
    assert result.returncode == ExitCode.PARTIAL, result.stderr[-3000:]
    assert summary(result)["failures"] == 1
    assert_same(datasets(crawled_small), datasets(output))  # the victim's rows are carried over as they were
    errors = [r for r in rows(output, "errors") if r["stage"] == "rebuild"]
    assert [(e["accession"], e["error"]) for e in errors] == [(victim["accession"], "raw file missing")]


def test_rebuild_refuses_while_another_run_holds_the_lock(crawled_small: Path, small_mirror: Path,
        tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "locked")
    before = sorted(p.name for p in (output / "_manifest").iterdir())
    with RunLock(output / "_state" / "run.lock"):
        result = run_rebuild(output, small_mirror)
    assert result.returncode == ExitCode.LOCK_HELD, result.stderr[-2000:]
    assert sorted(p.name for p in (output / "_manifest").iterdir()) == before
    assert not (output / "_rebuild").exists()


def test_rebuild_of_an_empty_output_writes_nothing(small_mirror: Path, tmp_path: Path) -> None:
    result = run_rebuild(tmp_path, small_mirror)
    assert result.returncode == ExitCode.OK, result.stderr[-2000:]
    assert summary(result)["job_id"] is None and "nothing to rebuild" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_state"]
    assert not (tmp_path / "_manifest").exists()


def test_rebuild_of_a_missing_output_is_a_configuration_error(small_mirror: Path, tmp_path: Path) -> None:
    result = run_rebuild(tmp_path / "nowhere", small_mirror)
    assert result.returncode == ExitCode.CONFIG and "nothing to rebuild" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_with_a_redis_store_the_rebuild_holds_the_archives_lease_and_fences_its_commit(
        crawled_small: Path, small_mirror: Path, redis_server: RedisServer, tmp_path: Path) -> None:
    output = copy_archive(crawled_small, tmp_path / "copy")
    with archive_lock(str(output), tmp_path / "another-host", redis_server.url):
        refused = run_rebuild(output, small_mirror, "--rate-store", redis_server.url)
    assert refused.returncode == ExitCode.LOCK_HELD, refused.stderr[-3000:]
    assert "another run holds the archive" in refused.stderr
    result = run_rebuild(output, small_mirror, "--rate-store", redis_server.url, "--workers", "1")
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    job = summary(result)["job_id"]
    [entry] = [json.loads(p.read_text()) for p in (output / "_manifest").glob(f"*-{job}-*.json")]
    assert entry["kind"] == "rebuild" and entry["fence"] > 0
