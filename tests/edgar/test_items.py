"""8-K item normalisation: codes, header names of both eras, body headings."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.edgar.items import body_items, merge_items, normalise_item

BEFORE, SWITCH, AFTER = date(2004, 4, 8), date(2004, 8, 23), date(2005, 1, 10)


@pytest.mark.parametrize(("text", "code"), [
    ("Item 8.1", "8.01"), ("5", "5"), ("ITEM 9.01", "9.01"), ("item 2.01.", "2.01"), ("8.01", "8.01"),
    ("6.1", "6.01"), ("6.10", "6.10"), ("Item 7", "7"), ("  12 ", "12"),
    ("Item 0", None), ("Item 14", None), ("10.01", None), ("", None), ("junk", None),
])
def test_codes(text: str, code: str | None) -> None:
    assert normalise_item(text) == code


@pytest.mark.parametrize(("name", "before", "after"), [
    ("Other events", "5", "8.01"),
    ("Financial statements and exhibits", "7", "9.01"),
    ("Changes in control of registrant", "1", "5.01"),
    ("Acquisition or disposition of assets", "2", "2"),
    ("Completion of Acquisition or Disposition of Assets", "2.01", "2.01"),
    ("Regulation FD Disclosure", "9", "7.01"),
    ("Results of Operations and Financial Condition", "12", "2.02"),
    ("ABS Informational and Computational Material", "6.01", "6.01"),
    ("Change of Servicer or Trustee", "6.02", "6.02"),
])
def test_header_names_map_by_era(name: str, before: str, after: str) -> None:
    assert normalise_item(name, BEFORE) == before
    assert normalise_item(name, AFTER) == after


def test_case_decides_without_a_date_and_at_the_switch() -> None:
    assert normalise_item("Other events") == "5"
    assert normalise_item("Other Events") == "8.01"
    # filed 2004-08-23 after a Friday-evening acceptance: old sentence-case names still mean old items
    assert normalise_item("Other events", SWITCH) == "5"
    assert normalise_item("Other Events", SWITCH) == "8.01"


def test_header_names_with_punctuation_drift() -> None:
    long_name = ("Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain "
                 "Officers: Compensatory Arrangements of Certain Officers")
    assert normalise_item(long_name, date(2024, 12, 27)) == "5.02"
    assert normalise_item("Submission of Matters to a Vote of Security Holders") == "5.07"
    assert normalise_item("Other Events and Regulation FD Disclosure", BEFORE) == "5"


def test_body_headings() -> None:
    text = (
        "Item 5.   Other Events and Regulation FD Disclosure.\n"
        "as described in Item 7 below, nothing here\n"
        "         Item 7.  Financial Statements, Pro Forma Financial Information and\n"
        "Item 5 of the Pooling Agreement says\n"
        "ITEM 8.1. OTHER EVENTS\n"
        "> Item 9.01\n"
        "Item 2.01.\xa0Completion\n"
        "Item 123 Not a heading\n"
    )
    assert body_items(text) == ["5", "7", "8.01", "9.01", "2.01"]


def test_merge_orders_numerically() -> None:
    assert merge_items(["9.01", "8.01"], ["8.01", "2.01", "6.10", "6.02"]) == ["2.01", "6.02", "6.10", "8.01", "9.01"]
    assert merge_items(["7", "12", "5"]) == ["5", "7", "12"]
