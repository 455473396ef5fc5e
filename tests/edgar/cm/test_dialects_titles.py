"""Class blocks as other desks print them: ``Class 1A1`` (or ``CLASS 1A2``, ``Tranche A-1``) alone on a line
with no colon, under a deal title naming no class. Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.titles import CLASS_ONLY, DEAL_ONLY, STRONG, Title, read_title

CLASS_BLOCKS = """\
Computational Materials

CWALT 2005-34CB - Price/Yield

Class 1A1

Price          50 PPC     100 PPC
                Yield       Yield
     99-24      5.531       5.538
     99-28      5.521       5.525

CLASS 1A2

Price          50 PPC     100 PPC
                Yield       Yield
     98-00      5.731       5.838
WAL             11.42        6.37
"""

UNTITLED_CLASS = """\
Computational Materials

Class 2A1

Price          50 PPC     100 PPC     150 PPC
                Yield       Yield       Yield
     99-24      5.531       5.538       5.545
WAL             11.42        6.37        4.12
"""


def test_a_class_line_without_colon_names_the_class() -> None:
    for text, class_ in (("Class 2A1", "2A1"), ("CLASS M-1", "M-1"), ("Tranche A-1", "A-1"), ("  Class A  ", "A")):
        title = read_title(text)
        assert title is not None and (title.strength, title.title, title.deal, title.class_) == (
            CLASS_ONLY, None, None, class_), text
    for text in ("Class     Rating", "Class Rating", "Class Description", "Class 2A1 is the senior class",
                 "Class  Balance  Coupon"):
        title = read_title(text)
        assert title is None or title.class_ is None, text


def test_class_blocks_under_one_deal_title() -> None:
    parsed = parse_exhibit(CLASS_BLOCKS)
    assert parsed.warnings == []
    assert [(t.table_no, t.kind, t.title, t.deal, t.class_) for t in parsed.tables] == [
        (1, "price_yield", "CWALT 2005-34CB - Price/Yield", "CWALT 2005-34CB", "1A1"),
        (2, "price_yield", "CWALT 2005-34CB - Price/Yield", "CWALT 2005-34CB", "1A2")]
    first, second = parsed.tables
    assert first.scenarios == second.scenarios == ["50 PPC", "100 PPC"]
    assert [(r.label, r.values) for r in first.rows] == [("99-24", ["5.531", "5.538"]), ("99-28", ["5.521", "5.525"])]
    assert [(r.label, r.values) for r in second.rows] == [("98-00", ["5.731", "5.838"]), ("WAL", ["11.42", "6.37"])]


def test_a_class_line_under_no_title() -> None:
    table = parse_exhibit(UNTITLED_CLASS).tables[0]
    assert (table.title, table.deal, table.class_, table.kind) == (None, None, "2A1", "price_yield")
    assert [(r.label, r.values) for r in table.rows] == [
        ("99-24", ["5.531", "5.538", "5.545"]), ("WAL", ["11.42", "6.37", "4.12"])]


BRACKETED_TITLES = """\
Computational Materials

[CWALT 2005-34CB] - Price/Yield - [1A1]

Price          50 PPC     100 PPC
                Yield       Yield
     99-24      5.531       5.538
WAL             11.42        6.37

CWALT0534CB - Dec - [1A1]

Date           50 PPC     100 PPC
Initial           100         100
10/25/06           97          93
"""


def test_bracketed_deal_and_class_are_read_without_the_brackets() -> None:
    parsed = parse_exhibit(BRACKETED_TITLES)
    assert [(t.kind, t.title, t.deal, t.class_) for t in parsed.tables] == [
        ("price_yield", "[CWALT 2005-34CB] - Price/Yield - [1A1]", "CWALT 2005-34CB", "1A1"),
        ("decrement", "CWALT0534CB - Dec - [1A1]", "CWALT0534CB", "1A1")]
    assert [(r.label, r.values) for r in parsed.tables[0].rows] == [("99-24", ["5.531", "5.538"]),
                                                                   ("WAL", ["11.42", "6.37"])]


def test_bracketed_title_lines() -> None:
    assert read_title("[CWALT0534CB_1A] -- [A3]") == Title(STRONG, "[CWALT0534CB_1A] -- [A3]", "CWALT0534CB_1A", "A3")
    assert read_title("[CWABS 2004-14]") == Title(DEAL_ONLY, "[CWABS 2004-14]", "CWABS 2004-14", None)
    assert read_title("[Preliminary] - Subject to change") is None
