"""Remember each 8-K's Form SE references and each SE record for the run's linking step."""

from __future__ import annotations

from typing import Any

from crawler.items import SubmissionItem
from crawler.linking import remember
from pipelines.base import RunPipeline


class SeLinkPipeline(RunPipeline):
    def process_item(self, item: Any) -> Any:
        if isinstance(item, SubmissionItem) and item.parsed is not None:
            remember(self.run.state, item)
            if item.parsed.se_references:
                self.inc("edgar/se/references", len(item.parsed.se_references))
        return item
