"""HTML exhibits as Excel's "Save as HTML" prints them (2004-2007 desks): the Office namespaces, ``<col>`` widths,
``mso-`` styles and ``class=xl65`` cells, ``x:num``/``x:str`` attributes, empty spacer columns, a title cell
spanning the sheet, several grids on one sheet separated by empty rows, ``$`` and ``%`` in cells of their own,
the accounting format's ``$`` padded away from its amount, a quoted attribute holding ``>`` (a formula), hidden
columns and rows (``display:none``), and the ``supportMisalignedColumns`` row Excel appends. Every expected value
is read off the HTML by hand."""

from __future__ import annotations

from datetime import date

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

SAVED_AS_HTML = """\
<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 11">
<style>
<!--table
	{mso-displayed-decimal-separator:"\\.";
	mso-displayed-thousand-separator:"\\,";}
.xl65
	{mso-style-parent:style0;
	mso-number-format:"0\\.000";}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook>
  <x:ExcelWorksheets>
   <x:ExcelWorksheet>
    <x:Name>1A3</x:Name>
   </x:ExcelWorksheet>
  </x:ExcelWorksheets>
 </x:ExcelWorkbook>
</xml><![endif]-->
</head>

<body link=blue vlink=purple>

<table x:str border=0 cellpadding=0 cellspacing=0 width=620 style='border-collapse:
 collapse;table-layout:fixed;width:465pt'>
 <col width=110 style='mso-width-source:userset;mso-width-alt:4022;width:83pt'>
 <col width=10 style='mso-width-source:userset;mso-width-alt:365;width:8pt'>
 <col width=80 span=4 style='mso-width-source:userset;mso-width-alt:2925;width:60pt'>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl24 colspan=6 style='height:12.75pt;mso-ignore:colspan'>CWALT0534CB_1A
  - Price/Yield - 1A3</td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl25 style='height:12.75pt'>Balance</td>
  <td class=xl25></td>
  <td class=xl26 align=right x:num="20000000"><span
  style='mso-spacerun:yes'>&nbsp;</span>$<span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>20,000,000.00 </td>
  <td class=xl25>Delay</td>
  <td class=xl27 align=right x:num>24</td>
  <td class=xl25></td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl25 style='height:12.75pt'>Coupon</td>
  <td class=xl25></td>
  <td class=xl28 align=right x:num="5.15">5.15</td>
  <td class=xl25>Dated</td>
  <td class=xl29 align=right x:num="38534">7/1/2005</td>
  <td class=xl25></td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 colspan=6 class=xl25 style='height:12.75pt;mso-ignore:colspan'></td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl30 style='height:12.75pt'>Price</td>
  <td class=xl30></td>
  <td class=xl31>40 PPC</td>
  <td class=xl31>100 PPC</td>
  <td class=xl31>125 PPC</td>
  <td class=xl31>200 PPC</td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl32 style='height:12.75pt' x:str="96-04">96-04</td>
  <td class=xl32></td>
  <td class=xl65 align=right x:num="5.8641234">5.864</td>
  <td class=xl65 align=right x:num="5.9712345">5.971</td>
  <td class=xl65 align=right x:num="6.0023456">6.002</td>
  <td class=xl65 align=right x:num="6.0934567">6.093</td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl32 style='height:12.75pt' x:str="96-04+">96-04+</td>
  <td class=xl32></td>
  <td class=xl65 align=right x:num>5.862&nbsp;</td>
  <td class=xl65 align=right x:num>5.968&nbsp;</td>
  <td class=xl65 align=right x:num></td>
  <td class=xl65 align=right x:num>6.088&nbsp;</td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl33 style='height:12.75pt'>WAL</td>
  <td class=xl33></td>
  <td class=xl34 align=right x:num>19.52</td>
  <td class=xl34 align=right x:num="11.0812" x:fmla="=IF(D6>0,WAL!D6,0)">11.08</td>
  <td class=xl34 align=right x:num>9.46</td>
  <td class=xl34 align=right x:num>6.71</td>
 </tr>
 <tr height=17 style='height:12.75pt'>
  <td height=17 class=xl33 style='height:12.75pt'>Principal Window</td>
  <td class=xl33></td>
  <td class=xl35>Aug10 - Jul35</td>
  <td class=xl35>Aug10 - Jul35</td>
  <td class=xl35>Aug10 - Jul35</td>
  <td class=xl35>Aug10 - Oct20</td>
 </tr>
 <![if supportMisalignedColumns]>
 <tr height=0 style='display:none'>
  <td width=110 style='width:83pt'></td>
  <td width=10 style='width:8pt'></td>
  <td width=80 style='width:60pt'></td>
  <td width=80 style='width:60pt'></td>
  <td width=80 style='width:60pt'></td>
  <td width=80 style='width:60pt'></td>
 </tr>
 <![endif]>
</table>

</body>

</html>
"""

