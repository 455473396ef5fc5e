"""HTML exhibits as Word exports and hand-written HTML of 2004-2007 print them: ``<p class=MsoNormal>`` and
``<o:p>`` inside cells, a Word run split in two ``<span>``s, ``<br>`` inside a header cell, a header spread over
two ``<tr>``s, ``rowspan``/``colspan`` headings over the scenario columns, the title in a ``<caption>``, a table
nested in a layout table, facts stacked with ``<br>`` in two cells, paragraphs wrapped and indented in the source
(one blank in a browser) and aligned by Word's tabs (``mso-tab-count`` spans of ``&nbsp;``), uppercase tags with
unquoted attributes and unclosed ``<TD>``/``<TR>``, entities, ``<pre>`` holding the plain-text dialect, page
breaks between tables. Every expected value is read off the HTML by hand."""

from __future__ import annotations

from datetime import date

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

CAPTION_ROWSPAN_UNCLOSED = """\
<HTML><BODY>
<TABLE BORDER=1>
<CAPTION><B>BAFC0503_1 - Price/Yield - 1A1</B></CAPTION>
<TR><TH ROWSPAN=2>Price</TH><TH COLSPAN=3>Prepayment Speed</TH></TR>
<TR><TH>100<BR>PPC</TH><TH>200<BR>PPC</TH><TH>300<BR>PPC</TH></TR>
<TR><TD>99-16<TD>5.612<TD>5.701<TD>5.788
<TR><TD>99-24<TD>5.580<TD>&nbsp;<TD>5.722
<TR><TD>WAL<TD>9.41<TD>5.23<TD>3.64
<TR><TD>Principal<BR>Window<TD>Jul05&ndash;May35<TD>Jul05&#150;Dec19<TD>Jul05 &amp; later
</TABLE>
</BODY></HTML>
"""

LAYOUT_TABLE = """\
<html><body>
<table width="100%" border=0><tr><td align=center>
<p class=MsoNormal><b>LEHMAN BROTHERS</b></p>
<p class=MsoNormal>SASC0507_3 - Price/Yield - 3A1</p>
<table border=1 cellspacing=0 cellpadding=0>
 <tr>
  <td valign=top><p class=MsoNormal><b><span style='font-size:8.0pt'>Price<o:p></o:p></span></b></p></td>
  <td valign=top><p class=MsoNormal align=center style='text-align:center'><b><span
  style='font-size:8.0pt'>0 CPR</span></b></p></td>
  <td valign=top><p class=MsoNormal align=center style='text-align:center'><b><span
  style='font-size:8.0pt'>15 CPR</span></b></p></td>
  <td valign=top><p class=MsoNormal align=center style='text-align:center'><b><span
  style='font-size:8.0pt'>30 CPR</span></b></p></td>
 </tr>
 <tr>
  <td valign=top><p class=MsoNormal><span style='font-size:8.0pt'>100-0</span><span
  style='font-size:8.0pt'>0<o:p></o:p></span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'>5.0</span><span
  lang=EN-US style='font-size:8.0pt'>21<o:p></o:p></span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'><o:p>&nbsp;</o:p></span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'>4.987<o:p></o:p></span></p></td>
 </tr>
 <tr>
  <td valign=top><p class=MsoNormal><span style='font-size:8.0pt'>Avg Life<o:p></o:p></span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'>18.20</span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'>5.44</span></p></td>
  <td valign=top><p class=MsoNormal align=right><span style='font-size:8.0pt'>2.91</span></p></td>
 </tr>
</table>
<p class=MsoNormal>Lehman Brothers &amp; Co. is acting as underwriter.</p>
</td></tr></table>
<br clear=all style='page-break-before:always'>
<table border=1><tr><td>SASC0507_3 - Price/Yield - 3A2</td><td></td><td></td><td></td></tr>
<tr><td>Price</td><td>0 CPR</td><td>15 CPR</td><td>30 CPR</td></tr>
<tr><td>101-00</td><td>4.812</td><td>4.701</td><td>4.655</td></tr>
</table>
</body></html>
"""

