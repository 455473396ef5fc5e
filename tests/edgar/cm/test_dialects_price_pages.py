"""A block with the prices across its columns continued on the next page without its price line printed again
(``<PAGE>``, the title printed again or not): the rows on the next page belong to the same block, under the same
prices, when they print in the same columns; else they are a table of their own, with a warning. Expected values
read off the text by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows
from tests.edgar.cm.grids import FUZZ

NEXT_PAGE = """\
CWALT0534CB_1A - Price/Yield - 1A3

Balance   $20,000,000.00   Delay   24

Price:                   99-16       99-24      100-00      100-08
Yield @ 100 PPC          5.231       5.196       5.161       5.126
Yield @ 200 PPC          5.180       5.122       5.064       5.006
<PAGE>
Yield @ 300 PPC          5.120       5.050       4.980       4.910
WAL (yrs) @ 100 PPC       6.42        6.42        6.42        6.42
"""

TITLE_AGAIN = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
<PAGE>
CWALT0534CB_1A - Price/Yield - 1A3

Yield @ 300 PPC          5.120       5.050       4.980
Mod Durn @ 300 PPC        4.81        4.80        4.79
"""

PREPAY_AFTER_PAGE = """\
CWALT0534CB_1A - Price/Yield - 1A5

                                      Yield
Prepay             99.50000     99.75000    100.00000
100 PPC               5.231        5.196        5.161
200 PPC               5.180        5.122        5.064
<PAGE>
300 PPC               5.120        5.050        4.980
"""

BANDS_AFTER_PAGE = """\
CWALT0534CB_1A - Price/Yield - 1A9

Price:                   99-16       99-24
Yield @ 100 PPC          5.231       5.196

Price:                  100-00      100-08
Yield @ 100 PPC          5.161       5.126
<PAGE>
Yield @ 200 PPC          5.064       5.006
"""

SHIFTED = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00      100-08
Yield @ 100 PPC          5.231       5.196       5.161       5.126
<PAGE>
Yield @ 300 PPC      5.120     5.050     4.980     4.910
"""

FEWER_COLUMNS = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00      100-08
Yield @ 100 PPC          5.231       5.196       5.161       5.126
<PAGE>
Yield @ 300 PPC          5.120       5.050       4.980
Yield @ 400 PPC          5.100       5.020       4.940
"""

NEXT_CLASS = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
<PAGE>
CWALT0534CB_1A - Price/Yield - 1A4

Yield @ 100 PPC          5.331       5.296       5.261
"""

PRICE_ROWS_NEXT = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
<PAGE>
100-08                   5.126       5.090       5.054
"""

PRICE_LINE_AGAIN = """\
CWALT0534CB_1A - Price/Yield - 1A3

Price:                   99-16       99-24      100-00
Yield @ 100 PPC          5.231       5.196       5.161
<PAGE>
CWALT0534CB_1A - Price/Yield - 1A3

Price:               99-16    99-24   100-00
Yield @ 200 PPC      5.180    5.122    5.064
<PAGE>
Yield @ 300 PPC      5.120    5.050    4.980
"""


def _values(text: str) -> set[tuple[int, int, int, float | None, str, str | None, float | None, float | None]]:
    """(table_no, row_no, scenario_no, price, measure, scenario, speed, value) of every cm_values row."""
    return {(r["table_no"], r["row_no"], r["scenario_no"], r["price"], r["measure"], r["scenario"], r["speed"],
             r["value"]) for r in exhibit_rows(parse_exhibit(text)).values}


def test_rows_on_the_next_page_join_the_block_under_its_prices() -> None:
    parsed = parse_exhibit(NEXT_PAGE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.price_columns, table.scenarios, table.warnings) == (True, ["99-16", "99-24", "100-00", "100-08"],
                                                                      [])
    assert table.facts == [("Balance", "$20,000,000.00"), ("Delay", "24")]
    assert [(r.label, r.measure, r.scenario, r.values, r.warnings) for r in table.rows] == [
        ("Yield @ 100 PPC", "Yield", "100 PPC", ["5.231", "5.196", "5.161", "5.126"], []),
        ("Yield @ 200 PPC", "Yield", "200 PPC", ["5.180", "5.122", "5.064", "5.006"], []),
        ("Yield @ 300 PPC", "Yield", "300 PPC", ["5.120", "5.050", "4.980", "4.910"], []),
        ("WAL (yrs) @ 100 PPC", "WAL (yrs)", "100 PPC", ["6.42", "6.42", "6.42", "6.42"], [])]
    values = _values(NEXT_PAGE)
    assert len(values) == 16
    assert (1, 3, 1, 99.5, "yield", "300 PPC", 300.0, 5.120) in values
    assert (1, 3, 4, 100.25, "yield", "300 PPC", 300.0, 4.910) in values
    assert (1, 4, 3, 100.0, "wal", "100 PPC", 100.0, 6.42) in values


