"""Computational Materials in the synthetic mirror: every dialect present, truth rows that point at real
documents, texts printed verbatim, typed values that agree with them under the vocabulary (read by
``cm_reading``, which shares no code with the generator), unique keys, determinism."""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.mirror.synth import synthesize
from crawler.mirror.synth_blocks import make_blocks
from crawler.mirror.synth_filings import SubmissionWriter
from crawler.mirror.synth_plan import Planner
from crawler.store.schemas import KEYS, PARTITION_SCHEMA, SCHEMAS

from tests.fixtures.mirror import read_truth
from tests.mirror import cm_reading as cm

GRIDS = ("price_yield", "discount_margin")
Truth = dict[str, list[dict[str, Any]]]


def _docs(mirror: Path) -> dict[str, dict[int, cm.Doc]]:
    out = {}
    for row in read_truth(mirror, "filings"):
        path = mirror / "Archives/edgar/data" / str(row["cik"]) / f"{row['accession']}.txt"
        out[row["accession"]] = cm.documents(path.read_bytes().decode("latin-1"))
    return out


@pytest.fixture(scope="module")
def truth(small_mirror: Path) -> Truth:
    return {name: read_truth(small_mirror, name) for name in ("cm_tables", "cm_values", "cm_tranches", "filings")}


@pytest.fixture(scope="module")
def docs(small_mirror: Path) -> dict[str, dict[int, cm.Doc]]:
    return _docs(small_mirror)


def _doc(docs: dict[str, dict[int, cm.Doc]], row: dict) -> cm.Doc:
    return docs[row["accession"]][row["sequence"]]


def _by_table(rows: list[dict]) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[(row["accession"], row["sequence"], row["table_no"])].append(row)
    return grouped


# --- the checks, shared by the small mirror and the larger plans --------------------------------------------
def check_keys_and_columns(truth: Truth) -> None:
    for name in ("cm_tables", "cm_values", "cm_tranches"):
        expected = [f for f in SCHEMAS[name].names if f not in ("run_id", "crawled_at", *PARTITION_SCHEMA.names)]
        keys = [tuple(row[k] for k in KEYS[name]) for row in truth[name]]
        assert len(keys) == len(set(keys)), name
        assert all(list(row) == expected for row in truth[name]), name


