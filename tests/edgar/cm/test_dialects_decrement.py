"""Decrement tables as prospectus-style term sheets print them: dates written out (``October 25, 2005``), ``*``
for a balance below 0.5%, and the ``Weighted Average Life (years)`` label alone on its line over its values.
Expected values read off the text by hand."""

from __future__ import annotations

from datetime import date

from crawler.edgar.cm import values as v
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

LONG_DATES_AND_WAL_BELOW_ITS_LABEL = """\
Computational Materials

CWALT-04-26T1 - Dec - A1

Date                 0 PPC     50 PPC    100 PPC    150 PPC
Initial Percent        100        100        100        100
October 25, 2005        99         95         90         85
October 25, 2006        98         85         70         55
October 25, 2007         *          *          0          0
Weighted Average Life (years)
                     20.12      10.03       4.51       2.80
"""

WAL_ON_ITS_LINE = """\
Computational Materials

CWALT-04-26T1 - Dec - A2

Date                 0 PPC     50 PPC    100 PPC
Initial Percent        100        100        100
Oct. 25, 2005           99         95         90
Weighted Average
Life (years)(1)      20.12      10.03       4.51
"""


def test_measure_words_of_decrement_and_yield_footers() -> None:
    for label, measure in (("Weighted Average Life (years)", "wal"), ("Wtd. Avg. Life (yrs)", "wal"),
                           ("Avg. Life", "wal"), ("Mod. Durn", "mod_duration"), ("Prin. Window", "principal_window"),
                           ("First Prin", "first_principal"), ("Last Prin", "last_principal"),
                           ("Weighted Average Life (years)(1)", "wal")):
        assert v.measure(label) == measure, label


def test_written_out_dates() -> None:
    assert v.calendar_date("October 25, 2005") == date(2005, 10, 25)
    assert v.calendar_date("Oct. 25, 2005") == v.calendar_date("Oct 25, 2005") == date(2005, 10, 25)
    assert v.calendar_date("Sept 25, 2006") == date(2006, 9, 25)
    assert [v.calendar_date(t) for t in ("Foo 25, 2005", "February 30, 2005", "October 2005")] == [None] * 3


def test_decrement_with_written_out_dates_and_the_wal_under_its_label() -> None:
    parsed = parse_exhibit(LONG_DATES_AND_WAL_BELOW_ITS_LABEL)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.row_header) == ("decrement", "A1", "Date")
    assert table.scenarios == ["0 PPC", "50 PPC", "100 PPC", "150 PPC"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("Initial Percent", ["100", "100", "100", "100"]), ("October 25, 2005", ["99", "95", "90", "85"]),
        ("October 25, 2006", ["98", "85", "70", "55"]), ("October 25, 2007", ["*", "*", "0", "0"]),
        ("Weighted Average Life (years)", ["20.12", "10.03", "4.51", "2.80"])]
    cells = exhibit_rows(parsed).values
    assert [(r["row_date"], r["measure"], r["value"]) for r in cells if r["row_no"] == 2] == [
        (date(2005, 10, 25), "balance_pct", 99.0), (date(2005, 10, 25), "balance_pct", 95.0),
        (date(2005, 10, 25), "balance_pct", 90.0), (date(2005, 10, 25), "balance_pct", 85.0)]
    assert [(r["measure"], r["value"]) for r in cells if r["row_no"] == 5] == [
        ("wal", 20.12), ("wal", 10.03), ("wal", 4.51), ("wal", 2.8)]


def test_a_measure_label_printed_on_two_lines_is_joined() -> None:
    table = parse_exhibit(WAL_ON_ITS_LINE).tables[0]
    assert table.scenarios == ["0 PPC", "50 PPC", "100 PPC"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("Initial Percent", ["100", "100", "100"]), ("Oct. 25, 2005", ["99", "95", "90"]),
        ("Weighted Average Life (years)(1)", ["20.12", "10.03", "4.51"])]
    assert table.warnings == []


PROSPECTUS_STYLE = """\
Computational Materials

CWALT-04-26T1 - Dec - A3

                          Percentage of Prepayment Assumption
Distribution Date       0%      100%     200%     300%
Initial Percentage     100       100      100      100
October 25, 2005        99        90       80       70
October 25, 2006        98        75       55       35
Weighted Average
  Life (years)(1)    20.12      4.51     2.80     1.90
"""


def test_prospectus_style_decrement_under_a_heading_over_all_columns() -> None:
    parsed = parse_exhibit(PROSPECTUS_STYLE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.row_header) == ("decrement", "A3", "Distribution Date")
    assert table.scenarios == ["0%", "100%", "200%", "300%"] and table.warnings == []
    assert [(r.label, r.values) for r in table.rows] == [
        ("Initial Percentage", ["100", "100", "100", "100"]), ("October 25, 2005", ["99", "90", "80", "70"]),
        ("October 25, 2006", ["98", "75", "55", "35"]),
        ("Weighted Average Life (years)(1)", ["20.12", "4.51", "2.80", "1.90"])]
    wal = [(r["measure"], r["value"]) for r in exhibit_rows(parsed).values if r["row_no"] == 4]
    assert wal == [("wal", 20.12), ("wal", 4.51), ("wal", 2.8), ("wal", 1.9)]