TWO_GRIDS_ON_ONE_SHEET = """\
<html><body>
<table border=0 cellpadding=0 cellspacing=0 width=500>
<tr><td class=xl24>CWALT0534CB_1A - Price/Yield - 1A1</td><td></td><td></td><td></td><td></td></tr>
<tr><td>Balance</td><td>$</td><td class=xl26 x:num>20,000,000.00</td><td>Coupon</td><td>5.15</td></tr>
<tr><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>Price</td><td></td><td>40 PPC</td><td>100 PPC</td><td>125 PPC</td></tr>
<tr><td>96-04</td><td></td><td>5.864</td><td>5.971</td><td>6.002</td></tr>
<tr><td>WAL</td><td></td><td>19.52</td><td>11.08</td><td>9.46</td></tr>
<tr><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td class=xl24>CWALT0534CB_1A - Price/Yield - 1A2</td><td></td><td></td><td></td><td></td></tr>
<tr><td>Balance</td><td>$</td><td class=xl26 x:num>5,000,000.00</td><td>Coupon</td><td>5.50</td></tr>
<tr><td></td><td></td><td></td><td></td><td></td></tr>
<tr><td>Price</td><td></td><td>40 PPC</td><td>100 PPC</td><td>125 PPC</td></tr>
<tr><td>100-00</td><td></td><td>5.480</td><td>5.466</td><td>5.461</td></tr>
<tr><td>WAL</td><td></td><td>15.30</td><td>8.75</td><td>7.41</td></tr>
</table></body></html>
"""

HIDDEN_COLUMN_AND_ROW = """\
<html><body>
<table x:str>
<col width=90><col width=70><col width=0 style='display:none'><col width=70>
<tr><td>GSR0504_1 - Price/Yield - 1A2</td><td></td><td style='display:none'></td><td></td></tr>
<tr><td>Price</td><td>100 PPC</td><td style='display:none'>150 PPC</td><td>200 PPC</td></tr>
<tr><td>99-16</td><td>5.612</td><td style='display:none'>5.650</td><td>5.701</td></tr>
<tr style='display:none'><td>99-20</td><td>5.600</td><td style='display:none'>5.640</td><td>5.690</td></tr>
<tr><td>99-24</td><td>5.580</td><td style='display:none'>5.620</td><td>5.652</td></tr>
</table></body></html>
"""

DEAL_SUMMARY_WITH_SIGN_CELLS = """\
<HTML><BODY>
<P ALIGN=CENTER><B>BANC OF AMERICA FUNDING 2005-3 TRUST</B></P>
<TABLE BORDER=0 CELLSPACING=0 CELLPADDING=2>
<TR><TH ALIGN=LEFT>Class</TH><TH COLSPAN=2>Approx. Size</TH><TH COLSPAN=2>Coupon</TH><TH>WAL</TH>
<TH>Principal<BR>Window</TH><TH>Ratings<BR>(S&amp;P/Moody&#146;s)</TH></TR>
<TR><TD>1-A-1</TD><TD>$</TD><TD ALIGN=RIGHT>100,000,000</TD><TD ALIGN=RIGHT>5.500</TD><TD>%</TD>
<TD ALIGN=RIGHT>3.21</TD><TD>07/05&nbsp;&#150;&nbsp;12/14</TD><TD>AAA/Aaa</TD></TR>
<TR><TD>1-A-2</TD><TD>$</TD><TD ALIGN=RIGHT>25,000,000</TD><TD ALIGN=RIGHT>5.500</TD><TD>%</TD>
<TD ALIGN=RIGHT>10.87</TD><TD>12/14&nbsp;&#150;&nbsp;05/35</TD><TD>AAA/Aaa</TD></TR>
<TR><TD>1-A-R</TD><TD>$</TD><TD ALIGN=RIGHT>100</TD><TD ALIGN=RIGHT>5.500</TD><TD>%</TD>
<TD ALIGN=RIGHT>0.07</TD><TD>07/05&nbsp;&#150;&nbsp;07/05</TD><TD>AAA/NR</TD></TR>
</TABLE>
</BODY></HTML>
"""


