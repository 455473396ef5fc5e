"""Form 8-K items by era: codes, header text (sentence case before 2004-08-23, title case after), body headings."""

from __future__ import annotations

import random
from datetime import date

from crawler.mirror.synth_calendar import ITEMS_SWITCH

OLD_ITEMS = {
    "1": "Changes in control of registrant",
    "2": "Acquisition or disposition of assets",
    "3": "Bankruptcy or receivership",
    "4": "Changes in registrant's certifying accountant",
    "5": "Other events",
    "6": "Resignations of registrant's directors",
    "7": "Financial statements and exhibits",
    "8": "Change in fiscal year",
    "9": "Regulation FD disclosure",
    "12": "Results of operations and financial condition",
}

OLD_HEADINGS = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements, Pro Forma Financial Information and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "12": "Results of Operations and Financial Condition",
}

NEW_ITEMS = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant",
    "3.02": "Unregistered Sales of Equity Securities",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "5.02": "Departure of Directors or Principal Officers; Election of Directors; Appointment of Principal Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}

_GENERAL_OLD = ((("5", "7"), 30), (("5",), 20), (("7",), 6), (("2", "7"), 5), (("4", "7"), 3), (("1",), 1), (("3",), 1), (("8",), 1), (("6",), 1))  # fmt: skip
_GENERAL_FD = ((("9", "7"), 12), (("9",), 6))
_GENERAL_EARNINGS = ((("12", "7"), 25), (("12",), 5))
_GENERAL_NEW = (
    (("2.02", "9.01"), 26), (("8.01", "9.01"), 18), (("8.01",), 12), (("7.01", "9.01"), 10), (("5.02",), 9),
    (("1.01", "9.01"), 8), (("1.01",), 5), (("5.02", "9.01"), 4), (("2.01", "9.01"), 2), (("5.03", "9.01"), 2),
    (("4.01", "9.01"), 1), (("2.03",), 2), (("3.02",), 1), (("1.02",), 1),
)  # fmt: skip


def old_era(filed: date, accepted: date | None = None) -> bool:
    """True when a filing uses the pre-2004-08-23 items (accepted before the switch counts as old)."""
    return (accepted or filed) < ITEMS_SWITCH


def general_items(rng: random.Random, filed: date, old: bool) -> tuple[str, ...]:
    """Items of a non-ABS 8-K, in proportions of their era."""
    if not old:
        table = _GENERAL_NEW
    else:
        table = _GENERAL_OLD
        if filed >= date(2000, 10, 23):
            table = table + _GENERAL_FD
        if filed >= date(2003, 3, 28):
            table = table + _GENERAL_EARNINGS
    choices, weights = zip(*table)
    return rng.choices(choices, weights)[0]


def header_text(code: str) -> str:
    """The ``ITEM INFORMATION:`` value of an item code."""
    return OLD_ITEMS[code] if "." not in code else NEW_ITEMS[code]


def heading(code: str, misnumber: bool = False) -> str:
    """A body heading such as ``Item 8.01.  Other Events.`` (``Item 8.1.`` when misnumbered)."""
    if "." not in code:
        return f"Item {code}.   {OLD_HEADINGS[code]}."
    number = code
    if misnumber:
        major, minor = code.split(".")
        number = f"{major}.{int(minor)}"
    return f"Item {number}.  {NEW_ITEMS[code]}."
