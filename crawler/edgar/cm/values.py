"""What a printed CM cell is (classification for the parser) and what it means (typing for the datasets).

The typing rules are those of :mod:`crawler.edgar.cm.vocabulary`; every function here takes the verbatim text
and returns None when the text is not of that type (never a guess).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from crawler.edgar.cm.vocabulary import HEADER_FACTS, MEASURE_WORDS, UNITS

_UNITS = "|".join(UNITS)
_PRICE32 = re.compile(r"(\d{1,3})-(\d{1,2})(?:(\+)|(\.\d+))?")
_PRICE32_EIGHTHS = re.compile(r"(\d{1,3})-(\d{2})([0-7])")  # 99-242: 24 and 2/8 of a 32nd
_PRICE32_FRACTION = re.compile(r"(\d{1,3}) (\d{1,2})(\+)?/32")  # 99 24/32, 99 24+/32
_PRICE32_PART = re.compile(r"(\d{1,3})-(\d{2}) ?(?:([1-7])/([248])|([\u00bc\u00bd\u00be]))")  # 99-24 1/4, 99-24¼
_GLYPHS = {"\u00bc": 0.25, "\u00bd": 0.5, "\u00be": 0.75}
_DECIMAL = re.compile(r"[-+]?\d+(?:\.\d*)?|[-+]?\.\d+")
_NUMBER = re.compile(r"(\()?([-+])?\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(%)?(\))?")
_AMOUNT_AND_PERCENT = re.compile(r"(\S+)\s+\(\s*(-?\d+(?:\.\d+)?)\s*%\s*\)")
_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_NAMED_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4}|\d{2})")
_LONG_DATE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})")  # October 25, 2005; Oct. 25, 2005
_SCENARIO = re.compile(rf"(\d+(?:\.\d+)?)\s*%?\s*({_UNITS})", re.IGNORECASE)
_UNIT_FIRST_SCENARIO = re.compile(rf"({_UNITS})\s*(\d+(?:\.\d+)?)\s*%?", re.IGNORECASE)  # CPR 15
_UNIT_IN_LABEL = re.compile(rf"\((?:%\s*)?({_UNITS})\)", re.IGNORECASE)  # Prepay (PSA), Prepayment Speed (% PPC)
_LABELLED_SCENARIO = re.compile(rf"[A-Za-z][A-Za-z. ]*\((?:%\s*)?({_UNITS})\)\s+(\d+(?:\.\d+)?)\s*%?", re.IGNORECASE)
_PREPAYMENT_HEADING = re.compile(r"\bprepay(?:ment)?\s+(?:assumption|speed|scenario|rate)s?\b", re.IGNORECASE)
_SPEED_WORDS = re.compile(rf"(?:prepay(?:ment)?(?: speeds?)?|speeds?|{_UNITS})(?:\s*\(.*\))?", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"(-?(?:\d+(?:\.\d+)?|\.\d+))\s*%?(?:\s+[A-Za-z].*)?")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"), start=1)}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_APPROX = re.compile(r"\s*\(approx\.?\)$", re.IGNORECASE)
_NULLS = frozenset(("", "-", "--", "n/a", "na", "nm", "*"))
_UNIT_DROP = re.compile(r"\s*\((?:%|yrs|years|yrs\.|bp|bps)\)\s*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\s*(?:\(\d{1,2}\)|\*+|\[\d{1,2}\])\s*$")
_SNAKE = re.compile(r"[^a-z0-9]+")
_SLASH = re.compile(r"\s*/\s*")

# --- typing (rows) -------------------------------------------------------------------------------------------


def price(text: str | None) -> float | None:
    """A printed price as a decimal: ``104.125000``, or 32nds ``96-04``, ``99-24+``, ``100-15.50``, ``99-242``
    (a third digit in eighths of a 32nd), ``99 24/32``, ``99-24 1/4``, ``99-24¼``."""
    if not text:
        return None
    text = text.strip()
    match = _PRICE32.fullmatch(text)
    if match:
        ticks = float(match.group(2) + (match.group(4) or "")) + (0.5 if match.group(3) else 0)
        return _in_32nds(match.group(1), ticks)
    match = _PRICE32_EIGHTHS.fullmatch(text)
    if match:
        return _in_32nds(match.group(1), int(match.group(2)) + int(match.group(3)) / 8)
    match = _PRICE32_FRACTION.fullmatch(text)
    if match:
        return _in_32nds(match.group(1), int(match.group(2)) + (0.5 if match.group(3) else 0))
    match = _PRICE32_PART.fullmatch(text)
    if match:
        part = _GLYPHS[match.group(5)] if match.group(5) else int(match.group(3)) / int(match.group(4))
        return _in_32nds(match.group(1), int(match.group(2)) + part) if part < 1 else None
    if _DECIMAL.fullmatch(text):
        return float(text)
    return None


def _in_32nds(handle: str, ticks: float) -> float | None:
    return int(handle) + ticks / 32 if ticks < 32 else None


def number(text: str | None) -> float | None:
    """``5.497``, ``-4.51``, ``330,000,000.00``, ``$20,000,000.00``, ``(4.51)`` (negative), ``14.62%`` (14.62),
    ``$100,000,000 (approx.)``, ``[$25,000,000]`` (a bracketed preliminary figure); ``[ ]`` is None."""
    if text is None:
        return None
    text = _APPROX.sub("", text.strip())
    if text[:1] == "[" and text[-1:] == "]":  # a preliminary figure: [$25,000,000]
        text = text[1:-1].strip()
    if text.lower() in _NULLS:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None or bool(match.group(1)) != bool(match.group(5)):
        return None
    value = float(match.group(3).replace(",", ""))
    negative = (match.group(2) == "-") != bool(match.group(1))
    return -value if negative else value


def amount_and_percent(text: str | None) -> tuple[float | None, float | None]:
    """``109,634,656.87 (14.62%)`` -> (109634656.87, 14.62); any other cell -> (number(text), None)."""
    if text is None:
        return None, None
    match = _AMOUNT_AND_PERCENT.fullmatch(text.strip())
    if match:
        return number(match.group(1)), float(match.group(2))
    return number(text), None


def integer(text: str | None) -> int | None:
    value = number(text)
    return int(value) if value is not None and value.is_integer() and abs(value) < 2**31 else None


def calendar_date(text: str | None) -> date | None:
    """``7/1/2005``, ``08/30/04``, ``28-Oct-2004``, ``01-Oct-04``, ``October 25, 2005``; two-digit years 00-49 -> 20yy,
    50-99 -> 19yy."""
    if not text:
        return None
    text = text.strip()
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        month, day, year = int(match.group(1)), int(match.group(2)), match.group(3)
    elif match := _LONG_DATE.fullmatch(text):
        named = _month(match.group(1))
        if named is None:
            return None
        month, day, year = named, int(match.group(2)), match.group(3)
    else:
        match = _NAMED_DATE.fullmatch(text)
        if match is None or match.group(2).lower() not in _MONTHS:
            return None
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], match.group(3)
    full_year = int(year) if len(year) == 4 else (2000 if int(year) < 50 else 1900) + int(year)
    try:
        return date(full_year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    """``Oct``, ``October``, ``Sept`` -> 10, 10, 9; else None."""
    month = _MONTHS.get(name[:3].lower())
    return month if month is not None and _MONTH_NAMES[month - 1].startswith(name.lower()) else None


@lru_cache(maxsize=16_384)
def scenario(text: str | None) -> tuple[float | None, str | None]:
    """``100 PPC``, ``65PPC``, ``100% PPC``, ``15 CPR``, ``CPR 15``, ``Prepay (PSA) 100`` (a speed under a label
    printing its unit) -> (speed, unit); else (None, None)."""
    if not text:
        return None, None
    text = text.strip()
    match = _SCENARIO.fullmatch(text)
    if match is not None:
        return float(match.group(1)), match.group(2).upper()
    match = _UNIT_FIRST_SCENARIO.fullmatch(text) or _LABELLED_SCENARIO.fullmatch(text)
    if match is not None:
        return float(match.group(2)), match.group(1).upper()
    return None, None


def speed_heading(text: str) -> bool:
    """A heading over columns of speeds: a :func:`speed_label`, or ``Percentage of Prepayment Assumption``."""
    return speed_label(text) or bool(_PREPAYMENT_HEADING.search(text))


def speed_label(text: str) -> bool:
    """A label naming prepayment speeds, so the bare numbers beside or under it are speeds: ``PSA``, ``Prepay``,
    ``Prepay Speed``, ``Prepay (PSA)``, ``Prepayment Speed (PPC)``."""
    return bool(_SPEED_WORDS.fullmatch(text.strip())) or bool(_UNIT_IN_LABEL.search(text))


def is_speed(text: str) -> bool:
    """A scenario cell with a unit (``100 PPC``, ``CPR 15``), not a bare number."""
    return bool(text) and (text[-1].isalpha() or text[0].isalpha()) and scenario(text)[0] is not None


def label_number(text: str | None) -> float | None:
    """A row label's leading number or percentage (``35% Severity`` -> 35.0, ``5.50`` -> 5.5); else None."""
    match = _LEADING_NUMBER.fullmatch(text.strip()) if text else None
    return float(match.group(1)) if match else None


def measure(text: str | None) -> str | None:
    """The canonical measure of a printed header or row label (vocabulary ``MEASURE_WORDS``), else its snake form."""
    key = label_key(text)
    if not key:
        return None
    return MEASURE_WORDS.get(key) or _SNAKE.sub("_", key).strip("_") or None


@lru_cache(maxsize=16_384)
def label_key(text: str | None) -> str:
    """A label compared by meaning: lower case, spaces collapsed, ``:``, footnote marks and units dropped."""
    if not text:
        return ""
    key = text.strip().rstrip(":").strip()
    key = _FOOTNOTE.sub("", key)
    key = _UNIT_DROP.sub("", key)
    key = _SLASH.sub(" / ", key)
    return " ".join(key.lower().split())


def header_fact(label: str) -> str | None:
    """The ``cm_tables`` column a header-block label fills (``WAC(1)`` -> ``wac``), or None."""
    return HEADER_FACTS.get(label_key(label))


def numbers_in(text: str | None) -> list[float]:
    """The numbers of a ``1.00 / 0.50`` pair (each part typed by :func:`number`)."""
    if not text:
        return []
    parts = [number(part) for part in text.split("/")]
    return [p for p in parts if p is not None] if all(p is not None for p in parts) else []
