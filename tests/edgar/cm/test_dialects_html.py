"""HTML term sheets as Word/Excel exports print them: ``<TH>`` headers, ``<FONT>`` inside every cell, a footnote
in ``<SUP>``, ``&nbsp;`` cells, ``<BR>`` inside a label, ``&#150;`` (an en dash) in a window, spacer columns,
the title as a spanning row; and the same footnote mark in plain text. Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.cells import line_cells
from crawler.edgar.cm.parse import parse_exhibit

WORD_EXPORT = """\
<HTML><BODY>
<P ALIGN=CENTER><FONT FACE="Arial" SIZE=2><B>CWALT0512_2A - Price/Yield - 2A4</B></FONT></P>
<TABLE BORDER=0 CELLPADDING=0 CELLSPACING=0>
<TR><TH ALIGN=LEFT><FONT SIZE=1>Price</FONT></TH><TH><FONT SIZE=1>50 PPC</FONT></TH>
<TH><FONT SIZE=1>100 PPC</FONT></TH><TH><FONT SIZE=1>150 PPC</FONT></TH></TR>
<TR><TD></TD><TD ALIGN=RIGHT><FONT SIZE=1>Yield</FONT></TD><TD ALIGN=RIGHT><FONT SIZE=1>Yield</FONT></TD>
<TD ALIGN=RIGHT><FONT SIZE=1>Yield</FONT></TD></TR>
<TR><TD><FONT SIZE=1>99-24+</FONT></TD><TD ALIGN=RIGHT><FONT SIZE=1>5.531</FONT></TD>
<TD ALIGN=RIGHT><FONT SIZE=1>5.538</FONT></TD><TD ALIGN=RIGHT><FONT SIZE=1>5.545</FONT></TD></TR>
<TR><TD><FONT SIZE=1>99-28</FONT></TD><TD ALIGN=RIGHT>&nbsp;</TD><TD ALIGN=RIGHT><FONT SIZE=1>5.525</FONT></TD>
<TD ALIGN=RIGHT><FONT SIZE=1>5.529</FONT></TD></TR>
<TR><TD><FONT SIZE=1>WAL<SUP>(1)</SUP></FONT></TD><TD ALIGN=RIGHT>11.42</TD><TD ALIGN=RIGHT>6.37</TD>
<TD ALIGN=RIGHT>4.12</TD></TR>
<TR><TD>Principal<BR>Window</TD><TD>Apr05&nbsp;-&nbsp;Jan35</TD><TD>Apr05 &#150; Sep24</TD><TD>Apr05-Jun16</TD></TR>
</TABLE></BODY></HTML>
"""

SPACER_COLUMNS = """\
<html><body>
<p>CWALT0512_2A - Price/Yield - 2A5</p>
<table>
<tr><td>Price</td><td>&nbsp;</td><td>50 PPC</td><td>&nbsp;</td><td>100 PPC</td><td>&nbsp;</td><td>150 PPC</td></tr>
<tr><td>99-24</td><td>&nbsp;</td><td>5.531</td><td>&nbsp;</td><td>5.538</td><td>&nbsp;</td><td>5.545</td></tr>
<tr><td>WAL</td><td>&nbsp;</td><td>11.42</td><td>&nbsp;</td><td></td><td>&nbsp;</td><td>4.12</td></tr>
</table></body></html>
"""

TITLE_AS_SPANNING_ROW = """\
<html><body>
<table>
<tr><td colspan=4><b>CWALT0512_2A - Price/Yield - 2A6</b></td></tr>
<tr><td>Balance</td><td>$48,125,000.00</td><td>Coupon</td><td>5.5</td></tr>
<tr><td colspan=4>&nbsp;</td></tr>
<tr><td>Price</td><td>50 PPC</td><td>100 PPC</td><td>150 PPC</td></tr>
<tr><td>99-24</td><td>5.531</td><td>5.538</td><td>5.545</td></tr>
</table></body></html>
"""

PLAIN_FOOTNOTE_MARKS = """\
Computational Materials

CWALT0512_2A - Price/Yield - 2A7

Price              50 PPC     100 PPC     150 PPC
     99-24          5.531       5.538       5.545
