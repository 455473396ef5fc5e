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

# A local put is a page-cache write and a rename, made durable in bulk before the next commit
# (crawler.store.file_sync): cheaper on the reactor thread than a hand-over to a thread and the GIL churn that
# comes with it. Object-store PUTs (network round trips) and very large bodies go to writer threads.
THREAD_THRESHOLD_BYTES = 1_000_000
RAW_WRITERS = 3


class RawArchivePipeline(RunPipeline):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._writer = ThreadPoolExecutor(max_workers=RAW_WRITERS, thread_name_prefix="raw-writer")

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, SubmissionItem):
            return item
        item.raw_sha256 = hashlib.sha256(item.body).hexdigest()
        raw, put = self.run.raw, (item.accession, item.primary_cik, filed_date(item), item.body)
        if raw.is_local and len(item.body) <= THREAD_THRESHOLD_BYTES:
            item.raw_path = raw.put(*put)
        else:
            item.raw_path = await asyncio.get_running_loop().run_in_executor(self._writer, raw.put, *put)
        self.inc("edgar/raw/bytes", len(item.body))
        return item

    def close_spider(self) -> None:
        self._writer.shutdown(wait=True)
