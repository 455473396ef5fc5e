"""split_submission: header region and document blocks by byte offsets, damaged inputs included."""

from __future__ import annotations

from crawler.edgar.sgml import split_submission
from tests.edgar.builders import document, text_blocks
from tests.fixtures.samples import sample

TWO_DOCS = (
    b"<SEC-DOCUMENT>0000000001-05-000001.txt : 20050110\n<SEC-HEADER>0000000001-05-000001.hdr.sgml : 20050110\n"
    b"ACCESSION NUMBER:\t\t0000000001-05-000001\n</SEC-HEADER>\n"
    + document("8-K", 1, "first body\nline two", "a.txt", "MAIN")
    + document("EX-99.1", 2, "second body", "b.txt")
    + b"</SEC-DOCUMENT>\n"
)


def _texts(data: bytes) -> list[bytes]:
    return [data[b.text_start : b.text_end] for b in split_submission(data).documents]


def test_header_region_and_document_tags() -> None:
    envelope = split_submission(TWO_DOCS)
    assert envelope.header_kind == "sec-header" and envelope.errors == []
    assert TWO_DOCS[envelope.header_start : envelope.header_end] == b"0000000001-05-000001.hdr.sgml : 20050110\n" \
        b"ACCESSION NUMBER:\t\t0000000001-05-000001\n"
    assert envelope.document_line == "0000000001-05-000001.txt : 20050110"
    assert [b.tags for b in envelope.documents] == [
        {"TYPE": "8-K", "SEQUENCE": "1", "FILENAME": "a.txt", "DESCRIPTION": "MAIN"},
        {"TYPE": "EX-99.1", "SEQUENCE": "2", "FILENAME": "b.txt"},
    ]
    assert _texts(TWO_DOCS) == [b"first body\nline two", b"second body"]


def test_real_samples_offsets_equal_a_regex_reading() -> None:
    for name in ("0001011438-98-000429.txt", "0000943374-24-000509.txt", "0000929638-25-000114.nc",
                 "0000950129-95-001652.txt", "0000899681-95-000096.txt"):
        data = sample("submissions", name).read_bytes()
        envelope = split_submission(data)
        assert envelope.errors == [] and all(b.errors == [] for b in envelope.documents), name
        assert _texts(data) == text_blocks(data), name


def test_cr_only_and_crlf_line_breaks() -> None:
    crlf = TWO_DOCS.replace(b"\n", b"\r\n")
    cr = TWO_DOCS.replace(b"\n", b"\r")
    assert _texts(crlf) == [b"first body\r\nline two", b"second body"]
    assert _texts(cr) == [b"first body\rline two", b"second body"]


def test_missing_close_tags_are_reported_and_text_is_kept() -> None:
    no_text_close = TWO_DOCS.replace(b"line two\n</TEXT>\n", b"line two\n", 1)
    envelope = split_submission(no_text_close)
    assert [b.tags["SEQUENCE"] for b in envelope.documents] == ["1", "2"]
    assert envelope.documents[0].errors and "missing </TEXT>" in envelope.documents[0].errors[0]
    assert no_text_close[envelope.documents[0].text_start : envelope.documents[0].text_end] == b"first body\nline two"
    assert _texts(no_text_close)[1] == b"second body"

    no_doc_close = TWO_DOCS.replace(b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>", b"</TEXT>\n<DOCUMENT>", 1)
    envelope = split_submission(no_doc_close)
    assert "missing </DOCUMENT>" in envelope.documents[0].errors[0]
    assert _texts(no_doc_close) == [b"first body\nline two", b"second body"]


def test_truncated_submission() -> None:
    cut = TWO_DOCS[: TWO_DOCS.index(b"second body") + 3]
    envelope = split_submission(cut)
    assert any("truncated" in e for e in envelope.errors)
    assert len(envelope.documents) == 2 and "missing </TEXT>" in envelope.documents[1].errors[0]
    assert _texts(cut) == [b"first body\nline two", b"sec"]


def test_document_without_text_and_header_only_files() -> None:
    data = b"<SEC-HEADER>\nACCESSION NUMBER:\t\t0000000001-05-000001\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n</DOCUMENT>\n"
    envelope = split_submission(data)
    assert envelope.documents[0].has_text is False and "no <TEXT>" in envelope.documents[0].errors[0]
    header_only = sample("submissions", "BankOfAmerica.424B5.header.txt").read_bytes()
    envelope = split_submission(header_only)
    assert envelope.documents == [] and envelope.errors == [] and envelope.header_kind == "sec-header"


def test_stray_document_tag_inside_text_is_not_a_new_document() -> None:
    quoted = TWO_DOCS.replace(b"first body", b"quoting <DOCUMENT> in prose", 1)
    assert [b.tags["TYPE"] for b in split_submission(quoted).documents] == ["8-K", "EX-99.1"]
    nested = TWO_DOCS.replace(b"line two\n</TEXT>\n</DOCUMENT>\n", b"line two\n", 1)
    envelope = split_submission(nested)  # first block never closed: the next real <DOCUMENT><TYPE> ends it
    assert [b.tags["TYPE"] for b in envelope.documents] == ["8-K", "EX-99.1"]
    assert _texts(nested) == [b"first body\nline two", b"second body"]


def test_header_forms_located() -> None:
    assert split_submission(b"<SUBMISSION>\n<ACCESSION-NUMBER>1\n<DOCUMENT>\n").header_kind == "submission"
    assert split_submission(b"<IMS-HEADER>\nX: 1\n</IMS-HEADER>\n").header_kind == "ims-header"
    assert split_submission(b"").header_kind == "none"
    assert split_submission(b"<SEC-HEADER>\nACCESSION NUMBER: 1\n").errors == ["header: missing </SEC-HEADER>"]
