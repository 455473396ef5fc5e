"""Which kind of exhibit a document is (``kind_of_exhibit``), cheaply: a document that is not Computational
Materials costs a few substring searches of its first kilobytes.

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

_HEAD_CHARS = 12_000  # where the title line and a phrase naming the kind are looked for
_CONTENT_CHARS = 6_000  # where the content is looked at
_STUB_CHARS = 20_000
_STUB_SEEN = 4_000
_FORM_SE = re.compile(r"form\s+se\b")
_PAPER_MARK = re.compile(r"\(\s*p\s*\)")
_COMPUTATIONAL = re.compile(r"computational\s+materials?")
_TERM_SHEET = re.compile(r"(?:collateral\s+)?term\s+sheets?")
_COLLATERAL_BEFORE = 24  # "collateral" and the blanks before "term"
# A few literal words first (str.find is far cheaper than a regex over the text), then the pattern that confirms.
_CLUES = (("yield", re.compile(r"price\s*/\s*yield|yield\s*/\s*price")), ("summary", re.compile(r"(?:deal|collateral)\s+summary")),
          ("margin", re.compile(r"disc(?:ount)?\s+margin|mult\s*/\s*margin")), ("cdr", re.compile(r"break\s*cdr")),
          ("floor", re.compile(r"cap\s*/\s*floor")), ("dec", re.compile(r"\sdec\s+-\s")))
_DEUTSCHE_TITLE = re.compile(r"^[ \t]*[a-z0-9]+_[a-z0-9_]*[ \t]+--[ \t]+[a-z0-9]+[ \t]*$", re.MULTILINE)
_UNITS = ("ppc", "psa", "cpr", "cpb")
_UNITS_LOOKED = 40
_SCENARIOS_NEEDED = 3


def kind_of_exhibit(text: str, *, doc_type: str | None = None, description: str | None = None) -> str:
    exhibit = (doc_type or "").strip().upper()
    if exhibit and not exhibit.startswith("EX-"):
        return OTHER
    head = ascii_lower(text[:_HEAD_CHARS])
    if len(text) <= _STUB_CHARS and _may_be_stub(head[:_STUB_SEEN]) and is_placeholder(markup_to_text(text)):
        return PLACEHOLDER
    named = _named(ascii_lower(description or "")) or _named(head)
    if named:
        return named
    if exhibit and not exhibit.startswith("EX-99"):
        return OTHER  # agreements, opinions, consents: Computational Materials are filed as 99.x exhibits
    return COMPUTATIONAL_MATERIALS if _cm_content(head[:_CONTENT_CHARS]) else OTHER


def _may_be_stub(low: str) -> bool:
    """What a placeholder must say (:func:`crawler.edgar.se_refs.is_placeholder`): paper, Form SE or (P)."""
    return "paper" in low or _FORM_SE.search(low) is not None or _PAPER_MARK.search(low) is not None


def _named(low: str) -> str | None:
    """The kind the first of the phrases printed names (``Computational Materials and/or ABS Term Sheets``)."""
    found = []
    computational = _first(low, "computational", _COMPUTATIONAL, 0)
    if computational:
        found.append(computational)
    term = _first(low, "term", _TERM_SHEET, _COLLATERAL_BEFORE)
    if term:
        found.append(term)
    if not found:
        return None
    phrase = min(found)[1]
    if phrase.startswith("computational"):
        return COMPUTATIONAL_MATERIALS
    return COLLATERAL_TERM_SHEET if phrase.startswith("collateral") else TERM_SHEET


def _first(low: str, word: str, pattern: re.Pattern[str], before: int) -> tuple[int, str] | None:
    at = low.find(word)
    while at >= 0:
        match = pattern.search(low, max(0, at - before), at + len(word) + 16)
        if match:
            return match.start(), match.group()
        at = low.find(word, at + 1)
    return None


def _cm_content(low: str) -> bool:
    if any(word in low and pattern.search(low) for word, pattern in _CLUES):
        return True
    if "--" in low and "_" in low and _DEUTSCHE_TITLE.search(low):
        return True
    found = 0
    for unit in _UNITS:
        at, looked = low.find(unit), 0
        while at > 0 and found < _SCENARIOS_NEEDED and looked < _UNITS_LOOKED:
            before = low[max(0, at - 5) : at].rstrip(" %")
            if before[-1:].isdigit() and not low[at + 3 : at + 4].isalpha():  # "100 PPC", "65PPC", "100% PPC"
                found += 1
            at, looked = low.find(unit, at + 3), looked + 1
    return found >= _SCENARIOS_NEEDED