WAL (1)             11.42        6.37        4.12
Mod Durn (2)         7.81        4.96        3.40
Window (1)    Apr05-Jan35 Apr05-Sep24 Apr05-Jun16
"""


def _rows(text: str) -> list[tuple[str, list[str | None]]]:
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    return [(r.label, r.values) for r in parsed.tables[0].rows]


def test_a_footnote_mark_after_a_label_is_part_of_it() -> None:
    assert [c[2:] for c in line_cells("WAL (1)          11.42     6.37")] == [
        ("WAL (1)", False), ("11.42", True), ("6.37", True)]
    assert [c[2] for c in line_cells("Balance (1) $48,125,000.00   Delay 24")] == [
        "Balance (1)", "$48,125,000.00", "Delay", "24"]


def test_windows_with_an_en_dash_or_no_blanks_are_values() -> None:
    assert [c[2:] for c in line_cells("Principal Window   Apr05 \u2013 Sep24   Apr05-Jun16   11/04-08/09")] == [
        ("Principal Window", False), ("Apr05 \u2013 Sep24", True), ("Apr05-Jun16", True), ("11/04-08/09", True)]


def test_word_export_with_th_font_sup_nbsp_br_and_en_dash() -> None:
    parsed = parse_exhibit(WORD_EXPORT)
    table = parsed.tables[0]
    assert (table.title, table.class_, table.row_header) == ("CWALT0512_2A - Price/Yield - 2A4", "2A4", "Price")
    assert (table.scenarios, table.measures) == (["50 PPC", "100 PPC", "150 PPC"], ["Yield"] * 3)
    assert _rows(WORD_EXPORT) == [
        ("99-24+", ["5.531", "5.538", "5.545"]), ("99-28", [None, "5.525", "5.529"]),
        ("WAL (1)", ["11.42", "6.37", "4.12"]),
        ("Principal Window", ["Apr05 - Jan35", "Apr05 \u2013 Sep24", "Apr05-Jun16"])]
    assert table.warnings == []


def test_spacer_columns_and_an_empty_cell() -> None:
    assert _rows(SPACER_COLUMNS) == [("99-24", ["5.531", "5.538", "5.545"]), ("WAL", ["11.42", None, "4.12"])]


def test_a_title_printed_as_a_spanning_row() -> None:
    table = parse_exhibit(TITLE_AS_SPANNING_ROW).tables[0]
    assert (table.title, table.deal, table.class_) == ("CWALT0512_2A - Price/Yield - 2A6", "CWALT0512_2A", "2A6")
    assert table.facts == [("Balance", "$48,125,000.00"), ("Coupon", "5.5")]
    assert [(r.label, r.values) for r in table.rows] == [("99-24", ["5.531", "5.538", "5.545"])]


def test_footnote_marks_on_plain_text_footer_labels() -> None:
    assert _rows(PLAIN_FOOTNOTE_MARKS) == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("WAL (1)", ["11.42", "6.37", "4.12"]),
        ("Mod Durn (2)", ["7.81", "4.96", "3.40"]), ("Window (1)", ["Apr05-Jan35", "Apr05-Sep24", "Apr05-Jun16"])]


RENDERED_ONE_CELL_PER_LINE = "\n".join([
    "CWALT0512_2A - Price/Yield - 2A8", "Balance:", "$48,125,000.00", "Coupon:", "5.5",
    "Price", "50 PPC", "100 PPC", "150 PPC",
    "99-242", "5.531", "5.538", "5.545", "99-28", "5.521", "5.525", "5.529", "100-00", "5.507", "5.507", "5.507",
    "WAL", "11.42", "6.37", "4.12", "Mod Durn", "7.81", "4.96", "3.40"]) + "\n"

RENDERED_WITH_A_MISSING_CELL = "\n".join([
    "CWALT0512_2A - Price/Yield - 2A9", "Balance:", "$48,125,000.00", "Coupon:", "5.5",
    "Price", "50 PPC", "100 PPC", "150 PPC",
    "99-24", "5.531", "5.538", "5.545", "99-28", "5.521", "5.529", "100-00", "5.507", "5.507", "5.507",
    "WAL", "11.42", "6.37", "4.12"]) + "\n"


def test_a_grid_rendered_one_cell_per_line_keeps_its_rows() -> None:
    parsed = parse_exhibit(RENDERED_ONE_CELL_PER_LINE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.class_, table.row_header, table.scenarios) == ("2A8", "Price", ["50 PPC", "100 PPC", "150 PPC"])
    assert table.facts == [("Balance", "$48,125,000.00"), ("Coupon", "5.5")]
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-242", ["5.531", "5.538", "5.545"]), ("99-28", ["5.521", "5.525", "5.529"]),
        ("100-00", ["5.507", "5.507", "5.507"]), ("WAL", ["11.42", "6.37", "4.12"]),
        ("Mod Durn", ["7.81", "4.96", "3.40"])]
    assert table.warnings == []


def test_a_rendered_grid_missing_a_cell_puts_no_value_under_a_wrong_scenario() -> None:
    table = parse_exhibit(RENDERED_WITH_A_MISSING_CELL).tables[0]
    assert table.scenarios[:3] == ["50 PPC", "100 PPC", "150 PPC"]
    rows = {r.label: r.values for r in table.rows}
    assert list(rows) == ["99-24", "99-28", "100-00", "WAL"]
    assert rows["99-24"][:3] == ["5.531", "5.538", "5.545"] and rows["100-00"][:3] == ["5.507"] * 3
    assert rows["WAL"][:3] == ["11.42", "6.37", "4.12"]
    assert rows["99-28"][:3] == [None, None, None]  # which scenario lacks its yield cannot be told: none is claimed
    assert sorted(v for v in rows["99-28"] if v) == ["5.521", "5.529"]  # kept, past the named columns
