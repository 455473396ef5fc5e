"""kind_of_exhibit: from the type, the description, the title line and the content."""

from __future__ import annotations

from crawler.edgar.cm.detect import kind_of_exhibit
from tests.edgar.cm import exhibits as x


def test_by_description_and_type() -> None:
    text = "Some tables."
    assert kind_of_exhibit(text, doc_type="EX-99.1", description="COMPUTATIONAL MATERIALS") == "computational_materials"
    assert kind_of_exhibit(text, doc_type="EX-99.2", description="Collateral Term Sheets") == "collateral_term_sheet"
    assert kind_of_exhibit(text, doc_type="EX-99.3", description="ABS Term Sheet") == "term_sheet"
    assert kind_of_exhibit(x.INTEX_PRICE_YIELD, doc_type="8-K", description="FORM 8-K") == "other"
    assert kind_of_exhibit(text, doc_type="EX-4.1", description="Pooling and Servicing Agreement") == "other"
    assert kind_of_exhibit(x.FLOATER_NO_MEASURE, doc_type="EX-4.1") == "other"  # tables are looked for in 99.x
    assert kind_of_exhibit(x.FLOATER_NO_MEASURE, doc_type="EX-99.4") == "computational_materials"


def test_by_title_line_and_content() -> None:
    assert kind_of_exhibit(x.INTEX_PRICE_YIELD) == "computational_materials"
    assert kind_of_exhibit("EXHIBIT 99.2\n\n   Collateral Term Sheets\n\n...") == "collateral_term_sheet"
    assert kind_of_exhibit("EXHIBIT 99.3\n\nABS Term Sheet\n") == "term_sheet"
    for exhibit in (x.FLOATER_NO_MEASURE, x.YIELDS_TO_PRICE, x.COLLATERAL, x.SPEED_UNITS):
        assert kind_of_exhibit(exhibit) == "computational_materials"
    assert kind_of_exhibit("MONTHLY DISTRIBUTION REPORT\nClass A-1  1,000.00  PSA agreement\n") == "other"


def test_form_se_placeholders() -> None:
    stub = "Computational Materials (P)\n[To be filed on Form SE pursuant to Rule 311(h)]\n"
    assert kind_of_exhibit(stub, doc_type="EX-99.2", description="COMPUTATIONAL MATERIALS") == "placeholder"
    assert kind_of_exhibit("<html><body><p>(P) Filed on Form SE dated April 8, 2004.</p></body></html>") == \
        "placeholder"
