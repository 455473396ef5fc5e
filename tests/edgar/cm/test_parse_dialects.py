"""parse_exhibit on hand-written exhibits of every dialect (tests/edgar/cm/exhibits.py): every table, fact, scenario,
row and tranche written out by hand."""

from __future__ import annotations

from crawler.edgar.cm import parse as cm_parse
from crawler.edgar.cm.model import CmTable, ExhibitParse
from tests.edgar.cm import exhibits as x


def _parse(text: str) -> ExhibitParse:
    parsed = cm_parse.parse_exhibit(text)
    assert parsed.warnings == []
    return parsed


def _rows(table: CmTable) -> list[tuple[str, list[str | None]]]:
    return [(row.label, row.values) for row in table.rows]


def _names(table: CmTable) -> tuple:
    return table.table_no, table.kind, table.title, table.deal, table.class_


def test_intex_price_yield_with_32nds_footnotes_and_footers() -> None:
    parsed = _parse(x.INTEX_PRICE_YIELD)
    assert parsed.kind_of_exhibit == "computational_materials" and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert _names(table) == (1, "price_yield", "CWALT0512_2A - Price/Yield - 2A4", "CWALT0512_2A", "2A4")
    assert table.facts == [
        ("Balance", "$48,125,000.00"), ("Delay", "24"), ("WAC(1)", "5.934"), ("WAM(1)", "357"), ("Coupon", "5.5"),
        ("Dated", "3/1/2005"), ("NET(1)", "5.674"), ("WALA(1)", "2"), ("Settle", "3/30/2005"),
        ("First Payment", "4/25/2005")]
    assert table.scenarios == ["50 PPC", "100 PPC", "150 PPC", "200 PPC"]
    assert table.measures == ["Yield"] * 4 and table.row_header == "Price"
    assert _rows(table) == [
        ("99-24+", ["5.531", "5.538", "5.545", "5.551"]),
        ("99-28", ["5.521", "5.525", "5.529", "5.533"]),
        ("100-00.50", ["5.507", "5.507", "5.507", "5.507"]),
        ("100-04", ["5.497", "5.494", "5.491", "5.488"]),
        ("WAL", ["11.42", "6.37", "4.12", "3.05"]),
        ("Mod Durn", ["7.81", "4.96", "3.40", "2.59"]),
        ("Principal Window", ["Apr05 - Jan35", "Apr05 - Sep24", "Apr05 - Jun16", "Apr05 - Nov12"]),
    ]
    assert table.warnings == [] and all(row.warnings == [] for row in table.rows)


def test_decimal_prices_under_numbered_columns() -> None:
    table = _parse(x.DECIMAL_NUMBERED).tables[0]
    assert _names(table) == (1, "price_yield", "cwalt05j2_final - Price/Yield - 3A1", "cwalt05j2_final", "3A1")
    assert table.scenarios == ["1", "2", "3", "4", "5"]
    assert _rows(table) == [
        ("101.500000", ["5.49", "5.38", "5.21", "5.02", "4.80"]),
        ("101.625000", ["5.47", "5.36", "5.18", "4.98", "4.75"]),
        ("101.750000", ["5.46", "5.34", "5.15", "4.94", "4.70"]),
    ]


def test_cpr_psa_cpb_and_glued_scenarios() -> None:
    table = _parse(x.SPEED_UNITS).tables[0]
    assert table.scenarios == ["6 CPR", "15 CPR", "200 PSA", "65PPC", "100% PPC", "6 CPB"]
    assert table.facts == [("Balance", "$5,000,000.00"), ("Delay", "24"), ("Coupon", "5.25"), ("Dated", "4/1/2005")]
    assert _rows(table) == [("98-16", ["5.512", "5.601", "5.633", "5.570", "5.702", "5.486"]),
                            ("98-20", ["5.498", "5.579", "5.607", "5.551", "5.673", "5.474"])]


