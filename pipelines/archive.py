"""Archive the raw submission bytes byte for byte (``crawler.store.raw``) and note their sha256."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy.crawler import Crawler

from crawler.items import SubmissionItem
from crawler.records import filed_date
from pipelines.base import RunPipeline

RAW_WRITERS = 3


class RawArchivePipeline(RunPipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # a few writer threads: each put makes ~10 system calls (fsync among them), each a GIL hand-over; spread
        # over asyncio's default pool, the waiting threads' futex churn cost ~1 ms of system CPU per filing, while
        # one or two threads fell ~800 puts behind at times (fsyncs no longer overlap) and held those items' memory
        self._writer = ThreadPoolExecutor(max_workers=RAW_WRITERS, thread_name_prefix="raw-writer")

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, SubmissionItem):
            return item
        item.raw_sha256 = hashlib.sha256(item.body).hexdigest()
        item.raw_path = await asyncio.get_running_loop().run_in_executor(
            self._writer, self.run.raw.put, item.accession, item.primary_cik, filed_date(item), item.body)
        self.inc("edgar/raw/bytes", len(item.body))
        return item

    def close_spider(self) -> None:
        self._writer.shutdown(wait=True)
