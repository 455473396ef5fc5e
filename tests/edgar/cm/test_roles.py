"""Line roles, the rows of a grid and its header lines."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.roles import FACTS, HEADER, OTHER, ROW, TITLE, analyse, body_rows, header_lines, line_role
from crawler.edgar.cm.segment import exhibit_lines


def test_roles_of_printed_lines() -> None:
    cases = {
        "Price   40 PPC   50 PPC": HEADER, "      0 PSA   100 PSA": HEADER, "Price   1   2   3": HEADER,
        "Date    1    2": HEADER, "Price   100 PPC": HEADER,
        "Balance  $20,000,000.00  Delay  24": FACTS, "Coupon  5.15": FACTS,
        "   96-04    5.487   5.495": ROW, "WAL   8.53   7.12": ROW, "WAL   8.53": ROW, "96-04   5.487": ROW,
        "35% Severity   17.18   13.84": ROW, "EXHIBIT 99.1": OTHER, "Deutsche Bank  CMO Trading 212-250-2669": OTHER,
        "Tranche  Rating  Balance  Coupon": OTHER, "": OTHER,
    }
    assert {text: line_role(line_cells(text)) for text in cases} == cases


def test_rows_and_headers_of_a_grid() -> None:
    text = ("CWALT0534CB_1A - Price/Yield - 1A3\n"
            "Balance  $20,000,000.00  Delay  24\n"
            "\n"
            "Price        40 PPC     50 PPC\n"
            "------------------------------\n"
            "              Yield      Yield\n"
            "<S>          <C>        <C>\n"
            "   96-00      5.497      5.506\n"
            "   96-04      5.487\n"
            "\n"
            "WAL           12.31       8.40\n"
            "Callable        Y          Y\n"
            "\n\n\n"
            "   99-00      1.000      2.000\n")
    analysis = analyse(exhibit_lines(text))
    assert analysis.roles[:4] == [TITLE, FACTS, OTHER, HEADER]
    assert body_rows(analysis, 7) == [7, 8, 10, 11]
    assert header_lines(analysis, 7, 1) == [3, 5]
    assert body_rows(analysis, 15) == [15]