def test_deutsche_bank_header_outside_the_table_and_dashed_rules() -> None:
    parsed = _parse(x.DEUTSCHE_BANK)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert _names(table) == (1, "price_yield", "DEAL_CWALT0541CB_GRP1 -- 1A6", "DEAL_CWALT0541CB_GRP1", "1A6")
    assert table.facts[:4] == [("Balance", "$7,250,000.00"), ("Delay", "24"), ("WAC", "6.2500"), ("WAM", "359")]
    assert ("WALA", "1") in table.facts and ("First Payment", "10/25/2005") in table.facts
    assert table.scenarios == ["6 CPR", "10 CPR", "15 CPR", "25 CPR", "40 CPR"]
    assert _rows(table) == [
        ("99-08", ["5.622", "5.640", "5.667", "5.729", "5.851"]),
        ("99-12", ["5.607", "5.622", "5.645", "5.697", "5.800"]),
        ("Avg Life", ["11.87", "8.44", "5.92", "3.41", "1.93"]),
        ("Duration", ["8.12", "6.30", "4.75", "2.97", "1.77"]),
        ("First Prin Pay", ["10/25/05"] * 5),
        ("Last Prin Pay", ["08/25/35", "03/25/31", "11/25/24", "06/25/16", "04/25/11"]),
    ]


def test_floater_discount_margin_with_index_margin_cap_floor() -> None:
    parsed = _parse(x.FLOATER)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert _names(table) == (1, "discount_margin", "ZCWALT0533CB_T  --  A3", "ZCWALT0533CB_T", "A3")
    assert table.facts == [
        ("Balance", "$110,000,000.00"), ("Delay", "0"), ("Index", "LIBOR_1MO | 3.86"), ("WAC", "6.1"), ("WAM", "358"),
        ("Coupon", "4.3600"), ("Dated", "8/25/2005"), ("Mult / Margin", "1.00 / 0.50"), ("NET", "5.85"),
        ("WALA", "2"), ("Settle", "8/30/2005"), ("First Payment", "9/25/2005"), ("Cap / Floor", "5.50 / 0.50")]
    assert table.measures == ["Disc Margin"] * 4
    assert _rows(table) == [("99-16", ["58", "61", "64", "68"]), ("99-24", ["54", "55", "57", "58"]),
                            ("100-00", ["50", "50", "50", "50"])]


def test_floater_without_a_measure_line_is_a_discount_margin_grid() -> None:
    table = _parse(x.FLOATER_NO_MEASURE).tables[0]
    assert table.kind == "discount_margin" and table.measures == [None, None]
    assert _rows(table) == [("99-16", ["48", "51"]), ("99-24", ["44", "45"])]


def test_interest_only_class_with_tiny_prices_and_negative_yields() -> None:
    table = _parse(x.INTEREST_ONLY).tables[0]
    assert _names(table) == (1, "price_yield", "cwalt05j3_final - Price/Yield - XA", "cwalt05j3_final", "XA")
    assert _rows(table) == [("0.250000", ["205.11", "188.40", "131.72"]), ("0.375000", ["132.86", "118.02", "61.37"]),
                            ("1.125000", ["38.15", "24.60", "-12.84"]), ("1.250000", ["31.02", "17.77", "(19.45)"])]


def test_yields_to_price() -> None:
    table = _parse(x.YIELDS_TO_PRICE).tables[0]
    assert (table.kind, table.row_header, table.measures) == ("price_yield", "Yield", ["Price"] * 3)
    assert _rows(table) == [("5.000", ["101-07+", "100-30", "100-21"]), ("5.250", ["100-00", "99-28+", "99-24"]),
                            ("5.500", ["98-25", "98-26+", "98-27"])]


