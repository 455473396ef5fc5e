"""Archive: rows and bytes per dataset, files per partition (when to ``compact``), and the commit log."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crawler.report import plots
from crawler.report.page import Section, figure, heading, paragraph, table
from crawler.report.source import CommitLog, DatasetFiles

# Each run adds about one file per partition it touches; reading many small files is most of a load()'s time
# after years of nightly runs (bench/manifest_scale.py), and `compact` merges a partition's files into one.
COMPACT_AFTER_FILES = 16


def files_matrix(files: dict[str, DatasetFiles]) -> pd.DataFrame:
    """Files per dataset (rows) × partition (columns, ``YYYY Qn`` in order)."""
    counts = {name: {_label(p): n for p, n in item.files_per_partition.items()} for name, item in files.items()
              if item.files_per_partition}
    if not counts:
        return pd.DataFrame()
    frame = pd.DataFrame(counts).T.fillna(0).astype(int)
    return frame[sorted(frame.columns)]


def _label(partition: str) -> str:
    parts = dict(part.split("=", 1) for part in partition.split("/") if "=" in part)
    return f"{parts.get('year', '?')} Q{parts.get('quarter', '?')}"


def archive_numbers(files: dict[str, DatasetFiles], log: CommitLog) -> dict[str, Any]:
    crowded = {name: sorted(p for p, n in item.files_per_partition.items() if n > COMPACT_AFTER_FILES)
               for name, item in files.items()}
    return {
        "datasets": {name: {"rows": item.rows, "bytes": item.bytes, "files": item.files,
                            "partitions": len(item.files_per_partition),
                            "most_files_in_a_partition": max(item.files_per_partition.values(), default=0)}
                     for name, item in files.items()},
        "files_per_partition": {name: dict(sorted(item.files_per_partition.items())) for name, item in files.items()
                                if item.files_per_partition},
        "partitions_to_compact": {name: parts for name, parts in crowded.items() if parts},
        "commit_log": {"manifests": log.manifests, "checkpoint": log.checkpoint_id,
                       "checkpoint_covers": log.checkpoint_covers, "not_covered": log.uncovered},
    }


def archive_section(files: dict[str, DatasetFiles], log: CommitLog) -> Section:
    numbers = archive_numbers(files, log)
    section = Section("archive", "Archive", numbers)
    rows = [(name, v["rows"], v["bytes"] / 2**20, v["files"], v["partitions"], v["most_files_in_a_partition"])
            for name, v in numbers["datasets"].items()]
    section.add(table(["dataset", "rows", "MiB", "files", "partitions", "most files in one partition"], rows,
                      numeric=(1, 2, 3, 4, 5)))
    matrix = files_matrix(files)
    if not matrix.empty:
        section.add(figure(plots.heatmap(matrix, title="Committed files per dataset and partition",
                                         colorbar="files", xlabel="partition (year and quarter of the row's date)"),
                           alt="Heatmap of the number of committed Parquet files per dataset and partition"))
    crowded = numbers["partitions_to_compact"]
    if crowded:
        total = sum(len(parts) for parts in crowded.values())
        section.add(paragraph(f"{total} partitions hold more than {COMPACT_AFTER_FILES} files: time to run "
                              "`edgar-archive compact` (it merges each partition's files into one, rows unchanged).",
                              "warn"))
    else:
        section.add(paragraph(f"No partition holds more than {COMPACT_AFTER_FILES} files: no need to compact yet."))
    section.add(heading("Commit log"))
    commit_log = numbers["commit_log"]
    checkpoint = (f"newest checkpoint {commit_log['checkpoint']} covers {commit_log['checkpoint_covers']:,} of them; "
                  f"a reader reads its {commit_log['not_covered']:,} later commits one by one"
                  if commit_log["checkpoint"] else "no checkpoint yet: a reader reads every commit")
    section.add(paragraph(f"{commit_log['manifests']:,} commits in _manifest/; {checkpoint}."))
    return section
