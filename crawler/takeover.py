"""Taking an archive over: the crawl state rebuilt from the archive itself.

A host may start on an archive whose commits its state has not all seen: a new machine, a lost disk, an S3 archive
written elsewhere, a host whose turn comes again. Reconcile (:mod:`crawler.store.reconcile`) replays the commit log
into the state's ledger, so no archived filing is fetched again. :func:`take_over` then adopts what the commits of
runs this state never ran left behind (their manifests name the run):

- the watermark and the quarters still to re-read from ``form.idx``: from the ``runs`` rows (columns ``watermark``
  and ``recheck_quarters`` since 0.4.0); for older rows a safe watermark from a clean finished run's window (one
  that may re-read a few days, never one that skips a day) and its quarter to re-read;
- the Form SE decisions: the latest ``se_links`` row of each reference, so no decision is written again;
- the CIK registry: SIC and name of each adopted filing's filer from its row, then every filer of its header
  (the first :data:`HEADER_BYTES` of its raw file);
- the Form SE references and SE records (the linker's inputs): each adopted SE, and each adopted 8-K that refers
  to an SE, is parsed again from its raw file with the index facts its row kept (``crawler.rebuild.sources``), as
  the crawl derived them;
- the filings fetched and found not to be ABS (their raw files are archived, no row is): every raw file of no
  committed accession is parsed; one that is not ABS is remembered, so it is not fetched again (one that is ABS
  was fetched by a run killed before its commit: the next run fetches it again, as the state would have had it).

Not derivable from the archive, so not rebuilt: company lookups' answers and the operating-company marks (the
next run looks a CIK up again at most once), the validators of index files (the next run reads its indexes in
full once), and the filings waiting for a retry (``errors/`` lists them; a run over their dates fetches them).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow.compute as pc
import pyarrow.fs as pafs

from crawler.derive import found_not_abs
from crawler.edgar.calendar import Quarter, may_be_unpublished, previous_business_days
from crawler.edgar.filing import ParsedFiling, parse_filing
from crawler.linking import DECISIONS, SeInput, decisions_of_links, se_inputs
from crawler.rebuild.sources import SOURCE_COLUMNS, SOURCE_DATASETS, Source, item_of, located, source_of
from crawler.store import fs as store_fs
from crawler.store.checkpoint import LogView, read_log
from crawler.store.load import dataset, latest_rows
from crawler.store.manifest import ManifestEntry
from crawler.store.raw import RAW_DIR, UNPARSED_DIR
from crawler.store.reconcile import ReconcileReport, reconcile
from crawler.store.schemas import FILE_SCHEMAS
from crawler.store.state import COMMITTED_KINDS, CrawlState

logger = logging.getLogger(__name__)

HEADER_BYTES = 65536  # read of a raw file whose header alone is wanted (a header is a few KB)
FINISHED = "finished"
_ACCESSION = re.compile(r"^(\d{10}-\d{2}-\d{6})[.]")


@dataclass
class TakeoverReport:
    commits: int = 0  # commits of runs this state never ran
    accessions: int = 0
    watermark: date | None = None
    recheck_quarters: list[str] = field(default_factory=list)
    decisions: int = 0
    se_inputs: int = 0
    ciks: int = 0
    not_abs: int = 0
    raw_read: int = 0
    raw_missing: int = 0


def catch_up(fs: pafs.FileSystem, root: str, state: CrawlState) -> tuple[ReconcileReport, TakeoverReport | None]:
    """Reconcile ``state`` with the archive, then adopt what runs it never ran committed. Under the archive's lock."""
    known_runs = state.run_ids()
    reconciled = reconcile(fs, root, state)
    logger.info("reconciled output with state: %s", reconciled)
    return reconciled, take_over(fs, root, state, [e for e in reconciled.applied if e.run_id not in known_runs])


def take_over(fs: pafs.FileSystem, root: str, state: CrawlState,
              foreign: Sequence[ManifestEntry]) -> TakeoverReport | None:
    """Adopt into ``state`` what the ``foreign`` commits (already applied to its ledger) left; None when none."""
    if not foreign:
        return None
    root = root.rstrip("/")
    view = read_log(fs, root)
    report = TakeoverReport(commits=len(foreign))
    accessions = {key for entry in foreign for name in COMMITTED_KINDS for key in entry.keys.get(name, ())}
    report.accessions = len(accessions)
    _adopt_progress(state, _rows(fs, root, view, "runs"), {entry.run_id for entry in foreign}, report)
    report.decisions = _adopt_decisions(state, _rows(fs, root, view, "se_links"))
    _adopt_filers(fs, root, view, state, accessions, report)
    _adopt_not_abs(fs, root, state, report)
    logger.info("took over %s: %s", root, report)
    return report


# --- progress ---------------------------------------------------------------------------------------------------
def archived_watermark(runs: Iterable[dict[str, Any]]) -> date | None:
    """The latest watermark the ``runs`` rows record, or derive from a clean finished run's window."""
    found = [row["watermark"] if row.get("watermark") else derived_watermark(row) for row in runs]
    return max((day for day in found if day is not None), default=None)


def derived_watermark(row: dict[str, Any]) -> date | None:
    """For a row without ``watermark`` (before 0.4.0): the last business day before its ``to``, and before its quarter
    when ``to`` falls in the days SEC may not have published the quarter yet; None unless the run finished cleanly."""
    if row.get("status") != FINISHED or row.get("exit_code") != 0 or row.get("to") is None:
        return None
    day = previous_business_days(row["to"], 1)[0]
    quarter = Quarter.of(row["to"])
    if may_be_unpublished(quarter, row["to"]):
        day = min(day, previous_business_days(quarter.start, 1)[0])
    return day