def test_deal_summary_tranche_table_and_decrement_tables() -> None:
    parsed = _parse(x.DEAL_SUMMARY)
    summary, dec_a1, dec_a2 = parsed.tables
    assert _names(summary) == (1, "deal_summary", "CWALT-05-12R - Summary", "CWALT-05-12R", None)
    assert summary.facts == [  # the Payrule printed under the tranche table is not a fact
        ("Settlement", "30-Mar-2005"), ("Prepay", "300 PSA"), ("Balance", "$150,000,000.00"), ("WAC", "5.95"),
        ("WAM", "357"), ("Age", "3"), ("WAL", "6.12"), ("1st Pay Date", "25-Apr-2005")]
    assert summary.rows == [] and summary.scenarios == []
    assert [(t.table_no, t.class_, t.rating, t.balance, t.coupon, t.principal_window, t.avg_life, t.dated, t.notes)
            for t in parsed.tranches] == [
        (1, "A1", "AAA", "120,000,000.00", "5.5", "04/05 - 11/20", "3.35", "01-Mar-05", "FIX            (sequential)"),
        (1, "A2", "AAA", "24,000,000.00", "5.5", "11/20 - 02/35", "19.60", "01-Mar-05", "FIX"),
        (1, "B", None, "6,000,000.00", "5.5", "04/05 - 02/35", "10.48", "01-Mar-05", "FIX"),
    ]
    assert parsed.tranches[2].cells == [
        ("Tranche Name", "B"), ("Balance", "6,000,000.00"), ("Coupon", "5.5"), ("Principal Window", "04/05 - 02/35"),
        ("Avg Life", "10.48"), ("Dated Date", "01-Mar-05"), ("Notes", "FIX")]
    assert _names(dec_a1) == (2, "decrement", "CWALT-05-12R - Dec - A1", "CWALT-05-12R", "A1")
    assert dec_a1.scenarios == ["1", "2", "3"] and dec_a1.row_header == "Date"
    assert _rows(dec_a1) == [
        ("30-Mar-05", ["100", "100", "100"]), ("25-Mar-06", ["99", "88", "77"]), ("25-Mar-07", ["98", "75", "52"]),
        ("25-Mar-08", ["96", "*", "0"]), ("Average Life", ["14.21", "5.02", "2.61"])]
    assert _names(dec_a2) == (3, "decrement", "CWALT-05-12R - Dec - A2", "CWALT-05-12R", "A2")
    assert _rows(dec_a2)[-1] == ("Average Life", ["28.40", "21.77", "15.03"])


def test_break_cdr_blocks_per_class_share_the_title_and_assumptions() -> None:
    parsed = _parse(x.BREAK_CDR)
    assumptions = [("Assumptions", "6-mo Recovery Lag."), ("Assumptions", "Trigger Failing."),
                   ("Assumptions", "100% PPC")]
    m5, m6 = parsed.tables
    for table, name in ((m5, "M5"), (m6, "M6")):
        assert _names(table)[1:] == ("break_cdr", "CWABS 2005-7", "CWABS 2005-7", name)
        assert table.facts == assumptions
        assert table.scenarios == ["Forward LIBOR", "Forward LIBOR", "Forward LIBOR + 200", "Forward LIBOR + 200"]
        assert table.measures == ["Break CDR", "Collat Cum Loss", "Break CDR", "Collat Cum Loss"]
    assert _rows(m5) == [
        ("40% Severity", ["14.02", "88,120,455.10 (11.75%)", "11.31", "75,090,114.83 (10.01%)"]),
        ("50% Severity", ["10.77", "91,004,312.66 (12.13%)", "8.70", "77,512,800.00 (10.34%)"])]
    assert _rows(m6)[1] == ("50% Severity", ["9.01", "78,330,002.31 (10.44%)", "7.15", "64,919,222.08 (8.66%)"])


def test_collateral_summary_and_stratification() -> None:
    table = _parse(x.COLLATERAL).tables[0]
    assert _names(table) == (1, "collateral", "CWABS-05-7 - Collateral Summary", "CWABS-05-7", None)
    assert table.facts == [("Total Current Balance", "$750,112,408.33"), ("Number of Loans", "4,211"),
                           ("WAC", "7.125%"), ("WAM", "356"), ("Weighted Average FICO", "622")]
    assert table.row_header == "Current Principal Balance"
    assert table.scenarios == ["Number of Loans", "Aggregate Balance", "% of Pool", "WAC"]
    assert _rows(table) == [
        ("$0.01 - $50,000.00", ["312", "12,004,511.20", "1.60%", "8.912"]),
        ("$50,000.01 - $100,000.00", ["988", "74,300,112.95", "9.91%", "7.845"]),
        ("$100,000.01 - $150,000.00", ["1,204", "150,998,004.10", "20.13%", "7.301"])]


