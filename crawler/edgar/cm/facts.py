"""The header block of facts over a CM table: ``(label, verbatim text)`` pairs in printed order.

Three layouts:
- label/value pairs on a line (``Balance  $20,000,000.00  Delay  24  WAC  6.07``); a parenthesised note right
  after a value (``100 PPC  (Ramp from 6 to 20CPR in 12 months)``) is not a fact;
- a run of labels with no values (``Balance  WAC  WAM  Age  WAL``) whose values are printed on the next line, in
  the same order (a heading printed over the run, ``Collateral``, is not part of the labels); the facts are in
  the order the labels are printed: after the pairs printed before the run, before those of the next line;
- a heading line (``Assumptions``, ``Payrule:``), optionally underlined, over lines of text: each line is a text
  under the heading's label.
A label is printed text without its trailing colon; a footnote mark (``WAC(1)``) stays.
"""

from __future__ import annotations

from crawler.edgar.cm.cells import Cell, value_then_label
from crawler.edgar.cm.columns import overlap
from crawler.edgar.cm.values import header_fact

Fact = tuple[str, str]
_MAX_HEADING_LINES = 24
_MAX_HEADING_WORDS = 5


def fact_label(text: str) -> str:
    return text.rstrip(":").rstrip()


def pairs_of(cells: list[Cell]) -> tuple[list[tuple[Cell, Cell]], list[Cell], list[Cell]] | None:
    """A line read as label/value pairs: (pairs, a run of labels left at the end, values left at the end), or
    None when the line starts with a value or mixes labels and values otherwise."""
    pairs: list[tuple[Cell, Cell]] = []
    cells = list(cells)
    i, n = 0, len(cells)
    while i < n and not cells[i][3]:
        label = cells[i]
        if i + 1 < n and not cells[i + 1][3] and (split := value_then_label(cells[i + 1])) is not None:
            cells[i + 1 : i + 2] = split
            n += len(split) - 1
        if i + 1 < n and (cells[i + 1][3] or _takes_any_value(label[2], cells[i + 1][2])):
            pairs.append((label, cells[i + 1]))
            i += 2
            while i < n and cells[i][2].startswith("(") and not cells[i][3]:
                i += 1  # a note on the value, ``(Ramp from 6 to 20CPR in 12 months)``: not a fact
            continue
        if any(cell[3] for cell in cells[i:]):
            return None
        return pairs, cells[i:], []
    if i == 0 or not all(cell[3] for cell in cells[i:]):
        return None
    return pairs, [], cells[i:]


def _takes_any_value(label: str, value: str) -> bool:
    """``Label:`` takes any text; a known header label (``Index``) takes a text with a digit (``LIBOR_1MO | 2``)."""
    return label.endswith(":") or (header_fact(label) is not None and any(ch.isdigit() for ch in value))


def is_fact_line(cells: list[Cell]) -> bool:
    read = pairs_of(cells)
    if read is None or read[2]:
        return False
    pairs, run, _ = read
    labels = {p[0][0] for p in pairs}
    return len(labels) >= 2 or (len(labels) == 1 and (bool(run) or _takes_any_value(pairs[0][0][2], "0")))


def read_facts(lines: list[tuple[str, list[Cell]]]) -> list[Fact]:
    """Facts of a header block, given its printed lines (text, cells) in order; a blank line is ``("", [])`` and
    a dashed rule ``(its text, [])``."""
    facts: list[Fact] = []
    run: list[Cell] = []
    run_at = 0
    heading: str | None = None
    listed = 0
    for index, (text, cells) in enumerate(lines):
        if not cells:
            if not _is_rule(text):
                heading = None
            continue
        if heading is not None and len(cells) == 1 and listed < _MAX_HEADING_LINES:
            facts.append((heading, cells[0][2]))
            listed += 1
            continue
        heading = None
        if len(cells) == 1 and not cells[0][3] and _next_is_list(lines, index):
            heading, listed = fact_label(cells[0][2]), 0
            continue
        read = pairs_of(cells)
        if read is None:
            continue
        pairs, new_run, rest = read
        facts.extend((fact_label(label[2]), value[2]) for label, value in pairs)
        if rest and run:
            facts[run_at:run_at] = _under_run(run, rest)  # in the order the labels are printed
            run = []
        if len(new_run) >= 2:
            run, run_at = new_run, len(facts)
    return facts


def _under_run(run: list[Cell], values: list[Cell]) -> list[Fact]:
    """Values printed under a run of labels: in order when as many, else each under the label it overlaps."""
    if len(values) == len(run):
        return [(fact_label(label[2]), value[2]) for label, value in zip(run, values)]
    found = []
    for value in values:
        over = [label for label in run if overlap((label[0], label[1]), (value[0], value[1]))]
        if len(over) == 1:
            found.append((fact_label(over[0][2]), value[2]))
    return found


def _next_is_list(lines: list[tuple[str, list[Cell]]], index: int) -> bool:
    """A heading line: a few words ending with a colon, or underlined, over a line of one cell."""
    heading = lines[index][1][0][2]
    if len(heading.split()) > _MAX_HEADING_WORDS or heading.endswith((".", ",")):
        return False
    underlined = False
    for text, cells in lines[index + 1 : index + 3]:
        if _is_rule(text):
            underlined = True
            continue
        return (underlined or heading.endswith(":")) and len(cells) == 1
    return False


def _is_rule(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= 3 and set(stripped) <= set("-=_ ")
