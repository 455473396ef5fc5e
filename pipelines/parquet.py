"""Turn items into dataset rows and hand them to the run's ``ArchiveWriter``; flush in a worker thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler

from crawler.items import ErrorItem, SubmissionItem
from crawler.records import SubmissionRows, error_row, filed_date, submission_rows
from crawler.store.row_buffer import BULK_DATASETS
from crawler.store.schemas import partition_of
from pipelines.base import RunPipeline


class ParquetPipeline(RunPipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._lock = asyncio.Lock()
        # one thread for every flush: Arrow's allocator keeps freed memory per thread, so flushing from the shared
        # pool's threads made the crawl's RSS grow with each new thread (~60 MB over a quarter; bench/)
        self._flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet-flush")

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, ErrorItem):
            rows, bulk = [("errors", error_row(item, self.run.run_id, datetime.now(UTC)))], {}
            self.run.errors += 1
        elif isinstance(item, SubmissionItem):
            rows, bulk = self._submission_rows(item)
        else:
            return item
        async with self._lock:
            writer = self.run.writer
            for dataset, row in rows:
                writer.add(dataset, row)
            for dataset, found in bulk.items():
                writer.add_bulk(dataset, found, partition_of(filed_date(item)))
            if writer.should_flush():
                commit = await asyncio.get_running_loop().run_in_executor(self._flusher, writer.flush)
                if commit is not None:
                    self.inc("parquet/commits")
        return item

    def _submission_rows(self, item: SubmissionItem) -> tuple[list[tuple[str, dict[str, Any]]], SubmissionRows]:
        """Rows checked one by one, and those of the bulk datasets (document_text, cm_*) by dataset."""
        run_id, now = self.run.run_id, datetime.now(UTC)
        derived = submission_rows(item, run_id, now)
        bulk = {dataset: derived.pop(dataset) for dataset in list(derived) if dataset in BULK_DATASETS}
        rows = [(dataset, row) for dataset, found in derived.items() for row in found]
        main = "se_filings" if item.kind == "SE" else "filings"
        for message in item.parsed.errors if item.parsed else []:
            problem = ErrorItem(stage="parse", error="parse problem", url=item.url, accession=item.accession,
                                detail=message, raw_path=item.raw_path)
            rows.append(("errors", error_row(problem, run_id, now)))
            self.run.errors += 1
        self.run.new_filings += 1
        self.inc(f"parquet/rows/{main}")
        return rows, bulk
