"""Entry point of the CM parser (stub: the parser is being built; the signature is the contract)."""

from __future__ import annotations

from crawler.edgar.cm.model import OTHER, ExhibitParse


def parse_exhibit(text: str, *, doc_type: str | None = None, description: str | None = None,
                  filename: str | None = None) -> ExhibitParse:
    """Read one exhibit document's text (plain text or HTML markup, as in ``<TEXT>``). Never raises."""
    return ExhibitParse(kind_of_exhibit=OTHER)
