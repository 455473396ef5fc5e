"""Parse each fetched submission (``crawler.derive.parse_submission``: the filing, each document's text and
the Computational Materials of its exhibits); big ones off the reactor thread."""

from __future__ import annotations

import asyncio
from typing import Any

from crawler.derive import parse_submission
from crawler.items import SubmissionItem
from pipelines.base import RunPipeline

THREAD_THRESHOLD_BYTES = 1_000_000


class ParsePipeline(RunPipeline):
    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, SubmissionItem):
            return item
        if len(item.body) > THREAD_THRESHOLD_BYTES:
            item.parsed, item.contents = await asyncio.to_thread(parse_submission, item.body,
                                                                 accession_hint=item.accession)
        else:
            item.parsed, item.contents = parse_submission(item.body, accession_hint=item.accession)
        self.inc("edgar/parse/filings")
        if item.parsed.errors:
            self.inc("edgar/parse/with_errors")
        return item