def check_documents(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    """Truth rows name real documents of the right exhibit; every table-bearing CM exhibit has truth rows."""
    kinds = {"computational_materials": "COMPUTATIONAL MATERIALS", "term_sheet": "ABS TERM SHEETS",
             "collateral_term_sheet": "COLLATERAL TERM SHEETS"}  # fmt: skip
    headings = {"computational_materials": "computational materials", "term_sheet": "abs term sheet",
                "collateral_term_sheet": "collateral term sheet"}  # fmt: skip
    for row in truth["cm_tables"]:
        doc = _doc(docs, row)
        assert doc.type == f"EX-{row['exhibit']}"
        assert doc.description in (None, kinds[row["kind_of_exhibit"]])
        body = doc.text[doc.text.find("<body") :] if "<body" in doc.text else doc.text  # past an Excel export's head
        shown = " ".join(re.sub(r"<[a-z/][^>]*>", " ", body).split()) if body.startswith("<body") else body
        assert headings[row["kind_of_exhibit"]] in shown[:400].lower()
    with_truth = {(row["accession"], row["sequence"]) for row in truth["cm_tables"]}
    cm_filings = {row["accession"] for row in truth["filings"] if row["kind"] == "cm"}
    for accession in cm_filings:
        for doc in docs[accession].values():
            if doc.type.startswith("EX-99") and re.search(r"<table|<TABLE>", doc.text):
                assert (accession, doc.sequence) in with_truth, (accession, doc.sequence)
    assert {(row["accession"], row["sequence"]) for row in truth["cm_values"]} <= with_truth


def _shown(text: str) -> str:
    """An Excel export as a browser shows it: the head left out, tags as blanks, entities read, blanks collapsed
    and the accounting format's ``$   20,000.00`` as ``$20,000.00``; any other document as it is."""
    if "urn:schemas-microsoft-com:office:excel" not in text[:400]:
        return text
    body = re.sub(r"<[A-Za-z/!][^>]*>", " ", text[text.index("<body") :])
    return re.sub(r"\$ +(?=\d)", "$", " ".join(html.unescape(body).split()))


def check_tables(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    values = _by_table(truth["cm_values"])
    for row in truth["cm_tables"]:
        text = _shown(_doc(docs, row).text)
        for label, shown in row["facts"].items():
            assert label in text and shown in text, (label, shown)
        assert all(s in text if row["kind"] != "collateral" else all(w in text for w in s.split())  # headers over lines
                   for s in row["scenarios"])
        typed = cm.typed_header(row["facts"])
        for column in ("balance", "coupon", "delay_days", "dated_date", "settle_date", "first_payment_date", "wac", "wam",
                       "net_wac", "wala", "index", "margin", "cap", "floor"):  # fmt: skip
            expected = typed.get(column)
            assert row[column] == (expected.isoformat() if isinstance(expected, date) else expected), (column, row)
        if row["title"] is not None:
            assert row["title"] in text and row["deal"] == re.split(r"\s+-{1,2}\s+", row["title"])[0]
        if row["kind"] in (*GRIDS, "decrement") and row["title"]:
            assert row["class"] == re.split(r"\s+-{1,2}\s+", row["title"])[-1]
        elif row["kind"] == "break_cdr":
            assert re.search(rf"^\s+{re.escape(row['class'])}$", text, re.M)
        elif row["kind"] in GRIDS:
            assert f"Class {row['class']}:" in text
        grid_measures = {"price_yield": ("yield", "price"), "discount_margin": ("discount_margin",), "decrement": ("balance_pct",)}
        if row["kind"] in grid_measures:
            assert any(row["measures"] == [m] * len(row["scenarios"]) for m in grid_measures[row["kind"]])
        if row["kind"] == "break_cdr":
            assert row["measures"] == ["break_cdr", "cum_loss"] * (len(row["scenarios"]) // 2)
        cells = values.get((row["accession"], row["sequence"], row["table_no"]), [])
        assert row["row_count"] == max((c["row_no"] for c in cells), default=0)  # no row is left wholly blank
        assert bool(cells) == bool(row["scenarios"]) == (row["kind"] != "deal_summary" and row["row_count"] > 0)


def _price_of_column(rows: list[dict]) -> dict[int, float | None]:
    """Transposed blocks: the typed price of each column, read from its ``Price:`` row."""
    return {v["scenario_no"]: cm.price(v["value_text"]) for v in rows if v["row_label"] == "Price:"}


def _prices_across(table: dict) -> bool:
    return table["kind"] in GRIDS and all(cm.price(shown) is not None for shown in table["scenarios"])


def check_prices_across(table: dict, rows: list[dict]) -> None:
    """A block with the prices across the columns: each cell's price is its column's, its scenario and measure its
    row label's (the grid's measure when the label is a scenario alone)."""
    for v in rows:
        scenario, words = cm.scenario_in(v["row_label"])
        assert v["price"] == cm.price(table["scenarios"][v["scenario_no"] - 1])
        assert (v["scenario"], v["speed"], v["unit"]) == (scenario, *cm.scenario(scenario or ""))
        assert v["measure"] == (cm.measure(words) if words else table["measures"][v["scenario_no"] - 1])
        assert (v["row_date"], v["row_value"], v["percent"]) == (None, None, None)
        assert v["value"] == cm.number(v["value_text"])


def _two_rows_per_price(rows: list[dict]) -> dict[int, tuple[float, str]]:
    """Rows of a grid printing a Yield row and then a DM row per price (the DM row's label blank or the price again):
    row_no -> (price, measure)."""
    labels = {v["row_no"]: v["row_label"] for v in rows}
    out = {}
    for row_no, label in labels.items():
        price = cm.price(label)
        if price is not None and labels.get(row_no + 1) in ("", label) and row_no not in out:
            out[row_no], out[row_no + 1] = (price, "yield"), (price, "discount_margin")
    return out


def check_values(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    tables = {(t["accession"], t["sequence"], t["table_no"]): t for t in truth["cm_tables"]}
    for key, rows in _by_table(truth["cm_values"]).items():
        table = tables[key]
        if _prices_across(table):
            check_prices_across(table, rows)
            continue
        column_price = _price_of_column(rows)
        paired = _two_rows_per_price(rows)
        for v in rows:
            if v["row_no"] in paired:  # a Yield row and a DM row per price
                assert (v["price"], v["measure"]) == paired[v["row_no"]], v
                assert (v["row_date"], v["row_value"], v["percent"], v["value"]) == (None, None, None, cm.number(v["value_text"]))
                assert (v["speed"], v["unit"]) == cm.scenario(v["scenario"])
                continue
            assert v["scenario"] == table["scenarios"][v["scenario_no"] - 1]
            assert (v["speed"], v["unit"]) == cm.scenario(v["scenario"])
            yields_to_price = table["measures"][0] == "price"  # the row labels are yields, the cells prices
            label_price = cm.price(v["row_label"]) if table["kind"] in GRIDS and not yields_to_price else None
            row_date = cm.date_of(v["row_label"])
            row_value = cm.row_value(v["row_label"]) if label_price is None and row_date is None else None
            assert v["row_date"] == (row_date.isoformat() if row_date else None) and v["row_value"] == row_value
            if label_price is not None:
                assert v["price"] == label_price
            elif column_price:
                assert v["price"] == column_price[v["scenario_no"]]
            else:
                assert v["price"] is None
            by_column = label_price is not None or row_date is not None or (row_value is not None and not column_price) \
                or table["kind"] == "collateral"  # stratifications: a range per row, a statistic per column
            assert v["measure"] == (table["measures"][v["scenario_no"] - 1] if by_column else cm.measure(v["row_label"]))
            pair = cm.amount_percent(v["value_text"])
            if pair:
                assert (v["value"], v["percent"]) == pair
            else:
                assert v["percent"] is None
                assert v["value"] == (cm.price(v["value_text"]) if v["measure"] == "price" else cm.number(v["value_text"]))


def _find(line: str, text: str, start: int, html: bool) -> int:
    """Where ``text`` stands as a whole cell in ``line`` at or after ``start`` (-1: nowhere); returns its end."""
    if html:
        found = re.compile(rf">{re.escape(text)}(?:&nbsp;)?<").search(line, start)
        return -1 if found is None else found.end() - 1
    for match in re.finditer(re.escape(text), line[start:]):
        begin, end = start + match.start(), start + match.end()
        if (begin == 0 or line[begin - 1] == " ") and (end == len(line) or line[end] == " "):
            return end
    return -1


def _printed_in_order(doc: cm.Doc, label: str, texts: list[str]) -> bool:
    """Some line (a ``<tr>`` in HTML) shows ``label`` first and then ``texts`` as whole cells in that order."""
    html = doc.text.startswith("<html")
    for line in ["<tr" + row.replace("\n", " ") for row in doc.text.split("<tr")[1:]] if html else doc.text.split("\n"):
        if not (f">{label}<" in line if html else line.strip().startswith(label)):
            continue
        at = line.find(label) + len(label)
        for text in texts:
            at = _find(line, text, at, html)
            if at < 0:
                break
        else:
            return True
    return False


def check_rows_printed(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    rows: dict[tuple, list[dict]] = defaultdict(list)
    for v in truth["cm_values"]:
        rows[(v["accession"], v["sequence"], v["table_no"], v["row_no"])].append(v)
    for (accession, sequence, _, _), cells in rows.items():
        cells.sort(key=lambda v: v["scenario_no"])
        doc = docs[accession][sequence]
        assert _printed_in_order(doc, cells[0]["row_label"], [v["value_text"] for v in cells]), cells[0]


def check_tranches(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    tables = {(t["accession"], t["sequence"], t["table_no"]): t for t in truth["cm_tables"]}
    for row in truth["cm_tranches"]:
        assert tables[(row["accession"], row["sequence"], row["table_no"])]["kind"] == "deal_summary"
        texts, text = row["texts"], _doc(docs, row).text
        assert all(shown in text for shown in texts.values())
        assert row["class"] == texts.get("Tranche Name", texts.get("Class"))
        assert row["balance"] == cm.number(texts.get("Balance", texts.get("Class Size", "")))
        assert row["coupon"] == cm.number(texts["Coupon"])
        assert row["avg_life"] == cm.number(texts.get("Avg Life", texts.get("WAL (yrs)", "")))
        assert row["principal_window"] == texts.get("Principal Window")
        dated = cm.date_of(texts["Dated Date"]) if "Dated Date" in texts else None
        assert row["dated_date"] == (dated.isoformat() if dated else None)
        assert (row["rating"], row["description"], row["notes"]) == (texts.get("Rating"), texts.get("Description"), texts.get("Notes"))


def check_all(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    check_keys_and_columns(truth)
    check_documents(truth, docs)
    check_tables(truth, docs)
    check_values(truth, docs)
    check_rows_printed(truth, docs)
    check_tranches(truth, docs)


# --- tests ----------------------------------------------------------------------------------------------
def test_every_dialect_is_in_the_small_mirror(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    seen: Counter[str] = Counter()
    values = _by_table(truth["cm_values"])
    for row in truth["cm_tables"]:
        doc, title = _doc(docs, row), row["title"] or ""
        cells = values.get((row["accession"], row["sequence"], row["table_no"]), [])
        html = doc.filename is not None and doc.filename.endswith(".htm") and doc.text.startswith("<html>")
        if row["kind"] == "price_yield" and " - Price/Yield - " in title:
            seen["intex"] += 1
            thirty_seconds = any(re.fullmatch(r"\d+-\d\d\+?", c["row_label"]) for c in cells)
            seen["intex 32nds"] += thirty_seconds
            seen["intex io"] += any(c["price"] is not None and c["price"] < 1 and (c["value"] or 0) > 100 for c in cells)
        seen["yields to price"] += row["kind"] == "price_yield" and row["measures"][0] == "price"
        seen["prices across"] += _prices_across(row) and any(c["scenario"] != row["scenarios"][c["scenario_no"] - 1]
                                                             for c in cells)
        seen["yield and dm rows"] += row["kind"] in GRIDS and len(_two_rows_per_price(cells)) > 2
        seen["db price/yield"] += row["kind"] == "price_yield" and " -- " in title
        seen["db discount margin"] += row["kind"] == "discount_margin" and {"Index", "Mult / Margin", "Cap / Floor"} <= set(row["facts"])
        seen["deal summary"] += row["kind"] == "deal_summary" and not html and "Deal Summary Report" in doc.text
        seen["decrement"] += row["kind"] == "decrement" and " - Dec - " in title
        seen["excel sheet"] += row["kind"] in GRIDS and "urn:schemas-microsoft-com:office:excel" in doc.text[:400] and bool(cells)
        seen["html summary"] += html and row["kind"] == "deal_summary"
        seen["html class block"] += html and row["kind"] == "price_yield" and any(c["row_label"] == "CBE Yield (%):" for c in cells)
        seen["break cdr"] += row["kind"] == "break_cdr" and any(c["percent"] is not None for c in cells)
        seen["collateral"] += row["kind"] == "collateral" and row["kind_of_exhibit"] == "collateral_term_sheet"
        seen["stratification"] += row["kind"] == "collateral" and row["title"] is not None and not row["facts"] and bool(cells)
        seen["summary over a stratification"] += row["kind"] == "collateral" and bool(row["facts"]) and bool(cells)
        seen["page break"] += "<PAGE>" in doc.text
    missing = {"intex", "intex 32nds", "intex io", "yields to price", "prices across", "yield and dm rows", "db price/yield", "db discount margin", "deal summary", "decrement",
               "html summary", "html class block", "excel sheet", "break cdr", "collateral", "stratification", "summary over a stratification", "page break"} - {k for k, n in seen.items() if n}  # fmt: skip
    assert not missing, seen
    assert len({row["kind_of_exhibit"] for row in truth["cm_tables"]}) == 3
    assert any(row["se_references"] for row in truth["filings"] if row["kind"] == "cm")  # Form SE placeholders stay


def test_small_mirror_truth_is_printed_and_typed_by_the_vocabulary(truth: Truth, docs: dict[str, dict[int, cm.Doc]]) -> None:
    assert len(truth["cm_values"]) > 1000 and truth["cm_tranches"]
    check_all(truth, docs)


@pytest.mark.parametrize("seed", [1, 2])
def test_larger_plans_keep_the_truth(seed: int) -> None:
    """Many more exhibits (rarer layouts: continued grids, blank cells, IO tables) without writing a mirror."""
    plan = Planner(seed, date(2004, 7, 1), date(2005, 12, 31), 1500).build()
    writer = SubmissionWriter(seed, make_blocks(seed))
    truth: Truth = {"cm_tables": [], "cm_values": [], "cm_tranches": [], "filings": []}
    docs = {}
    for filing in plan.filings:
        if filing.kind != "cm":
            continue
        docs[filing.accession] = cm.documents(writer.filing_bytes(filing).decode("latin-1"))
        truth["filings"].append({"accession": filing.accession, "kind": "cm", "se_references": []})
        for name, chunk in zip(("cm_tables", "cm_values", "cm_tranches"), filing.cm_truth):
            truth[name] += [json.loads(line) for line in chunk.splitlines()]
    assert len(truth["cm_tables"]) > 300
    check_all(truth, docs)
    blanks = _by_table(truth["cm_values"])
    assert any(len({v["row_no"] for v in rows}) * len(t["scenarios"]) > len(rows)
               for t in truth["cm_tables"] for rows in [blanks.get((t["accession"], t["sequence"], t["table_no"]), [])] if rows)  # fmt: skip


def test_same_seed_same_cm_files_and_another_seed_others(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        synthesize(tmp_path / name, seed=seed, start=date(2004, 7, 1), end=date(2004, 9, 30), filings=150)
    names = ("cm_tables.jsonl", "cm_values.jsonl", "cm_tranches.jsonl")
    first = [(tmp_path / "a/_truth" / n).read_bytes() for n in names]
    assert first[0] and first == [(tmp_path / "b/_truth" / n).read_bytes() for n in names]
    assert first[1] != (tmp_path / "c/_truth/cm_values.jsonl").read_bytes()
    for row in read_truth(tmp_path / "a", "cm_tables"):
        cik = next(r["cik"] for r in read_truth(tmp_path / "a", "filings") if r["accession"] == row["accession"])
        path = f"Archives/edgar/data/{cik}/{row['accession']}.txt"
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()
