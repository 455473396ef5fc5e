"""One rebuild shard: raw files in, one staged Parquet part per dataset partition out.

:func:`derive_shard` is a pure task (its only effects are the files it names in its result, written whole
under deterministic names, so running it twice is harmless) that any ``concurrent.futures.Executor`` can run:
it takes and returns plain picklable values and opens the output itself from its URI. On an object store the
raw files are read several at once (``crawler.store.fs.read_files``) while the submissions are derived. Each submission goes
through the crawl's own derivation (``crawler.derive.parse_submission``, ``crawler.records.submission_rows``),
keeping the ``run_id`` and ``crawled_at`` of the row it re-derives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from crawler.derive import parse_submission
from crawler.linking import SeInput, se_inputs
from crawler.rebuild.sources import Source, item_of, located
from crawler.items import SubmissionItem
from crawler.records import filed_date, submission_rows
from crawler.store import fs as store_fs
from crawler.store.row_buffer import BULK_DATASETS
from crawler.store.schemas import KEYS, partition_of
from crawler.store.staged import StagedParts
COMMITTED_DATASETS = ("filings", "se_filings")  # their keys (accessions) go into the manifest


@dataclass(frozen=True, slots=True)
class ShardTask:
    output: str  # the archive: a local path or s3://bucket/prefix
    job_id: str
    shard_no: int
    sources: tuple[Source, ...]


@dataclass(slots=True)
class ShardResult:
    """Staged files by dataset (paths on the output's filesystem), rows per dataset, the accessions of
    ``filings``/``se_filings``, the Form SE linker's inputs, and the submissions that could not be derived."""

    shard_no: int
    files: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    se_inputs: list[SeInput] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # {accession, url, raw_path, error}
    submissions: int = 0


def derive_shard(task: ShardTask) -> ShardResult:
    """Derive every source of the shard again and stage the rows; raises StorageError when the output fails."""
    fs, root = store_fs.resolve(task.output, create=False)
    result = ShardResult(task.shard_no)
    parts = StagedParts(fs, root, task.job_id, f"{task.shard_no:05d}")
    paths = [located(root, s.raw_path) if s.raw_path else None for s in task.sources]
    bodies = store_fs.read_files(fs, [p for p in paths if p is not None])  # parallel GETs on an object store
    for source, path in zip(task.sources, paths, strict=True):
        item = _derive(source, path, next(bodies) if path is not None else None, result)
        if item is None:
            continue
        result.submissions += 1
        partition = partition_of(filed_date(item))
        for dataset, found in submission_rows(item, source.run_id, source.crawled_at).items():
            if dataset in BULK_DATASETS:
                parts.add_rows(dataset, found, partition)
                continue
            for row in found:
                parts.add(dataset, row)
            if dataset in COMMITTED_DATASETS:
                result.keys.setdefault(dataset, []).extend(row[KEYS[dataset][0]] for row in found)
    result.files, result.rows = parts.close(), parts.rows
    return result


def _derive(source: Source, path: str | None, body: bytes | None, result: ShardResult) -> SubmissionItem | None:
    """The item of ``source`` (its raw file ``path`` holds ``body``) parsed as the crawl parsed it; None (a failure
    noted) when it has no raw file."""
    if path is None:
        result.failures.append(_failure(source, None, "no raw file recorded"))
        return None
    if body is None:
        result.failures.append(_failure(source, path, "raw file missing"))
        return None
    digest = hashlib.sha256(body).hexdigest()
    if source.raw_sha256 and digest != source.raw_sha256:
        changed = f"raw file changed: sha256 {digest}, recorded {source.raw_sha256}"
        result.failures.append(_failure(source, path, changed))
        return None
    item = item_of(source, body, path, digest)
    item.parsed, item.contents = parse_submission(body, accession_hint=source.accession)
    result.se_inputs.extend(se_inputs(item))
    return item


def _failure(source: Source, raw_path: str | None, error: str) -> dict[str, Any]:
    return {"accession": source.accession, "url": source.url, "raw_path": raw_path, "error": error}
