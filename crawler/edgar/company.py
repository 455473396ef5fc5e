"""The data host's ``submissions/CIK##########.json`` reduced to what ABS selection needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from crawler.errors import CompanyDataError

ABS_SIC = 6189


@dataclass(frozen=True, slots=True)
class CompanyInfo:
    cik: int
    name: str
    sic: int | None  # None when the JSON gives none (blank for many individuals and old filers)
    sic_description: str | None
    former_names: tuple[str, ...] = ()

    @property
    def is_abs(self) -> bool:
        return self.sic == ABS_SIC


def parse_company_json(data: bytes) -> CompanyInfo:
    """Parse a submissions JSON body; raises CompanyDataError if it is not one (HTML page, truncated, no CIK)."""
    try:
        document: Any = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CompanyDataError(f"submissions JSON is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise CompanyDataError("submissions JSON is not an object")
    cik = _cik(document.get("cik"))
    name = document.get("name")
    if not isinstance(name, str):
        raise CompanyDataError(f"submissions JSON for CIK {cik} has no name")
    description = document.get("sicDescription")
    return CompanyInfo(
        cik=cik,
        name=name.strip(),
        sic=_sic(document.get("sic")),
        sic_description=description.strip() or None if isinstance(description, str) else None,
        former_names=_former_names(document.get("formerNames")),
    )


def _cik(value: object) -> int:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text.isdigit() or int(text) <= 0:
        raise CompanyDataError(f"submissions JSON has no valid cik: {value!r}")
    return int(text)


def _sic(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _former_names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    names = (item.get("name") for item in value if isinstance(item, dict))
    return tuple(name.strip() for name in names if isinstance(name, str) and name.strip())
