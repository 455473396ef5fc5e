"""crawler.edgar.doctext: what a document's readable text is, for SEC plain text, HTML and uuencoded binaries."""

from __future__ import annotations

from crawler.edgar.doctext import HTML, TEXT, UUENCODED, decode_document, document_format, readable_text

SEC_TEXT_TABLE = """
                                  EXHIBIT 99.1

<TABLE>
<CAPTION>
CLASS    FACE VALUE      PRINCIPAL BALANCE
</CAPTION>
<S>      <C>            <C>
A-1      226,053,834.33    136,353,729.92
</TABLE>
<PAGE>
"""


def test_sec_plain_text_with_table_markers_is_text_and_keeps_its_columns() -> None:
    assert document_format(SEC_TEXT_TABLE, uuencoded=False) == TEXT
    text = readable_text(SEC_TEXT_TABLE, TEXT)
    assert text is not None
    assert "A-1      226,053,834.33    136,353,729.92" in text
    assert "<TABLE>" not in text and "<PAGE>" not in text and "<S>" not in text
    assert text.startswith("                                  EXHIBIT 99.1")


def test_html_is_shown_as_a_browser_shows_it() -> None:
    page = ("<HTML><HEAD><TITLE>not shown</TITLE><STYLE>p {color: red}</STYLE></HEAD><BODY>\n"
            "<P>Computational   Materials</P>\n<TABLE><TR><TD>1A3</TD><TD>96-04</TD></TR></TABLE>"
            "<SCRIPT>var hidden = 1;</SCRIPT><P>&nbsp;</P><P>Yield&nbsp;5.497&amp;more</P></BODY></HTML>")
    assert document_format(page, uuencoded=False) == HTML
    assert readable_text(page, HTML) == "Computational Materials\n1A3 96-04\n\nYield 5.497&more"


def test_html_inside_pre_keeps_its_spacing() -> None:
    page = "<html><body><pre>Price    Yield\n96-04    5.497</pre></body></html>"
    assert readable_text(page, HTML) == "Price    Yield\n96-04    5.497"


def test_uuencoded_documents_have_no_text() -> None:
    assert document_format("begin 644 x.pdf\nM....\nend\n", uuencoded=True) == UUENCODED
    assert readable_text("begin 644 x.pdf\nM....\nend\n", UUENCODED) is None


def test_utf8_is_decoded_as_utf8_and_anything_else_byte_for_byte() -> None:
    assert decode_document("Price \u2014 Yield".encode()) == "Price \u2014 Yield"
    assert decode_document(b"caf\xe9 \x81") == "caf\xe9 \x81"


def test_unclosed_script_tags_hide_nothing_after_them() -> None:
    # 200,000 unclosed tags: a search for each one's end over the rest of the text took minutes here
    text = readable_text("<html><body><p>head</p>" + "<script " * 200_000 + "<p>tail</p>", HTML)
    assert text is not None and text.startswith("head") and text.endswith("tail")
