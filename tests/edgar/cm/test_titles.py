"""Title lines: what they name (title, deal, class, the kind of table)."""

from __future__ import annotations

from crawler.edgar.cm.titles import CLASS_ONLY, DEAL_ONLY, STRONG, read_title


def _read(text: str) -> tuple | None:
    title = read_title(text)
    return None if title is None else (title.strength, title.title, title.deal, title.class_, title.hint)


def test_intex_and_deutsche_bank_titles() -> None:
    assert _read("CWALT0534CB_1A - Price/Yield - 1A3") == (
        STRONG, "CWALT0534CB_1A - Price/Yield - 1A3", "CWALT0534CB_1A", "1A3", "price_yield")
    assert _read("   DEAL_CWALT0528CB_GRP2 -- 2A3") == (
        STRONG, "DEAL_CWALT0528CB_GRP2 -- 2A3", "DEAL_CWALT0528CB_GRP2", "2A3", None)
    assert _read("ZCWALT0429CB_T  --  A10") == (STRONG, "ZCWALT0429CB_T  --  A10", "ZCWALT0429CB_T", "A10", None)
    assert _read("CWALT-04-26T1 - Summary") == (STRONG, "CWALT-04-26T1 - Summary", "CWALT-04-26T1", None,
                                                "deal_summary")
    assert _read("CWALT-04-26T1 - Dec - A1") == (STRONG, "CWALT-04-26T1 - Dec - A1", "CWALT-04-26T1", "A1",
                                                 "decrement")
    assert _read("CWABS-05-7 - Collateral Summary") == (STRONG, "CWABS-05-7 - Collateral Summary", "CWABS-05-7", None,
                                                        "collateral")
    assert _read("CWABS 2004-14 - Price/Yield - M3")[2:4] == ("CWABS 2004-14", "M3")


def test_class_lines_and_deal_lines() -> None:
    assert _read("Class 2A1:") == (CLASS_ONLY, None, None, "2A1", None)
    assert _read("              M3") == (CLASS_ONLY, None, None, "M3", None)
    assert _read("CWABS 2004-14") == (DEAL_ONLY, "CWABS 2004-14", "CWABS 2004-14", None, None)


def test_lines_that_are_not_titles() -> None:
    for text in ("Exhibit 99.1", "6", "Price", "Yield", "WAL", "Assumptions", "DEUTSCHE BANK SECURITIES",
                 "Deutsche Bank  CMO Trading 212-250-2669", "Computational Materials and/or ABS Term Sheets.",
                 "Avg Life   Jan29 - Jan21", "Principal Window Apr05 - Jan35", "1) Pay A1 to zero", "Payrule:",
                 "WMALT055_v7 - bond sizes", "The Certificates - as described below - are offered.", "x" * 120):
        assert read_title(text) is None, text