HEADER_OVER_TWO_ROWS = """\
<html><body>
<p class=MsoNormal><b>MSM0504_2 - Price/Yield - 2A2</b></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
 <tr><td><p class=MsoNormal>&nbsp;</p></td><td><p class=MsoNormal align=center>100</p></td>
  <td><p class=MsoNormal align=center>200</p></td><td><p class=MsoNormal align=center>300</p></td></tr>
 <tr><td><p class=MsoNormal>Price</p></td><td><p class=MsoNormal align=center>PPC</p></td>
  <td><p class=MsoNormal align=center>PPC</p></td><td><p class=MsoNormal align=center>PPC</p></td></tr>
 <tr><td><p class=MsoNormal>99-16</p></td><td><p class=MsoNormal align=right>5.612</p></td>
  <td><p class=MsoNormal align=right>5.701</p></td><td><p class=MsoNormal align=right>5.788</p></td></tr>
 <tr><td><p class=MsoNormal>Mod Durn</p></td><td><p class=MsoNormal align=right>7.12</p></td>
  <td><p class=MsoNormal align=right>4.30</p></td><td><p class=MsoNormal align=right>3.01</p></td></tr>
</table>
</body></html>
"""

STACKED_FACTS = """\
<html><body>
<p>MSM0504_2 - Price/Yield - 2A1</p>
<table>
<tr><td>Balance<br>Coupon<br>Delay</td><td>$25,000,000.00<br>5.50<br>24</td>
    <td>Dated<br>Settle<br>First Payment</td><td>4/1/2005<br>4/29/2005<br>5/25/2005</td></tr>
</table>
<table>
<tr><td>Price</td><td>100 PPC</td><td>200 PPC</td></tr>
<tr><td>99-16</td><td>5.612</td><td>5.701</td></tr>
<tr><td>Coupon</td><td>5.50<font size=1>%</font></td><td>5.50<font size=1>%</font></td></tr>
</table>
</body></html>
"""

COLSPAN_PER_SCENARIO = """\
<html><body><p>BAFC0503_2 - Price/Yield - 2A1</p>
<table>
<tr><th>Price</th><th colspan=2>100 PPC</th><th colspan=2>200 PPC</th></tr>
<tr><th></th><th>Yield</th><th>Mod Durn</th><th>Yield</th><th>Mod Durn</th></tr>
<tr><td>99-16</td><td>5.612</td><td>4.51</td><td>5.701</td><td>3.20</td></tr>
<tr><td>99-24</td><td>5.580</td><td>4.52</td><td>5.652</td><td>3.21</td></tr>
</table></body></html>
"""

PRICE_OVER_TWO_ROWS = """\
<html><body><p>CWALT0534CB_1A - Price/Yield - 1A1</p>
<table>
<tr><th>Price</th><th></th><th>10 CPR</th><th>20 CPR</th><th>30 CPR</th></tr>
<tr><td rowspan=2>99-16</td><td>Yield</td><td>5.23</td><td>5.31</td><td>5.40</td></tr>
<tr><td>DM</td><td>45</td><td>53</td><td>62</td></tr>
<tr><td rowspan=2>99-24</td><td>Yield</td><td>5.17</td><td>5.22</td><td>5.28</td></tr>
<tr><td>DM</td><td>39</td><td>44</td><td>50</td></tr>
</table></body></html>
"""

BARE_FRAGMENT = """\
<TABLE BORDER=0>
<TR><TD>MALT0412_1 - Price/Yield - 1A1<TD><TD><TD>
<TR><TD>Price<TD>100 PSA<TD>200 PSA<TD>300 PSA
<TR><TD>99-16<TD>5.612<TD>5.701<TD>5.788
<TR><TD>99-24<TD>5.580<TD>5.652<TD>5.722
</TABLE>
"""

PLAIN_TEXT_IN_PRE = """\
<HTML><BODY>
<PRE>
CWALT0512_2A - Price/Yield - 2A1

Balance   $48,125,000.00   Delay   24
Coupon    5.5              Dated   3/1/2005

Price          50 PPC     100 PPC     150 PPC
     99-24      5.531       5.538       5.545
     99-28      5.521       5.525       5.529
WAL             11.42        6.37        4.12
Window    Apr05&#150;Jan35 Apr05&#150;Sep24 Apr05&#150;Jun16
</PRE>
</BODY></HTML>
"""

