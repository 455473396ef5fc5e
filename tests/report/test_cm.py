"""Computational Materials exhibits and the tables they gave (crawler.report.cm)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from crawler.report.cm import cm_numbers, cm_section


def test_the_share_counts_cm_exhibits_with_at_least_one_table_and_leaves_placeholders_out() -> None:
    texts = pd.DataFrame({
        "accession": ["a", "a", "a", "b", "c"], "sequence": [1, 2, 3, 2, 2],
        "kind_of_exhibit": [None, "computational_materials", "placeholder", "term_sheet", "collateral_term_sheet"],
        "filed_date": [date(2004, 4, 1)] * 3 + [date(2004, 6, 3), date(2004, 6, 9)]})
    tables = pd.DataFrame({"accession": ["a", "a", "c"], "sequence": [2, 2, 2], "table_no": [1, 2, 1],
                           "filed_date": [date(2004, 4, 1), date(2004, 4, 1), date(2004, 6, 9)]})
    tranches = pd.DataFrame({"accession": ["a"] * 3, "filed_date": [date(2004, 4, 1)] * 3})
    numbers = cm_numbers(texts, tables, tranches)
    assert (numbers["cm_exhibits"], numbers["cm_exhibits_with_tables"], numbers["share_with_tables"]) == (3, 2, 0.6667)
    assert numbers["by_kind"] == {"computational_materials": {"exhibits": 1, "with_tables": 1},
                                  "term_sheet": {"exhibits": 1, "with_tables": 0},
                                  "collateral_term_sheet": {"exhibits": 1, "with_tables": 1}}
    assert numbers["per_month"] == {"2004-04": {"CM exhibits": 1, "tables": 2, "tranches": 3},
                                    "2004-05": {"CM exhibits": 0, "tables": 0, "tranches": 0},
                                    "2004-06": {"CM exhibits": 2, "tables": 1, "tranches": 0}}
    page = "".join(cm_section(texts, tables, tranches).blocks)
    assert page.count("<img ") == 1 and "2 of them (66.7%) gave at least one table" in page


def test_without_cm_datasets_the_section_says_so() -> None:
    empty = pd.DataFrame({"accession": [], "sequence": [], "kind_of_exhibit": [], "filed_date": []})
    section = cm_section(empty, empty, empty)
    assert section.numbers["share_with_tables"] is None
    assert "No Computational Materials datasets in this archive" in "".join(section.blocks)
