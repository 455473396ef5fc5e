"""An independent reading of the vocabulary's typing rules, for checking the mirror's CM truth.

Written from the docstring of ``crawler.edgar.cm.vocabulary`` and imports nothing from ``crawler.edgar.cm``
or the generator: a price in 32nds or decimals, a number (``$``, commas, ``(x)`` negative, ``%``), an
``amount (pct%)`` cell, the date forms, a scenario's speed and unit, a label's measure and header column.
Submissions are split into documents with plain string operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
UNITS = "PPC|PSA|CPR|CPB|CDR|ABS|HEP|MHP|SMM"
MEASURES = {
    "yield": "yield", "yld": "yield", "cbe yield": "yield", "disc margin": "discount_margin", "dm": "discount_margin",
    "discount margin": "discount_margin", "price": "price", "wal": "wal", "wal (yrs)": "wal", "avg life": "wal",
    "average life": "wal", "mod durn": "mod_duration", "mod dur": "mod_duration", "duration": "duration",
    "principal window": "principal_window", "prin window": "principal_window", "first prin pay": "first_principal",
    "last prin pay": "last_principal", "first payment": "first_principal", "last payment": "last_principal",
    "spread to curve": "spread", "break cdr": "break_cdr", "collat cum group loss": "cum_loss", "cum loss": "cum_loss",
    "collat cum loss": "cum_loss",
}  # fmt: skip
HEADER_COLUMNS = {
    "balance": "balance", "coupon": "coupon", "delay": "delay_days", "dated": "dated_date", "settle": "settle_date",
    "settlement": "settle_date", "first payment": "first_payment_date", "1st pay date": "first_payment_date",
    "wac": "wac", "wam": "wam", "net": "net_wac", "net wac": "net_wac", "wala": "wala", "index": "index",
    "mult / margin": "margin", "cap / floor": "cap",
}  # fmt: skip


def price(text: str) -> float | None:
    """``96-04`` 96.125, ``99-24+`` 99.765625, ``100-15.50``, ``99-24.000``, ``104.125000``."""
    if m := re.fullmatch(r"(\d+)-(\d\d)(\+?)", text):
        return int(m[1]) + (int(m[2]) + (0.5 if m[3] else 0.0)) / 32
    if m := re.fullmatch(r"(\d+)-(\d+\.\d+)", text):
        return int(m[1]) + float(m[2]) / 32
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    return None


def number(text: str) -> float | None:
    t = text.strip()
    if t in ("", "-", "N/A"):
        return None
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()").replace("$", "").replace(",", "").removesuffix("%")
    if not re.fullmatch(r"-?\d+(\.\d+)?", t):
        return None
    return -float(t) if negative else float(t)


def amount_percent(text: str) -> tuple[float, float] | None:
    if m := re.fullmatch(r"\$?([\d,]+\.\d+) \((\d+\.\d+)%\)", text):
        return float(m[1].replace(",", "")), float(m[2])
    return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 50 else 1900 + year
    return year


def date_of(text: str) -> date | None:
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
        return date(_year(m[3]), int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})", text):
        return date(_year(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return None


def scenario(text: str) -> tuple[float | None, str | None]:
    if m := re.fullmatch(rf"(\d+(?:\.\d+)?)\s*%?\s*({UNITS})", text):
        return float(m[1]), m[2]
    return None, None


def scenario_in(label: str) -> tuple[str | None, str]:
    """A row label of a block with prices across: the scenario it names (``Yield @ 100 PPC``, ``100 PPC Yield``,
    ``100 PPC``) and the rest, its measure words (``@``/``at`` dropped); (None, label) when it names none."""
    found = re.search(rf"(?<![\w.])\d+(?:\.\d+)?\s*%?\s*(?:{UNITS})\b", label)
    if found is None:
        return None, label
    rest = (label[: found.start()] + " " + label[found.end() :]).split()
    return found[0], " ".join(word for word in rest if word not in ("@", "at"))


def label_key(label: str) -> str:
    key = " ".join(label.lower().split()).rstrip(":").strip()
    return re.sub(r"\(\d+\)$", "", key).strip()


def measure(label: str) -> str:
    key = label_key(label)
    if key not in MEASURES:
        key = re.sub(r"\s*\((%|yrs|years)\)$", "", key)
    return MEASURES.get(key) or "_".join(re.findall(r"[a-z0-9]+", key))


def row_value(label: str) -> float | None:
    """A label that is a plain number or percentage, possibly followed by words (``35% Severity``, ``50.00 or
    less``; not a range such as ``5.001 - 5.500``)."""
    if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)%?(\s+[A-Za-z].*)?", label):
        return float(m[1])
    return None


def typed_header(facts: dict[str, str]) -> dict[str, object]:
    """cm_tables' typed columns from a table's facts, by the vocabulary's label list."""
    out: dict[str, object] = {}
    for label, text in facts.items():
        column = HEADER_COLUMNS.get(label_key(label))
        if column is None:
            continue
        if column == "index":
            out["index"] = text.split()[0]
        elif column == "margin":
            out["margin"] = number(text.split("/")[1])
        elif column == "cap":
            cap, floor = text.split("/")
            out["cap"], out["floor"] = number(cap), number(floor)
        elif column.endswith("_date"):
            out[column] = date_of(text)
        elif column in ("delay_days", "wam", "wala"):
            out[column] = int(text)
        else:
            out[column] = number(text)
    return out


@dataclass(frozen=True)
class Doc:
    type: str
    sequence: int
    filename: str | None
    description: str | None
    text: str


def documents(submission: str) -> dict[int, Doc]:
    """The documents of a submission by ``<SEQUENCE>``."""
    out = {}
    for block in submission.split("<DOCUMENT>\n")[1:]:
        head, _, rest = block.partition("<TEXT>\n")
        tags = dict(re.findall(r"^<([A-Z]+)>(.*)$", head, re.M))
        text = rest.rpartition("\n</TEXT>")[0]
        sequence = int(tags["SEQUENCE"])
        out[sequence] = Doc(tags["TYPE"], sequence, tags.get("FILENAME"), tags.get("DESCRIPTION"), text)
    return out
