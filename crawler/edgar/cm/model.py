"""What a Computational Materials exhibit parses into (CONTRACT.md ``parse-exhibit``).

Every text is verbatim as printed (stripped of surrounding blanks); typing happens when rows are built for the
datasets (``crawler.edgar.cm.rows``), never by changing these texts. ``None`` in ``CmRow.values`` means "no
value printed in this column, or the parser could not tell which column it belongs to" (then with a warning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# kind_of_exhibit
COMPUTATIONAL_MATERIALS = "computational_materials"
TERM_SHEET = "term_sheet"
COLLATERAL_TERM_SHEET = "collateral_term_sheet"
PLACEHOLDER = "placeholder"  # a "(P)" / "filed on Form SE" stub: no tables, an SE reference instead
OTHER = "other"
EXHIBIT_KINDS = (COMPUTATIONAL_MATERIALS, TERM_SHEET, COLLATERAL_TERM_SHEET, PLACEHOLDER, OTHER)

# table kinds
PRICE_YIELD = "price_yield"
DISCOUNT_MARGIN = "discount_margin"
DEAL_SUMMARY = "deal_summary"
DECREMENT = "decrement"
BREAK_CDR = "break_cdr"
COLLATERAL = "collateral"
OTHER_TABLE = "other"
TABLE_KINDS = (PRICE_YIELD, DISCOUNT_MARGIN, DEAL_SUMMARY, DECREMENT, BREAK_CDR, COLLATERAL, OTHER_TABLE)


@dataclass(slots=True)
class CmRow:
    """One printed row: its label (first cell) and one verbatim value (or None) per column of the table; ``measure``
    is the measure word printed in the row itself (``99-16  Yield  5.23``, ``DM  45`` under it), if any; ``scenario``
    the scenario its label names in a block with prices across the columns (``Yield @ 100 PPC``), if any."""

    label: str
    values: list[str | None]
    warnings: list[str] = field(default_factory=list)
    measure: str | None = None
    scenario: str | None = None

    def __init__(self, label: str, values: list[str | None], warnings: list[str] | None = None,
                 measure: str | None = None, scenario: str | None = None) -> None:  # compiled (the dataclass's is not)
        self.label, self.values, self.measure, self.scenario = label, values, measure, scenario
        self.warnings = [] if warnings is None else warnings


@dataclass(slots=True)
class CmTable:
    """One table of an exhibit, numbered from 1 in the order it appears.

    ``scenarios[i]`` and ``measures[i]`` describe column ``i`` (0-based here; ``scenario_no`` is ``i + 1`` in
    the datasets): the scenario label as printed (``"100 PPC"``, ``"Forward LIBOR + 150"``, ``"1"``; a column
    only numbered gets its number) and the measure printed over it (``"Yield"``, ``"Disc Margin"``,
    ``"Break CDR"``), or None when none is printed. In a block with the prices across the columns
    (``price_columns``) ``scenarios`` are the printed prices and each row names its scenario (``CmRow.scenario``).
    """

    table_no: int
    kind: str
    title: str | None = None
    deal: str | None = None
    class_: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)  # header block: (label, verbatim), printed order
    scenarios: list[str] = field(default_factory=list)
    measures: list[str | None] = field(default_factory=list)
    rows: list[CmRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    row_header: str | None = None  # the header printed over the row labels ("Price", "Date", "Disc Margin")
    price_columns: bool = False  # prices across the columns (``scenarios`` are they), scenarios down the rows

    def to_json(self) -> dict[str, Any]:
        printed = {
            "table_no": self.table_no, "kind": self.kind, "title": self.title, "deal": self.deal,
            "class": self.class_, "facts": _first_per_label(self.facts),
            "fact_list": [[label, text] for label, text in self.facts], "scenarios": list(self.scenarios),
            "measures": list(self.measures), "row_header": self.row_header,
            "rows": [_row_json(r) for r in self.rows],
            "warnings": list(self.warnings),
        }
        if self.price_columns:
            printed["price_columns"] = True
        return printed


def _row_json(row: CmRow) -> dict[str, Any]:
    """A row as parse-exhibit prints it; ``measure`` and ``scenario`` only for a row printing its own."""
    printed: dict[str, Any] = {"label": row.label, "values": list(row.values), "warnings": list(row.warnings)}
    if row.measure is not None:
        printed["measure"] = row.measure
    if row.scenario is not None:
        printed["scenario"] = row.scenario
    return printed


def _first_per_label(facts: list[tuple[str, str]]) -> dict[str, str]:
    """``facts`` as printed: a label printed twice (a note under a value, a heading over several lines) keeps its
    first text here; ``fact_list`` has every pair."""
    first: dict[str, str] = {}
    for label, text in facts:
        first.setdefault(label, text)
    return first


@dataclass(slots=True)
class Tranche:
    """One class of a deal summary's tranche (class) table; every field verbatim."""

    table_no: int
    class_: str
    description: str | None = None
    rating: str | None = None
    balance: str | None = None
    coupon: str | None = None
    principal_window: str | None = None
    avg_life: str | None = None
    dated: str | None = None
    notes: str | None = None
    cells: list[tuple[str, str]] = field(default_factory=list)  # every (column header, verbatim cell) of the row

    def to_json(self) -> dict[str, Any]:
        return {
            "table_no": self.table_no, "class": self.class_, "description": self.description, "rating": self.rating,
            "balance": self.balance, "coupon": self.coupon, "principal_window": self.principal_window,
            "avg_life": self.avg_life, "dated": self.dated, "notes": self.notes,
        }


@dataclass(slots=True)
class ExhibitParse:
    """An exhibit document read as Computational Materials."""

    kind_of_exhibit: str
    tables: list[CmTable] = field(default_factory=list)
    tranches: list[Tranche] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind_of_exhibit": self.kind_of_exhibit,
            "tables": [t.to_json() for t in self.tables],
            "tranches": [t.to_json() for t in self.tranches],
            "warnings": list(self.warnings),
        }
