"""Dataset rows of a parsed exhibit: typed cm_tables / cm_values / cm_tranches that pass the schemas."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.edgar.cm.model import CmRow, CmTable, ExhibitParse, Tranche
from crawler.edgar.cm.rows import exhibit_rows
from crawler.store.schemas import validate_row

FACTS = [("Balance", "$20,000,000.00"), ("Delay", "24"), ("WAC(1)", "6.07"), ("WAM", "360"), ("Coupon", "5.15"),
         ("Dated", "7/1/2005"), ("NET", "5.5"), ("WALA", "0"), ("Settle", "7/29/2005"),
         ("First Payment", "8/25/2005"), ("Index", "LIBOR_1MO | 2"), ("Mult / Margin", "1.00 / 0.50"),
         ("Cap / Floor", "9.00 / 0.50")]


def _check(parsed: ExhibitParse) -> tuple[list[dict], list[dict], list[dict]]:
    rows = exhibit_rows(parsed)
    provenance = {"accession": "0000905148-05-003967", "sequence": 2, "filed_date": date(2005, 8, 1), "run_id": "r1",
                  "crawled_at": datetime(2005, 8, 2, tzinfo=UTC)}
    for name, dataset in (("cm_tables", rows.tables), ("cm_values", rows.values), ("cm_tranches", rows.tranches)):
        for row in dataset:
            extra = {"exhibit": "99.1", "kind_of_exhibit": "computational_materials"} if name == "cm_tables" else {}
            validate_row(name, {**provenance, **extra, **row})
    return rows.tables, rows.values, rows.tranches


def _cells(values: list[dict], *keys: str) -> list[tuple]:
    return [tuple(row[k] for k in keys) for row in values]


def test_price_yield_grid_with_footers() -> None:
    table = CmTable(1, "price_yield", "T - Price/Yield - 1A3", "T", "1A3", facts=FACTS, scenarios=["40 PPC", "1"],
                    measures=["Yield", None], row_header="Price", rows=[
                        CmRow("96-04", ["5.487", None]), CmRow("99-24+", ["5.1", "(4.51)"]),
                        CmRow("WAL", ["12.31", "8.2"]), CmRow("Principal Window", ["Aug05 - Jul35", "N/A"])])
    tables, values, _ = _check(ExhibitParse("computational_materials", tables=[table]))
    typed = {k: tables[0][k] for k in ("balance", "coupon", "delay_days", "dated_date", "settle_date",
                                       "first_payment_date", "wac", "wam", "net_wac", "wala", "index", "margin",
                                       "cap", "floor")}
    assert typed == {"balance": 20_000_000.0, "coupon": 5.15, "delay_days": 24, "dated_date": date(2005, 7, 1),
                     "settle_date": date(2005, 7, 29), "first_payment_date": date(2005, 8, 25), "wac": 6.07,
                     "wam": 360, "net_wac": 5.5, "wala": 0, "index": "LIBOR_1MO", "margin": 0.5, "cap": 9.0,
                     "floor": 0.5}
    assert tables[0]["measures"] == ["yield", "yield"] and tables[0]["row_count"] == 4
    assert tables[0]["facts"] == FACTS and tables[0]["scenarios"] == ["40 PPC", "1"]
    assert _cells(values, "row_no", "scenario_no", "price", "measure", "speed", "unit", "value", "value_text") == [
        (1, 1, 96.125, "yield", 40.0, "PPC", 5.487, "5.487"),
        (2, 1, 99.765625, "yield", 40.0, "PPC", 5.1, "5.1"),
        (2, 2, 99.765625, "yield", None, None, -4.51, "(4.51)"),
        (3, 1, None, "wal", 40.0, "PPC", 12.31, "12.31"),
        (3, 2, None, "wal", None, None, 8.2, "8.2"),
        (4, 1, None, "principal_window", 40.0, "PPC", None, "Aug05 - Jul35"),
        (4, 2, None, "principal_window", None, None, None, "N/A"),
    ]
    assert {row["row_value"] for row in values} == {None} and {row["percent"] for row in values} == {None}


def test_discount_margin_and_yields_to_price() -> None:
    dm = CmTable(1, "discount_margin", scenarios=["100 PPC"], measures=[None], rows=[CmRow("99-24", ["55"])])
    to_price = CmTable(2, "price_yield", scenarios=["100 PPC"], measures=["Price"], row_header="Yield",
                       rows=[CmRow("5.250", ["99-28+"]), CmRow("WAL", ["7.1"])])
    _, values, _ = _check(ExhibitParse("computational_materials", tables=[dm, to_price]))
    assert _cells(values, "table_no", "row_label", "price", "row_value", "measure", "value") == [
        (1, "99-24", 99.75, None, "discount_margin", 55.0),
        (2, "5.250", None, 5.25, "price", 99.890625),
        (2, "WAL", None, None, "wal", 7.1),
    ]


def test_transposed_block_carries_its_columns_price() -> None:
    block = CmTable(1, "price_yield", class_="2A1", scenarios=["0 PSA", "300 PSA"], measures=[None, None], rows=[
        CmRow("Price:", ["101-16", "102-00"]), CmRow("CBE Yield (%):", ["5.37374", "4.92452"]),
        CmRow("First Payment:", ["09/04", "09/04"])])
    _, values, _ = _check(ExhibitParse("computational_materials", tables=[block]))
    assert _cells(values, "row_no", "scenario_no", "price", "measure", "speed", "unit", "value", "value_text") == [
        (1, 1, 101.5, "price", 0.0, "PSA", 101.5, "101-16"), (1, 2, 102.0, "price", 300.0, "PSA", 102.0, "102-00"),
        (2, 1, 101.5, "yield", 0.0, "PSA", 5.37374, "5.37374"), (2, 2, 102.0, "yield", 300.0, "PSA", 4.92452, "4.92452"),
        (3, 1, 101.5, "first_principal", 0.0, "PSA", None, "09/04"),
        (3, 2, 102.0, "first_principal", 300.0, "PSA", None, "09/04"),
    ]


def test_break_cdr_amount_and_percent_and_severity_rows() -> None:
    table = CmTable(1, "break_cdr", scenarios=["Forward LIBOR", "Forward LIBOR"],
                    measures=["Break CDR", "Collat Cum Group Loss"],
                    rows=[CmRow("35% Severity", ["17.18", "109,634,656.87 (14.62%)"])])
    _, values, _ = _check(ExhibitParse("computational_materials", tables=[table]))
    assert _cells(values, "row_value", "measure", "scenario", "value", "percent") == [
        (35.0, "break_cdr", "Forward LIBOR", 17.18, None), (35.0, "cum_loss", "Forward LIBOR", 109634656.87, 14.62)]


def test_decrement_rows_are_dates() -> None:
    table = CmTable(1, "decrement", scenarios=["1", "100 PPC"], measures=[None, None], row_header="Date", rows=[
        CmRow("28-Oct-04", ["100", "100"]), CmRow("25-Oct-08", ["95", "*"]), CmRow("Average Life", ["14.21", "5.02"])])
    tables, values, _ = _check(ExhibitParse("computational_materials", tables=[table]))
    assert tables[0]["measures"] == ["balance_pct", "balance_pct"]
    assert _cells(values, "row_date", "measure", "value", "value_text") == [
        (date(2004, 10, 28), "balance_pct", 100.0, "100"), (date(2004, 10, 28), "balance_pct", 100.0, "100"),
        (date(2008, 10, 25), "balance_pct", 95.0, "95"), (date(2008, 10, 25), "balance_pct", None, "*"),
        (None, "wal", 14.21, "14.21"), (None, "wal", 5.02, "5.02")]


def test_other_and_collateral_columns_are_measured_by_their_headers() -> None:
    table = CmTable(1, "collateral", scenarios=["Number of Loans", "% of Pool", "3"], measures=[None] * 3,
                    rows=[CmRow("$0.01 - $50,000.00", ["312", "1.60%", "x"])],
                    warnings=["no column header printed"])
    table.rows[0].warnings.append("value 'y' is under no single column; left out")
    tables, values, _ = _check(ExhibitParse("computational_materials", tables=[table]))
    assert tables[0]["measures"] == ["number_of_loans", "of_pool", "value"]
    assert tables[0]["warnings"] == ["no column header printed", "row 1: value 'y' is under no single column; left out"]
    assert _cells(values, "measure", "value", "value_text") == [
        ("number_of_loans", 312.0, "312"), ("of_pool", 1.6, "1.60%"), ("value", None, "x")]


def test_tranches_typed() -> None:
    summary = CmTable(1, "deal_summary", "D - Summary", "D", facts=[("Settlement", "28-Oct-2004"),
                                                                    ("1st Pay Date", "25-Nov-2004")])
    tranche = Tranche(1, "A1", rating="AAA", balance="330,000,000.00", coupon="6", principal_window="11/04 - 09/34",
                      avg_life="4.13", dated="01-Oct-04", notes="FIX",
                      cells=[("Tranche Name", "A1"), ("Rating", "AAA"), ("Balance", "330,000,000.00")])
    tables, values, tranches = _check(ExhibitParse("computational_materials", tables=[summary], tranches=[tranche]))
    assert (tables[0]["settle_date"], tables[0]["first_payment_date"]) == (date(2004, 10, 28), date(2004, 11, 25))
    assert tables[0]["scenarios"] == [] and tables[0]["measures"] == [] and values == []
    assert tranches == [{"table_no": 1, "class": "A1", "description": None, "rating": "AAA", "balance": 330_000_000.0,
                         "coupon": 6.0, "principal_window": "11/04 - 09/34", "avg_life": 4.13,
                         "dated_date": date(2004, 10, 1), "notes": "FIX",
                         "texts": [("Tranche Name", "A1"), ("Rating", "AAA"), ("Balance", "330,000,000.00")]}]
