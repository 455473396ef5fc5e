"""Teach the CIK registry from each header, and drop fetched 8-Ks that turn out not to be ABS.

A dropped accession is remembered, so it is never fetched again; its raw bytes stay archived.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.derive import found_not_abs
from crawler.items import SubmissionItem
from crawler.spiders.depositor_8k import NOT_ABS_NAMESPACE
from pipelines.base import RunPipeline


class AbsFilterPipeline(RunPipeline):
    def process_item(self, item: Any) -> Any:
        if not isinstance(item, SubmissionItem) or item.parsed is None:
            return item
        state = self.run.state
        for company in item.parsed.filers:
            if company.cik:
                state.record(company.cik, sic=company.sic, name=company.name or "", source="header")
        if not found_not_abs(item.parsed, is_se=item.kind == "SE"):
            return item
        state.put_record(NOT_ABS_NAMESPACE, item.accession, {"raw_path": item.raw_path})
        self.inc("edgar/filings/not_abs")
        raise DropItem(f"{item.accession} is not an ABS filing (header SIC and cover text)")
