"""Ground truth of the mirror's Computational Materials: ``_truth/cm_tables.jsonl``, ``cm_values.jsonl``, ``cm_tranches.jsonl``.

Rows carry the columns of the ``cm_*`` datasets (``crawler.store.schemas``) but ``run_id`` and ``crawled_at``,
in schema order, and are written from the generator's tables (:mod:`synth_cm_model`): the numbers it chose,
the texts it printed them as. ``sequence`` is the document's ``<SEQUENCE>`` in the submission.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from crawler.mirror.synth_cm_model import CmExhibit, Row, Table, typed_facts
from crawler.mirror.synth_model import Filing

TYPED_COLUMNS = ("balance", "coupon", "delay_days", "dated_date", "settle_date", "first_payment_date", "wac", "wam",
                 "net_wac", "wala", "index", "margin", "cap", "floor")  # fmt: skip
INT_COLUMNS = frozenset({"delay_days", "wam", "wala"})


def _json_value(column: str, value: object) -> object:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if column in INT_COLUMNS:
        return int(value)  # type: ignore[call-overload]
    return float(value) if isinstance(value, (int, float)) else value


def _num(value: float | None) -> str:
    return "null" if value is None else repr(float(value))


def _text(value: str | None) -> str:
    if value is None:
        return "null"
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return json.dumps(value)


def table_row(filing: Filing, sequence: int, table_no: int, exhibit: CmExhibit, table: Table) -> dict:
    labels = [fact.label for fact in table.facts]
    assert len(set(labels)) == len(labels), labels  # the generator never prints a label twice in one table
    typed = typed_facts(table.facts)
    row: dict = {"accession": filing.accession, "sequence": sequence, "table_no": table_no, "exhibit": exhibit.number,
                 "kind_of_exhibit": exhibit.kind_of_exhibit, "kind": table.kind, "title": table.title, "deal": table.deal,
                 "class": table.class_}  # fmt: skip
    row.update((column, _json_value(column, typed.get(column))) for column in TYPED_COLUMNS)
    row.update(facts={fact.label: fact.text for fact in table.facts}, scenarios=list(table.scenarios),
               measures=list(table.measures), row_count=len(table.rows), warnings=[], filed_date=filing.filed.isoformat())  # fmt: skip
    return row


def value_lines(prefix: str, suffix: str, table: Table) -> list[str]:
    """One line per printed cell; ``prefix`` holds accession, sequence and table_no, ``suffix`` the filed date."""
    columns = tuple(_column(m, s, sp, u) for m, s, (sp, u) in zip(table.measures, table.scenarios, table.speeds))
    out = []
    for row_no, row in enumerate(table.rows, start=1):
        shown = columns if row.scenario is None else tuple(_column(m, *row.scenario) for m in table.measures)
        if row.truth is None or row.truth[0] != shown:  # rows of shared grid cores are rendered once
            row.truth = (shown, _cell_texts(row, shown))
        head = f'{prefix}"row_no": {row_no}, "scenario_no": '
        out += [f"{head}{number}, {text}{suffix}" for number, text in enumerate(row.truth[1], start=1) if text is not None]
    return out


def _column(measure: str, scenario: str | None, speed: float | None, unit: str | None) -> str:
    return f'"measure": {_text(measure)}, "scenario": {_text(scenario)}, "speed": {_num(speed)}, "unit": {_text(unit)}, "value": '


def _cell_texts(row: Row, columns: tuple[str, ...]) -> list[str | None]:
    """Each cell's line from ``row_label`` to ``percent`` (None for a blank cell)."""
    label = f'"row_label": {_text(row.label)}, "price": '
    tail = f', "row_date": {_text(row.row_date.isoformat()) if row.row_date else "null"}, "row_value": {_num(row.row_value)}, '
    shown = columns if row.measure is None else [_with_measure(column, row.measure) for column in columns]
    prices = [_num(p) for p in row.prices] if row.prices is not None else [_num(row.price)] * len(row.cells)
    return [None if cell is None else
            f'{label}{price}{tail}{column}{_num(cell.value)}, "value_text": {_text(cell.text)}, "percent": {_num(cell.percent)}'
            for cell, price, column in zip(row.cells, prices, shown)]  # fmt: skip


def _with_measure(column: str, measure: str) -> str:
    return f'"measure": {_text(measure)}, ' + column[column.index('"scenario"') :]


def tranche_row(filing: Filing, sequence: int, table_no: int, table: Table) -> list[dict]:
    return [
        {"accession": filing.accession, "sequence": sequence, "table_no": table_no, "class": t.class_,
         "description": t.description, "rating": t.rating, "balance": t.balance, "coupon": t.coupon,
         "principal_window": t.principal_window, "avg_life": t.avg_life,
         "dated_date": t.dated_date.isoformat() if t.dated_date else None, "notes": t.notes, "texts": dict(t.texts),
         "filed_date": filing.filed.isoformat()}  # fmt: skip
        for t in table.tranches
    ]


def truth_chunks(filing: Filing, exhibits: Sequence[tuple[int, CmExhibit]]) -> tuple[str, str, str]:
    """The three JSON Lines chunks of one filing's CM documents (``(sequence, exhibit)`` pairs)."""
    tables: list[str] = []
    values: list[str] = []
    tranches: list[str] = []
    suffix = f', "filed_date": "{filing.filed.isoformat()}"}}\n'
    for sequence, exhibit in exhibits:
        for table_no, table in enumerate(exhibit.tables, start=1):
            tables.append(json.dumps(table_row(filing, sequence, table_no, exhibit, table)) + "\n")
            prefix = f'{{"accession": "{filing.accession}", "sequence": {sequence}, "table_no": {table_no}, '
            values += value_lines(prefix, suffix, table)
            tranches += [json.dumps(row) + "\n" for row in tranche_row(filing, sequence, table_no, table)]
    return "".join(tables), "".join(values), "".join(tranches)
