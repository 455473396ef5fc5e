"""Depositors × months (crawler.report.coverage)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from crawler.report.coverage import depositor_labels, depositor_month_matrix


def test_spellings_of_one_depositor_are_merged_under_the_most_frequent() -> None:
    names = pd.Series(["CWALT, INC.", "CWALT INC", "CWALT, INC.", None, "Cwalt Inc.", "SASCO"])
    assert list(depositor_labels(names)) == ["CWALT, INC."] * 3 + ["(depositor not stated)", "CWALT, INC.", "SASCO"]


def test_the_largest_depositors_get_a_row_and_the_rest_are_others_with_every_month_in_between() -> None:
    filings = pd.DataFrame({
        "depositor_name": ["A CORP", "A CORP", "B CORP", "C CORP", "D CORP"],
        "filed_date": [date(2004, 1, 5), date(2004, 1, 9), date(2004, 3, 1), date(2004, 3, 2), date(2004, 4, 1)]})
    matrix = depositor_month_matrix(filings, top=2)
    assert list(matrix.index) == ["A CORP", "B CORP", "others"]
    assert list(matrix.columns) == ["2004-01", "2004-02", "2004-03", "2004-04"]
    assert matrix.to_numpy().tolist() == [[2, 0, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]
