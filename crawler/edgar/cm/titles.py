"""Title lines of CM tables and what they name (vocabulary: ``title``, ``deal``, ``class``).

- ``CWALT0534CB_1A - Price/Yield - 1A3``, ``CWALT-04-26T1 - Dec - A1``, ``CWALT-04-26T1 - Summary`` (Intex);
- ``DEAL_CWALT0528CB_GRP2 -- 2A3``, ``ZCWALT0429CB_T  --  A10`` (Deutsche Bank);
- ``Class 2A1:``, or ``Class 2A1`` alone on its line (a class block): a class, the title stays the one before;
- a line holding only a class name (``M3`` over a break-CDR block): a class, the title stays the one before;
- a line naming only a deal (``CWABS 2004-14``): a weak title, used when nothing stronger is printed;
- parts printed in brackets (``[CWALT 2005-34CB] - Price/Yield - [1A1]``, ``CWALT0534CB - Dec - [1A1]``,
  ``[CWABS 2004-14]``): the deal and class read without them, the title kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.edgar.cm.model import BREAK_CDR, COLLATERAL, DEAL_SUMMARY, DECREMENT, DISCOUNT_MARGIN, PRICE_YIELD
from crawler.edgar.cm.vocabulary import MEASURE_WORDS, UNITS

STRONG, CLASS_ONLY, DEAL_ONLY = "strong", "class", "deal"

_SEPARATOR = re.compile(r"\s+-{1,2}\s+")
_WIDE_GAP = re.compile(r"\s{4,}")
_CLASS = re.compile(r"(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d|[A-Z]{1,4}$)[A-Za-z0-9][A-Za-z0-9-]{0,7}")
_CLASS_LINE = re.compile(r"(?i:Class|Tranche)\s+([A-Za-z0-9][A-Za-z0-9-]{0,7})\s*:")
_BARE_CLASS_LINE = re.compile(r"(?i:Class|Tranche) {1,2}([A-Za-z0-9][A-Za-z0-9-]{0,7})")
_DEAL_LINE = re.compile(r"[A-Z][A-Za-z0-9&_.]*(?: [A-Za-z0-9&_.-]+){0,3}")
_SERIES = re.compile(r"\d{2,4}-[A-Za-z0-9]{1,6}")
_WINDOW_END = re.compile(r"[A-Z][a-z]{2}-?\d{2}|NA|N/A")
_WORD = re.compile(r"[A-Z0-9(&/]")
_NOT_CLASS = frozenset(word.upper() for word in (*MEASURE_WORDS, *UNITS, "PRICE", "DATE", "YIELD", "NOTES",
                                                  "PAGE", "TABLE", "TOTAL", "NAME", "RATING", "NA", "N/A", "LIBOR"))
_HINTS = (
    ("price/yield", PRICE_YIELD), ("price / yield", PRICE_YIELD), ("yield table", PRICE_YIELD),
    ("disc margin", DISCOUNT_MARGIN), ("discount margin", DISCOUNT_MARGIN), ("dm table", DISCOUNT_MARGIN),
    ("collateral", COLLATERAL), ("strat", COLLATERAL), ("summary", DEAL_SUMMARY), ("dec", DECREMENT),
    ("decrement", DECREMENT), ("break cdr", BREAK_CDR), ("breakeven", BREAK_CDR),
)


@dataclass(slots=True, frozen=True)
class Title:
    strength: str  # STRONG, CLASS_ONLY or DEAL_ONLY
    title: str | None
    deal: str | None
    class_: str | None
    hint: str | None = None  # the table kind the title names, if any
    explicit: bool = False  # a ``Class 2A1:`` line (a bare class name needs a grid after it to count)


def read_title(text: str) -> Title | None:
    """The title a printed line is, or None."""
    line = text.strip()
    if not line or len(line) > 100:
        return None
    match = class_line(line)
    if match:
        return match
    if _is_class(line):
        return Title(CLASS_ONLY, None, None, line)
    line = _WIDE_GAP.split(line, maxsplit=1)[0]
    parts = _SEPARATOR.split(line)
    if len(parts) >= 2:
        return _dashed(line, parts)
    deal = _unbracketed(line)
    if _DEAL_LINE.fullmatch(deal) and _SERIES.search(deal) and all(_WORD.match(w) for w in deal.split()):
        return Title(DEAL_ONLY, line, deal, None)
    return None


def class_line(text: str) -> Title | None:
    """``Class 2A1:`` at the start of a line, or ``Class 2A1`` alone on its line: the class of the block under it
    (no title of its own)."""
    line = text.strip()
    match = _CLASS_LINE.match(line)
    if match is None:
        match = _BARE_CLASS_LINE.fullmatch(line)  # "Class 2A1" alone on its line, no colon
        if match is None or not _is_class(match.group(1)):
            return None
    return Title(CLASS_ONLY, None, None, match.group(1), explicit=True)


def _dashed(line: str, parts: list[str]) -> Title | None:
    deal, rest = _unbracketed(parts[0]), [_unbracketed(part) for part in parts[1:]]
    if len(deal.split()) > 3 or "  " in deal or not any(ch.isalpha() for ch in deal) or line.endswith("."):
        return None
    if any(_WINDOW_END.fullmatch(part.split()[-1]) for part in parts):  # "Apr05 - Jan35": a window, not a title
        return None
    if any(len(p.split()) > 4 or not all(_WORD.match(w) for w in p.split()) for p in rest):
        return None
    hint = next((kind for word, kind in _HINTS for part in rest[:-1] or rest if _names(part, word)), None)
    last = rest[-1]
    class_ = last if _is_class(last) and not (len(rest) == 1 and hint) else None
    if class_ is None and hint is None and len(rest) == 1:
        return None
    return Title(STRONG, line, deal, class_, hint)


def _unbracketed(part: str) -> str:
    """``[CWALT 2005-34CB]`` -> ``CWALT 2005-34CB``: a part of a title printed in brackets, read without them."""
    return part[1:-1].strip() if part[:1] == "[" and part[-1:] == "]" and "]" not in part[1:-1] else part


def _names(part: str, word: str) -> bool:
    low = part.lower()
    return low == word or low.startswith(word + " ") or low.endswith(" " + word) or f" {word} " in low


def _is_class(token: str) -> bool:
    return bool(_CLASS.fullmatch(token)) and token.upper() not in _NOT_CLASS


is_class_name = _is_class