def test_html_markup_tables() -> None:
    parsed = _parse(x.HTML_TABLES)
    grid, summary = parsed.tables
    assert _names(grid) == (1, "price_yield", "WMALT0507_v2 - Price/Yield - 2A1", "WMALT0507_v2", "2A1")
    assert grid.facts == [("Balance", "$61,200,000.00"), ("Delay", "24"), ("WAC", "6.01"), ("Coupon", "5.50"),
                          ("Dated", "06/01/2005"), ("NET", "5.75")]
    assert grid.scenarios == ["100 PPC", "200 PPC", "300 PPC"]
    assert _rows(grid) == [
        ("99-16", ["5.612", "5.640", "5.671"]), ("99-20", ["5.598", None, "5.650"]),
        ("WAL", ["8.12", "4.30", "2.95"]), ("Principal Window", ["Jul05 - May35", "Jul05 - Dec19", "Jul05 - Jan14"])]
    assert _names(summary) == (2, "deal_summary", None, None, None)
    assert [(t.table_no, t.class_, t.description, t.balance, t.coupon, t.avg_life) for t in parsed.tranches] == [
        (2, "2A1", "SEQ", "$61,200,000.00", "5.50000", "4.30012"), (2, "B", None, "$3,221,052.60", "5.50000", "9.87010")]


def test_html_rendered_one_cell_per_line() -> None:
    parsed = _parse(x.ONE_CELL_PER_LINE)
    summary, block = parsed.tables
    assert _names(summary) == (1, "deal_summary", None, None, None)
    assert summary.facts == [("Deal Size", "$98,400,000"), ("Pricing Speed", "250 PSA"),
                             ("Settlement Date", "06/29/05"), ("Deal File", "MASTRJUN")]
    assert [(t.class_, t.description, t.balance, t.coupon, t.avg_life) for t in parsed.tranches] == [
        ("4A1", "SEQ", "$90,000,000.00", "5.25000", "4.11520"), ("4A2", "SEQ, Z", "$4,000,000.00", "5.25000", "17.02200"),
        ("B", None, "$4,400,000.00", "5.25000", "9.98100")]
    assert _names(block) == (2, "price_yield", None, None, "4A1")
    assert block.scenarios == ["100 PSA", "250 PSA", "400 PSA"]
    assert _rows(block) == [("Price:", ["99-20", "99-20", "99-20"]),
                            ("CBE Yield (%):", ["5.32110", "5.35220", "5.38410"]),
                            ("Average Life (years):", ["7.80100", "4.11520", "2.77300"])]


def test_tab_separated_grid_keeps_an_empty_cell_empty() -> None:
    table = _parse(x.TAB_SEPARATED).tables[0]
    assert table.scenarios == ["50 PPC", "100 PPC", "150 PPC"]
    assert _rows(table) == [("96-00", ["5.497", "5.641", "5.863"]), ("96-04", ["5.487", None, "5.840"]),
                            ("96-08", ["5.477", "5.611", "5.817"])]


def test_grid_continued_across_page_breaks_is_one_table() -> None:
    first, second = _parse(x.CONTINUED_GRID).tables
    assert _names(first) == (1, "price_yield", "CWALT0577_3A - Price/Yield - 3A2", "CWALT0577_3A", "3A2")
    assert first.facts == [("Balance", "$9,000,000.00"), ("Delay", "24")]
    assert _rows(first) == [("97-00", ["5.801", "5.912"]), ("97-08", ["5.760", "5.855"]),
                            ("97-16", ["5.719", "5.799"]), ("97-24", ["5.679", "5.744"]),
                            ("98-00", ["5.639", "5.690"]), ("WAL", ["9.71", "5.03"])]
    assert _names(second) == (2, "price_yield", "CWALT0577_3A - Price/Yield - 3A3", "CWALT0577_3A", "3A3")
    assert _rows(second) == [("99-00", ["5.101", "5.222"])]


def test_several_exhibits_in_one_document_separated_by_pages() -> None:
    text = "\n<PAGE>\n".join((x.INTEX_PRICE_YIELD, x.DEUTSCHE_BANK, x.FLOATER, x.BREAK_CDR))
    parsed = _parse(text)
    assert [(t.table_no, t.kind, t.class_) for t in parsed.tables] == [
        (1, "price_yield", "2A4"), (2, "price_yield", "1A6"), (3, "discount_margin", "A3"), (4, "break_cdr", "M5"),
        (5, "break_cdr", "M6")]
    assert parsed.tables[3].title == "CWABS 2005-7" and parsed.tables[2].title == "ZCWALT0533CB_T  --  A3"