def _adopt_progress(state: CrawlState, runs: list[dict[str, Any]], foreign_runs: set[str],
                    report: TakeoverReport) -> None:
    watermark = archived_watermark(runs)
    current = state.watermark()
    if watermark is not None and (current is None or watermark > current):
        state.set_watermark(watermark)
    report.watermark = state.watermark()
    crawls = [row for row in runs if row.get("mode") != "rebuild"]  # a rebuild reads no index
    if not crawls:
        return
    newest = max(crawls, key=lambda row: (row.get("finished_at") or row["started_at"], row["run_id"]))
    if newest["run_id"] not in foreign_runs:
        return  # this state ran the latest run: its own quarter marks are newer
    quarters = newest.get("recheck_quarters")
    if quarters is None:  # a row before 0.4.0: re-read the watermark's quarter once it has closed
        quarters = [str(Quarter.of(watermark))] if watermark else []
    pending = set(state.quarters_to_recheck())
    for quarter in quarters:
        if quarter not in pending:
            state.mark_quarter_daily(quarter)
    report.recheck_quarters = list(quarters)


def _adopt_decisions(state: CrawlState, links: list[dict[str, Any]]) -> int:
    adopted = 0
    for key, value in decisions_of_links(links).items():
        current = state.get_record(DECISIONS, key)
        if current is None or current["seq"] < value["seq"]:
            state.put_record(DECISIONS, key, value)
            adopted += 1
    return adopted


# --- filers and filings fetched as not ABS ------------------------------------------------------------------------
def _adopt_filers(fs: pafs.FileSystem, root: str, view: LogView, state: CrawlState, accessions: set[str],
                  report: TakeoverReport) -> None:
    """Each adopted filing's filer from its row, every filer of its header, and the Form SE linker's inputs of the
    8-Ks that refer to an SE and of the SEs, derived from their raw files as the crawl derived them."""
    if not accessions:
        return
    wanted = pc.field("accession").isin(sorted(accessions))
    whole: list[Source] = []  # the 8-Ks that refer to an SE, and the SEs
    headers: list[Source] = []
    for name, kind in SOURCE_DATASETS.items():
        extra = ("sic", "se_reference_count") if name == "filings" else ()
        columns = [c for c in (*SOURCE_COLUMNS, *extra) if c in FILE_SCHEMAS[name].names]
        table = latest_rows(name, dataset(root, name, fs=fs, log=view).to_table(columns=columns, filter=wanted))
        for row in table.to_pylist():
            state.record(row["cik"], sic=row.get("sic"), name=row["company_name"] or "", source="archive")
            if row["raw_path"]:
                (whole if kind == "SE" or row.get("se_reference_count") != 0 else headers).append(source_of(row, kind))
    for sources, limit in ((whole, None), (headers, HEADER_BYTES)):
        paths = [located(root, source.raw_path or "") for source in sources]
        for source, path, body in zip(sources, paths, store_fs.read_files(fs, paths, limit=limit), strict=True):
            if body is None:
                report.raw_missing += 1
                continue
            report.raw_read += 1
            parsed, inputs = _derive(source, path, body, whole=limit is None)
            report.ciks += _record_filers(state, parsed)
            for namespace, key, value in inputs:
                state.put_record(namespace, key, value)
            report.se_inputs += len(inputs)


def _derive(source: Source, path: str, body: bytes, *, whole: bool) -> tuple[ParsedFiling, list[SeInput]]:
    """The parse of a source's raw file (or of its header) and, read whole, its Form SE linker inputs."""
    parsed = parse_filing(body, accession_hint=source.accession)
    if not whole:
        return parsed, []
    if source.raw_sha256 and hashlib.sha256(body).hexdigest() != source.raw_sha256:
        logger.warning("%s no longer holds the bytes archived for %s: its Form SE inputs are not adopted", path,
                       source.accession)
        return parsed, []
    item = item_of(source, body, path, source.raw_sha256 or "")
    item.parsed = parsed
    return parsed, se_inputs(item)


def _adopt_not_abs(fs: pafs.FileSystem, root: str, state: CrawlState, report: TakeoverReport) -> None:
    from crawler.spiders.depositor_8k import NOT_ABS_NAMESPACE  # the spider imports this module's caller

    unexplained = []
    for info in store_fs.list_files(fs, store_fs.join(root, RAW_DIR)):
        found = _ACCESSION.match(info.base_name)
        if found is None or f"/{RAW_DIR}/{UNPARSED_DIR}/" in info.path:
            continue
        accession = found.group(1)
        if not state.is_committed(accession) and state.get_record(NOT_ABS_NAMESPACE, accession) is None:
            unexplained.append((info.path, accession))

    paths = [path for path, _ in unexplained]
    for (path, accession), body in zip(unexplained, store_fs.read_files(fs, paths), strict=True):
        if body is None:
            report.raw_missing += 1
            continue
        report.raw_read += 1
        parsed = parse_filing(body, accession_hint=accession)
        report.ciks += _record_filers(state, parsed)
        if found_not_abs(parsed, is_se=parsed.form_type == "SE"):
            state.put_record(NOT_ABS_NAMESPACE, accession, {"raw_path": path})
            report.not_abs += 1


def _record_filers(state: CrawlState, parsed: ParsedFiling) -> int:
    """The header's filers into the registry, as ``pipelines.abs_filter`` records them."""
    known = [company for company in parsed.filers if company.cik]
    for company in known:
        state.record(company.cik, sic=company.sic, name=company.name or "", source="header")
    return len(known)


def _rows(fs: pafs.FileSystem, root: str, view: LogView, name: str) -> list[dict[str, Any]]:
    return dataset(root, name, fs=fs, log=view).to_table().to_pylist()

