"""Item sections of a synthetic 8-K: computational materials, closings, distributions, Reg AB events, Form SE text."""

from __future__ import annotations

import random

from crawler.mirror.synth_blocks import wrap
from crawler.mirror.synth_calendar import long_date
from crawler.mirror.synth_cover import display_name
from crawler.mirror.synth_items import heading
from crawler.mirror.synth_model import Filing, SeReference

UNDERWRITERS = ("Countrywide Securities Corporation", "Lehman Brothers Inc.", "Morgan Stanley & Co. Incorporated",
                "Goldman, Sachs & Co.", "Merrill Lynch, Pierce, Fenner & Smith Incorporated", "Greenwich Capital Markets, Inc.",
                "Bear, Stearns & Co. Inc.", "UBS Securities LLC")  # fmt: skip
GENERAL_TEXT = {
    "1": "A change in control of {name} occurred as described in the press release attached hereto.",
    "2": "{name} completed the disposition of certain assets as described in the attached press release.",
    "2.01": "{name} completed the acquisition of certain assets described in Exhibit 99.1.",
    "3": "{name} filed a voluntary petition for reorganization as described below.",
    "4": "{name} dismissed its independent accountants; the dismissal was approved by the audit committee.",
    "4.01": "The audit committee of {name} approved the engagement of a new independent registered public accounting firm.",
    "5": "On the date of this report {name} announced the matters described in the press release filed as Exhibit 99.1.",
    "6": "A director of {name} resigned from the board of directors.",
    "8": "The board of directors of {name} approved a change in the fiscal year end.",
    "9": "{name} is furnishing the information in Exhibit 99.1 under Regulation FD.",
    "12": "{name} issued a press release announcing its results of operations for the most recent quarter.",
    "1.01": "{name} entered into a material definitive agreement, a copy of which is filed as Exhibit 10.1.",
    "1.02": "{name} terminated the agreement described below.",
    "2.02": "{name} issued a press release announcing its financial results, furnished as Exhibit 99.1.",
    "2.03": "{name} became obligated under a credit facility described in this report.",
    "3.02": "{name} sold unregistered equity securities in a private placement.",
    "5.02": "The board of directors of {name} appointed a new officer, effective immediately.",
    "5.03": "The board of directors of {name} amended the bylaws of the company.",
    "7.01": "{name} is furnishing the presentation attached as Exhibit 99.1.",
    "8.01": "{name} announced the event described in the press release filed as Exhibit 99.1.",
}
EVENT_TEXT = {
    "6.02": "Effective as of the date of this report, a successor trustee was appointed for the Certificates.",
    "6.03": "The provider of the financial guaranty insurance policy for the Certificates was replaced.",
    "6.04": "The required distribution on the Certificates was not made on the distribution date.",
    "6.05": "The characteristics of the mortgage pool changed by more than five percent from those in the prospectus.",
}


def _paragraph(text: str, rng: random.Random) -> list[str]:
    return [*wrap(text, rng.choice((76, 78, 79)), "", "         "), ""]


def se_cover_sentence(ref: SeReference) -> str:
    """``... listed as Exhibit 99.2 hereto were filed on Form SE dated April 8, 2004.``"""
    if ref.style == "cover_dated" and ref.se_date is not None:
        return (f"The Computational Materials listed as Exhibit {ref.exhibit} hereto were filed on Form SE dated "
                f"{long_date(ref.se_date)}, pursuant to Rule {ref.rule} of Regulation S-T.")  # fmt: skip
    if ref.style == "to_be_filed":
        return f"The Computational Materials listed as Exhibit {ref.exhibit} will be filed in paper format under cover of Form SE."
    return f"The Computational Materials listed as Exhibit {ref.exhibit} were filed in paper under cover of Form SE."


def se_exhibit_description(ref: SeReference) -> str:
    if ref.style == "cover_dated" and ref.se_date is not None:
        return (f"Computational Materials filed on Form SE dated {long_date(ref.se_date)}, "
                f"pursuant to Rule {ref.rule} of Regulation S-T.")  # fmt: skip
    return "Computational Materials (P)"


def cm_text(filing: Filing, rng: random.Random) -> list[str]:
    deal = filing.deal
    assert deal is not None
    company = display_name(deal.depositor)
    underwriter = rng.choice(UNDERWRITERS)
    out = ["Filing of Computational Materials", "-" * 33, ""]
    out += _paragraph(f"In connection with the proposed offering of the {deal.profile.product}, Series "
                      f"{deal.series} (the \"Certificates\"), {underwriter} (the \"Underwriter\") has prepared certain "
                      "materials (the \"Computational Materials\") for distribution to its potential investors. "
                      f"{company} (the \"Company\") did not participate in their preparation.", rng)  # fmt: skip
    out += _paragraph("The Computational Materials were prepared solely by the Underwriter on the basis of "
                      "assumptions about the mortgage loans that may differ from those in the prospectus supplement, "
                      "which supersedes them.", rng)  # fmt: skip
    for ref in filing.se_refs:
        out += _paragraph(se_cover_sentence(ref), rng)
    return out


def item_text(filing: Filing, code: str, rng: random.Random) -> list[str]:
    """The prose under one item heading (exhibit lists are added by the caller for items 7 and 9.01)."""
    deal, kind = filing.deal, filing.kind
    if kind == "cm" and code in ("5", "8.01", "6.01"):
        return cm_text(filing, rng)
    if deal is not None and kind == "closing":
        return _paragraph(f"On {long_date(deal.closing)}, {deal.trust.name} issued the {deal.profile.product}, "
                          f"Series {deal.series}. The {deal.profile.agreement} is filed as Exhibit 4.1.", rng)  # fmt: skip
    if deal is not None and kind == "distribution":
        return _paragraph(f"On {long_date(filing.period)} a distribution was made to holders of the Certificates, Series "
                          f"{deal.series}. The monthly statement to certificateholders is filed as Exhibit 99.1.", rng)  # fmt: skip
    if code in EVENT_TEXT:
        return _paragraph(EVENT_TEXT[code], rng)
    return _paragraph(GENERAL_TEXT.get(code, "See the exhibits to this report.").format(name=display_name(filing.filers[0])), rng)


def items_section(filing: Filing, exhibit_rows: list[str], rng: random.Random, misnumber: bool) -> list[str]:
    """Every item heading with its text; the exhibit list goes under Item 7 / 9.01."""
    out: list[str] = ["<PAGE>", ""]
    for code in filing.items:
        shown = heading(code, misnumber and code in ("8.01", "9.01"))
        if rng.random() < 0.2:
            shown = shown.upper()
        out += [shown, "-" * min(len(shown), 60), ""]
        if code in ("7", "9.01"):
            letter = "(c)" if code == "7" else "(d)"
            if code == "7":
                out += ["(a)      Not applicable.", "", "(b)      Not applicable.", ""]
            out += [f"{letter}      Exhibits:", "", *exhibit_rows, ""]
        else:
            out += item_text(filing, code, rng)
    if not any(code in ("7", "9.01") for code in filing.items) and exhibit_rows:
        out += ["Exhibits:", "", *exhibit_rows, ""]
    return out


def exhibit_row(number: str, description: str) -> list[str]:
    return wrap(description, 70, " " * 21, f"{'':12}{number:<9}")
