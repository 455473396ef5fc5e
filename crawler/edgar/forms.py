"""Form-type families the crawler cares about: the 8-K family (PDS ``<ITEMS>`` scope) and Form SE."""

from __future__ import annotations

FORM_8K_FAMILY: frozenset[str] = frozenset(
    {
        "8-K",
        "8-K/A",
        "8-K12B",
        "8-K12B/A",
        "8-K12G3",
        "8-K12G3/A",
        "8-K15D5",
        "8-K15D5/A",
    }
)
# "SE/A" is not known to exist; accepting it costs nothing and loses nothing if it does.
FORM_SE_FAMILY: frozenset[str] = frozenset({"SE", "SE/A"})

# Forms only an operating company (equity registered under Exchange Act s.12, employees, shareholders) files or is
# named in: Section 16 ownership reports list the issuer as a filer, proxy and information statements, employee
# plan registrations and reports. ABS issuers register under s.15(d) and have none of these, so a CIK seen with
# one of them is not an ABS issuer. (10-Q is left out: some pre-2006 ABS trusts filed them.)
OPERATING_COMPANY_FORMS: frozenset[str] = frozenset(
    {
        "3", "3/A", "4", "4/A", "5", "5/A",
        "DEF 14A", "DEFA14A", "DEFM14A", "DEFR14A", "PRE 14A", "PREM14A", "DEF 14C", "PRE 14C",
        "S-8", "S-8 POS", "11-K", "11-K/A",
    }
)  # fmt: skip

KIND_8K = "8-K"
KIND_SE = "SE"


def normalize_form_type(form_type: str) -> str:
    """Upper case, single spaces, no surrounding blanks (``' sc  13g/a '`` -> ``'SC 13G/A'``)."""
    return " ".join(form_type.split()).upper()


def form_kind(form_type: str) -> str | None:
    """``"8-K"`` for the 8-K family, ``"SE"`` for Form SE, None for anything else."""
    form = normalize_form_type(form_type)
    if form in FORM_8K_FAMILY:
        return KIND_8K
    if form in FORM_SE_FAMILY:
        return KIND_SE
    return None


def is_operating_company_form(form_type: str) -> bool:
    return normalize_form_type(form_type) in OPERATING_COMPANY_FORMS


def is_8k_family(form_type: str) -> bool:
    return normalize_form_type(form_type) in FORM_8K_FAMILY


def is_se(form_type: str) -> bool:
    return normalize_form_type(form_type) in FORM_SE_FAMILY


def is_amendment(form_type: str) -> bool:
    return normalize_form_type(form_type).endswith("/A")
