"""Dataset rows of a parsed exhibit (stub: the mapping is being built; the signature is the contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawler.edgar.cm.model import ExhibitParse


@dataclass(slots=True)
class CmRows:
    """Rows of ``cm_tables``, ``cm_values`` and ``cm_tranches`` without the provenance columns
    (accession, sequence, exhibit, kind_of_exhibit, filed_date, run_id, crawled_at), which the caller adds."""

    tables: list[dict[str, Any]] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    tranches: list[dict[str, Any]] = field(default_factory=list)


def exhibit_rows(parsed: ExhibitParse) -> CmRows:
    """Typed rows (crawler.edgar.cm.vocabulary rules) for every table and tranche of ``parsed``."""
    return CmRows()
