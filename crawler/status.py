"""What ``edgar-archive status`` reports: the state's progress and the committed datasets' contents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from crawler.rebuild.journal import unfinished_rebuild
from crawler.retry_records import RETRY_NAMESPACE, gone_filings
from crawler.store.checkpoint import LogView, read_log
from crawler.store.fs import resolve
from crawler.store.load import dataset
from crawler.store.schemas import SCHEMAS
from crawler.store.state import SqliteCrawlState, default_state_dir

LINK_STATUSES = ("linked", "ambiguous", "pending", "unresolved")
GONE_SHOWN = 10


def collect_status(output: str, state_dir: str | None = None) -> dict[str, Any]:
    fs, root = resolve(output, create=False)
    log = read_log(fs, root)  # once for every dataset below
    report: dict[str, Any] = {"output": output, "datasets": {}}
    for name in SCHEMAS:
        report["datasets"][name] = _count_rows(fs, root, name, log)
    state_path = Path(state_dir or default_state_dir(output)) / "state.sqlite"
    if not state_path.exists():
        report.update(watermark=None, last_runs=[], se_links=dict.fromkeys(LINK_STATUSES, 0), gone=[],
                      errors_by_stage=_errors_by_stage(fs, root, log))
        return report
    state = SqliteCrawlState(state_path)
    try:
        report["watermark"] = _iso(state.watermark())
        report["quarters_to_recheck"] = state.quarters_to_recheck()
        report["archived"] = {"8-K": state.committed_count("8-K"), "SE": state.committed_count("SE")}
        report["last_runs"] = [{k: _iso(v) for k, v in run.items()} for run in state.last_runs(5)]
        report["retry_pending"] = sum(1 for _ in state.iter_records(RETRY_NAMESPACE))
        report["gone"] = gone_filings(state)
        report["rebuild_unfinished"] = unfinished_rebuild(state)
        report["se_links"] = _link_counts(state)
    finally:
        state.close()
    report["errors_by_stage"] = _errors_by_stage(fs, root, log)
    return report


def _count_rows(fs: Any, root: str, name: str, log: LogView) -> int:
    try:
        return dataset(root, name, fs=fs, log=log).count_rows()
    except (FileNotFoundError, OSError):
        return 0


def _link_counts(state: SqliteCrawlState) -> dict[str, int]:
    counts = Counter(value["decision"]["status"] for _, value in state.iter_records("se_decisions"))
    return {status: counts.get(status, 0) for status in LINK_STATUSES}


def _errors_by_stage(fs: Any, root: str, log: LogView) -> dict[str, int]:
    try:
        table = dataset(root, "errors", fs=fs, log=log).to_table(columns=["stage"])
    except (FileNotFoundError, OSError):
        return {}
    return dict(Counter(table.column("stage").to_pylist()))


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def format_status(report: dict[str, Any]) -> str:
    lines = [f"output: {report['output']}", f"watermark: {report.get('watermark') or 'none (no finished run)'}"]
    if report.get("archived"):
        lines.append(f"archived accessions: {report['archived']['8-K']} 8-K, {report['archived']['SE']} SE")
    lines.append("rows: " + ", ".join(f"{name} {count}" for name, count in report["datasets"].items()))
    links = report.get("se_links", {})
    lines.append("Form SE links: " + ", ".join(f"{status} {links.get(status, 0)}" for status in LINK_STATUSES))
    errors = report.get("errors_by_stage") or {}
    lines.append("errors by stage: " + (", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none"))
    rebuild = report.get("rebuild_unfinished")
    if rebuild:
        lines.append(f"rebuild {rebuild['job_id']} unfinished: {rebuild['shards_done']} of {rebuild['shards']} shards "
                     "done (edgar-archive rebuild resumes it)")
    if report.get("retry_pending"):
        lines.append(f"filings waiting for a retry next run: {report['retry_pending']}")
    gone = report.get("gone") or []
    if gone:
        lines.append(f"filings given up as gone: {len(gone)} (crawl --retry-gone fetches them again)")
    for filing in gone[:GONE_SHOWN]:
        lines.append(f"  {filing['accession']} {filing['path']}: HTTP {filing['last_status']} in {filing['runs']} "
                     f"run(s) {filing['first_seen']}..{filing['last_seen']}")
    if len(gone) > GONE_SHOWN:
        lines.append(f"  ... and {len(gone) - GONE_SHOWN} more (status --json lists them all)")
    for run in report.get("last_runs", []):
        lines.append(f"run {run.get('run_id')}: {run.get('mode')} {run.get('start')}..{run.get('end')} "
                     f"{run.get('status')} exit {run.get('exit_code')} new {run.get('new_filings')}")
    return "\n".join(lines)
