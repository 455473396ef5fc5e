"""Header forms: KEY:value (tabs or spaces), tagged, IMS, stray tags, several company blocks and roles."""

from __future__ import annotations

from crawler.edgar.header import parse_header, parse_keyvalue, parse_tagged
from tests.fixtures.samples import sample


def _companies(header):
    return [(c.role, c.cik, c.name, c.sic, c.sic_description, c.file_numbers, c.former_names) for c in header.companies]


def test_keyvalue_sample_with_two_filers_and_abs_tags() -> None:
    text = sample("submissions", "MultipleFilersHeader.txt").read_text("latin-1")
    header = parse_header(text, "bare")
    assert header.format == "keyvalue" and header.errors == []
    assert header.first("DEPOSITOR-CIK") == "0001171040" and header.first("SPONSOR-CIK") == "0000036644"
    assert header.first("ABS ASSET CLASS") == "Credit card"  # key padded with spaces before its tab
    assert header.first("ACCEPTANCE-DATETIME") == "20230609145616"
    assert _companies(header) == [
        ("FILER", 1396730, "First National Master Note Trust", 6189, "ASSET-BACKED SECURITIES", ["333-140273-01"], []),
        ("FILER", 1171040, "FIRST NATIONAL FUNDING LLC", 6189, "ASSET-BACKED SECURITIES", ["000-50139"], []),
    ]
    trust = header.companies[0]
    assert (trust.irs_number, trust.state_of_incorporation, trust.fiscal_year_end, trust.film_numbers) == (
        "000000000", "DE", "1231", ["231004915"])


def test_mixed_keyvalue_and_tag_roles_of_the_1990s() -> None:
    header = parse_header(sample("submissions", "1990sheader.txt").read_text("latin-1"), "sec-header")
    assert _companies(header) == [
        ("SUBJECT COMPANY", 1035972, "MORTON INTERNATIONAL INC /IN/", 2890, "MISCELLANEOUS CHEMICAL PRODUCTS",
         ["001-12825"], ["NEW MORTON INTERNATIONAL INC"]),
        ("REPORTING-OWNER", 1012325, "CANTALUPO JAMES R", None, None, [], []),
    ]


def test_space_separated_header_with_one_line_former_company() -> None:
    text = (
        "ACCESSION NUMBER: 0000049071-94-000003\nCONFORMED SUBMISSION TYPE: 10-K\nFILED AS OF DATE: 19940330\n"
        "FILED BY:\nCOMPANY DATA:\nCOMPANY CONFORMED NAME:  HUMANA INC\nCENTRAL INDEX KEY:       0000049071\n"
        "STANDARD INDUSTRIAL CLASSIFICATION: 8062\nSTATE OF INCORPORATION:  DE\n"
        "FORMER COMPANY:  FORMER CONFORMED NAME: EXTENDICARE INC          DATE OF NAME CHANGE: 19740404\n"
        "FORMER COMPANY:  FORMER CONFORMED NAME: HERITAGE HOUSE OF AMERICA INC  DATE OF NAME CHANGE: 19671129\n"
        "FILING VALUES:\nFORM TYPE: 10-K\nSEC FILE NUMBER: 001-05975\nSTREET 2:\n"
    )
    header = parse_header(text, "ims-header")
    assert header.format == "ims"
    assert header.first("FILED AS OF DATE") == "19940330"
    assert _companies(header) == [
        ("FILED BY", 49071, "HUMANA INC", 8062, None, ["001-05975"],
         ["EXTENDICARE INC", "HERITAGE HOUSE OF AMERICA INC"]),
    ]


def test_tagged_nc_header_roles_mapped_to_keyvalue_spelling() -> None:
    raw = sample("submissions", "0000929638-25-000114.nc").read_bytes()
    header = parse_tagged(raw[: raw.index(b"<DOCUMENT>")].decode("latin-1"))
    assert header.first("ACCESSION NUMBER") == "0000929638-25-000114"
    assert header.first("CONFORMED SUBMISSION TYPE") == "ABS-15G"
    assert header.fields["ITEMS"] == ["2.01"]
    assert [c.role for c in header.companies] == ["FILER", "DEPOSITOR", "SECURITIZER", "ISSUING ENTITY"]


def test_condensed_tagged_header_several_tags_a_line() -> None:
    text = (
        "<ACCEPTANCE-DATETIME>20190430162156\n"
        "<ACCESSION-NUMBER>0001104659-19-025328  <TYPE>10-Q  <PUBLIC-DOCUMENT-COUNT>119  <PERIOD>20190331\n"
        "<FILING-DATE>20190430  <DATE-OF-FILING-DATE-CHANGE>20190430\n"
        "<SUBJECT-COMPANY> <COMPANY-DATA> <CONFORMED-NAME>INTERNATIONAL BUSINESS MACHINES CORP  <CIK>0000051143"
        "  <ASSIGNED-SIC>3570 </COMPANY-DATA>\n<FILING-VALUES> <FORM-TYPE>10-Q <FILE-NUMBER>001-02360 "
        "<FILM-NUMBER>19782072 </FILING-VALUES>\n<FORMER-COMPANY> <FORMER-CONFORMED-NAME>OLD NAME  "
        "<DATE-CHANGED>19000101 </FORMER-COMPANY> </SUBJECT-COMPANY>\n<PAPER>\n"
    )
    header = parse_tagged(text)
    assert (header.first("ACCESSION NUMBER"), header.first("CONFORMED SUBMISSION TYPE"),
            header.first("CONFORMED PERIOD OF REPORT"), header.first("DATE AS OF CHANGE")) == (
        "0001104659-19-025328", "10-Q", "20190331", "20190430")
    assert header.has("PAPER")
    assert _companies(header) == [("SUBJECT COMPANY", 51143, "INTERNATIONAL BUSINESS MACHINES CORP", 3570, None,
                                   ["001-02360"], ["OLD NAME"])]


def test_roles_and_oddities_in_keyvalue() -> None:
    text = (
        "ACCESSION NUMBER:\t\t1\nITEM INFORMATION:\nFILED AS OF DATE:\t\t20040408\n\n"
        "SUBJECT COMPANY:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tTARGET\n"
        "\t\tCENTRAL INDEX KEY:\t\t\tnot-a-number\n\tFILING VALUES:\n\t\tSEC FILE NUMBER:\t005-1\n"
        "\tFILING VALUES:\n\t\tSEC FILE NUMBER:\t005-2\n"
        "FILED BY:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tBIDDER\n"
        "SOME NEW ROLE:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tTHIRD\n"
    )
    header = parse_keyvalue(text)
    assert [(c.role, c.name, c.file_numbers) for c in header.companies] == [
        ("SUBJECT COMPANY", "TARGET", ["005-1", "005-2"]), ("FILED BY", "BIDDER", []), ("SOME NEW ROLE", "THIRD", []),
    ]
    assert header.fields["ITEM INFORMATION"] == [""]
    assert header.errors == ["header: bad CENTRAL INDEX KEY 'not-a-number'"]


def test_unknown_text_is_no_header() -> None:
    assert parse_header("hello world\nnothing here", "bare").format == "none"
