"""The rebuild job: plan, derive every shard in an executor, decide Form SE links, commit once, tidy up.

Under the run lock (a crawl or compact running on the output: ``LockHeldError``, exit 5). Steps, each one
resumable (the journal is in the crawl state, ``crawler.rebuild.journal``):

1. *plan*: the files live now in the derivable datasets (the snapshot) and one source per committed
   ``filings``/``se_filings`` row, cut into shards;
2. *derive*: every shard not done yet goes to the executor (a process pool of ``--workers``); each result is
   recorded as it arrives;
3. *commit* (``crawler.store.staged``): rows of the snapshot that were not derived again (a raw file missing
   or changed) are carried over as they were; the Form SE linker's inputs of the rebuilt submissions replace
   the old ones and every reference is decided again (an ``se_links`` row only where a decision changes);
   one manifest entry makes every staged part live and retires the snapshot;
4. *finish*: the retired files and the staging directory are deleted, the journal forgotten.

A crawl that ran between a killed rebuild and its resume committed files outside the snapshot: they stay live.
A compaction in between retired snapshot files: the plan is stale, so the rebuild starts over.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs

from crawler import __version__
from crawler.errors import ExitCode
from crawler.linking import DECISIONS, decide_links, replace_se_inputs
from crawler.rebuild import journal
from crawler.rebuild.carry import carried_rows
from crawler.rebuild.pool import process_pool
from crawler.rebuild.progress import RebuildProgress
from crawler.rebuild.shard import COMMITTED_DATASETS, ShardResult, ShardTask, derive_shard
from crawler.rebuild.sources import SHARD_SUBMISSIONS, SOURCE_DATASETS, SOURCE_COLUMNS, shards, sources_of
from crawler.store import fs as store_fs
from crawler.store.checkpoint import read_log
from crawler.store.load import dataset, latest_rows
from crawler.store.lock import ArchiveLock, archive_lock
from crawler.store.manifest import list_manifest_dir, new_manifest_id
from crawler.store.schemas import FILE_SCHEMAS
from crawler.store.staged import (
    StagedParts, apply_deferred, commit_staged, defer_records, discard_staged, is_present, restore_staged,
)
from crawler.store.state import STATE_FILENAME, CrawlState
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import Commit
from crawler.takeover import catch_up

logger = logging.getLogger(__name__)

DERIVED = ("filings", "documents", "se_filings", "document_text", "cm_tables", "cm_values", "cm_tranches")


@dataclass(frozen=True)
class RebuildOptions:
    output: str
    state_dir: Path
    as_of: date  # "today" for the Form SE decisions (pending vs unresolved)
    workers: int = 1
    shard_size: int = SHARD_SUBMISSIONS
    progress: str = "auto"
    rate_store: str | None = None  # a Redis URL: the archive's lock is a lease there too (crawler.store.lease)


@dataclass
class RebuildReport:
    job_id: str | None = None
    submissions: int = 0
    shards: int = 0
    shards_derived: int = 0  # by this invocation
    resumed: bool = False
    failures: list[dict[str, Any]] = field(default_factory=list)
    links_changed: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.PARTIAL if self.failures else ExitCode.OK


def rebuild(options: RebuildOptions, executor: Executor | None = None) -> RebuildReport:
    """Run (or resume) the rebuild of ``options.output``; ``executor`` runs the shards (default: a process pool
    of ``options.workers``). Raises LockHeldError, StorageError."""
    with archive_lock(options.output, options.state_dir, options.rate_store) as lock:
        fs, root = store_fs.resolve(options.output, create=False)
        with SqliteCrawlState(options.state_dir / STATE_FILENAME) as state:
            return _Job(fs, root, state, options, executor, lock).run()


class _Job:
    def __init__(self, fs: pafs.FileSystem, root: str, state: CrawlState, options: RebuildOptions,
                 executor: Executor | None, lock: ArchiveLock) -> None:
        self.fs, self.root, self.state, self.options, self.executor = fs, root, state, options, executor
        self.lock = lock
        self.report = RebuildReport()

    def run(self) -> RebuildReport:
        plan = journal.load_plan(self.state, self.root)
        self.report.resumed = plan is not None
        if plan is not None and plan.manifest_id is not None \
                and plan.manifest_id not in list_manifest_dir(self.fs, self.root).manifests:
            staged = [p for r in journal.results(self.state, self.root).values() for ps in r.files.values() for p in ps]
            restore_staged(self.fs, self.root, plan.job_id, staged)
        catch_up(self.fs, self.root, self.state)
        if plan is not None and plan.manifest_id in list_manifest_dir(self.fs, self.root).manifests:
            return self._finish(plan)  # killed after its commit: only the tidying up is left
        if plan is not None and not self._snapshot_live(plan):
            logger.warning("rebuild %s: files it would replace were replaced since (compact?); starting over",
                           plan.job_id)
            discard_staged(self.fs, self.root, plan.job_id)
            self.state.finish_run(plan.job_id, status="abandoned", exit_code=None, new_filings=0, errors=0)
            plan = None
        plan = plan or self._plan()
        if plan is None:
            logger.warning("nothing to rebuild: no committed filings or Form SE records")
            return self.report
        self._derive(plan)
        self._commit(plan)
        return self._finish(plan)

    # --- 1. plan -----------------------------------------------------------------------------------------
    def _plan(self) -> journal.Plan | None:
        view = read_log(self.fs, self.root)
        snapshot = {name: view.live_files(name) for name in DERIVED}
        if not any(snapshot.values()):
            return None
        sources = []
        for name, kind in SOURCE_DATASETS.items():
            columns = [c for c in SOURCE_COLUMNS if c in FILE_SCHEMAS[name].names]
            table = dataset(self.root, name, fs=self.fs, log=view).to_table(columns=columns)
            sources.extend(sources_of(latest_rows(name, table), kind))
        cut = shards(sources, self.options.shard_size)
        started = datetime.now(UTC)
        job_id = f"rebuild-{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        plan = journal.Plan(job_id=job_id, started_at=started.isoformat(), snapshot=snapshot, shards=len(cut),
                            submissions=len(sources))
        journal.forget(self.state)
        journal.save_shards(self.state, cut)
        self.state.start_run(job_id, mode="rebuild", start=None, end=None)
        journal.save_plan(self.state, self.root, plan)  # the plan exists once this is written
        logger.info("rebuild %s: %d submissions in %d shards", job_id, len(sources), len(cut))
        return plan

    def _snapshot_live(self, plan: journal.Plan) -> bool:
        live = set(read_log(self.fs, self.root).live_files())
        return all(path in live for paths in plan.snapshot.values() for path in paths)

    # --- 2. derive ---------------------------------------------------------------------------------------
    def _derive(self, plan: journal.Plan) -> None:
        done = journal.results(self.state, self.root)
        for number, result in list(done.items()):
            if not all(is_present(self.fs, self.root, plan.job_id, p) for ps in result.files.values() for p in ps):
                journal.forget_result(self.state, number)  # a staged part was lost (e.g. a crawl's reconcile)
                del done[number]
        sources = journal.shard_sources(self.state)
        todo = [n for n in sorted(sources) if n not in done]
        progress = RebuildProgress(self.options.progress, submissions=plan.submissions, shards=plan.shards,
                                   done=sum(len(sources[n]) for n in done), shards_done=len(done))
        output = self.root if store_fs.is_local(self.fs) else self.options.output
        executor = self.executor or process_pool(self.options.workers)
        try:
            futures: dict[Future[ShardResult], int] = {
                executor.submit(derive_shard, ShardTask(output, plan.job_id, n, sources[n])): n for n in todo}
            for future in as_completed(futures):
                result = future.result()
                journal.save_result(self.state, self.root, result)
                progress.advance(len(sources[result.shard_no]))
                self.report.shards_derived += 1
        finally:
            if self.executor is None:
                executor.shutdown(wait=True, cancel_futures=True)
        progress.close()

    # --- 3. commit ---------------------------------------------------------------------------------------
    def _commit(self, plan: journal.Plan) -> None:
        done = journal.results(self.state, self.root)
        files: dict[str, list[str]] = {}
        rows: dict[str, int] = {}
        keys: dict[str, list[str]] = {}
        for result in done.values():
            _merge(files, rows, keys, result.files, result.rows, result.keys)
        failures = [f for r in done.values() for f in r.failures]
        rebuilt = {accession for name in COMMITTED_DATASETS for accession in keys.get(name, ())}
        replace_se_inputs(self.state, set(keys.get("filings", ())),
                          [record for r in done.values() for record in r.se_inputs])
        changes = decide_links(self.state, as_of=self.options.as_of, run_id=plan.job_id)
        parts = StagedParts(self.fs, self.root, plan.job_id, "final")
        carried = 0
        for name, row in carried_rows(self.fs, plan.snapshot, rebuilt):
            parts.add(name, row)
            carried += 1
            if name in COMMITTED_DATASETS:
                keys.setdefault(name, []).append(row["accession"])
        for row in changes.rows:
            parts.add("se_links", row)
        for row in _error_rows(plan.job_id, failures):
            parts.add("errors", row)
        parts.add("runs", _run_row(plan, failures))
        _merge(files, rows, keys, parts.close(), parts.rows, {})
        manifest_id = new_manifest_id(plan.job_id, 0)
        defer_records(self.state, manifest_id, [(DECISIONS, k, v) for k, v in changes.decisions.items()])
        plan.manifest_id = manifest_id
        journal.save_plan(self.state, self.root, plan)
        entry = commit_staged(self.fs, self.root, manifest_id=manifest_id, job_id=plan.job_id, files=files,
                              rows=rows, keys=keys, retired={n: p for n, p in plan.snapshot.items() if p},
                              guard=self.lock)
        self.state.apply_commit(Commit(manifest_id=entry.manifest_id, files=entry.files, keys=keys, rows=rows))
        apply_deferred(self.state, {manifest_id})
        self.report.links_changed = len(changes.rows)
        logger.info("rebuild %s committed as %s (%d se_links changed, %d carried over)", plan.job_id, manifest_id,
                    len(changes.rows), carried)

    # --- 4. finish ---------------------------------------------------------------------------------------
    def _finish(self, plan: journal.Plan) -> RebuildReport:
        done = journal.results(self.state, self.root)
        for paths in plan.snapshot.values():
            for path in paths:
                store_fs.delete_file(self.fs, path)
        discard_staged(self.fs, self.root, plan.job_id)
        report = self.report
        report.job_id, report.submissions, report.shards = plan.job_id, plan.submissions, plan.shards
        report.failures = [f for r in done.values() for f in r.failures]
        for result in done.values():
            for name, count in result.rows.items():
                report.rows[name] = report.rows.get(name, 0) + count
        self.state.finish_run(plan.job_id, status="finished", exit_code=int(report.exit_code), new_filings=0,
                              errors=len(report.failures))
        journal.forget(self.state)
        return report


def _merge(files: dict[str, list[str]], rows: dict[str, int], keys: dict[str, list[str]],
           more_files: dict[str, list[str]], more_rows: dict[str, int], more_keys: dict[str, list[str]]) -> None:
    for name, paths in more_files.items():
        files.setdefault(name, []).extend(paths)
    for name, count in more_rows.items():
        rows[name] = rows.get(name, 0) + count
    for name, found in more_keys.items():
        keys.setdefault(name, []).extend(found)


def _error_rows(job_id: str, failures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    return [{"run_id": job_id, "occurred_at": now, "url": f["url"], "accession": f["accession"], "stage": "rebuild",
             "error": f["error"], "detail": "rows kept as they were", "raw_path": f["raw_path"]} for f in failures]


def _run_row(plan: journal.Plan, failures: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "run_id": plan.job_id, "started_at": datetime.fromisoformat(plan.started_at), "finished_at": datetime.now(UTC),
        "mode": "rebuild", "from": None, "to": None, "requests": 0, "bytes": 0, "new_filings": 0,
        "errors": len(failures), "status": "finished",
        "exit_code": int(ExitCode.PARTIAL if failures else ExitCode.OK), "version": __version__,
    }

