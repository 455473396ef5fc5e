"""Dataset rows of a parsed exhibit: ``cm_tables``, ``cm_values`` and ``cm_tranches``, typed by the rules of
:mod:`crawler.edgar.cm.vocabulary` (verbatim texts kept beside the typed values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crawler.edgar.cm import values as v
from crawler.edgar.cm.model import (
    BREAK_CDR, DECREMENT, DISCOUNT_MARGIN, PRICE_YIELD, CmRow, CmTable, ExhibitParse, Tranche,
)
from crawler.edgar.cm.vocabulary import MEASURE_WORDS

_GRID_MEASURE = {PRICE_YIELD: "yield", DISCOUNT_MARGIN: "discount_margin", DECREMENT: "balance_pct",
                 BREAK_CDR: "break_cdr"}
_NOT_PRICE_ROWS = frozenset(("yield", "discount_margin"))


@dataclass(slots=True)
class CmRows:
    """Rows of ``cm_tables``, ``cm_values`` and ``cm_tranches`` without the provenance columns
    (accession, sequence, exhibit, kind_of_exhibit, filed_date, run_id, crawled_at), which the caller adds."""

    tables: list[dict[str, Any]] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    tranches: list[dict[str, Any]] = field(default_factory=list)


def exhibit_rows(parsed: ExhibitParse) -> CmRows:
    """Typed rows (crawler.edgar.cm.vocabulary rules) for every table and tranche of ``parsed``."""
    rows = CmRows()
    for table in parsed.tables:
        measures = column_measures(table)
        rows.tables.append(table_row(table, measures))
        rows.values.extend(value_rows(table, measures))
    rows.tranches.extend(tranche_row(tranche) for tranche in parsed.tranches)
    return rows


def column_measures(table: CmTable) -> list[str]:
    """Each column's measure: the printed one, else the grid's (``yield``, ``price`` in a yields-to-price grid,
    ``discount_margin``, ``balance_pct``, ``break_cdr``), else the column header's (collateral, other)."""
    default = _GRID_MEASURE.get(table.kind)
    if table.kind in (PRICE_YIELD, DISCOUNT_MARGIN) and v.measure(table.row_header) in _NOT_PRICE_ROWS:
        default = "price"
    measures = []
    for k, scenario in enumerate(table.scenarios):
        printed = table.measures[k] if k < len(table.measures) else None
        named = v.measure(scenario) if not scenario.isdigit() else None
        measures.append(v.measure(printed) or default or named or "value")
    return measures


def table_row(table: CmTable, measures: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "table_no": table.table_no, "kind": table.kind, "title": table.title, "deal": table.deal,
        "class": table.class_, "facts": list(table.facts), "scenarios": list(table.scenarios),
        "measures": measures, "row_count": len(table.rows),
        "warnings": table.warnings + [f"row {n}: {w}" for n, r in enumerate(table.rows, 1) for w in r.warnings],
    }
    row.update(header_facts(table.facts))
    return row


def header_facts(facts: list[tuple[str, str]]) -> dict[str, Any]:
    """The typed ``cm_tables`` columns filled from the header block (first fact per column)."""
    typed: dict[str, Any] = {name: None for name in (
        "balance", "coupon", "delay_days", "dated_date", "settle_date", "first_payment_date", "wac", "wam",
        "net_wac", "wala", "index", "margin", "cap", "floor")}
    for label, text in facts:
        column = v.header_fact(label)
        if column is None or (typed.get(column) is not None and column != "cap") or \
                (column == "cap" and (typed["cap"] is not None or typed["floor"] is not None)):
            continue
        if column in ("balance", "coupon", "wac", "net_wac"):
            typed[column] = v.number(text)
        elif column in ("delay_days", "wam", "wala"):
            typed[column] = v.integer(text)
        elif column.endswith("_date"):
            typed[column] = v.calendar_date(text)
        elif column == "index":
            words = text.replace("|", " ").split()
            typed[column] = words[0] if words else None
        elif column == "margin":
            pair = v.numbers_in(text)
            typed[column] = pair[1] if len(pair) == 2 else None
        elif column == "cap":
            pair = v.numbers_in(text)
            typed["cap"], typed["floor"] = (pair[0], pair[1]) if len(pair) == 2 else (None, None)
    return typed


