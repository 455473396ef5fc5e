"""The other table kinds as HTML exhibits print them: a floater's header block in a table of its own above the
discount-margin grid (``<th>`` headers, a measure row), a decrement table titled by its ``<caption>``, and MASTR's
per-class blocks (``Class 2A1:``, ``Price:`` and ``CBE Yield (%):`` rows) as HTML tables separated by ``<hr>``.
Every expected value is read off the HTML by hand."""

from __future__ import annotations

from datetime import date

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

FLOATER_HEADER_TABLE_AND_GRID = """\
<html><body>
<table border=0>
<tr><td colspan=5><b>CWALT0529CB_1 - Price/Yield - 1A5</b></td></tr>
<tr><td>Balance</td><td>$50,000,000.00</td><td></td><td>Index</td><td>LIBOR_1MO</td></tr>
<tr><td>Coupon</td><td>3.81</td><td></td><td>Mult / Margin</td><td>1.00 / 0.50</td></tr>
<tr><td>Delay</td><td>0</td><td></td><td>Cap / Floor</td><td>5.50 / 0.50</td></tr>
</table>
<table border=0>
<tr><th>Price</th><th>100 PPC</th><th>150 PPC</th><th>200 PPC</th><th>300 PPC</th></tr>
<tr><th></th><th>Disc Margin</th><th>Disc Margin</th><th>Disc Margin</th><th>Disc Margin</th></tr>
<tr><td>99.50000</td><td>58</td><td>61</td><td>64</td><td>70</td></tr>
<tr><td>100.00000</td><td>50</td><td>50</td><td>50</td><td>50</td></tr>
<tr><td>WAL</td><td>5.12</td><td>3.60</td><td>2.77</td><td>1.88</td></tr>
</table>
</body></html>
"""

DECREMENT_WITH_CAPTION = """\
<html><body>
<table>
<CAPTION ALIGN=TOP><B>CWALT0534CB_1A - Dec - 1A1</B></CAPTION>
<tr><th>Date</th><th>0 PPC</th><th>50 PPC</th><th>100 PPC</th><th>150 PPC</th></tr>
<tr><td>Initial Percentage</td><td>100</td><td>100</td><td>100</td><td>100</td></tr>
<tr><td>July 25, 2006</td><td>99</td><td>94</td><td>88</td><td>83</td></tr>
<tr><td>July 25, 2007</td><td>98</td><td>85</td><td>*</td><td>59</td></tr>
<tr><td>July 25, 2008</td><td>97</td><td>76</td><td>56</td><td>0</td></tr>
<tr><td>Weighted Average Life (years)</td><td>19.52</td><td>8.60</td><td>4.93</td><td>3.11</td></tr>
</table>
</body></html>
"""

MASTR_CLASS_BLOCKS = """\
<html><head><title>mast0409</title></head><body>
<table border=0 cellpadding=0 cellspacing=0>
<tr><td>Class 2A1:</td><td>SEQ</td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td>0 PSA</td><td>100 PSA</td><td>300 PSA</td><td>400 PSA</td><td>500 PSA</td></tr>
<tr><td>Price:</td><td>101-16</td><td>101-16</td><td>101-16</td><td>101-16</td><td>101-16</td></tr>
<tr><td>CBE Yield (%):</td><td>5.37374</td><td>5.23549</td><td>4.92452</td><td>4.79563</td><td>4.68262</td></tr>
<tr><td>Average Life (years):</td><td>15.65504</td><td>7.49034</td><td>3.30596</td><td>2.68909</td><td>2.31264</td></tr>
<tr><td>Spread to Benchmark:</td><td>N/A</td><td>N/A</td><td>N/A</td><td>N/A</td><td>N/A</td></tr>
</table>
<hr>
<table border=0 cellpadding=0 cellspacing=0>
<tr><td>Class 2A2:</td><td>SEQ, AD</td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td>0 PSA</td><td>100 PSA</td><td>300 PSA</td><td>400 PSA</td><td>500 PSA</td></tr>
<tr><td>Price:</td><td>102-16</td><td>102-16</td><td>102-16</td><td>102-16</td><td>102-16</td></tr>
<tr><td>CBE Yield (%):</td><td>5.10481</td><td>5.10481</td><td>4.99787</td><td>4.89287</td><td>4.78849</td></tr>
</table>
</body></html>
"""


