"""Rows a rebuild keeps as they were: those of the snapshot whose submission could not be derived again (its raw
file is missing or no longer holds the recorded bytes), so that a rebuild never loses a row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from crawler.store.schemas import FILE_SCHEMAS


def carried_rows(fs: pafs.FileSystem, snapshot: dict[str, list[str]],
                 rebuilt: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(dataset, row)`` for every snapshot row whose accession is not in ``rebuilt``, batch by batch."""
    for name, files in snapshot.items():
        if not files:
            continue
        data = ds.dataset(files, schema=FILE_SCHEMAS[name], format="parquet", filesystem=fs)
        seen = pc.unique(data.to_table(columns=["accession"]).column("accession")).to_pylist()
        kept = sorted(set(seen) - rebuilt)
        if not kept:
            continue
        for batch in data.to_batches(filter=pc.field("accession").isin(kept)):
            for row in batch.to_pylist():
                yield name, row
