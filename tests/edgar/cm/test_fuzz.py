"""Fuzzing the parser: generated grids are read column by column as generated (a value may be left out, with a
warning, never put in another column); truncated, ragged, header-less text and 10 MB of noise never raise and
never give a value that is not printed in the input."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.edgar.cm import grid as grid_module
from crawler.edgar.cm.model import ExhibitParse
from crawler.edgar.cm.parse import parse_exhibit
from tests.edgar.cm.exhibits import BREAK_CDR, DEAL_SUMMARY, DEUTSCHE_BANK, INTEX_PRICE_YIELD, ONE_CELL_PER_LINE
from tests.edgar.cm.grids import FUZZ, Generated, grids, read_as_generated

CM = "Computational Materials\n\n"
_MARKER = re.compile(r"</?(?:S|C|TABLE|CAPTION|FN|F\d{1,2}|R|PAGE)>", re.IGNORECASE)


def _printed(parsed: ExhibitParse) -> tuple[list[str], list[str]]:
    """Every text the parser returned as read from the input: verbatim ones, and column headers, which may join
    the words printed on two header lines (``Tranche`` over ``Name``)."""
    verbatim: list[str] = []
    headers: list[str] = []
    for table in parsed.tables:
        verbatim += [t for t in (table.title, table.deal, table.class_, table.row_header) if t]
        verbatim += [text for pair in table.facts for text in pair]
        headers += [s for s in table.scenarios if not s.isdigit()] + [m for m in table.measures if m]
        for row in table.rows:
            verbatim += [row.label] + [v for v in row.values if v is not None]
    for tranche in parsed.tranches:
        verbatim += [text for _header, text in tranche.cells]
        headers += [header for header, _text in tranche.cells]
    return verbatim, headers


def _nothing_invented(parsed: ExhibitParse, text: str) -> None:
    """Each text is in the input as printed (SEC's ``<S>``, ``<C>``, ``<PAGE>`` ... markers are not text); blanks
    may differ (a tab prints as blanks) and a label may have lost its trailing colon."""
    words = _MARKER.sub(" ", text).split()
    known, squashed = set(words) | {word.rstrip(":") for word in words}, " ".join(words)
    verbatim, headers = _printed(parsed)
    for printed in verbatim:
        parts = printed.split()
        assert all(part in known for part in parts), printed
        assert len(parts) == 1 or " ".join(parts) in squashed or " ".join(parts) + ":" in squashed, printed
    for header in headers:
        assert all(word in known for word in header.split()), header


@FUZZ
@given(grids())
def test_generated_grids_are_read_column_by_column(generated: Generated) -> None:
    parsed = parse_exhibit(CM + generated.text)
    assert parsed.warnings == []
    _nothing_invented(parsed, generated.text)
    read_as_generated(parsed, generated)


@FUZZ
@given(grids(), st.data())
def test_truncated_text_never_invents(generated: Generated, data: st.DataObject) -> None:
    text = CM + generated.text
    cut = data.draw(st.integers(len(CM), len(text)))
    parsed = parse_exhibit(text[:cut])
    assert parsed.warnings == []
    _nothing_invented(parsed, text[:cut])


@FUZZ
@given(st.sampled_from((INTEX_PRICE_YIELD, DEUTSCHE_BANK, BREAK_CDR, DEAL_SUMMARY, ONE_CELL_PER_LINE)), st.data())
def test_ragged_exhibits_never_invent(exhibit: str, data: st.DataObject) -> None:
    """Cells deleted, blanks inserted, lines dropped or cut, tabs put in: still no exception, nothing invented."""
    lines = exhibit.split("\n")
    for _ in range(data.draw(st.integers(1, 12))):
        k = data.draw(st.integers(0, len(lines) - 1))
        line = lines[k]
        edit = data.draw(st.sampled_from(("drop", "cut", "blanks", "tab", "delete_word")))
        if edit == "drop":
            lines.pop(k)
        elif edit == "cut" and line:
            lines[k] = line[: data.draw(st.integers(0, len(line)))]
        elif edit == "blanks" and line:
            at = data.draw(st.integers(0, len(line)))
            lines[k] = line[:at] + " " * data.draw(st.integers(1, 6)) + line[at:]
        elif edit == "tab" and line:
            at = data.draw(st.integers(0, len(line)))
            lines[k] = line[:at] + "\t" + line[at:]
        elif edit == "delete_word" and line.split():
            words = list(re.finditer(r"\S+", line))
            word = words[data.draw(st.integers(0, len(words) - 1))]
            lines[k] = line[: word.start()] + " " * len(word.group()) + line[word.end() :]
        if not lines:
            break
    text = "\n".join(lines)
    parsed = parse_exhibit(CM + text)
    assert parsed.warnings == []
    _nothing_invented(parsed, CM + text)


@FUZZ
@given(grids())
def test_a_grid_without_its_header_is_numbered(generated: Generated) -> None:
    text = "\n".join(line for line in generated.text.split("\n") if not line.startswith("Price"))
    parsed = parse_exhibit(CM + text)
    assert parsed.warnings == []
    _nothing_invented(parsed, text)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.-+()$%,/ \t\n<>PAGESTBLCxyzWAL|:"), max_size=3000))
def test_random_text_never_raises(text: str) -> None:
    parsed = parse_exhibit(CM + text)
    assert parsed.warnings == []
    _nothing_invented(parsed, CM + text)


def test_ten_megabytes_of_noise() -> None:
    rng = random.Random(14)
    alphabet = "0123456789.-+ ()$%,/ \t\nPRICEYIELDppcPSAcpr<PAGE><TABLE><S><C>--==|:"
    pieces = [INTEX_PRICE_YIELD, BREAK_CDR]
    while sum(len(p) for p in pieces) < 10_000_000:
        pieces.append("".join(rng.choices(alphabet, k=2000)))
        pieces.append(" ".join(f"{rng.uniform(-99, 999):.{rng.randint(0, 4)}f}" for _ in range(rng.randint(1, 30))))
    text = CM + "\n".join(pieces)
    parsed = parse_exhibit(text)
    assert parsed.warnings == [] and parsed.tables
    assert parsed.tables[0].title == "CWALT0512_2A - Price/Yield - 2A4"
    _nothing_invented(parsed, text)


@FUZZ
@given(grids())
def test_the_fast_reading_of_long_grids_equals_the_general_one(generated: Generated) -> None:
    text = CM + generated.text
    fast = parse_exhibit(text).to_json()
    saved = grid_module._sliced
    grid_module._sliced = lambda *_args: None
    try:
        assert parse_exhibit(text).to_json() == fast
    finally:
        grid_module._sliced = saved
