"""Cover page and signature of a synthetic Form 8-K, laid out like the 2004 depositor 8-Ks (80 columns)."""

from __future__ import annotations

import random
import re
from datetime import date

from crawler.mirror.synth_blocks import wrap
from crawler.mirror.synth_calendar import ITEMS_SWITCH, REG_AB, long_date
from crawler.mirror.synth_companies import Company
from crawler.mirror.synth_model import Deal, Filing

WIDTH = 80
STATE_NAMES = {"DE": "Delaware", "NY": "New York", "CA": "California", "MD": "Maryland", "NV": "Nevada",
               "TX": "Texas", "NJ": "New Jersey", "PA": "Pennsylvania", "IL": "Illinois", "MA": "Massachusetts",
               "FL": "Florida", "OH": "Ohio", "MN": "Minnesota", "VA": "Virginia", "NE": "Nebraska", "": "Delaware"}  # fmt: skip
SIGNERS = ("Darlene Ashby", "Michael T. Reyes", "Karen L. Whitfield", "Thomas J. Albrecht", "Renee Castellano",
           "Howard P. Lindqvist", "Joan M. Okafor", "Steven R. Baumann")  # fmt: skip
TITLES = ("Vice President", "Senior Vice President", "Executive Vice President", "Chief Financial Officer",
          "Secretary", "Authorized Signatory", "Managing Director")  # fmt: skip


def display_name(company: Company) -> str:
    """How a cover writes a conformed name (``CWALT INC`` -> ``CWALT, INC.``)."""
    name = re.sub(r"\s*/[A-Z]{2}/$", "", company.name)  # "/DE/" marks the state in EDGAR names only
    if name.isupper():
        for tail, shown in ((" INC", ", INC."), (" CORP", " CORPORATION")):
            if name.endswith(tail):
                return name[: -len(tail)] + shown
    return name


def center(text: str) -> str:
    return text.center(WIDTH).rstrip()


def depositor_paragraph(deal: Deal, filed: date, rng: random.Random) -> list[str]:
    """``CWALT, INC., (as depositor under the Pooling and Servicing Agreement, dated as of ..., Series ...).``"""
    shown = display_name(deal.depositor)
    profile = deal.profile
    tense = "to be dated" if filed < deal.closing else "dated"
    text = (f"{shown}, (as depositor under the {profile.agreement}, {tense} as of {long_date(deal.agreement_date)}, "
            f"providing for the issuance of the {shown}, {profile.product}, Series {deal.series}).")  # fmt: skip
    width = rng.choice((66, 70, 74))
    return wrap(text, width, " " * 17)


def _identity_rows(company: Company, file_number: str) -> list[str]:
    state = STATE_NAMES.get(company.state_of_incorporation, "Delaware")
    irs = company.irs_number
    irs_shown = f"{irs[:2]}-{irs[2:]}" if irs and irs != "000000000" else "Not Applicable"
    return [
        f"{state:^34}   {file_number:^15}  {irs_shown:^24}".rstrip(),
        f"{'-' * 34}   {'-' * 15}  {'-' * 24}",
        "   (State or other jurisdiction       (Commission       (I.R.S. Employer",
        "         of incorporation)            File Number)     Identification No.)",
    ]


def _address_rows(company: Company) -> list[str]:
    address = company.address
    phone = address.phone
    return [
        f"{'':8}{address.street1.title()}",
        f"{'':8}{address.city.title()}, {address.state:<38}{address.zip}",
        f"{'':6}{'-' * 40}{'':6}{'-' * 12}",
        f"{'':8}(Address of principal executive offices){'':6}(Zip Code)",
        "",
        f"{'':6}Registrant's telephone number, including area code: ({phone[:3]}) {phone[3:6]}-{phone[6:]}",
    ]


def _check_boxes() -> list[str]:
    return [
        "Check the appropriate box below if the Form 8-K filing is intended to simultaneously",
        "satisfy the filing obligation of the registrant under any of the following provisions:",
        "",
        "[ ] Written communications pursuant to Rule 425 under the Securities Act",
        "[ ] Soliciting material pursuant to Rule 14a-12 under the Exchange Act",
        "[ ] Pre-commencement communications pursuant to Rule 14d-2(b) under the Exchange Act",
        "[ ] Pre-commencement communications pursuant to Rule 13e-4(c) under the Exchange Act",
    ]


def cover(filing: Filing, rng: random.Random) -> list[str]:
    """The cover page lines, registrant block by filer role and era."""
    form = filing.form_type
    title = f"FORM {form}" if not form.endswith("/A") else f"FORM {form}\n{center('(Amendment No. 1)')}"
    out = ["", "", center("UNITED STATES"), center("SECURITIES AND EXCHANGE COMMISSION"), center("Washington, D.C. 20549"),
           "", center(title), "", center("CURRENT REPORT"), center("Pursuant to Section 13 or 15(d) of the"),
           center("Securities Exchange Act of 1934"), "", "",
           center(f"Date of Report (Date of earliest event reported): {long_date(filing.period)}"), ""]  # fmt: skip
    primary = filing.filers[0]
    deal = filing.deal
    if deal is not None and filing.abs_role == "trust" and deal.closing >= REG_AB:
        out += [center(deal.trust.name), center("(Exact name of the issuing entity)"),
                center(f"Commission File Number of the issuing entity: {deal.trust.file_number}"), "",
                center(display_name(deal.depositor)), center("(Exact name of the depositor as specified in its charter)"),
                center(f"Commission File Number of the depositor: {deal.shelf}"), ""]  # fmt: skip
        out += _identity_rows(primary, deal.trust.file_number)
    else:
        if deal is not None:
            out += [*depositor_paragraph(deal, filing.filed, rng), "", ""]
        name = display_name(primary)
        file_number = deal.trust.file_number if deal is not None and filing.abs_role == "trust" else filing.file_number_of(primary)
        out += [center(name), f"{'':8}{'-' * 61}", center("(Exact name of registrant as specified in its charter)"), "", ""]
        out += _identity_rows(primary, file_number)
    out += ["", "", *_address_rows(primary), "", "-" * 79]
    if filing.filed >= ITEMS_SWITCH:
        out += ["", *_check_boxes()]
    return out


def signature(filing: Filing, rng: random.Random) -> list[str]:
    primary = filing.filers[0]
    signer = rng.choice(SIGNERS)
    name = display_name(primary if filing.abs_role != "trust" or filing.deal is None else filing.deal.depositor)
    out = ["", center("SIGNATURES" if rng.random() < 0.6 else "Signature"), "",
           "     Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant",
           "has duly caused this report to be signed on its behalf by the undersigned hereunto",
           "duly authorized.", "", f"{'':40}{name}", "", f"{'':40}By: /s/ {signer}",
           f"{'':44}{'-' * 24}", f"{'':44}Name:  {signer}", f"{'':44}Title: {rng.choice(TITLES)}", "",
           f"Dated:  {long_date(filing.filed)}"]  # fmt: skip
    return out
