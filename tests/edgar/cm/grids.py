"""Hypothesis strategies for printed CM grids: what was generated (the truth, column by column) and the text.

A generated grid is printed the way desk tools print them: a label column, then value columns of random widths
separated by at least two blanks (one when both neighbours are numbers), each value aligned right, left or
centred inside its column, headers over the columns aligned their own way, optionally a measure line, dashed
rules, ``<TABLE>``/``<S>``/``<C>`` markers, a title and a header block, or all of it as tab-separated fields.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from crawler.edgar.cm.model import ExhibitParse

UNITS = ("PPC", "CPR", "PSA", "CPB")
FUZZ = settings(max_examples=int(os.environ.get("CM_FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOOTERS = ("WAL", "Mod Durn", "Avg Life", "Duration", "Principal Window", "WAL (yrs)")


@dataclass
class Generated:
    labels: list[str]  # scenario labels (printed only when ``header``)
    rows: list[tuple[str, list[str | None]]]
    header: bool
    measure: str | None
    text: str


@st.composite
def scenario_labels(draw: st.DrawFn, count: int) -> list[str]:
    style = draw(st.sampled_from(("speed", "glued", "numbered", "libor")))
    if style == "numbered":
        return [str(k) for k in range(1, count + 1)]
    if style == "libor":
        return [f"Forward LIBOR + {50 * k}" for k in range(count)]
    unit = draw(st.sampled_from(UNITS))
    speeds = sorted(draw(st.lists(st.integers(0, 600), min_size=count, max_size=count, unique=True)))
    return [f"{s}{unit}" if style == "glued" else f"{s} {unit}" for s in speeds]


@st.composite
def price_labels(draw: st.DrawFn, count: int) -> list[str]:
    style = draw(st.sampled_from(("32", "plus", "dec", "decimal")))
    first = draw(st.integers(90 * 64, 110 * 64))
    step = draw(st.sampled_from((2, 4, 8)))
    out = []
    for k in range(count):
        sixty_fourths = first + step * k
        handle, rest = divmod(sixty_fourths, 64)
        if style == "decimal":
            out.append(f"{sixty_fourths / 64:.6f}")
        elif style == "dec":
            out.append(f"{handle}-{rest / 2:05.2f}")
        else:
            out.append(f"{handle}-{rest // 2:02d}" + ("+" if style == "plus" and rest % 2 else ""))
    return out


number = st.one_of(
    st.floats(-50, 250, allow_nan=False).map(lambda v: f"{v:.3f}"),
    st.floats(0, 99, allow_nan=False).map(lambda v: f"{v:.2f}"),
    st.integers(0, 999).map(str),
    st.floats(0.01, 99, allow_nan=False).map(lambda v: f"({v:.2f})"),
    st.floats(0.01, 99, allow_nan=False).map(lambda v: f"{v:.2f}%"),
    st.integers(1, 10**9).map(lambda v: f"{v:,}.00"),
)
window = st.tuples(st.sampled_from(("Jan", "Apr", "Aug", "Nov")), st.integers(4, 35), st.integers(5, 40)).map(
    lambda t: f"{t[0]}{t[1]:02d} - {t[0]}{t[2]:02d}")
cell = st.one_of(number, number, number, window, st.just("N/A"))


def _align(text: str, width: int, how: str) -> str:
    if how == "right":
        return text.rjust(width)
    if how == "left":
        return text.ljust(width)
    return text.center(width)


@st.composite
def grids(draw: st.DrawFn) -> Generated:
    columns = draw(st.integers(1, 8))
    price_rows = draw(st.integers(1, 10))
    footers = draw(st.lists(st.sampled_from(FOOTERS), max_size=3, unique=True))
    labels = draw(scenario_labels(columns))
    header = draw(st.booleans()) or columns == 1
    measure = draw(st.sampled_from((None, "Yield", "Disc Margin", "Price"))) if header else None
    rows = [(label, draw(st.lists(st.one_of(st.none(), number), min_size=columns, max_size=columns)))
            for label in draw(price_labels(price_rows))]
    rows += [(label, draw(st.lists(st.one_of(st.none(), cell), min_size=columns, max_size=columns)))
             for label in footers]
    rows = [(label, values) for label, values in rows if any(v is not None for v in values)] or \
        [(rows[0][0], ["1.000"] * columns)]
    if not header:  # a column printed empty in every row cannot be seen without a header over it
        rows[0] = (rows[0][0], [v if v is not None or any(r[1][k] for r in rows) else "0.5"
                                for k, v in enumerate(rows[0][1])])
    if draw(st.booleans()):
        text = _tab_separated(labels if header else None, measure, rows)
    else:
        text = _fixed_width(draw, labels if header else None, measure, rows)
    title = draw(st.sampled_from(("", "CWALT0599_1A - Price/Yield - 1A9\n\n", "DEAL_X0599_GRP1 -- 1A9\n\n")))
    return Generated(labels, rows, header, measure, title + text)


def _fixed_width(draw: st.DrawFn, labels: list[str] | None, measure: str | None,
                 rows: list[tuple[str, list[str | None]]]) -> str:
    """Each column: a gap of blanks, then its content width; every text aligned inside that width."""
    count = len(rows[0][1])
    indent = draw(st.integers(0, 8))
    label_width = indent + max(len(label) for label, _ in rows)
    widths, gaps, aligns, head_aligns = [], [], [], []
    for k in range(count):
        texts = [values[k] for _, values in rows if values[k] is not None]
        texts += [labels[k]] if labels else []
        texts += [measure] if measure else []
        widths.append(max((len(t) for t in texts), default=1) + draw(st.integers(0, 5)))
        gaps.append(draw(st.integers(2, 6)))
        aligns.append(draw(st.sampled_from(("right", "right", "left", "center"))))
        head_aligns.append(aligns[-1] if draw(st.booleans()) else draw(st.sampled_from(("right", "left"))))

    def line(label: str, texts: list[str], how: list[str]) -> str:
        return (label.ljust(label_width) + "".join(" " * g + _align(t, w, a)
                                                   for t, g, w, a in zip(texts, gaps, widths, how))).rstrip()

    lines = []
    rule = "-" * (label_width + sum(widths) + sum(gaps))
    if labels:
        lines.append(line("Price", labels, head_aligns))
        if draw(st.booleans()):
            lines.append(rule)
        if measure:
            lines.append(line("", [measure] * count, aligns))
    if draw(st.booleans()):
        lines.append("<S>".ljust(label_width) + "".join("<C>".ljust(w + g) for w, g in zip(widths, gaps)))
    for label, values in rows:
        lines.append(line(" " * indent + label, [v or "" for v in values], aligns))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(("", rule))))
    body = "\n".join(lines)
    return f"<TABLE>\n{body}\n</TABLE>\n" if draw(st.booleans()) else body + "\n"


def _tab_separated(labels: list[str] | None, measure: str | None, rows: list[tuple[str, list[str | None]]]) -> str:
    lines = []
    if labels:
        lines.append("\t".join(["Price", *labels]))
        if measure:
            lines.append("\t".join(["", *[measure] * len(labels)]))
    lines += ["\t".join([label, *[v or "" for v in values]]) for label, values in rows]
    return "\n".join(lines) + "\n"


def read_as_generated(parsed: ExhibitParse, generated: Generated) -> None:
    """Each generated row is read with its values in their columns (one left out only with a warning)."""
    rows = {row.label: (table, row) for table in parsed.tables for row in table.rows}
    for label, values in generated.rows:
        assert label in rows, (label, [r.label for t in parsed.tables for r in t.rows])
        table, row = rows[label]
        assert len(row.values) == len(values), (row.values, values)
        for got, printed in zip(row.values, values):
            if printed is None:
                assert got is None, (got, values)
            elif got is None:
                assert row.warnings or table.warnings, (label, row.values, values)
            else:
                assert got == printed, (label, row.values, values)
        if generated.header:
            assert table.scenarios == generated.labels
