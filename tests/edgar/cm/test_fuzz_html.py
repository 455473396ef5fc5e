"""Fuzzing the HTML reading: the generated grids of :mod:`tests.edgar.cm.grids` printed as Excel, Word or bare
hand-written HTML tables (spacer columns, ``x:num`` cells, ``&nbsp;`` padding, Word runs split in two ``<span>``s,
``<p class=MsoNormal>`` and ``<o:p>``, uppercase unclosed ``<TD>``/``<TR>``, ``<th>`` headers, a ``rowspan``
``Price`` beside a heading spanning the scenarios, the title in a ``<caption>``, a spanning row or a paragraph)
are read column by column as generated: a value may be left out with a warning, never put in another column."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from crawler.edgar.cm.parse import parse_exhibit
from tests.edgar.cm.grids import FUZZ, UNITS, Generated, grids, read_as_generated

TITLE = "CWALT0599_1A - Price/Yield - 1A9"


def _excel(draw: st.DrawFn, text: str, header: bool) -> str:
    pad = draw(st.sampled_from(("", "&nbsp;", " ")))
    return f"<td class=xl{draw(st.integers(24, 70))} align=right x:num>{html.escape(text)}{pad if text else ''}</td>"


def _word(draw: st.DrawFn, text: str, header: bool) -> str:
    if not text:
        return "<td valign=top><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>"
    cut = draw(st.integers(0, len(text)))
    runs = "".join(f"<span style='font-size:8.0pt'>{html.escape(part)}</span>" for part in (text[:cut], text[cut:])
                   if part)
    cell = "th" if header else "td"
    paragraph = f"<p class=MsoNormal align=right>{runs}<o:p></o:p></p>"
    return f"<{cell} valign=top\n  style='padding:0in 5.4pt'>{paragraph}</{cell}>"


def _bare(draw: st.DrawFn, text: str, header: bool) -> str:
    return f"<TD ALIGN=RIGHT>{html.escape(text)}"


@st.composite
def html_grids(draw: st.DrawFn) -> tuple[Generated, str]:
    generated = draw(grids())
    cell = draw(st.sampled_from((_excel, _word, _bare)))
    spacer = "<td class=xl24></td>" if cell is _excel and draw(st.booleans()) else ""
    count = len(generated.rows[0][1])
    end = "" if cell is _bare else "</tr>"

    def row(label: str, texts: list[str], header: bool = False) -> str:
        return f"<tr>{cell(draw, label, header)}{spacer}{''.join(cell(draw, t, header) for t in texts)}{end}\n"

    title = draw(st.sampled_from(("", "caption", "row", "p")))
    rows = [f"<caption>{TITLE}</caption>\n"] if title == "caption" else []
    rows += [f"<tr><td colspan={count + 1}><b>{TITLE}</b></td>{end}\n"] if title == "row" else []
    # "Price" beside a heading over speed scenarios (over others it is part of each label: "Prepayment Speed 1")
    if generated.header and count > 1 and generated.labels[0][-3:] in UNITS and draw(st.booleans()):
        rows.append(f"<tr><th rowspan=2>Price</th>{spacer}<th colspan={count}>Prepayment Speed</th>{end}\n")
        rows.append(f"<tr>{spacer}{''.join(cell(draw, t, True) for t in generated.labels)}{end}\n")
    elif generated.header:
        rows.append(row("Price", generated.labels, header=True))
        if generated.measure:
            rows.append(row("", [generated.measure] * count, header=True))
    rows += [row(label, [v or "" for v in values]) for label, values in generated.rows]
    before = f"<p class=MsoNormal>{TITLE}</p>\n" if title == "p" else ""
    table = f"<table border=0 cellpadding=0>\n{''.join(rows)}</table>"
    return generated, f"<html><body>\n<p>Computational Materials</p>\n{before}{table}\n</body></html>\n"


@FUZZ
@given(html_grids())
def test_generated_grids_printed_as_html_are_read_column_by_column(case: tuple[Generated, str]) -> None:
    generated, text = case
    parsed = parse_exhibit(text)
    assert parsed.warnings == []
    read_as_generated(parsed, generated)
