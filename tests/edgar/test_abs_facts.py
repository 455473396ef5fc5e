"""ABS deal facts from header company blocks and cover text."""

from __future__ import annotations

from crawler.edgar.abs_facts import abs_facts
from crawler.edgar.header import Company
from crawler.edgar.textnorm import markup_to_text
from tests.fixtures.samples import seed_text

CWALT = Company(cik=1269518, name="CWALT, INC.", sic=6189, file_numbers=["333-110343"])


def test_seed_cover() -> None:
    facts = abs_facts([CWALT], markup_to_text(seed_text().decode("latin-1")))
    assert (facts.is_abs, facts.role, facts.depositor_name, facts.series) == (True, "depositor", "CWALT, INC.", "2004-J4")
    assert (facts.agreement, facts.agreement_date) == ("Pooling and Servicing Agreement", "2004-04-01")
    assert facts.underwriter == "Countrywide Securities Corporation"
    assert "file number 333-110343: depositor shelf" in facts.evidence


def test_seed_cover_alone_names_the_depositor() -> None:
    facts = abs_facts([], markup_to_text(seed_text().decode("latin-1")))
    assert (facts.is_abs, facts.depositor_name, facts.series) == (True, "CWALT, INC.", "2004-J4")


def test_trust_filed_8k_names_depositor_from_cover() -> None:
    trust = Company(cik=1304811, name="CWABS Revolving Home Equity Loan Trust, Series 2004-M", sic=6189,
                    file_numbers=["333-109272-28"])
    cover = (
        "CWABS, INC.\n(as Depositor under the Sale and Servicing Agreement, dated as of October 1, 2004)\n"
        "CWABS Revolving Home Equity Loan Trust, Series 2004-M\n"
    )
    facts = abs_facts([trust], cover)
    assert (facts.role, facts.depositor_name, facts.trust_name, facts.series) == (
        "trust", "CWABS, INC.", "CWABS Revolving Home Equity Loan Trust, Series 2004-M", "2004-M")
    assert (facts.agreement, facts.agreement_date) == ("Sale and Servicing Agreement", "2004-10-01")


def test_reg_ab_captions() -> None:
    cover = (
        "Alternative Loan Trust 2007-J1\n-------------------------------------\n"
        "(Exact name of the issuing entity)\nCommission File Number of the issuing entity: 333-131630-86\n\n"
        "CWALT, Inc.\n__________________________\n(Exact name of the depositor as specified in its charter)\n"
        "Commission File Number of the depositor: 333-131630\n"
    )
    trust = Company(cik=1385950, name="Alternative Loan Trust 2007-J1", sic=6189, file_numbers=["333-131630-86"])
    facts = abs_facts([trust], cover)
    assert (facts.role, facts.depositor_name, facts.trust_name, facts.series) == (
        "trust", "CWALT, Inc.", "Alternative Loan Trust 2007-J1", "2007-J1")


def test_header_signals() -> None:
    depositor_tag = abs_facts([Company(cik=5, name="X TRUST 2006-1"), Company(cik=7, name="X FUNDING LLC")], "",
                              depositor_cik=7)
    assert (depositor_tag.is_abs, depositor_tag.role, depositor_tag.depositor_name) == (True, "trust", "X FUNDING LLC")
    by_name = abs_facts([Company(cik=9, name="HOMESTAR MORTGAGE ACCEP CORP ASST BACK CERTS SER 2004-3", sic=6189)], "")
    assert (by_name.role, by_name.series) == ("trust", "2004-3")
    old_shelf = abs_facts([Company(cik=906410, name="CWMBS INC", sic=6189, file_numbers=["33-63714"])], "")
    assert old_shelf.role == "depositor"


def test_not_abs() -> None:
    bank = abs_facts([Company(cik=1, name="SOME BANK", sic=6022, file_numbers=["001-1"])],
                     "Item 5.02 Departure of Directors\nThe board appointed a new officer.")
    assert (bank.is_abs, bank.role, bank.depositor_name, bank.series, bank.evidence) == (False, "other", None, None, [])


def test_underwriter_defined_term() -> None:
    cover = 'Lehman Brothers Inc. (the "Underwriter") has prepared Computational Materials.'
    assert abs_facts([CWALT], cover).underwriter == "Lehman Brothers Inc."


def test_depositor_name_split_over_two_printed_lines() -> None:
    cover = ("<HTML><BODY>\n<P>                 CREDIT SUISSE FIRST BOSTON MORTGAGE SECURITIES</P>\n"
             "<P>                 CORPORATION, (as depositor under the Pooling and</P>\n"
             "<P>                 Servicing Agreement, dated as of August 1, 2004,</P>\n"
             "<P>                 Mortgage-Backed Pass-Through Certificates, Series</P>\n<P>2004-AR1).</P>\n"
             "</BODY></HTML>")
    trust = Company(cik=1, name="CSFB MORTGAGE-BACKED PASS-THROUGH CERTIFICATES SERIES 2004-AR1", sic=6189,
                    file_numbers=["333-185336-01"])
    facts = abs_facts([trust], markup_to_text(cover))
    assert (facts.role, facts.depositor_name, facts.series, facts.agreement_date) == (
        "trust", "CREDIT SUISSE FIRST BOSTON MORTGAGE SECURITIES CORPORATION", "2004-AR1", "2004-08-01")


def test_joint_filing_takes_the_depositor_block_of_the_same_shelf() -> None:
    trust = Company(cik=1257251, name="RFMSI SERIES 2003-S2 TRUST", sic=6189, file_numbers=["333-104651-02"])
    depositor = Company(cik=774352, name="RESIDENTIAL FUNDING MORTGAGE SECURITIES I INC", sic=6189,
                        file_numbers=["333-104651"])
    cover = "RESIDENTIAL FUNDING MORTGAGE SECURITIES I, INC., (as\ndepositor under the Pooling and Servicing Agreement"
    facts = abs_facts([trust, depositor], cover)
    assert (facts.role, facts.depositor_name, facts.trust_name) == (
        "trust", "RESIDENTIAL FUNDING MORTGAGE SECURITIES I INC", "RFMSI SERIES 2003-S2 TRUST")