def test_the_title_printed_again_on_the_next_page_keeps_one_block() -> None:
    parsed = parse_exhibit(TITLE_AGAIN)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.class_, table.scenarios) == ("1A3", ["99-16", "99-24", "100-00"])
    assert [(r.measure, r.scenario, r.values) for r in table.rows] == [
        ("Yield", "100 PPC", ["5.231", "5.196", "5.161"]), ("Yield", "300 PPC", ["5.120", "5.050", "4.980"]),
        ("Mod Durn", "300 PPC", ["4.81", "4.80", "4.79"])]
    assert (1, 3, 2, 99.75, "mod_duration", "300 PPC", 300.0, 4.80) in _values(TITLE_AGAIN)


def test_a_speed_on_the_next_page_under_a_prepay_column_keeps_its_scenario() -> None:
    table = parse_exhibit(PREPAY_AFTER_PAGE).tables[0]
    assert [(r.label, r.scenario) for r in table.rows] == [("100 PPC", "100 PPC"), ("200 PPC", "200 PPC"),
                                                           ("300 PPC", "300 PPC")]
    assert (1, 3, 3, 100.0, "yield", "300 PPC", 300.0, 4.980) in _values(PREPAY_AFTER_PAGE)


def test_rows_on_the_next_page_take_the_columns_of_the_last_price_line() -> None:
    table = parse_exhibit(BANDS_AFTER_PAGE).tables[0]
    assert table.scenarios == ["99-16", "99-24", "100-00", "100-08"]
    assert [(r.scenario, r.values) for r in table.rows] == [
        ("100 PPC", ["5.231", "5.196", None, None]), ("100 PPC", [None, None, "5.161", "5.126"]),
        ("200 PPC", [None, None, "5.064", "5.006"])]
    values = _values(BANDS_AFTER_PAGE)
    assert (1, 3, 3, 100.0, "yield", "200 PPC", 200.0, 5.064) in values
    assert (1, 3, 4, 100.25, "yield", "200 PPC", 200.0, 5.006) in values
    assert len(values) == 6


def test_rows_whose_columns_do_not_line_up_are_a_table_of_their_own_with_a_warning() -> None:
    parsed = parse_exhibit(SHIFTED)
    assert len(parsed.tables) == 2
    block, orphan = parsed.tables
    assert [(r.label, r.values) for r in block.rows] == [("Yield @ 100 PPC", ["5.231", "5.196", "5.161", "5.126"])]
    assert not orphan.price_columns
    assert any("do not line up under its prices" in w for w in orphan.warnings)
    assert not any(r["price"] is not None for r in exhibit_rows(parsed).values if r["table_no"] == 2)
    assert {r["value_text"] for r in exhibit_rows(parsed).values if r["table_no"] == 1} == {
        "5.231", "5.196", "5.161", "5.126"}


def test_rows_printing_fewer_columns_than_the_prices_are_not_attached() -> None:
    parsed = parse_exhibit(FEWER_COLUMNS)
    assert len(parsed.tables) == 2
    assert [r.label for r in parsed.tables[0].rows] == ["Yield @ 100 PPC"]
    assert any("do not line up under its prices" in w for w in parsed.tables[1].warnings)


def test_a_new_title_on_the_next_page_starts_a_new_table() -> None:
    parsed = parse_exhibit(NEXT_CLASS)
    assert [t.class_ for t in parsed.tables] == ["1A3", "1A4"]
    assert [r.values for r in parsed.tables[0].rows] == [["5.231", "5.196", "5.161"]]
    assert {"5.331", "5.296", "5.261"} <= set(parsed.tables[1].rows[0].values)
    assert not any("line up" in w for t in parsed.tables for w in t.warnings)


