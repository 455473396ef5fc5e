"""Small text helpers shared by the 8-K analysers: markup to plain lines, whitespace, written dates."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_BLOCK_TAG = re.compile(r"<\s*(?:br|p|/?div|/?tr|/?li|/?h[1-6]|/?center|/?pre)\b[^<>]{0,2000}>", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"<\s*(?:/table|hr)\b[^<>]{0,2000}>", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n]+")
_CELL_TAG = re.compile(r"<\s*/?\s*(?:td|th)\b[^<>]{0,2000}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,2000}>")
_PRE = re.compile(r"<pre\b", re.IGNORECASE)
_MARKUP_HINT = re.compile(r"<\s*(?:html|body|div|p|td|font|br|table)\b", re.IGNORECASE)

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
LONG_DATE = rf"{MONTH_NAME}\s+\d{{1,2}}\s*,?\s*\d{{4}}"
NUMERIC_DATE = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"
_LONG_DATE_PARTS = re.compile(rf"\b({MONTH_NAME})\s+(\d{{1,2}})\s*,?\s*(\d{{4}})", re.IGNORECASE)
_NUMERIC_DATE_PARTS = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def looks_like_markup(text: str) -> bool:
    """True when the text is HTML/XML rather than SEC plain text (checked on its first 8 KB)."""
    return _MARKUP_HINT.search(text, 0, 8192) is not None


def markup_to_text(text: str) -> str:
    """Plain lines from HTML or from SEC plain text, line breaks normalised to ``\\n``.

    HTML: source line breaks are spaces (unless the page uses ``<pre>``); ``<br>``, ``<p>``, ``<div>``, rows
    start lines, so a ``<p>`` per printed line (2004-era conversions) keeps the printed layout and an empty
    ``<p>&nbsp;</p>`` is a blank line; ``</table>`` and ``<hr>`` end paragraphs; cells are spaces; entities
    are decoded.
    SEC plain text keeps its lines and spacing; its ``<PAGE>``, ``<S>``, ``<C>`` markers become spaces.
    """
    if looks_like_markup(text):
        if _PRE.search(text) is None:
            text = _LINE_BREAKS.sub(" ", text)
        text = _PARAGRAPH_END.sub("\n\n", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _CELL_TAG.sub(" ", text)
        text = _ANY_TAG.sub("", text)
        return html.unescape(text).replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = _ANY_TAG.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def ascii_lower(text: str) -> str:
    """Lower-cased copy with exactly the same length (offsets stay valid; non-latin-1 chars become ``?``).

    Searching this with case-sensitive patterns is far faster than ``re.IGNORECASE`` on the original.
    """
    return text.encode("latin-1", "replace").lower().decode("latin-1")


def squash(text: str) -> str:
    """Whitespace runs (line breaks included) collapsed to one space, ends stripped."""
    return " ".join(text.split())


def parse_written_date(text: str) -> date | None:
    """``April 8, 2004``, ``Apr. 8 2004`` or ``4/8/2004`` (``4/8/04``) as a date; None if not a valid one."""
    match = _LONG_DATE_PARTS.search(text)
    try:
        if match:
            month = MONTHS[match.group(1).lower()[:3]]
            return date(int(match.group(3)), month, int(match.group(2)))
        match = _NUMERIC_DATE_PARTS.search(text)
        if match:
            year = int(match.group(3))
            year += (1900 if year >= 70 else 2000) if year < 100 else 0
            return date(year, int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    return None


def parse_yyyymmdd(text: str | None) -> date | None:
    """``20041015`` (EDGAR header dates) as a date; None when missing or invalid."""
    if not text:
        return None
    digits = text.strip()[:8]
    if len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _nth_sunday(year: int, month: int, nth: int) -> date:
    """The nth Sunday of a month (nth = -1: the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _eastern_offset_hours(local: datetime) -> int:
    """US Eastern UTC offset by the US DST rules (used only when no tz database is installed)."""
    if local.year >= 2007:
        start, end = _nth_sunday(local.year, 3, 2), _nth_sunday(local.year, 11, 1)
    else:
        start, end = _nth_sunday(local.year, 4, 1), _nth_sunday(local.year, 10, -1)
    summer = datetime.combine(start, time(2)) <= local < datetime.combine(end, time(2))
    return -4 if summer else -5


def eastern_to_utc(local: datetime) -> datetime:
    """A naive US/Eastern wall-clock time (EDGAR acceptance time) as an aware UTC datetime."""
    try:
        zone = ZoneInfo("America/New_York")
    except (ZoneInfoNotFoundError, ValueError):
        return (local - timedelta(hours=_eastern_offset_hours(local))).replace(tzinfo=timezone.utc)
    return local.replace(tzinfo=zone).astimezone(timezone.utc)
