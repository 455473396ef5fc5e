"""Rows of one dataset partition waiting for a commit (``crawler.store.writer``).

Rows of the bulk datasets (many per submission: a CM grid has hundreds of cells) are turned into an Arrow
table every :data:`CONVERT_ROWS` rows, so that what waits for a commit takes columnar memory, not one Python
dict per row; other rows stay dicts until the commit (their keys go into the manifest).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

# many rows per submission: added by trusted code without a per-row check (Arrow checks them when it converts
# them), not counted toward a flush's max_rows, and their keys not listed in manifests
BULK_DATASETS = frozenset({"document_text", "cm_tables", "cm_values", "cm_tranches"})
CONVERT_ROWS = 2000


class RowBuffer:
    __slots__ = ("dataset", "rows", "tables", "count")

    def __init__(self, dataset: str) -> None:
        self.dataset = dataset
        self.rows: list[dict] = []
        self.tables: list[pa.Table] = []
        self.count = 0

    def extend(self, rows: Iterable[dict]) -> None:
        before = len(self.rows)
        self.rows.extend(rows)
        self.count += len(self.rows) - before
        if self.dataset in BULK_DATASETS and len(self.rows) >= CONVERT_ROWS:
            self._convert()

    def merge(self, other: RowBuffer) -> None:
        """Add ``other``'s rows (a failed commit's, put back in front of what came since)."""
        self.tables = other.tables + self.tables
        self.rows = other.rows + self.rows
        self.count += other.count

    def table(self) -> pa.Table:
        """Every row as one table of the dataset's file schema (the buffer is left as it is); StorageError names a
        column that does not fit."""
        tables = self.tables + ([_build(self.dataset, self.rows)] if self.rows else [])
        return tables[0] if len(tables) == 1 else pa.concat_tables(tables)

    def _convert(self) -> None:
        self.tables.append(_build(self.dataset, self.rows))
        self.rows = []


def _build(dataset: str, rows: list[dict]) -> pa.Table:
    from crawler.store.writer import build_table  # the writer imports this module

    return build_table(dataset, rows)
