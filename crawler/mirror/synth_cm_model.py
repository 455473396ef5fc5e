"""What the mirror's Computational Materials tables hold, as generated: printed texts beside the generator's numbers.

Every :class:`Cell` pairs the text a desk tool would print with the number the generator chose *before*
printing it (a price of 96.125 printed ``96-04``); the truth (``synth_cm_truth``) is written from these numbers,
never by reading the text back. Numbers are chosen on the printed grid (thousandths, cents, 32nds), so the
text is exact and a reader typing it by the vocabulary rules gets the very same float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from crawler.edgar.cm.vocabulary import HEADER_FACTS, MEASURE_WORDS

FactValue = float | int | date | str | tuple[float | None, float | None] | None


class Cell(NamedTuple):
    """One printed value: its text and its typed value (``percent`` for ``amount (pct%)`` cells)."""

    text: str
    value: float | None = None
    percent: float | None = None


@dataclass(slots=True)
class Row:
    """One printed row of a grid. ``measure`` None: each cell takes its column's measure (price rows)."""

    label: str
    cells: list[Cell | None]  # one per column; None = nothing printed there
    price: float | None = None
    row_date: date | None = None
    row_value: float | None = None
    measure: str | None = None
    prices: list[float | None] | None = None  # transposed blocks: the typed price of each column
    scenario: tuple[str | None, float | None, str | None] | None = None  # prices across: the row's (label, speed, unit)
    truth: tuple[tuple[str, ...], list[str | None]] | None = None  # synth_cm_truth's cache: (columns, text per cell)


@dataclass(frozen=True, slots=True)
class Fact:
    """A header-block fact: label and text as printed, the generator's value (a pair for ``x / y`` facts)."""

    label: str
    text: str
    value: FactValue = None


@dataclass(slots=True)
class Tranche:
    """One class row of a tranche table: printed texts (``texts``: column header -> cell) and typed values."""

    class_: str
    texts: list[tuple[str, str]]
    description: str | None = None
    rating: str | None = None
    balance: float | None = None
    coupon: float | None = None
    principal_window: str | None = None
    avg_life: float | None = None
    dated_date: date | None = None
    notes: str | None = None


@dataclass(slots=True)
class Table:
    """One logical table (vocabulary: what one table is), with everything its truth rows need."""

    kind: str
    title: str | None
    deal: str | None
    class_: str | None
    facts: list[Fact] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    speeds: list[tuple[float | None, str | None]] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    tranches: list[Tranche] = field(default_factory=list)


@dataclass(slots=True)
class CmExhibit:
    """A Computational Materials document of a filing: its text and the tables printed in it."""

    number: str  # "99.1"
    kind_of_exhibit: str
    dialect: str
    text: str
    filename: str
    description: str | None
    tables: list[Table]


def _label_key(label: str) -> str:
    """A label as the vocabulary compares it: lower case, blanks collapsed, trailing colon and footnote mark off."""
    key = " ".join(label.lower().split()).rstrip(":").strip()
    if key.endswith(")") and "(" in key and key[key.rindex("(") + 1 : -1].isdigit():
        key = key[: key.rindex("(")].rstrip()
    return key


def measure_of(header: str) -> str:
    """The canonical measure of a printed header (``"Mod Durn"`` -> ``mod_duration``)."""
    key = _label_key(header)
    for unit in ("(%)", "(yrs)", "(years)"):
        if key.endswith(unit) and key not in MEASURE_WORDS:
            key = key[: -len(unit)].rstrip()
    if key in MEASURE_WORDS:
        return MEASURE_WORDS[key]
    return "_".join("".join(ch if ch.isalnum() else " " for ch in key).split())


def typed_facts(facts: list[Fact]) -> dict[str, FactValue]:
    """cm_tables' typed header columns from facts whose labels the vocabulary knows, with the generator's values."""
    out: dict[str, FactValue] = {}
    for fact in facts:
        column = HEADER_FACTS.get(_label_key(fact.label))
        if column is None or fact.value is None:
            continue
        if column == "cap" and isinstance(fact.value, tuple):
            out["cap"], out["floor"] = fact.value
        elif column == "margin" and isinstance(fact.value, tuple):
            out["margin"] = fact.value[1]
        else:
            out[column] = fact.value
    return out