WORD_PARAGRAPHS = """\
<html><body>
<div class=Section1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:9.0pt'>CWALT0512_2A
    - Price/Yield - 2A3<o:p></o:p></span></b></p>
<p class=MsoNormal><span style='font-size:8.0pt'>Balance<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span>$48,125,000.00<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>Delay<span
style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>24<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-size:8.0pt'>Coupon<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;
</span>5.5<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span>Dated<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>3/1/2005<o:p></o:p></span></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0>
 <tr><td><p class=MsoNormal>Price</p></td><td><p class=MsoNormal>50 PPC</p></td>
  <td><p class=MsoNormal>100 PPC</p></td></tr>
 <tr><td><p class=MsoNormal>99-24</p></td><td><p class=MsoNormal>5.531</p></td>
  <td><p class=MsoNormal>5.538</p></td></tr>
</table>
</div>
</body></html>
"""


def _rows(table) -> list[tuple[str, list[str | None]]]:  # noqa: ANN001 - a CmTable
    return [(r.label, r.values) for r in table.rows]


def test_caption_title_rowspan_heading_and_unclosed_cells() -> None:
    parsed = parse_exhibit(CAPTION_ROWSPAN_UNCLOSED)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.title, table.deal, table.class_) == ("BAFC0503_1 - Price/Yield - 1A1", "BAFC0503_1", "1A1")
    assert (table.row_header, table.scenarios) == ("Price", ["100 PPC", "200 PPC", "300 PPC"])
    assert _rows(table) == [
        ("99-16", ["5.612", "5.701", "5.788"]), ("99-24", ["5.580", None, "5.722"]),
        ("WAL", ["9.41", "5.23", "3.64"]),
        ("Principal Window", ["Jul05\u2013May35", "Jul05\u2013Dec19", "Jul05 & later"])]
    assert all(r.warnings == [] for r in table.rows)
    values = {(v["row_label"], v["scenario_no"]): v for v in exhibit_rows(parsed).values}
    assert (values[("99-24", 3)]["price"], values[("99-24", 3)]["speed"], values[("99-24", 3)]["value"]) == (
        99.75, 300.0, 5.722)
    assert ("99-24", 2) not in values


def test_a_table_nested_in_a_layout_table_and_a_page_break() -> None:
    parsed = parse_exhibit(LAYOUT_TABLE)
    assert parsed.warnings == []
    assert [(t.title, t.deal, t.class_) for t in parsed.tables] == [
        ("SASC0507_3 - Price/Yield - 3A1", "SASC0507_3", "3A1"),
        ("SASC0507_3 - Price/Yield - 3A2", "SASC0507_3", "3A2")]
    assert [t.scenarios for t in parsed.tables] == [["0 CPR", "15 CPR", "30 CPR"]] * 2
    assert _rows(parsed.tables[0]) == [("100-00", ["5.021", None, "4.987"]), ("Avg Life", ["18.20", "5.44", "2.91"])]
    assert _rows(parsed.tables[1]) == [("101-00", ["4.812", "4.701", "4.655"])]
    typed = exhibit_rows(parsed).values
    assert [(v["price"], v["unit"], v["speed"], v["value"]) for v in typed if v["row_label"] == "100-00"] == [
        (100.0, "CPR", 0.0, 5.021), (100.0, "CPR", 30.0, 4.987)]


def test_speed_and_unit_in_two_header_rows() -> None:
    parsed = parse_exhibit(HEADER_OVER_TWO_ROWS)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.class_, table.row_header, table.scenarios) == ("2A2", "Price", ["100 PPC", "200 PPC", "300 PPC"])
    assert _rows(table) == [("99-16", ["5.612", "5.701", "5.788"]), ("Mod Durn", ["7.12", "4.30", "3.01"])]
    durations = [(v["measure"], v["speed"], v["value"]) for v in exhibit_rows(parsed).values if v["row_no"] == 2]
    assert durations == [("mod_duration", 100.0, 7.12), ("mod_duration", 200.0, 4.30), ("mod_duration", 300.0, 3.01)]


