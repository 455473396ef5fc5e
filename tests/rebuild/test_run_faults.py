"""The rebuild job in this process (shards in threads: any Executor runs them) under faults a kill cannot aim at:
a crash between moving the staged parts and the commit, with a crawl's reconcile before the resume, and a
compaction between a killed rebuild and its resume."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

import crawler.store.staged
from crawler.errors import StorageError
from crawler.rebuild import journal
from crawler.rebuild.run import RebuildOptions, RebuildReport, rebuild
from crawler.store.compact import compact
from crawler.store.fs import resolve
from crawler.store.load import read_table
from crawler.store.reconcile import reconcile
from crawler.store.schemas import DATASETS
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.crawl.runs import mirror_range
from tests.rebuild.archives import DERIVED, assert_same, copy_archive, datasets, key_counts


def options(output: Path, mirror: Path, shard_size: int = 30) -> RebuildOptions:
    return RebuildOptions(output=str(output), state_dir=output / "_state", progress="off", shard_size=shard_size,
                          as_of=mirror_range(mirror)[1] + timedelta(days=1))


def run(output: Path, mirror: Path) -> RebuildReport:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return rebuild(options(output, mirror), executor=pool)


def assert_exact(output: Path, reference: Path) -> None:
    assert_same(datasets(reference), datasets(output))
    for name in DERIVED:
        assert max(key_counts(output, name).values(), default=1) == 1, name


def test_parts_lost_between_their_move_and_the_commit_are_derived_again(
        crawled_small: Path, small_mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = copy_archive(crawled_small, tmp_path / "output")

    def crash(*_: object) -> None:
        raise StorageError("simulated crash after the moves, before the manifest")

    monkeypatch.setattr(crawler.store.staged, "commit_manifest", crash)
    with pytest.raises(StorageError, match="simulated crash"):
        run(output, small_mirror)
    monkeypatch.undo()
    moved = [p for name in DATASETS for p in (output / name).rglob("part-rebuild-*.parquet")]
    assert moved  # in place but unlisted: orphans to anyone's reconcile
    fs, root = resolve(str(output))
    with SqliteCrawlState(output / "_state" / "state.sqlite") as state:
        assert reconcile(fs, root, state).orphan_files_removed == len(moved)  # as a crawl in between would
        shards = len(journal.shard_sources(state))
    report = run(output, small_mirror)
    assert report.resumed and 0 < report.shards_derived <= shards
    assert_exact(output, crawled_small)


def test_a_compaction_before_the_resume_makes_the_rebuild_start_over(
        crawled_small: Path, small_mirror: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = copy_archive(crawled_small, tmp_path / "output")
    monkeypatch.setattr(crawler.store.staged, "commit_manifest", lambda *_: (_ for _ in ()).throw(
        StorageError("killed before the commit")))
    with pytest.raises(StorageError):
        run(output, small_mirror)
    monkeypatch.undo()
    fs, root = resolve(str(output))
    with SqliteCrawlState(output / "_state" / "state.sqlite") as state:
        first = journal.load_plan(state, root)
        reconcile(fs, root, state)
        again = ArchiveWriter(fs, root, "recrawl", on_commit=state.apply_commit)  # a filing archived twice
        again.add("filings", {k: v for k, v in read_table(root, "filings").to_pylist()[0].items()
                              if k not in ("year", "quarter")})
        again.close()
    assert first is not None and compact(fs, root).commits  # retires files the plan would have replaced
    report = run(output, small_mirror)
    assert report.job_id != first.job_id and report.shards_derived == report.shards
    assert not (output / "_rebuild" / first.job_id).exists()
    with SqliteCrawlState(output / "_state" / "state.sqlite") as state:
        statuses = {run["run_id"]: run.get("status") for run in state.last_runs(5)}
    assert (statuses[first.job_id], statuses[report.job_id]) == ("abandoned", "finished")
    assert_exact(output, crawled_small)
