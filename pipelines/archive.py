"""Archive the raw submission bytes byte for byte (``crawler.store.raw``) and note their sha256."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from crawler.items import SubmissionItem
from crawler.records import filed_date
from pipelines.base import RunPipeline


class RawArchivePipeline(RunPipeline):
    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, SubmissionItem):
            return item
        item.raw_sha256 = hashlib.sha256(item.body).hexdigest()
        item.raw_path = await asyncio.to_thread(
            self.run.raw.put, item.accession, item.primary_cik, filed_date(item), item.body)
        self.inc("edgar/raw/bytes", len(item.body))
        return item
