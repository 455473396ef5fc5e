"""Form SE references: cover sentences, exhibit-index rows, placeholder documents, merging."""

from __future__ import annotations

from datetime import date

from crawler.edgar.se_refs import (
    SeReference, exhibit_from_type, is_placeholder, merge_references, placeholder_reference, references_in_text,
)
from crawler.edgar.textnorm import markup_to_text
from tests.fixtures.samples import seed_text


def _summary(refs: list[SeReference]) -> list[tuple]:
    return [(r.exhibit, r.se_date, r.rule, r.timing, r.source) for r in refs]


def test_seed_has_one_sentence_and_two_rows_about_99_2() -> None:
    refs = references_in_text(markup_to_text(seed_text().decode("latin-1")))
    assert sorted(_summary(refs), key=str) == sorted([
        ("99.2", date(2004, 4, 8), None, "filed", "cover"),
        ("99.2", date(2004, 4, 8), "311(j)", "filed", "exhibit_index"),
        ("99.2", date(2004, 4, 8), "311(j)", "filed", "exhibit_index"),
    ], key=str)
    cover = next(r for r in refs if r.source == "cover")
    assert cover.text == ("The Computational Materials listed as Exhibit 99.2 hereto were filed on Form SE dated "
                          "April 8, 2004.")
    merged = merge_references(refs)
    assert _summary(merged) == [("99.2", date(2004, 4, 8), "311(j)", "filed", "exhibit_index")]


def test_html_exhibit_table_with_paper_marks() -> None:
    page = (
        "<html><body><p>Item 9.01 Financial Statements and Exhibits</p><table>"
        "<tr><td>99.1</td><td>Computational Materials</td></tr>"
        "<tr><td>99.7</td><td>Computational Materials (P)</td></tr>"
        "<tr><td>99.8</td><td>Collateral Term Sheets (P) [To be filed on Form SE pursuant to Rule&nbsp;311(h)]</td>"
        "</tr></table></body></html>"
    )
    refs = merge_references(references_in_text(markup_to_text(page)))
    assert _summary(refs) == [
        ("99.7", None, None, "unknown", "exhibit_index"),
        ("99.8", None, "311(h)", "to_be_filed", "exhibit_index"),
    ]


def test_sentence_listing_several_exhibits_and_numeric_date() -> None:
    text = ("Exhibits 99.3 and 99.4 will be filed\nunder cover of Form SE dated 5/14/2004 pursuant\n"
            "to Rule 311 (j) of Regulation S-T.\n")
    assert _summary(references_in_text(text)) == [
        ("99.3", date(2004, 5, 14), "311(j)", "to_be_filed", "cover"),
        ("99.4", date(2004, 5, 14), "311(j)", "to_be_filed", "cover"),
    ]


def test_no_reference_without_a_paper_statement() -> None:
    text = ("99.1 Computational Materials dated April 6, 2004 (the Depositor (P) is named) are attached.\n"
            "Nothing here was filed on paper by the registrant's form.\n")
    assert references_in_text(text, paper_marks=False) == []
    assert references_in_text("Item 8.01 Other Events\nThe trustee distributed funds.\n") == []


def test_placeholders() -> None:
    note = "Computational Materials (P) [To be filed on Form SE pursuant to Rule 311(h)]"
    assert is_placeholder(note) and is_placeholder("(P) [Filed on Form SE]")
    assert not is_placeholder("Computational Materials for the Series 2004-J4 certificates, 40 pages of tables.")
    assert not is_placeholder(note + " " + "x" * 700)  # a long exhibit mentioning Form SE is not a placeholder
    ref = placeholder_reference(note, "EX-99.8")
    assert (ref.exhibit, ref.se_date, ref.rule, ref.timing, ref.source, ref.text) == (
        "99.8", None, "311(h)", "to_be_filed", "placeholder", note)
    filed = placeholder_reference("(P) [Filed on Form SE dated April 8, 2004]", "EX-99.2")
    assert (filed.exhibit, filed.se_date, filed.timing) == ("99.2", date(2004, 4, 8), "filed")


def test_exhibit_from_type() -> None:
    assert [exhibit_from_type(t) for t in ("EX-99.2", "EX-99", "EX-4.1", "ex-101.sch", "8-K", "GRAPHIC", None)] == [
        "99.2", "99", "4.1", "101.SCH", None, None, None]


def test_merge_keeps_richest_and_drops_redundant_unnumbered() -> None:
    cover = SeReference(None, date(2004, 4, 8), None, "materials were filed on Form SE dated April 8, 2004", "filed",
                        "cover")
    row = SeReference("99.2", None, "311(j)", "99.2 ... Rule 311(j)", "unknown", "exhibit_index")
    sentence = SeReference("99.2", date(2004, 4, 8), None, "Exhibit 99.2 ... Form SE dated", "filed", "cover")
    merged = merge_references([cover, row, sentence])
    assert _summary(merged) == [("99.2", date(2004, 4, 8), "311(j)", "filed", "exhibit_index")]
    other_date = SeReference(None, date(2004, 5, 1), None, "... Form SE dated May 1, 2004", "filed", "cover")
    assert [r.exhibit for r in merge_references([row, other_date])] == ["99.2", None]
    assert _summary(merge_references([cover])) == [(None, date(2004, 4, 8), None, "filed", "cover")]


def test_html_with_one_paragraph_per_printed_line() -> None:
    lines = [
        "         The Computational Materials listed as Exhibit 99.2 hereto were filed",
        "on Form SE dated April 28, 2005, pursuant to Rule 311(j) of Regulation S-T.", "&nbsp;",
        "(d)      Exhibits:", "&nbsp;",
        "            99.1     Computational Materials dated April 28, 2005.",
        "            99.2     Computational Materials filed on Form SE dated",
        "                     April 28, 2005, pursuant to Rule 311(j) of",
        "                     Regulation S-T.",
    ]
    page = "<HTML><BODY>\n" + "\n".join(f"<P>{line}</P>" for line in lines) + "\n</BODY></HTML>"
    refs = references_in_text(markup_to_text(page))
    assert _summary(refs) == [
        ("99.2", date(2005, 4, 28), "311(j)", "filed", "cover"),
        ("99.2", date(2005, 4, 28), "311(j)", "filed", "exhibit_index"),
    ]


def test_prose_after_an_exhibit_row_is_not_part_of_the_row() -> None:
    text = ("99.1 Computational Materials dated April 6, 2004.\n"
            "The materials listed as Exhibit 99.3 were filed on Form SE dated April 9, 2004.\n")
    assert _summary(references_in_text(text)) == [("99.3", date(2004, 4, 9), None, "filed", "cover")]
