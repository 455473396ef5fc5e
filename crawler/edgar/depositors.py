"""Seed table of ABS depositors (EDGAR.md section 5.5) and a few trusts known to be ABS issuers.

A CIK is listed only where a filing **by that CIK** was seen (or a third-party directory gives it, marked
``confirmed=False``). CWT (CIK 1278123), the name on Countrywide trustee 8-Ks, is deliberately absent: it is
not a depositor. Depositors seen without a CIK of their own are in :data:`DEPOSITORS_WITHOUT_CIK`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Depositor:
    name: str
    cik: int
    evidence: str
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class KnownTrust:
    name: str
    cik: int
    depositor_cik: int | None = None


SEED_DEPOSITORS: tuple[Depositor, ...] = (
    Depositor("CWALT, Inc.", 1269518, "data/1269518/000090514804002078/"),
    Depositor("CWMBS, Inc.", 906410, "data/906410/000090514806006504/ (FWP)"),
    Depositor("CWABS, Inc.", 1021913, "data/1021913/000095012905006112/v09090a1sv3za.txt (S-3/A)"),
    Depositor("Structured Asset Securities Corp", 808851, "data/808851/000116231804000761/form8k.htm"),
    Depositor("Morgan Stanley Capital I Inc.", 762153, "data/762153/000090514805004329/"),
    Depositor("Residential Asset Mortgage Products, Inc.", 1099391, "data/1099391/000095011704003399/a38418.txt"),
    Depositor("Residential Funding Mortgage Securities I, Inc.", 774352, "data/774352/000077435204000015/s1.txt"),
    Depositor("Residential Asset Securities Corp", 932858, "data/932858/000093285804000035/ks7cdi.txt", False),
    Depositor("Merrill Lynch Mortgage Investors, Inc.", 809940, "data/809940/000095012304011908/"),
    Depositor("GS Mortgage Securities Corp.", 807641, "data/807641/000091412105000513/"),
    Depositor("First Horizon Asset Securities Inc.", 1081915, "data/1081915/000114420404015141/v07064_8k.htm"),
    Depositor("Mortgage Asset Securitization Transactions, Inc.", 815018, "data/815018/000091412104002475/", False),
    Depositor("WaMu Asset Acceptance Corp.", 1317069, "424B5 header 0000950117-05-004798"),
    Depositor("Option One Mortgage Acceptance Corp", 1025562, "third-party company directory", False),
    Depositor("Asset Backed Securities Corp", 797510, "third-party company directory", False),
    Depositor("Sequoia Residential Funding, Inc.", 1176320, "SF-3/A cover: Central Index Key Number depositor"),
    Depositor("Ford Credit Floorplan Corp", 872471, "<DEPOSITOR-CIK>0000872471 (SF-3/A 2025)"),
    Depositor("First National Funding LLC", 1171040, "10-D header 0001104659-23-069855, depositor filer block"),
    Depositor("Bank of America Mortgage Securities Inc", 1014956, "424B5 header 0000928385-00-003420 (SIC 6189)"),
    Depositor("EFCAR, LLC", 1654238, "ABS-15G 0000929638-25-000114 (SIC 6189, securitizer)"),
)

SEED_TRUSTS: tuple[KnownTrust, ...] = (
    KnownTrust("CWABS Revolving Home Equity Loan Trust, Series 2004-M", 1304811, 1021913),
    KnownTrust("CWABS Revolving Home Equity Loan Trust, Series 2004-O", 1304795, 1021913),
    KnownTrust("Structured Adjustable Rate Mortgage Loan Trust 2004-5", 1288968, 808851),
    KnownTrust("Structured Adjustable Rate Mortgage Loan Trust 2004-8", 1296174, 808851),
    KnownTrust("Alternative Loan Trust Resecuritization 2007-26R", 1420908, 1269518),
    KnownTrust("GSAA Home Equity Trust 2004-4", 1281967, 807641),
    KnownTrust("WaMu Mortgage Pass-Through Certificates Series 2005-AR17", 1347345, 1317069),
    KnownTrust("Option One Mortgage Loan Trust 2005-3", 1333140, 1025562),
    KnownTrust("Option One Mortgage Loan Trust 2006-3", 1378102, 1025562),
    KnownTrust("Thornburg Mortgage Securities Trust", 1207971),
    KnownTrust("Thornburg Mortgage Securities Trust", 1285683),
    KnownTrust("First National Master Note Trust", 1396730, 1171040),
    KnownTrust("Bank of America Mort Sec Inc Mort Pass Thru Certs Ser 2000 8", 1130269, 1014956),
    KnownTrust("Exeter Automobile Receivables Trust 2025-1", 2049379, 1654238),
)

# Depositors seen only through a trust or a shelf file number (EDGAR.md section 5.5).
DEPOSITORS_WITHOUT_CIK: tuple[str, ...] = (
    "Bear Stearns Asset Backed Securities I LLC",
    "Banc of America Mortgage Securities, Inc.",
    "Banc of America Funding Corp",
    "Credit Suisse First Boston Mortgage Securities Corp.",
    "Structured Asset Mortgage Investments II Inc.",
    "Ameriquest Mortgage Securities Inc.",
    "NovaStar Mortgage Funding Corp",
    "Residential Accredit Loans, Inc.",
    "Wells Fargo Asset Securities Corp",
    "IndyMac ABS, Inc.",
    "Asset Backed Funding Corporation",
    "HomeStar Mortgage Acceptance Corp.",
)

NOT_DEPOSITORS: frozenset[int] = frozenset({1278123})  # CWT: names Countrywide trustee 8-Ks

SEED_ABS_CIKS: frozenset[int] = frozenset(d.cik for d in SEED_DEPOSITORS) | frozenset(t.cik for t in SEED_TRUSTS)
