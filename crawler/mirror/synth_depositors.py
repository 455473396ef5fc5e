"""ABS depositors of the synthetic mirror: the real names and CIKs of EDGAR.md section 5.5, plus invented ones.

Each profile says how the depositor names its trusts and series, which agent files for it, and its shelf
numbers where a real one is known (CWALT's 333-110343 of 2004). Invented depositors carry no CIK here and
get a synthetic one; two of them have names that do not reveal they are ABS issuers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Place = tuple[str, str, str, str, str]
_CALABASAS: Place = ("4500 PARK GRANADA", "CALABASAS", "CA", "91302", "8182253000")
_NEW_YORK: Place = ("745 SEVENTH AVENUE", "NEW YORK", "NY", "10019", "2125267000")
_MINNEAPOLIS: Place = ("8400 NORMANDALE LAKE BLVD", "MINNEAPOLIS", "MN", "55437", "9528327000")


@dataclass(frozen=True, slots=True)
class DepositorProfile:
    name: str  # EDGAR conformed name
    cik: int | None  # None: invented depositor, synthetic CIK
    trust_template: str  # "{series}" is replaced by the series
    series_style: str  # "num" | "letter" | "cwalt" | a letter prefix such as "HE"
    product: str  # what the certificates are called on the cover
    agent: str  # accession prefix of its usual filer agent
    weight: float = 1.0  # share of deals
    agreement: str = "Pooling and Servicing Agreement"
    state: str = "DE"
    address: Place | None = None
    shelves: dict[int, str] = field(default_factory=dict)  # year // 2 -> shelf number
    master_trust: str = ""  # one trust issues every series
    first_year: int = 1994
    revealing: bool = True  # False: the name does not say it is an ABS issuer


DEPOSITORS: tuple[DepositorProfile, ...] = (
    DepositorProfile("CWALT INC", 1269518, "CWALT INC ALTERNATIVE LOAN TRUST {series}", "cwalt",
                     "Mortgage Pass-Through Certificates", "0000905148", 4.0, address=_CALABASAS,
                     shelves={1002: "333-110343"}, first_year=2003),
    DepositorProfile("CWMBS INC", 906410, "CHL MORTGAGE PASS-THROUGH TRUST {series}", "num",
                     "Mortgage Pass-Through Certificates", "0000905148", 3.0, address=_CALABASAS),
    DepositorProfile("CWABS INC", 1021913, "CWABS Revolving Home Equity Loan Trust, Series {series}", "letter",
                     "Revolving Home Equity Loan Asset Backed Notes", "0000905148", 3.0,
                     agreement="Sale and Servicing Agreement", address=_CALABASAS),
    DepositorProfile("STRUCTURED ASSET SECURITIES CORP", 808851,
                     "STRUCTURED ASSET SECURITIES CORP MORTGAGE PASS-THROUGH CERTIFICATES SERIES {series}", "num",
                     "Mortgage Pass-Through Certificates", "0001162318", 2.5, agreement="Trust Agreement", address=_NEW_YORK),
    DepositorProfile("MORGAN STANLEY CAPITAL I INC", 762153, "MORGAN STANLEY CAPITAL I INC TRUST {series}", "HQ",
                     "Commercial Mortgage Pass-Through Certificates", "0000905148", 1.5),
    DepositorProfile("RESIDENTIAL ASSET MORTGAGE PRODUCTS INC", 1099391, "RAMP SERIES {series} TRUST", "RS",
                     "Mortgage Asset-Backed Pass-Through Certificates", "0000950117", 1.5, address=_MINNEAPOLIS),
    DepositorProfile("RESIDENTIAL FUNDING MORTGAGE SECURITIES I INC", 774352, "RFMSI SERIES {series} TRUST", "S",
                     "Mortgage Pass-Through Certificates", "0000774352", 1.5, address=_MINNEAPOLIS),
    DepositorProfile("RESIDENTIAL ASSET SECURITIES CORP", 932858, "RASC SERIES {series} TRUST", "KS",
                     "Home Equity Mortgage Asset-Backed Pass-Through Certificates", "0000932858", 1.5, address=_MINNEAPOLIS),
    DepositorProfile("MERRILL LYNCH MORTGAGE INVESTORS INC", 809940,
                     "MERRILL LYNCH MORTGAGE INVESTORS TRUST SERIES {series}", "A",
                     "Mortgage Loan Asset-Backed Certificates", "0000950123", 2.0),
    DepositorProfile("GS MORTGAGE SECURITIES CORP", 807641, "GSAA HOME EQUITY TRUST {series}", "num",
                     "Asset-Backed Certificates", "0000914121", 2.0),
    DepositorProfile("FIRST HORIZON ASSET SECURITIES INC", 1081915,
                     "FIRST HORIZON ALTERNATIVE MORTGAGE SECURITIES TRUST {series}", "AA",
                     "Mortgage Pass-Through Certificates", "0001144204", 1.2),
    DepositorProfile("MORTGAGE ASSET SECURITIZATION TRANSACTIONS INC", 815018, "MASTR ASSET BACKED SECURITIES TRUST {series}",
                     "WMC", "Mortgage Pass-Through Certificates", "0000914121", 1.2),
    DepositorProfile("WAMU ASSET ACCEPTANCE CORP", 1317069, "WAMU MORTGAGE PASS-THROUGH CERTIFICATES SERIES {series} TRUST",
                     "AR", "Mortgage Pass-Through Certificates", "0001104659", 1.5, first_year=2005),
    DepositorProfile("OPTION ONE MORTGAGE ACCEPTANCE CORP", 1025562, "Option One Mortgage Loan Trust {series}", "num",
                     "Asset-Backed Certificates", "0000882377", 1.5),
    DepositorProfile("ASSET BACKED SECURITIES CORP", 797510,
                     "ASSET BACKED SECURITIES CORP HOME EQUITY LOAN TRUST SERIES {series}", "HE",
                     "Asset Backed Pass-Through Certificates", "0000950136", 1.0),
    DepositorProfile("SEQUOIA RESIDENTIAL FUNDING INC", 1176320, "SEQUOIA MORTGAGE TRUST {series}", "num",
                     "Mortgage Pass-Through Certificates", "0001193125", 0.8),
    DepositorProfile("FORD CREDIT FLOORPLAN CORP", 872471, "", "num", "Asset Backed Notes", "0000950124", 0.5,
                     agreement="Indenture", master_trust="FORD CREDIT FLOORPLAN MASTER OWNER TRUST A"),
    DepositorProfile("FIRST NATIONAL FUNDING LLC", 1171040, "", "num", "Asset Backed Notes", "0001104659", 0.4,
                     agreement="Indenture", state="NE", master_trust="First National Master Note Trust"),
    DepositorProfile("BANK OF AMERICA MORTGAGE SECURITIES INC", 1014956, "BANC OF AMERICA MORTGAGE {series} TRUST", "letter",
                     "Mortgage Pass-Through Certificates", "0000928385", 1.2),
    DepositorProfile("HOMESTAR MORTGAGE ACCEPTANCE CORP", None, "HOMESTAR MORTGAGE ACCEP CORP ASST BACK CERTS SER {series}",
                     "num", "Asset Backed Certificates", "0000950123", 0.6),
    DepositorProfile("AMERIQUEST MORTGAGE SECURITIES INC", None,
                     "AMERIQUEST MORTGAGE SECURITIES INC ASSET BACKED PASS THROUGH CERTIFICATES SERIES {series}", "R",
                     "Asset-Backed Pass-Through Certificates", "0001056404", 1.2),
    DepositorProfile("CREDIT SUISSE FIRST BOSTON MORTGAGE SECURITIES CORP", None,
                     "CSFB MORTGAGE-BACKED PASS-THROUGH CERTIFICATES SERIES {series}", "AR",
                     "Mortgage-Backed Pass-Through Certificates", "0000950123", 1.2),
    DepositorProfile("NOVASTAR MORTGAGE FUNDING CORP", None, "NovaStar Mortgage Funding Trust, Series {series}", "num",
                     "Home Equity Loan Asset-Backed Certificates", "0000950134", 0.8),
    DepositorProfile("Bluestem Mortgage Acceptance Corp.", None, "Bluestem Mortgage Loan Trust {series}", "num",
                     "Mortgage Pass-Through Certificates", "0001051170", 0.8),
    DepositorProfile("TALLGRASS ASSET BACKED SECURITIES LLC", None, "Tallgrass Home Equity Trust {series}", "HE",
                     "Asset-Backed Notes", "0001047469", 0.6, agreement="Indenture"),
    DepositorProfile("PEMBERTON HOLDINGS LLC", None, "PEMBERTON {series}", "letter",
                     "Class A Notes", "0000950109", 0.6, agreement="Indenture", revealing=False),
    DepositorProfile("Westbrook Partners I, L.L.C.", None, "WESTBROOK {series} LLC", "num",
                     "Certificates", "0000891554", 0.5, agreement="Trust Agreement", revealing=False),
)  # fmt: skip

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def series_name(profile: DepositorProfile, year: int, number: int) -> str:
    """The ``number``-th series of ``year`` in the depositor's naming style (``2004-J4``, ``2004-M``, ``2004-HE5``)."""
    style = profile.series_style
    if style == "num":
        return f"{year}-{number}"
    if style == "letter":
        index = number - 1
        letters = _LETTERS[index % 26] * (index // 26 + 1)
        return f"{year}-{letters}"
    if style == "cwalt":
        return f"{year}-{number}CB" if number % 2 else f"{year}-J{number // 2}"
    return f"{year}-{style}{number}"