def value_rows(table: CmTable, measures: list[str]) -> list[dict[str, Any]]:
    """One ``cm_values`` row per printed cell."""
    if table.price_columns:
        return _price_column_values(table, measures)
    out: list[dict[str, Any]] = []
    transposed = _transposed(table)
    price_row = next((r for r in table.rows if v.measure(r.label) == "price"), None) if transposed else None
    prices_in_cells = bool(measures) and all(m == "price" for m in measures)
    carried: float | None = None  # the price of a run of rows each printing its measure (Yield, then DM)
    for row_no, row in enumerate(table.rows, start=1):
        if row.measure is not None:
            row_measure: str | None = v.measure(row.measure)
            label_price = v.price(row.label) if row.label else carried
            carried = label_price
        else:
            row_measure = _row_measure(row.label) if transposed or not _is_grid_row(table, row, prices_in_cells) \
                else None
            label_price = None if row_measure or prices_in_cells else v.price(row.label)
            carried = None
        for k, text in enumerate(row.values):
            if text is None:
                continue
            measure = row_measure or measures[k]
            speed, unit = v.scenario(table.scenarios[k])
            cell_price = v.price(price_row.values[k]) if price_row and k < len(price_row.values) else label_price
            value, percent = (v.price(text), None) if measure == "price" else v.amount_and_percent(text)
            out.append({
                "table_no": table.table_no, "row_no": row_no, "scenario_no": k + 1, "row_label": row.label,
                "price": cell_price, "row_date": _row_date(row.label),
                "row_value": None if label_price is not None else v.label_number(row.label), "measure": measure,
                "scenario": table.scenarios[k], "speed": speed, "unit": unit, "value": value,
                "value_text": text, "percent": percent,
            })
    return out


def _price_column_values(table: CmTable, measures: list[str]) -> list[dict[str, Any]]:
    """A block with prices across its columns (:mod:`crawler.edgar.cm.price_columns`): each cell carries its column's
    price and its row's scenario and measure; ``scenario_no`` is the printed column's number."""
    prices = [v.price(text) for text in table.scenarios]
    out: list[dict[str, Any]] = []
    for row_no, row in enumerate(table.rows, start=1):
        speed, unit = v.scenario(row.scenario)
        row_measure = v.measure(row.measure)
        for k, text in enumerate(row.values):
            if text is None:
                continue
            value, percent = v.amount_and_percent(text)
            out.append({
                "table_no": table.table_no, "row_no": row_no, "scenario_no": k + 1, "row_label": row.label,
                "price": prices[k], "row_date": None, "row_value": None, "measure": row_measure or measures[k],
                "scenario": row.scenario, "speed": speed, "unit": unit, "value": value, "value_text": text,
                "percent": percent,
            })
    return out


def _transposed(table: CmTable) -> bool:
    """A block whose rows are measures (``Price:``, ``CBE Yield (%):``) rather than prices."""
    if table.kind not in (PRICE_YIELD, DISCOUNT_MARGIN):
        return False
    labelled = [v.measure(r.label) for r in table.rows]
    return "price" in labelled and not any(v.price(r.label) is not None for r in table.rows)


def _is_grid_row(table: CmTable, row: CmRow, prices_in_cells: bool) -> bool:
    """A row of the grid proper (a price, a yield of a yields-to-price grid, a date, a severity), not a footer."""
    if v.label_key(row.label) in MEASURE_WORDS:
        return False
    if table.kind in (PRICE_YIELD, DISCOUNT_MARGIN):
        return (v.label_number(row.label) if prices_in_cells else v.price(row.label)) is not None
    if table.kind == DECREMENT:
        return v.calendar_date(row.label) is not None
    return True


def _row_measure(label: str) -> str | None:
    return v.measure(label) or "value"


def _row_date(label: str) -> date | None:
    return v.calendar_date(label)


def tranche_row(tranche: Tranche) -> dict[str, Any]:
    return {
        "table_no": tranche.table_no, "class": tranche.class_, "description": tranche.description,
        "rating": tranche.rating, "balance": v.number(tranche.balance), "coupon": v.number(tranche.coupon),
        "principal_window": tranche.principal_window, "avg_life": v.number(tranche.avg_life),
        "dated_date": v.calendar_date(tranche.dated), "notes": tranche.notes, "texts": list(tranche.cells),
    }