def test_the_price_line_printed_again_on_the_next_page_keeps_one_block() -> None:
    parsed = parse_exhibit(PRICE_LINE_AGAIN)
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.scenarios, table.warnings) == (["99-16", "99-24", "100-00"], [])
    assert [(r.scenario, r.values) for r in table.rows] == [
        ("100 PPC", ["5.231", "5.196", "5.161"]), ("200 PPC", ["5.180", "5.122", "5.064"]),
        ("300 PPC", ["5.120", "5.050", "4.980"])]  # the third page lines up under the second page's prices
    values = _values(PRICE_LINE_AGAIN)
    assert (1, 2, 3, 100.0, "yield", "200 PPC", 200.0, 5.064) in values
    assert (1, 3, 1, 99.5, "yield", "300 PPC", 300.0, 5.120) in values
    assert len(values) == 9


def test_price_rows_on_the_next_page_are_not_rows_of_the_block() -> None:
    parsed = parse_exhibit(PRICE_ROWS_NEXT)
    assert len(parsed.tables) == 2
    assert [r.label for r in parsed.tables[0].rows] == ["Yield @ 100 PPC"]
    assert [r.label for r in parsed.tables[1].rows] == ["100-08"]


@st.composite
def blocks_over_two_pages(draw: st.DrawFn) -> tuple[str, list[str], list[tuple[str, str, list[str]]], int, int]:
    """A block with prices across, every value right-aligned under its price, its rows split by ``<PAGE>`` after
    row ``cut``; the rows of the second page shifted ``shift`` characters (0: lined up, else overlapping no price or
    the wrong ones): (text, prices, rows, cut, shift)."""
    count = draw(st.integers(2, 5))
    first = draw(st.integers(96 * 32, 102 * 32))
    prices = [f"{(first + 8 * k) // 32}-{(first + 8 * k) % 32:02d}" for k in range(count)]
    rows = []
    for _ in range(draw(st.integers(2, 6))):
        speed, unit = draw(st.integers(0, 600)), draw(st.sampled_from(("PPC", "CPR", "PSA")))
        name = draw(st.sampled_from(("Yield", "DM", "WAL", "Mod Durn")))
        values = [f"{draw(st.floats(0, 99, allow_nan=False)):.3f}" for _ in range(count)]
        rows.append((f"{name} @ {speed} {unit}", f"{speed} {unit}", values))
    cut = draw(st.integers(1, len(rows) - 1))
    shift = draw(st.sampled_from((0, 0, -7, -6, 6, 7, 12)))  # 6 or more: off its price (values are 5 characters
    # wide, prices 5 or 6); 7 to 12: partly or wholly under the next price, the last value under none
    width = 12
    label_width = max(len(label) for label, _s, _v in rows) + 8

    def line(label: str, cells: list[str], moved: int = 0) -> str:
        return (label.ljust(label_width + moved) + "".join(c.rjust(width) for c in cells)).rstrip()

    printed = [line("Price:", prices)] + [line(label, values) for label, _s, values in rows[:cut]] + ["<PAGE>"] + \
        [line(label, values, shift) for label, _s, values in rows[cut:]]
    return "CWALT0599_1 - Price/Yield - 1A1\n\n" + "\n".join(printed) + "\n", prices, rows, cut, shift


@FUZZ
@given(blocks_over_two_pages())
def test_rows_after_a_page_join_only_when_lined_up(block: tuple[str, list[str], list[tuple], int, int]) -> None:
    text, prices, rows, cut, shift = block
    parsed = parse_exhibit(text)
    first = parsed.tables[0]
    assert first.price_columns and first.scenarios == prices
    kept = rows if shift == 0 else rows[:cut]
    assert [(r.label, r.scenario, r.values) for r in first.rows] == kept
    if shift == 0:
        assert len(parsed.tables) == 1
    else:
        assert len(parsed.tables) == 2 and not parsed.tables[1].price_columns
        assert any("do not line up under its prices" in w for w in parsed.tables[1].warnings)
    priced = {(r["row_no"], r["scenario_no"], r["value_text"], r["price"]) for r in exhibit_rows(parsed).values
              if r["table_no"] == 1}
    assert priced == {(row_no, k + 1, value, _price_of(prices[k])) for row_no, (_l, _s, values) in
                      enumerate(kept, 1) for k, value in enumerate(values)}


def _price_of(text: str) -> float:
    handle, ticks = text.split("-")
    return int(handle) + int(ticks) / 32
