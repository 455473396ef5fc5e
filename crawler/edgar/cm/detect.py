"""Which kind of exhibit a document is (``kind_of_exhibit``), cheaply: a document that is not Computational
Materials costs one search of its first few kilobytes.

In order: a document that is not an exhibit (``<TYPE>`` not ``EX-...``) is ``other``; a ``(P)`` / Form SE stub is
``placeholder`` (:func:`crawler.edgar.se_refs.is_placeholder`); then the description (``Computational
Materials``, ``Collateral Term Sheet``, ``ABS Term Sheet``), then the first such phrase in the document's
opening text (its title line), then the content: tables of the Computational Materials kinds (``Price/Yield``,
``Deal Summary Report``, ``Disc Margin``, ``Break CDR``, a floater's ``Mult / Margin``, a Deutsche Bank title
``DEAL_CWALT0528CB_GRP2 -- 2A3``, three scenario columns such as ``100 PPC``).
"""

from __future__ import annotations

import re

from crawler.edgar.cm.model import COLLATERAL_TERM_SHEET, COMPUTATIONAL_MATERIALS, OTHER, PLACEHOLDER, TERM_SHEET
from crawler.edgar.se_refs import is_placeholder
from crawler.edgar.textnorm import ascii_lower, markup_to_text

_HEAD_CHARS = 20_000
_STUB_CHARS = 20_000
_PHRASES = re.compile(r"computational\s+materials?|collateral\s+term\s+sheets?|term\s+sheets?")
_CONTENT = re.compile(
    r"price\s*/\s*yield|yield\s*/\s*price|deal\s+summary|collateral\s+summary|disc(?:ount)?\s+margin|break\s*cdr|\bdec\s+-\s|"
    r"mult\s*/\s*margin|cap\s*/\s*floor|^[ \t]*[a-z0-9]+_[a-z0-9_]*[ \t]+--[ \t]+[a-z0-9]+[ \t]*$|"
    r"\d\s*%?\s*(?:ppc|psa|cpr|cpb)\b",
    re.MULTILINE,
)
_SCENARIOS_NEEDED = 3


def kind_of_exhibit(text: str, *, doc_type: str | None = None, description: str | None = None) -> str:
    if doc_type and not doc_type.strip().upper().startswith("EX-"):
        return OTHER
    if len(text) <= _STUB_CHARS and is_placeholder(markup_to_text(text)):
        return PLACEHOLDER
    described = _named(ascii_lower(description or ""))
    if described:
        return described
    head = ascii_lower(text[:_HEAD_CHARS])
    named = _named(head)
    if named:
        return named
    return COMPUTATIONAL_MATERIALS if _cm_content(head) else OTHER


def _named(low: str) -> str | None:
    match = _PHRASES.search(low)
    if match is None:
        return None
    phrase = match.group()
    if phrase.startswith("computational"):
        return COMPUTATIONAL_MATERIALS
    return COLLATERAL_TERM_SHEET if phrase.startswith("collateral") else TERM_SHEET


def _cm_content(low: str) -> bool:
    found = 0
    for match in _CONTENT.finditer(low):
        if not match.group()[0].isdigit():
            return True
        found += 1
        if found >= _SCENARIOS_NEEDED:
            return True
    return False
