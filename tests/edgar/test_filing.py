"""parse_filing on the real EDGAR samples, the seed 8-K and damaged inputs (expected values read off the files)."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date, datetime, timezone

import pytest

from crawler.edgar.filing import ParsedFiling, document_text, parse_filing
from tests.edgar.builders import document, minimal_submission, seed_submission, text_blocks
from tests.fixtures.samples import sample, seed_text

# (accession, form, filed, period, accepted_at UTC or None, header_format, items,
#  [(role, cik, name, sic, file_numbers)], [(sequence, type, filename, description)])
REAL = {
    "0001011438-98-000429.txt": (
        "0001011438-98-000429", "8-K", date(1998, 12, 31), date(1998, 12, 15), None, "keyvalue", ["7"],
        [("FILER", 913951, "AAMES CAPITAL CORP", 6189, ["033-70636"])],
        [(1, "8-K", None, "CURRENT REPORT"), (2, "EX-20.1", None, "STATEMENT TO CERTIFICATEHOLDERS")],
    ),
    "0000943374-24-000509.txt": (
        "0000943374-24-000509", "8-K", date(2024, 12, 27), date(2024, 12, 20),
        datetime(2024, 12, 27, 21, 29, 40, tzinfo=timezone.utc), "keyvalue", ["5.02"],
        [("FILER", 1847360, "1895 Bancorp of Wisconsin, Inc. /MD/", 6036, ["001-40609"])],
        [
            (1, "8-K", "form8k_122024.htm", "1895 BANCORP OF WISCONSIN, INC. FORM 8-K DECEMBER 20, 2024"),
            (2, "EX-101.SCH", "bcow-20241220.xsd", "XBRL TAXONOMY EXTENSION SCHEMA"),
            (3, "EX-101.LAB", "bcow-20241220_lab.xml", "XBRL TAXONOMY EXTENSION LABEL LINKBASE"),
            (4, "EX-101.PRE", "bcow-20241220_pre.xml", "XBRL TAXONOMY EXTENSION PRESENTATION LINKBASE"),
            (6, "XML", "R1.htm", "IDEA: XBRL DOCUMENT"),
            (7, "EXCEL", "Financial_Report.xlsx", "IDEA: XBRL DOCUMENT"),
            (8, "XML", "Show.js", "IDEA: XBRL DOCUMENT"),
            (9, "XML", "report.css", "IDEA: XBRL DOCUMENT"),
            (11, "XML", "FilingSummary.xml", "IDEA: XBRL DOCUMENT"),
            (13, "JSON", "MetaLinks.json", "IDEA: XBRL DOCUMENT"),
            (14, "ZIP", "0000943374-24-000509-xbrl.zip", "IDEA: XBRL DOCUMENT"),
            (15, "XML", "form8k_122024_htm.xml", "IDEA: XBRL DOCUMENT"),
        ],
    ),
    "0000929638-25-000114.nc": (
        "0000929638-25-000114", "ABS-15G", date(2025, 1, 10), date(2025, 1, 10), None, "tagged", ["2.01"],
        [
            ("FILER", 1654238, "EFCAR, LLC", 6189, ["025-02288"]),
            ("DEPOSITOR", 1654238, "EFCAR, LLC", 6189, ["333-268757"]),
            ("SECURITIZER", 1654238, "EFCAR, LLC", 6189, ["025-02288"]),
            ("ISSUING ENTITY", 2049379, "Exeter Automobile Receivables Trust 2025-1", 6189, []),
        ],
        [
            (1, "ABS-15G", "abs15g.htm", None),
            (2, "EX-99.1", "exhibit99-1.htm", "REPORT OF INDEPENDENT ACCOUNTANTS ON APPLYING AGREED-UPON PROCEDURES"),
            (3, "GRAPHIC", "ey_logo.jpg", None),
        ],
    ),
    "0000950129-95-001652.txt": (
        "0000950129-95-001652", "24F-2NT", date(1995, 12, 28), date(1995, 10, 31), None, "keyvalue", [],
        [("FILER", 810271, "COMMON SENSE TRUST", None, ["033-11716"])],
        [(1, "24F-2NT", None, "VKAC COMMON SENSE TRUST - GROWTH FUND - 24F-2"),
         (2, "EX-99.11", None, "OPINION OF SULLIVAN & WORCESTER")],
    ),
    "0000899681-95-000096.txt": (
        "0000899681-95-000096", "S-3/A", None, None, None, "none", [], [],
        [(1, "S-3/A", None, None), (2, "EX-99", None, None)],
    ),
    "1990sheader.txt": (
        "0001012325-98-000004", "4", date(1998, 11, 20), date(1998, 10, 31), None, "keyvalue", [],
        [("SUBJECT COMPANY", 1035972, "MORTON INTERNATIONAL INC /IN/", 2890, ["001-12825"]),
         ("REPORTING-OWNER", 1012325, "CANTALUPO JAMES R", None, [])],
        [],
    ),
    "BankOfAmerica.424B5.header.txt": (
        "0000928385-00-003420", "424B5", date(2000, 12, 19), None, None, "keyvalue", [],
        [("FILER", 1014956, "BANK OF AMERICA MORTGAGE SECURITIES INC", 6189, ["333-80941"]),
         ("SERIAL COMPANY", 1130269, "BANK OF AMERICA MORT SEC INC MORT PASS THRU CERTS SER 2000 8", 6189,
          ["333-80941-08"])],
        [],
    ),
    "MultipleFilersHeader.txt": (
        "0001104659-23-069855", "10-D", date(2023, 6, 9), date(2023, 5, 31),
        datetime(2023, 6, 9, 18, 56, 16, tzinfo=timezone.utc), "keyvalue", [],
        [("FILER", 1396730, "First National Master Note Trust", 6189, ["333-140273-01"]),
         ("FILER", 1171040, "FIRST NATIONAL FUNDING LLC", 6189, ["000-50139"])],
        [],
    ),
}


def _parse_sample(name: str) -> tuple[bytes, ParsedFiling]:
    data = sample("submissions", name).read_bytes()
    hint = name.split(".")[0] if name.startswith("0000899681") else None  # the only file without a header
    return data, parse_filing(data, accession_hint=hint)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_sample_header_and_documents(name: str) -> None:
    accession, form, filed, period, accepted, fmt, items, filers, documents = REAL[name]
    data, filing = _parse_sample(name)
    assert filing.errors == []
    assert (filing.accession, filing.form_type, filing.filed_date, filing.period_of_report) == (
        accession, form, filed, period)
    assert filing.accepted_at == accepted
    assert filing.header_format == fmt
    assert filing.items == items
    assert [(c.role, c.cik, c.name, c.sic, c.file_numbers) for c in filing.filers] == filers
    assert [(d.sequence, d.type, d.filename, d.description) for d in filing.documents] == documents


@pytest.mark.parametrize("name", [n for n in sorted(REAL) if REAL[n][8]])
def test_real_sample_document_sizes_match_an_independent_reading(name: str) -> None:
    data, filing = _parse_sample(name)
    blocks = text_blocks(data)
    assert [d.size for d in filing.documents] == [len(block) for block in blocks]
    assert [d.sha256 for d in filing.documents] == [hashlib.sha256(block).hexdigest() for block in blocks]
    assert [document_text(data, d) for d in filing.documents] == [b.decode("latin-1") for b in blocks]


def test_real_sample_uuencoded_binaries_decode_to_valid_files() -> None:
    import io
    import zipfile

    from crawler.edgar.uuencode import find_begin, uudecode

    data, filing = _parse_sample("0000943374-24-000509.txt")
    binaries = {d.filename: d for d in filing.documents if d.encoding == "uuencoded"}
    assert sorted(binaries) == ["0000943374-24-000509-xbrl.zip", "Financial_Report.xlsx"]
    for doc in binaries.values():
        begin = find_begin(data, doc.text_start, doc.text_end)
        assert begin is not None
        decoded = uudecode(data, begin, doc.text_end)
        assert (len(decoded), hashlib.sha256(decoded).hexdigest()) == (doc.decoded_size, doc.decoded_sha256)
        with zipfile.ZipFile(io.BytesIO(decoded)) as archive:  # CRC-checked: the decoding is byte-exact
            assert archive.testzip() is None


def test_real_nc_graphic_is_a_complete_jpeg() -> None:
    from crawler.edgar.uuencode import find_begin, uudecode

    data, filing = _parse_sample("0000929638-25-000114.nc")
    graphic = filing.documents[2]
    assert graphic.encoding == "uuencoded"
    decoded = uudecode(data, find_begin(data, graphic.text_start, graphic.text_end), graphic.text_end)
    assert decoded[:3] == b"\xff\xd8\xff" and decoded.rstrip(b"\x00")[-2:] == b"\xff\xd9"
    assert graphic.decoded_size == len(decoded)


def test_real_abs_facts() -> None:
    _, aames = _parse_sample("0001011438-98-000429.txt")
    assert (aames.abs.is_abs, aames.abs.role, aames.abs.series) == (True, "depositor", "1998-C")
    _, ten_d = _parse_sample("MultipleFilersHeader.txt")
    assert (ten_d.depositor_cik, ten_d.sponsor_cik) == (1171040, 36644)
    assert (ten_d.abs.role, ten_d.abs.depositor_name) == ("trust", "FIRST NATIONAL FUNDING LLC")
    _, nc = _parse_sample("0000929638-25-000114.nc")
    assert (nc.abs.role, nc.abs.trust_name, nc.abs.series) == (
        "depositor", "Exeter Automobile Receivables Trust 2025-1", "2025-1")
    _, bank = _parse_sample("0000943374-24-000509.txt")
    assert (bank.abs.is_abs, bank.abs.role) == (False, "other")


def test_real_header_extras() -> None:
    _, bofa = _parse_sample("BankOfAmerica.424B5.header.txt")
    assert bofa.filers[0].former_names == ["BA MORTGAGE SECURITIES INC/", "BANKAMERICA MORTGAGE SECURITIES INC"]
    assert bofa.file_numbers == ["333-80941", "333-80941-08"]
    assert bofa.primary_cik == 1014956
    _, owner = _parse_sample("1990sheader.txt")
    assert owner.primary_cik == 1035972  # no FILER block: the first company block


def test_index_headers_page_both_header_forms_agree() -> None:
    page = sample("pages", "index-headers.html").read_bytes().decode("latin-1")
    pre = html.unescape(re.search(r"<PRE>(.*)</PRE>", page, re.S).group(1)).encode("latin-1")
    tagged = re.search(r"<!--(.*?)-->", page, re.S).group(1).encode("latin-1")
    from_pre, from_comment = parse_filing(pre), parse_filing(tagged)
    assert (from_pre.header_format, from_comment.header_format) == ("keyvalue", "tagged")
    for filing in (from_pre, from_comment):
        assert (filing.accession, filing.form_type, filing.filed_date, filing.items) == (
            "0000905729-24-000095", "8-K", date(2024, 6, 3), ["5.07"])
        assert filing.accepted_at == datetime(2024, 6, 3, 20, 8, 21, tzinfo=timezone.utc)
        company = filing.filers[0]
        assert (company.cik, company.name, company.sic, company.file_numbers, company.former_names) == (
            803164, "CHOICEONE FINANCIAL SERVICES INC", 6022, ["001-39209"], ["1ST COMMUNITY BANCORP INC"])
    assert from_comment.errors == [] and from_comment.documents == []
    # the listing's blocks are links, not texts: every block lacks </TEXT>, and each is said so
    assert [(d.sequence, d.type) for d in from_pre.documents][:3] == [(1, "8-K"), (2, "EX-101.SCH"),
                                                                      (3, "EX-101.LAB")]
    assert len(from_pre.documents) == 12 and from_pre.documents[-1].filename == "choice8k_060324_htm.xml"
    assert len(from_pre.errors) == 12 and all("missing </TEXT>" in e for e in from_pre.errors)


def test_seed_wrapped_in_a_2004_header() -> None:
    filing = parse_filing(seed_submission(seed_text()))
    assert filing.errors == []
    assert (filing.accession, filing.form_type, filing.filed_date) == ("0000905148-04-002078", "8-K", date(2004, 4, 8))
    assert filing.items == ["5", "7"]
    assert (filing.abs.is_abs, filing.abs.role, filing.abs.depositor_name, filing.abs.series) == (
        True, "depositor", "CWALT, INC.", "2004-J4")
    assert (filing.abs.agreement, filing.abs.agreement_date) == ("Pooling and Servicing Agreement", "2004-04-01")
    assert filing.abs.underwriter == "Countrywide Securities Corporation"
    assert [(r.exhibit, r.se_date, r.rule) for r in filing.se_references] == [("99.2", date(2004, 4, 8), "311(j)")]
    assert filing.se_references[0].timing == "filed"
    assert filing.accepted_at == datetime(2004, 4, 8, 20, 35, 12, tzinfo=timezone.utc)  # EDT = UTC-4


@pytest.mark.parametrize(("note", "timing", "rule"), [
    ("Computational Materials (P) [To be filed on Form SE pursuant to Rule 311(h)]", "to_be_filed", "311(h)"),
    ("Computational Materials (P) [Filed on Form SE]", "filed", None),
])
def test_placeholder_exhibit_documents(note: str, timing: str, rule: str | None) -> None:
    data = seed_submission(seed_text(), document("EX-99.8", 3, note, "w99053exv99w8.htm"))
    filing = parse_filing(data)
    placeholder = filing.documents[2]
    assert (placeholder.exhibit, placeholder.is_placeholder) == ("99.8", True)
    assert [d.is_placeholder for d in filing.documents[:2]] == [False, False]
    refs = {r.exhibit: r for r in filing.se_references}
    assert sorted(refs) == ["99.2", "99.8"]
    assert (refs["99.8"].timing, refs["99.8"].rule, refs["99.8"].source, refs["99.8"].se_date) == (
        timing, rule, "placeholder", None)
    assert refs["99.8"].text == note


def test_paper_flag_and_post_switch_items() -> None:
    body = "ITEM 8.01 Other Events\n\nSee Exhibit.\n\nItem 9.1. Financial Statements and Exhibits\n"
    data = minimal_submission(body, filed="20050110",
                              header_extra="ITEM INFORMATION:\t\tOther Events\n<PAPER>\n")
    filing = parse_filing(data)
    assert filing.paper is True
    assert filing.items == ["8.01", "9.01"]


def test_to_json_has_the_contract_keys() -> None:
    out = parse_filing(seed_submission(seed_text())).to_json()
    for key in ("accession", "form_type", "filed_date", "period_of_report", "accepted_at", "paper", "items",
                "filers", "documents", "abs", "se_references", "errors"):
        assert key in out
    assert out["filed_date"] == "2004-04-08" and out["accepted_at"] == "2004-04-08T20:35:12+00:00"
    assert set(out["filers"][0]) >= {"cik", "name", "sic", "state_of_incorporation", "irs_number",
                                     "file_numbers", "role"}
    assert set(out["documents"][0]) >= {"sequence", "type", "filename", "description", "size", "sha256", "encoding"}
    assert set(out["abs"]) >= {"is_abs", "role", "depositor_name", "series", "trust_name"}
    assert out["se_references"] == [{
        "exhibit": "99.2", "se_date": "2004-04-08", "rule": "311(j)",
        "text": "99.2 Computational Materials filed on Form SE dated April 8, 2004, pursuant to Rule 311(j) "
                "of Regulation S-T.",
        "timing": "filed", "source": "exhibit_index",
    }]


def test_non_ascii_digits_are_reported_not_raised() -> None:
    data = seed_submission(seed_text()).replace(b"<SEQUENCE>2", b"<SEQUENCE>\xb2", 1)
    data = data.replace(b"CENTRAL INDEX KEY:\t\t\t0001269518", b"CENTRAL INDEX KEY:\t\t\t\xb9\xb2", 1)
    filing = parse_filing(data)
    assert filing.documents[1].sequence is None and filing.filers[0].cik is None
    assert "bad document \xb2: <SEQUENCE> '\xb2'" in filing.errors
    assert "header: bad CENTRAL INDEX KEY '\xb9\xb2'" in filing.errors
    assert filing.items == ["5", "7"]  # the rest is still read
