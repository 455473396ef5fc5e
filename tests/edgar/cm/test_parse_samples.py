"""The real exhibits of ../shared/edgar-samples/comp-materials/: every fact a person read from each (its
``*.expected.json``) is found verbatim, in the right place, in what the parser returns.

The check is written from the structure of the expected files, not from the eight files: a title, facts by
label, scenario labels in order, rows (by price or label; by class when given) with their values in column
order (or, in a transposed block, the rows named by the metric), and the classes of a tranche table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crawler.edgar.cm.model import COMPUTATIONAL_MATERIALS, CmRow, CmTable, ExhibitParse, Tranche
from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.values import label_key, measure
from tests.fixtures.samples import SHARED, sample

FOLDER = ("comp-materials",)
NAMES = sorted(p.name[: -len(".expected.json")] for p in SHARED.joinpath("edgar-samples", *FOLDER).glob("*.expected.json")) or [
    "missing"]
_TRANCHE_FIELDS = {"balance": "balance", "size": "balance", "coupon": "coupon", "principal_window": "principal_window",
                   "avg_life": "avg_life", "wal": "avg_life", "dated": "dated", "description": "description",
                   "rating": "rating"}


def _load(name: str) -> tuple[str, dict[str, Any], ExhibitParse]:
    text = sample(*FOLDER, f"{name}.txt").read_bytes().decode("latin-1")
    expected = json.loads(sample(*FOLDER, f"{name}.expected.json").read_text())
    return text, expected, parse_exhibit(text)


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", NAMES)
def test_every_expected_fact_is_found_verbatim(name: str) -> None:
    text, expected, parsed = _load(name)
    assert parsed.warnings == [] and parsed.kind_of_exhibit == COMPUTATIONAL_MATERIALS and parsed.tables
    home = _table_of_title(parsed, text, expected["table_title"])
    for label, value in (expected.get("facts") or {}).items():
        assert _has_fact(home, label, value, text), (label, value, home.facts)
    for pair in expected.get("price_yield_pairs") or []:
        table = _table_of_class(parsed, pair["class"]) if "class" in pair else home
        if expected.get("scenario_labels"):
            assert _distinct_in_order(table.scenarios) == expected["scenario_labels"]
        _check_pair(table, pair, expected.get("metric"))
    for wanted in expected.get("classes") or []:
        tranche = next(t for t in parsed.tranches if t.class_ == wanted["class"])
        _check_tranche(tranche, wanted)


def _table_of_title(parsed: ExhibitParse, text: str, title: str) -> CmTable:
    """The table the expected title names. A title a person composed (not printed as such) names the table
    holding its longest printed beginning as ``label: value`` (``Deal File: MASTRAUG (group 2)``)."""
    titled = [t for t in parsed.tables if t.title == title]
    if titled:
        return titled[0]
    assert _squash(title) not in _squash(text), f"{title!r} is printed but no table has it as its title"
    words = title.split()
    prefix = next(" ".join(words[:n]) for n in range(len(words), 0, -1) if " ".join(words[:n]) in _squash(text))
    assert len(prefix) * 2 >= len(title), (title, prefix)
    return next(t for t in parsed.tables if any(f"{label}: {value}" == prefix for label, value in t.facts))


def _has_fact(table: CmTable, label: str, value: str, text: str) -> bool:
    """The table has ``value`` under ``label``: the same label, the same up to case and a plural ``s``
    (``assumption`` / ``Assumptions``), or the label after a heading printed in the exhibit
    (``Collateral Balance``: ``Balance`` under the printed heading ``Collateral``)."""
    for printed, text_value in table.facts:
        if text_value != value:
            continue
        if printed == label or printed.lower().rstrip("s") == label.lower().rstrip("s"):
            return True
        if label.endswith(" " + printed) and label[: -len(printed) - 1] in text:
            return True
    return False


def _table_of_class(parsed: ExhibitParse, class_: str) -> CmTable:
    return next(t for t in parsed.tables if t.class_ == class_ and t.rows)


def _distinct_in_order(labels: list[str]) -> list[str]:
    return [label for k, label in enumerate(labels) if k == 0 or labels[k - 1] != label]


def _check_pair(table: CmTable, pair: dict[str, Any], metric: str | None) -> None:
    label = pair.get("price") or pair.get("row")
    row = next((r for r in table.rows if r.label == label), None)
    lists = {key: value for key, value in pair.items() if isinstance(value, list)}
    if row is not None:  # a grid: the listed values are the row's, in column order (of the metric's columns)
        for key, values in lists.items():
            if key in ("yields", "values"):
                assert row.values == values, (key, row.values)
            else:
                columns = [k for k, m in enumerate(table.measures) if m == key]
                assert columns and [row.values[k] for k in columns] == values, (key, table.measures, row.values)
        return
    # a transposed block: a Price row holding the price in every column, the metric's row holding the yields
    price_row = _row_measured(table, "price")
    assert price_row is not None and set(price_row.values) == {label}
    for key, values in lists.items():
        named = metric if key in ("yields", "values") else key
        row = next((r for r in table.rows if label_key(r.label) == label_key(named)), None) or \
            _row_measured(table, measure(named.replace("_", " ")) or "")
        assert row is not None and row.values == values, (key, [r.label for r in table.rows])


def _row_measured(table: CmTable, name: str) -> CmRow | None:
    return next((r for r in table.rows if measure(r.label) == name), None)


def _check_tranche(tranche: Tranche, wanted: dict[str, Any]) -> None:
    for key, value in wanted.items():
        if key != "class":
            assert getattr(tranche, _TRANCHE_FIELDS[key]) == value, (key, tranche)


def test_the_samples_are_there() -> None:
    folder = sample(*FOLDER)
    assert len(list(Path(folder).glob("*.expected.json"))) >= 8