def _only_table(text: str):  # noqa: ANN202 - a CmTable
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    return parsed.tables[0]


def test_a_sheet_saved_as_html_keeps_its_title_facts_and_grid() -> None:
    table = _only_table(SAVED_AS_HTML)
    assert (table.kind, table.title, table.deal, table.class_) == (
        "price_yield", "CWALT0534CB_1A - Price/Yield - 1A3", "CWALT0534CB_1A", "1A3")
    assert table.facts == [("Balance", "$20,000,000.00"), ("Delay", "24"), ("Coupon", "5.15"), ("Dated", "7/1/2005")]
    assert (table.row_header, table.scenarios) == ("Price", ["40 PPC", "100 PPC", "125 PPC", "200 PPC"])
    assert [(r.label, r.values) for r in table.rows] == [
        ("96-04", ["5.864", "5.971", "6.002", "6.093"]),
        ("96-04+", ["5.862", "5.968", None, "6.088"]),
        ("WAL", ["19.52", "11.08", "9.46", "6.71"]),
        ("Principal Window", ["Aug10 - Jul35", "Aug10 - Jul35", "Aug10 - Jul35", "Aug10 - Oct20"])]
    assert table.warnings == [] and all(r.warnings == [] for r in table.rows)


def test_a_sheet_saved_as_html_types_its_values() -> None:
    rows = exhibit_rows(parse_exhibit(SAVED_AS_HTML))
    typed = rows.tables[0]
    assert (typed["balance"], typed["coupon"], typed["delay_days"], typed["dated_date"]) == (
        20_000_000.0, 5.15, 24, date(2005, 7, 1))
    cells = {(v["row_label"], v["scenario"]): v for v in rows.values}
    assert len(cells) == 15  # the empty 125 PPC cell of 96-04+ gives no value
    first = cells[("96-04", "40 PPC")]
    assert (first["price"], first["measure"], first["speed"], first["unit"], first["value"]) == (
        96.125, "yield", 40.0, "PPC", 5.864)
    plus = cells[("96-04+", "200 PPC")]
    assert (plus["price"], plus["value"], plus["value_text"]) == (96 + 4.5 / 32, 6.088, "6.088")
    assert ("96-04+", "125 PPC") not in cells
    assert (cells[("WAL", "125 PPC")]["measure"], cells[("WAL", "125 PPC")]["value"]) == ("wal", 9.46)
    window = cells[("Principal Window", "200 PPC")]
    assert (window["measure"], window["value_text"]) == ("principal_window", "Aug10 - Oct20")


def test_two_grids_on_one_sheet_are_two_tables_with_their_own_facts() -> None:
    parsed = parse_exhibit(TWO_GRIDS_ON_ONE_SHEET)
    assert parsed.warnings == []
    assert [(t.class_, t.facts, t.scenarios) for t in parsed.tables] == [
        ("1A1", [("Balance", "$20,000,000.00"), ("Coupon", "5.15")], ["40 PPC", "100 PPC", "125 PPC"]),
        ("1A2", [("Balance", "$5,000,000.00"), ("Coupon", "5.50")], ["40 PPC", "100 PPC", "125 PPC"])]
    assert [[(r.label, r.values) for r in t.rows] for t in parsed.tables] == [
        [("96-04", ["5.864", "5.971", "6.002"]), ("WAL", ["19.52", "11.08", "9.46"])],
        [("100-00", ["5.480", "5.466", "5.461"]), ("WAL", ["15.30", "8.75", "7.41"])]]
    rows = exhibit_rows(parsed)
    assert [t["balance"] for t in rows.tables] == [20_000_000.0, 5_000_000.0]
    assert [(v["table_no"], v["price"], v["speed"], v["value"]) for v in rows.values if v["row_no"] == 1] == [
        (1, 96.125, 40.0, 5.864), (1, 96.125, 100.0, 5.971), (1, 96.125, 125.0, 6.002),
        (2, 100.0, 40.0, 5.480), (2, 100.0, 100.0, 5.466), (2, 100.0, 125.0, 5.461)]


