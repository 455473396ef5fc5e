"""An exhibit's lines walked top to bottom and assembled into tables (vocabulary "What is one table").

A title opens a context: its title, deal and class, and the facts printed under it, which go to the first table
that follows. A line holding only a class name (``M3``) opens a class block under the same title: the title and
its facts are shared by each class block. Each grid (rows found by :func:`roles.body_rows`, with the header
lines over them) becomes a table; a grid with no header of its own that continues the previous one (after a
page break, or a gap) with the same columns, or a grid after a page break with the same title and columns as
the previous, adds its rows to it. Text printed after a table (``Payrule:`` ...) is not read for facts. A title
with facts and no grid is a table of its own (a deal summary or collateral page without a grid).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.edgar.cm.cells import Cell, LazyCells
from crawler.edgar.cm.facts import Fact, fact_label, read_facts
from crawler.edgar.cm.grid import Grid, read_grid
from crawler.edgar.cm.kinds import classify
from crawler.edgar.cm.model import (
    COLLATERAL, DEAL_SUMMARY, DISCOUNT_MARGIN, OTHER_TABLE, PRICE_YIELD, CmTable, Tranche,
)
from crawler.edgar.cm.price_columns import PriceBlock, block_kind, continued_rows, read_price_columns
from crawler.edgar.cm.roles import ROW, TITLE, Analysis, body_rows, header_lines
from crawler.edgar.cm.segment import BLANK, PAGE, RULE, TEXT
from crawler.edgar.cm.summary import read_tranches, tranche_header
from crawler.edgar.cm.titles import CLASS_ONLY, DEAL_ONLY, STRONG, Title

_CLASS_LOOKAHEAD = 8


@dataclass(slots=True)
class _Context:
    title: str | None = None
    deal: str | None = None
    class_: str | None = None
    hint: str | None = None
    strength: str | None = None
    start: int = -1
    facts: list[Fact] | None = None
    shared: bool = False
    pending: list[int] = field(default_factory=list)
    tables: list[CmTable] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    page_since_table: bool = False


class Layout:
    """Tables and tranches of one analysed exhibit, in printed order (``table_no`` set at the end)."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.tables: list[CmTable] = []
        self.tranches: dict[int, list[Tranche]] = {}
        self.context = _Context()
        self.floor = -1
        self.price_block: tuple[CmTable, PriceBlock] | None = None  # the last table, when read with prices across

    def run(self) -> tuple[list[CmTable], list[Tranche]]:
        lines, roles = self.a.lines, self.a.roles
        i = 0
        while i < len(lines):
            kind = lines[i].kind
            if kind == PAGE:
                self.context.page_since_table = True
            elif kind == TEXT and roles[i] == TITLE and self._opens(i):
                self._switch(self.a.titles[i], i)  # type: ignore[arg-type]
            elif kind == TEXT and self.a.titles[i] is not None:  # a class line that is also the grid's header
                self._switch(self.a.titles[i], i - 1)  # type: ignore[arg-type]
            elif kind == TEXT and roles[i] == ROW:
                rows = body_rows(self.a, i)
                self._grid(header_lines(self.a, i, max(self.context.start, self.floor)), rows)
                self.floor = rows[-1]
                i = rows[-1] + 1
                continue
            elif kind in (TEXT, BLANK, RULE):
                self.context.pending.append(i)
            i += 1
        self._close()
        tranches = []
        for number, table in enumerate(self.tables, start=1):
            table.table_no = number
            for tranche in self.tranches.get(id(table), []):
                tranche.table_no = number
                tranches.append(tranche)
        return self.tables, tranches

    def _opens(self, i: int) -> bool:
        title: Title = self.a.titles[i]  # type: ignore[assignment]
        if title.strength == DEAL_ONLY:
            return not (self.context.strength == STRONG and not self.context.tables)
        if title.strength == CLASS_ONLY and not title.explicit:
            return self._bare_class_ok(i)
        return True

    def _bare_class_ok(self, i: int) -> bool:
        """A line holding only a class name opens a class block when a grid follows and no title just preceded."""
        lines, roles = self.a.lines, self.a.roles
        before = [k for k in range(max(0, i - 6), i) if lines[k].kind == TEXT][-2:]
        if any(roles[k] == TITLE for k in before):
            return False
        ahead = [k for k in range(i + 1, min(len(lines), i + _CLASS_LOOKAHEAD)) if lines[k].kind == TEXT]
        return any(roles[k] == ROW for k in ahead)

    def _switch(self, title: Title, i: int) -> None:
        """A new title opens a context; a class line opens a class block under the current title, sharing the
        facts printed since that title when no table came before it."""
        previous = self.context
        if title.strength == CLASS_ONLY:
            fresh = not previous.tables
            if fresh and previous.facts is None:
                previous.facts, previous.pending = self._read(previous.pending), []
            facts = previous.facts if fresh or previous.shared else None
            self._close(own_table=not fresh)
            self.context = _Context(previous.title, previous.deal, title.class_, previous.hint, previous.strength,
                                    i, facts, shared=facts is not None)
        else:
            self._close()
            self.context = _Context(title.title, title.deal, title.class_, title.hint, title.strength, i)
        self.context.page_since_table = previous.page_since_table

    def _close(self, own_table: bool = True) -> None:
        """End of a context: facts printed after its last table go to it; a title with facts and no grid is a
        table of its own."""
        context = self.context
        if not context.tables and own_table and not context.shared:
            facts = context.facts if context.facts is not None else self._read(context.pending)
            if facts and (context.title or context.class_ or len(facts) >= 3):
                kind = context.hint if context.hint in (DEAL_SUMMARY, COLLATERAL) else \
                    COLLATERAL if "collateral" in (context.title or "").lower() else OTHER_TABLE
                self._add(CmTable(0, kind, context.title, context.deal, context.class_, facts=list(facts)))
        context.pending = []

    def _read(self, pending: list[int]) -> list[Fact]:
        return read_facts([(self.a.lines[k].text, self.a.cells[k]) for k in pending])

    def _facts_for_table(self, header_start: int) -> list[Fact]:
        context = self.context
        before = [k for k in context.pending if k < header_start]
        if context.tables:  # text after a table and before the next one is not read for facts
            own: list[Fact] = list(context.facts or []) if context.shared else []
        else:
            if context.facts is None:
                context.facts = self._read(before)
            own = list(context.facts)
        context.pending = []
        return own

    def _grid(self, header: list[int], rows: list[int]) -> None:
        context = self.context
        start = header[0] if header else rows[0]
        heading = self._heading(start)
        facts = self._facts_for_table(start)
        texts = [self.a.lines[r].text for r in rows]
        cells = _Rows(self.a.cells, rows)
        tranche_at = next((k for k, h in enumerate(header) if tranche_header(self.a.cells[h])), None)
        if tranche_at is not None:
            table = CmTable(0, DEAL_SUMMARY, *self._names(DEAL_SUMMARY), facts=facts)
            body = [(text, cells[k]) for k, text in enumerate(texts)]
            self.tranches[id(table)] = read_tranches(0, [self.a.cells[h] for h in header[tranche_at:]], body,
                                                     table.warnings)
            self._add(table)
            return
        header_texts = [self._header_text(h) for h in header]
        block = read_price_columns(header_texts, texts, cells)
        grid = block.grid if block is not None else None
        price_columns = grid is not None
        warning = None
        if grid is None and not header_texts:
            joined, warning = self._price_block_continued(texts, cells)
            if joined:
                return
        if grid is None:
            if not header_texts and context.tables and context.header:
                continued = read_grid(context.header, texts, cells)
                if continued.scenarios == context.tables[-1].scenarios:
                    context.tables[-1].rows.extend(continued.rows)
                    return
            grid = read_grid(header_texts, texts, cells)
        summary = context.tables[-1] if context.tables and context.tables[-1].kind == DEAL_SUMMARY else None
        if summary is not None and grid.named and len(grid.rows) == 1 and grid.row_header:
            summary.facts.extend(_as_facts(grid))  # the collateral block printed under a deal's tranche table
            return
        kind = block_kind(grid, context.hint) if price_columns else classify(grid, context.hint, heading, facts)
        table = CmTable(0, kind, *self._names(kind), facts=facts, scenarios=grid.scenarios,
                        measures=grid.measures, rows=grid.rows, warnings=grid.warnings, row_header=grid.row_header,
                        price_columns=price_columns)
        if warning is not None:
            table.warnings.append(warning)
        if self._continues(table, bool(header_texts) or price_columns):  # a price line is a block's header
            if block is not None:
                self.price_block = (self.tables[-1], block)
            return
        context.header = header_texts
        self._add(table)
        if block is not None:
            self.price_block = (table, block)

    def _price_block_continued(self, texts: list[str], cells: _Rows) -> tuple[bool, str | None]:
        """After a page break, rows under no header continuing the block with prices across just read (under its
        title, printed again or not) join it; (joined, a warning for a table of their own)."""
        context, last = self.context, self.price_block
        if last is None or not context.page_since_table or last[0] is not self.tables[-1]:
            return False, None
        table, block = last
        if table not in context.tables and (context.tables or (context.title, context.class_) != (table.title,
                                                                                                 table.class_)):
            return False, None
        rows, warning = continued_rows(block, len(table.scenarios), texts, cells)
        if rows is None:
            return False, warning
        table.rows.extend(rows)
        context.page_since_table = False
        return True, None

    def _header_text(self, at: int) -> str:
        """A header line; on a class line that heads its block (``Class 2A1:  SEQ  0 PSA  100 PSA``) the class and
        its description are blanked, leaving the scenarios in place."""
        text = self.a.lines[at].text
        if self.a.titles[at] is None or self.a.roles[at] == TITLE:
            return text
        cells = self.a.cells[at]
        first = next((c for c in cells if c[3]), None)
        return " " * first[0] + text[first[0] :] if first else text

    def _names(self, kind: str) -> tuple[str | None, str | None, str | None]:
        """Title, deal and class of a table: the context's, unless its title names another kind of table (a
        deal summary printed after a price/yield page with no title of its own); a deal summary has no class."""
        context = self.context
        if context.hint and context.hint != kind and {context.hint, kind} != {PRICE_YIELD, DISCOUNT_MARGIN}:
            return None, None, None
        return context.title, context.deal, None if kind == DEAL_SUMMARY else context.class_

    def _continues(self, table: CmTable, has_header: bool) -> bool:
        """After a page break: the same grid (title, class, kind, columns) continued; its rows join it."""
        last = self.tables[-1] if self.tables else None
        if last is None or not has_header or not self.context.page_since_table:
            return False
        if (last.title, last.class_, last.kind, last.scenarios) != (table.title, table.class_, table.kind,
                                                                     table.scenarios):
            return False
        if table.facts and table.facts != last.facts:
            return False
        last.rows.extend(table.rows)
        last.warnings.extend(table.warnings)
        self.context.page_since_table = False
        return True

    def _add(self, table: CmTable) -> None:
        self.tables.append(table)
        self.context.tables.append(table)
        self.context.page_since_table = False

    def _heading(self, start: int) -> str:
        near = [k for k in self.context.pending if start - 5 <= k < start and len(self.a.cells[k]) == 1]
        return " ".join(self.a.cells[k][0][2] for k in near) + " " + (self.context.title or "")


def _as_facts(grid: Grid) -> list[Fact]:
    """A one-row grid under a run of labels (``Name  Oterm  WAM`` over ``W.Loan  360  358``) as facts."""
    row = grid.rows[0]
    facts = [(fact_label(grid.row_header or ""), row.label)] if row.label else []
    facts += [(fact_label(name), value) for name, value in zip(grid.scenarios, row.values) if value is not None]
    return facts


class _Rows:
    """The cells of a grid's rows, by row number in the grid (read only when asked for)."""

    __slots__ = ("_cells", "_rows")

    def __init__(self, cells: LazyCells, rows: list[int]) -> None:
        self._cells, self._rows = cells, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> list[Cell]:
        return self._cells[self._rows[index]]

    def read(self, index: int) -> bool:
        return self._cells.read(self._rows[index])
