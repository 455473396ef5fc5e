"""A rebuild's progress in the crawl state, so that a rebuild killed at any point resumes where it stopped.

Namespaces (records of ``CrawlState``): ``rebuild`` holds the one plan (key ``plan``): the job id, the files
live when it was planned (the snapshot the commit retires), counts and, once chosen, the commit's manifest id;
``rebuild_shards`` the sources of each shard; ``rebuild_done`` the result of each shard done. Paths are stored
relative to the archive root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawler.rebuild.shard import ShardResult
from crawler.rebuild.sources import Source
from crawler.store.manifest import absolute_paths, relative_paths
from crawler.store.state import CrawlState

PLAN, SHARDS, DONE = "rebuild", "rebuild_shards", "rebuild_done"


@dataclass
class Plan:
    job_id: str
    started_at: str
    snapshot: dict[str, list[str]]  # dataset -> live files when planned (paths on the filesystem)
    shards: int
    submissions: int
    manifest_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def load_plan(state: CrawlState, root: str) -> Plan | None:
    value = state.get_record(PLAN, "plan")
    if value is None:
        return None
    return Plan(**{**value, "snapshot": absolute_paths(root, value["snapshot"])})


def save_plan(state: CrawlState, root: str, plan: Plan) -> None:
    state.put_record(PLAN, "plan", {**plan.__dict__, "snapshot": relative_paths(root, plan.snapshot)})


def save_shards(state: CrawlState, shards: list[list[Source]]) -> None:
    for number, sources in enumerate(shards, start=1):
        state.put_record(SHARDS, _key(number), {"sources": [s.to_json() for s in sources]})


def shard_sources(state: CrawlState) -> dict[int, tuple[Source, ...]]:
    return {int(key): tuple(Source.from_json(s) for s in value["sources"])
            for key, value in state.iter_records(SHARDS)}


def save_result(state: CrawlState, root: str, result: ShardResult) -> None:
    state.put_record(DONE, _key(result.shard_no), {
        "files": relative_paths(root, result.files), "rows": result.rows, "keys": result.keys,
        "se_inputs": [list(record) for record in result.se_inputs], "failures": result.failures,
        "submissions": result.submissions,
    })


def results(state: CrawlState, root: str) -> dict[int, ShardResult]:
    return {int(key): ShardResult(
        shard_no=int(key), files=absolute_paths(root, value["files"]), rows=value["rows"], keys=value["keys"],
        se_inputs=[(namespace, key_, record) for namespace, key_, record in value["se_inputs"]],
        failures=value["failures"], submissions=value["submissions"],
    ) for key, value in state.iter_records(DONE)}


def unfinished_rebuild(state: CrawlState) -> dict[str, Any] | None:
    """``job_id``, ``started_at``, ``shards`` and ``shards_done`` of a rebuild that has not finished, else None."""
    value = state.get_record(PLAN, "plan")
    if value is None:
        return None
    return {"job_id": value["job_id"], "started_at": value["started_at"], "shards": value["shards"],
            "shards_done": sum(1 for _ in state.iter_records(DONE))}


def forget_result(state: CrawlState, shard_no: int) -> None:
    state.delete_record(DONE, _key(shard_no))


def forget(state: CrawlState) -> None:
    """Drop the whole journal (after the commit, or to start over); the plan first, so that a journal half
    forgotten is no plan (a new plan forgets the rest first)."""
    for namespace in (PLAN, SHARDS, DONE):
        for key, _ in state.iter_records(namespace):
            state.delete_record(namespace, key)


def _key(number: int) -> str:
    return f"{number:05d}"
