"""Collateral stratification tables of term sheets (``Range of Current Mortgage Rates``, ``Original Loan-to-Value
Ratios``): a range per row, pool statistics per column (count, balance, share of the pool, averages), headers over
two or three lines, dot leaders after the ranges. Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows
from crawler.edgar.cm.segment import exhibit_lines

RATES = """\
Computational Materials

                        Range of Current Mortgage Rates

                                     Number of    Aggregate Principal   % of Aggregate    Average        Weighted
Range of Current Mortgage Rates (%)  Mortgage     Balance Outstanding   Principal         Principal      Average
                                     Loans        ($)                   Balance           Balance ($)    FICO
-----------------------------------  ---------    -------------------   --------------    -----------    --------
5.001 - 5.500 ...................         12          4,512,300.00            2.31%        376,025.00       742
5.501 - 6.000 ...................        145         61,203,455.12           31.30%        422,092.79       735
6.001 - 6.500 ...................        301        110,455,123.55           56.49%        366,960.54       728
6.501 - 7.000 ...................         55         19,367,001.00            9.90%        352,127.29       719
                                     ---------    -------------------   --------------    -----------    --------
   Total .......................        513        195,537,879.67          100.00%        381,165.46       730
"""

LTV = """\
Computational Materials

Original Loan-to-Value Ratios (%)    Number of Loans    Principal Balance ($)    % of Pool    WA FICO
50.00 or less                                     41           12,004,115.20        6.14        751
50.01 - 60.00                                     63           20,117,800.00       10.29        744
60.01 - 70.00                                    129           47,550,310.45       24.32        733
"""

SHORT_PARTS_LEFT_OF_THE_VALUES = """\
Collateral Term Sheets

                   Number of    Aggregate        % of
FICO Score         Loans        Balance ($)      Pool         WA Coupon (%)
---------------    -----------  ---------------  -----------  -----------------
Not Available              197    57,154,428.55       19.35%              5.995
620 - 639                  373   160,268,402.78       54.25%              5.765
"""


def test_dot_leaders_after_a_blank_are_blanks_too() -> None:
    texts = [line.text for line in exhibit_lines("5.001 - 5.500 ..........     12\n   Total .......  513\n"
                                                 "Coupon ... 5.5\nWAC...6.07")]
    assert texts == ["5.001 - 5.500                12", "   Total          513", "Coupon ... 5.5", "WAC   6.07"]


def test_a_rate_stratification_is_a_collateral_table_with_its_columns_named() -> None:
    parsed = parse_exhibit(RATES)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.kind == "collateral"
    assert table.row_header == "Range of Current Mortgage Rates (%)"
    assert table.scenarios == ["Number of Mortgage Loans", "Aggregate Principal Balance Outstanding ($)",
                               "% of Aggregate Principal Balance", "Average Principal Balance ($)",
                               "Weighted Average FICO"]
    assert [(row.label, row.values) for row in table.rows] == [
        ("5.001 - 5.500", ["12", "4,512,300.00", "2.31%", "376,025.00", "742"]),
        ("5.501 - 6.000", ["145", "61,203,455.12", "31.30%", "422,092.79", "735"]),
        ("6.001 - 6.500", ["301", "110,455,123.55", "56.49%", "366,960.54", "728"]),
        ("6.501 - 7.000", ["55", "19,367,001.00", "9.90%", "352,127.29", "719"]),
        ("Total", ["513", "195,537,879.67", "100.00%", "381,165.46", "730"]),
    ]
    values = {(row["row_label"], row["scenario_no"]): row["value"] for row in exhibit_rows(parsed).values}
    assert values[("5.001 - 5.500", 2)] == 4512300.0 and values[("6.001 - 6.500", 3)] == 56.49
    assert values[("Total", 1)] == 513.0


def test_a_loan_to_value_stratification_is_a_collateral_table() -> None:
    table = parse_exhibit(LTV).tables[0]
    assert table.kind == "collateral"
    assert table.scenarios == ["Number of Loans", "Principal Balance ($)", "% of Pool", "WA FICO"]
    assert [(row.label, row.values) for row in table.rows][0] == (
        "50.00 or less", ["41", "12,004,115.20", "6.14", "751"])


def test_a_header_part_over_a_columns_name_but_left_of_its_values_names_it() -> None:
    """``% of`` ends before the values under ``Pool`` start; the line below names every column, ``Pool`` under it."""
    table = parse_exhibit(SHORT_PARTS_LEFT_OF_THE_VALUES).tables[0]
    assert (table.kind, table.row_header, table.warnings) == ("collateral", "FICO Score", [])
    assert table.scenarios == ["Number of Loans", "Aggregate Balance ($)", "% of Pool", "WA Coupon (%)"]
    assert [(row.label, row.values) for row in table.rows] == [
        ("Not Available", ["197", "57,154,428.55", "19.35%", "5.995"]),
        ("620 - 639", ["373", "160,268,402.78", "54.25%", "5.765"])]
    measures = {row["scenario"]: row["measure"] for row in exhibit_rows(parse_exhibit(SHORT_PARTS_LEFT_OF_THE_VALUES)).values}
    assert measures["% of Pool"] == "of_pool"