def test_hidden_columns_and_rows_are_left_out_as_a_browser_leaves_them() -> None:
    table = _only_table(HIDDEN_COLUMN_AND_ROW)
    assert (table.class_, table.scenarios) == ("1A2", ["100 PPC", "200 PPC"])
    assert [(r.label, r.values) for r in table.rows] == [("99-16", ["5.612", "5.701"]), ("99-24", ["5.580", "5.652"])]


def test_dollar_and_percent_cells_of_a_deal_summary_join_their_amounts() -> None:
    parsed = parse_exhibit(DEAL_SUMMARY_WITH_SIGN_CELLS, doc_type="EX-99.1", description="Computational Materials")
    assert parsed.warnings == []
    assert [(t.class_, t.balance, t.coupon, t.avg_life, t.principal_window, t.rating) for t in parsed.tranches] == [
        ("1-A-1", "$100,000,000", "5.500%", "3.21", "07/05 \u2013 12/14", "AAA/Aaa"),
        ("1-A-2", "$25,000,000", "5.500%", "10.87", "12/14 \u2013 05/35", "AAA/Aaa"),
        ("1-A-R", "$100", "5.500%", "0.07", "07/05 \u2013 07/05", "AAA/NR")]
    assert [h for h, _cell in parsed.tranches[0].cells] == [
        "Class", "Approx. Size", "Coupon", "WAL", "Principal Window", "Ratings (S&P/Moody\u2019s)"]
    typed = exhibit_rows(parsed).tranches
    assert [(t["class"], t["balance"], t["coupon"], t["avg_life"]) for t in typed] == [
        ("1-A-1", 100_000_000.0, 5.5, 3.21), ("1-A-2", 25_000_000.0, 5.5, 10.87), ("1-A-R", 100.0, 5.5, 0.07)]


RENDERED_WITH_SIGN_CELLS = "\n".join([
    "CWALT0534CB_1A - Price/Yield - 1A4", "Balance:", "$", "20,000,000.00", "Coupon:", "5.15", "%",
    "Price", "40 PPC", "100 PPC", "125 PPC",
    "96-04", "5.864", "5.971", "6.002", "96-08", "5.801", "5.912", "5.950",
    "WAL", "19.52", "11.08", "9.46", "Mod Durn", "11.20", "7.41", "6.55"]) + "\n"


def test_a_sheet_rendered_one_cell_per_line_keeps_its_grid_without_its_sign_cells() -> None:
    table = _only_table(RENDERED_WITH_SIGN_CELLS)
    assert (table.class_, table.facts) == ("1A4", [("Balance", "20,000,000.00"), ("Coupon", "5.15")])
    assert (table.row_header, table.scenarios) == ("Price", ["40 PPC", "100 PPC", "125 PPC"])
    assert [(r.label, r.values) for r in table.rows] == [
        ("96-04", ["5.864", "5.971", "6.002"]), ("96-08", ["5.801", "5.912", "5.950"]),
        ("WAL", ["19.52", "11.08", "9.46"]), ("Mod Durn", ["11.20", "7.41", "6.55"])]
    typed = exhibit_rows(parse_exhibit(RENDERED_WITH_SIGN_CELLS))
    assert (typed.tables[0]["balance"], typed.tables[0]["coupon"]) == (20_000_000.0, 5.15)
    assert [(v["price"], v["speed"], v["value"]) for v in typed.values if v["row_no"] == 2] == [
        (96.25, 40.0, 5.801), (96.25, 100.0, 5.912), (96.25, 125.0, 5.950)]