def test_a_floater_header_table_above_its_discount_margin_grid() -> None:
    parsed = parse_exhibit(FLOATER_HEADER_TABLE_AND_GRID)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.deal, table.class_) == ("discount_margin", "CWALT0529CB_1", "1A5")
    assert table.facts == [("Balance", "$50,000,000.00"), ("Index", "LIBOR_1MO"), ("Coupon", "3.81"),
                           ("Mult / Margin", "1.00 / 0.50"), ("Delay", "0"), ("Cap / Floor", "5.50 / 0.50")]
    assert (table.scenarios, table.measures) == (["100 PPC", "150 PPC", "200 PPC", "300 PPC"], ["Disc Margin"] * 4)
    assert [(r.label, r.values) for r in table.rows] == [
        ("99.50000", ["58", "61", "64", "70"]), ("100.00000", ["50", "50", "50", "50"]),
        ("WAL", ["5.12", "3.60", "2.77", "1.88"])]
    rows = exhibit_rows(parsed)
    typed = rows.tables[0]
    assert (typed["balance"], typed["coupon"], typed["delay_days"], typed["index"], typed["margin"], typed["cap"],
            typed["floor"]) == (50_000_000.0, 3.81, 0, "LIBOR_1MO", 0.5, 5.5, 0.5)
    assert [(v["price"], v["measure"], v["speed"], v["value"]) for v in rows.values if v["row_no"] == 1] == [
        (99.5, "discount_margin", 100.0, 58.0), (99.5, "discount_margin", 150.0, 61.0),
        (99.5, "discount_margin", 200.0, 64.0), (99.5, "discount_margin", 300.0, 70.0)]


def test_a_decrement_table_titled_by_its_caption() -> None:
    parsed = parse_exhibit(DECREMENT_WITH_CAPTION)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.title, table.deal, table.class_) == (
        "decrement", "CWALT0534CB_1A - Dec - 1A1", "CWALT0534CB_1A", "1A1")
    assert (table.row_header, table.scenarios) == ("Date", ["0 PPC", "50 PPC", "100 PPC", "150 PPC"])
    assert [(r.label, r.values) for r in table.rows][1:4] == [
        ("July 25, 2006", ["99", "94", "88", "83"]), ("July 25, 2007", ["98", "85", "*", "59"]),
        ("July 25, 2008", ["97", "76", "56", "0"])]
    values = {(v["row_label"], v["scenario"]): v for v in exhibit_rows(parsed).values}
    cell = values[("July 25, 2007", "50 PPC")]
    assert (cell["row_date"], cell["measure"], cell["speed"], cell["value"]) == (
        date(2007, 7, 25), "balance_pct", 50.0, 85.0)
    wal = values[("Weighted Average Life (years)", "150 PPC")]
    assert (wal["measure"], wal["value"]) == ("wal", 3.11)


def test_mastr_class_blocks_as_html_tables() -> None:
    parsed = parse_exhibit(MASTR_CLASS_BLOCKS)
    assert parsed.warnings == []
    assert [(t.class_, t.scenarios) for t in parsed.tables] == [
        ("2A1", ["0 PSA", "100 PSA", "300 PSA", "400 PSA", "500 PSA"]),
        ("2A2", ["0 PSA", "100 PSA", "300 PSA", "400 PSA", "500 PSA"])]
    first = {r.label: r.values for r in parsed.tables[0].rows}
    assert first["CBE Yield (%):"] == ["5.37374", "5.23549", "4.92452", "4.79563", "4.68262"]
    assert first["Average Life (years):"] == ["15.65504", "7.49034", "3.30596", "2.68909", "2.31264"]
    assert first["Spread to Benchmark:"] == ["N/A"] * 5
    yields = [(v["table_no"], v["price"], v["speed"], v["value"]) for v in exhibit_rows(parsed).values
              if v["measure"] == "yield" and v["scenario_no"] == 3]
    assert yields == [(1, 101.5, 300.0, 4.92452), (2, 102.5, 300.0, 4.99787)]
