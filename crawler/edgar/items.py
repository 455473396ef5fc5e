"""Form 8-K item codes: header names and codes of both eras, and "Item N" headings in the body.

Before 2004-08-23 items were numbered 1-12 (``5`` Other Events, ``7`` Financial Statements and Exhibits)
and the header's ``ITEM INFORMATION`` used sentence case (``Other events``); from that day items are
``N.NN`` (``8.01``, ``9.01``) and header names are in title case (``Other Events``).
"""

from __future__ import annotations

import re
from datetime import date

from crawler.edgar.textnorm import ascii_lower

SWITCH_DATE = date(2004, 8, 23)
_TRANSITION_END = date(2004, 9, 3)  # dates where a sentence-case name still means an old item

OLD_ITEMS = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}
NEW_ITEMS = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
    "Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation "
    "under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed "
    "Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain "
    "Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "6.10": "Alternative Filings of Asset-Backed Issuers",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
# Old-era wordings met in headers and bodies beyond the plain titles above.
_OLD_ALIASES = {
    "other events and regulation fd disclosure": "5",
    "financial statements pro forma financial information and exhibits": "7",
    "financial statements and exhibits pro forma financial information": "7",
}
# Titles as first adopted in 2004, later reworded.
_NEW_ALIASES = {
    "departure of directors or principal officers election of directors appointment of principal officers": "5.02",
}

_CODE = re.compile(r"^\s*(?:item\s*)?(\d{1,2})(?:\.(\d{1,2}))?\s*[.:]?\s*$", re.IGNORECASE)
# Run on ascii_lower() text (literal prefix "item": fast); what precedes it on its line is checked separately.
_HEADING = re.compile(r"item[ \t]*(\d{1,2})(?:\.(\d{1,2}))?\b[ \t\xa0.:\-\u2013\u2014)]*")
_LINE_LEAD = re.compile(r"[ \t>*\-]*")
_LEAD_REACH = 200  # a heading's indentation is shorter than this
_SMALL_WORDS = {"a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "under", "with", "into", "that", "by"}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_OLD_BY_NAME = {_key(name): code for code, name in OLD_ITEMS.items()} | _OLD_ALIASES
_NEW_BY_NAME = {_key(name): code for code, name in NEW_ITEMS.items()} | _NEW_ALIASES


def code_from_numbers(major: str, minor: str | None) -> str | None:
    """``("8", "1")`` -> ``"8.01"``, ``("5", None)`` -> ``"5"``; None for numbers no 8-K ever used."""
    if minor is None:
        return str(int(major)) if 1 <= int(major) <= 13 else None
    if not 1 <= int(major) <= 9:
        return None
    return f"{int(major)}.{int(minor):02d}" if len(minor) == 1 else f"{int(major)}.{minor}"


def _is_sentence_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)[1:]
    return any(word[0].islower() and word.lower() not in _SMALL_WORDS for word in words)


def _use_old_era(text: str, filed: date | None) -> bool:
    if filed is not None and filed < SWITCH_DATE:
        return True
    if filed is not None and filed > _TRANSITION_END:
        return False
    return _is_sentence_case(text)


def normalise_item(text: str, filed: date | None = None) -> str | None:
    """An item code from a code (``"Item 8.1"`` -> ``"8.01"``, ``"5"``) or a header name.

    Names present in both eras (``Other events``/``Other Events``) map by ``filed`` date (before
    2004-08-23: old numbering); without a date, or around the switch, sentence case means the old era.
    Returns None when the text is not recognised.
    """
    match = _CODE.match(text)
    if match:
        return code_from_numbers(match.group(1), match.group(2))
    key = _key(re.sub(r"^\s*item\s*\d{1,2}(?:\.\d{1,2})?\s*[.:\-]?", "", text, flags=re.I))
    old, new = _OLD_BY_NAME.get(key), _NEW_BY_NAME.get(key)
    if old and new:
        return old if _use_old_era(text, filed) else new
    return old or new or _prefix_match(key)


def _prefix_match(key: str) -> str | None:
    """Names cut short or extended in headers (``...: Compensatory Arrangements``) matched by prefix."""
    if len(key) < 12:
        return None
    for table in (_NEW_BY_NAME, _OLD_BY_NAME):
        for name, code in table.items():
            if name.startswith(key) or key.startswith(name):
                return code
    return None


def body_items(text: str, limit: int = 400_000) -> list[str]:
    """Codes of "Item N" headings starting a line of plain text (number, then a capital letter or line end)."""
    low = ascii_lower(text[:limit])
    codes = []
    for match in _HEADING.finditer(low):
        reach = max(0, match.start() - _LEAD_REACH)
        newline = low.rfind("\n", reach, match.start())
        if newline < 0 and reach > 0:
            continue
        if _LINE_LEAD.fullmatch(low, newline + 1, match.start()) is None:
            continue
        follower = text[match.end() : match.end() + 1]
        if follower and not (follower.isupper() or follower in "\r\n"):
            continue
        code = code_from_numbers(match.group(1), match.group(2))
        if code is not None:
            codes.append(code)
    return codes


def sort_key(code: str) -> tuple[int, int]:
    major, _, minor = code.partition(".")
    return int(major), int(minor or 0)


def merge_items(*groups: list[str]) -> list[str]:
    """Union of code lists, ordered numerically."""
    return sorted({code for group in groups for code in group}, key=sort_key)