def test_facts_stacked_in_cells_and_a_percent_in_its_own_font() -> None:
    parsed = parse_exhibit(STACKED_FACTS)
    assert parsed.warnings == []
    table = next(t for t in parsed.tables if t.scenarios == ["100 PPC", "200 PPC"])
    assert table.facts == [("Balance", "$25,000,000.00"), ("Dated", "4/1/2005"), ("Coupon", "5.50"),
                           ("Settle", "4/29/2005"), ("Delay", "24"), ("First Payment", "5/25/2005")]
    assert _rows(table) == [("99-16", ["5.612", "5.701"]), ("Coupon", ["5.50%", "5.50%"])]
    typed = exhibit_rows(parsed).tables[parsed.tables.index(table)]
    assert (typed["balance"], typed["coupon"], typed["delay_days"], typed["dated_date"], typed["settle_date"],
            typed["first_payment_date"]) == (25_000_000.0, 5.5, 24, date(2005, 4, 1), date(2005, 4, 29),
                                             date(2005, 5, 25))


def test_a_scenario_spanning_its_yield_and_duration_columns() -> None:
    parsed = parse_exhibit(COLSPAN_PER_SCENARIO)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.scenarios == ["100 PPC", "100 PPC", "200 PPC", "200 PPC"]
    assert table.measures == ["Yield", "Mod Durn", "Yield", "Mod Durn"]
    assert _rows(table) == [
        ("99-16", ["5.612", "4.51", "5.701", "3.20"]), ("99-24", ["5.580", "4.52", "5.652", "3.21"])]
    typed = [(v["measure"], v["speed"], v["value"]) for v in exhibit_rows(parsed).values if v["row_no"] == 1]
    assert typed == [("yield", 100.0, 5.612), ("mod_duration", 100.0, 4.51), ("yield", 200.0, 5.701),
                     ("mod_duration", 200.0, 3.20)]


def test_a_price_spanning_its_yield_and_dm_rows() -> None:
    parsed = parse_exhibit(PRICE_OVER_TWO_ROWS)
    table = parsed.tables[0]
    assert [(r.label, r.measure, r.values) for r in table.rows] == [
        ("99-16", "Yield", ["5.23", "5.31", "5.40"]), ("", "DM", ["45", "53", "62"]),
        ("99-24", "Yield", ["5.17", "5.22", "5.28"]), ("", "DM", ["39", "44", "50"])]
    typed = [(v["price"], v["measure"], v["value"]) for v in exhibit_rows(parsed).values if v["scenario_no"] == 1]
    assert typed == [(99.5, "yield", 5.23), (99.5, "discount_margin", 45.0), (99.75, "yield", 5.17),
                     (99.75, "discount_margin", 39.0)]


def test_a_bare_uppercase_fragment_without_closing_tags_is_html() -> None:
    parsed = parse_exhibit(BARE_FRAGMENT, doc_type="EX-99.1")
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.class_, table.scenarios) == ("1A1", ["100 PSA", "200 PSA", "300 PSA"])
    assert _rows(table) == [("99-16", ["5.612", "5.701", "5.788"]), ("99-24", ["5.580", "5.652", "5.722"])]


def test_the_plain_text_dialect_inside_pre() -> None:
    parsed = parse_exhibit(PLAIN_TEXT_IN_PRE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.facts == [("Balance", "$48,125,000.00"), ("Delay", "24"), ("Coupon", "5.5"), ("Dated", "3/1/2005")]
    assert _rows(table) == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("WAL", ["11.42", "6.37", "4.12"]), ("Window", ["Apr05\u2013Jan35", "Apr05\u2013Sep24", "Apr05\u2013Jun16"])]


def test_word_paragraphs_wrapped_in_the_source_and_aligned_by_tabs() -> None:
    parsed = parse_exhibit(WORD_PARAGRAPHS)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.title, table.class_) == ("CWALT0512_2A - Price/Yield - 2A3", "2A3")
    assert table.facts == [("Balance", "$48,125,000.00"), ("Delay", "24"), ("Coupon", "5.5"), ("Dated", "3/1/2005")]
    assert (table.scenarios, _rows(table)) == (["50 PPC", "100 PPC"], [("99-24", ["5.531", "5.538"])])
    typed = exhibit_rows(parsed).tables[0]
    assert (typed["balance"], typed["delay_days"], typed["coupon"], typed["dated_date"]) == (
        48_125_000.0, 24, 5.5, date(2005, 3, 1))
