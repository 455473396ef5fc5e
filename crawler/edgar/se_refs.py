"""References to exhibits filed on paper under Form SE, found in 8-K text.

Three shapes (EDGAR.md §4.2, §4.4): cover/body sentences ("... listed as Exhibit 99.2 hereto were filed on
Form SE dated April 8, 2004"), exhibit-index rows ("99.2  Computational Materials filed on Form SE dated
April 8, 2004, pursuant to Rule 311(j) of Regulation S-T", rows marked "(P)"), and placeholder exhibit
documents whose whole text is such a note ("Computational Materials (P) [To be filed on Form SE pursuant to
Rule 311(h)]"). References about the same exhibit are merged into one, keeping the richest date and rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crawler.edgar.textnorm import LONG_DATE, NUMERIC_DATE, ascii_lower, parse_written_date, squash

# Patterns below run on ascii_lower() text: case-sensitive with literal prefixes is much faster than IGNORECASE.
_SE = re.compile(r"form\s+se\b|filed\s+in\s+paper\b|paper\s+format\b")
_FORM_SE = re.compile(r"form\s+se\b")
_PAPER_WORDS = re.compile(r"filed\s+in\s+paper\b|paper\s+format\b")
_PAPER_MARK = re.compile(r"\(\s*p\s*\)")
_SE_DATE = re.compile(rf"form\s+se[^.;]{{0,40}}?\b(?:dated|on|of)\s+({LONG_DATE}|{NUMERIC_DATE})", re.I)
_RULE = re.compile(r"rule\s+311\s*\(\s*([a-z])\s*\)")
_TO_BE_FILED = re.compile(r"\b(?:to\s+be|will\s+be|shall\s+be|to\s+be\s+subsequently)\s+(?:filed|submitted)\b")
_FILED = re.compile(r"\b(?:filed|submitted)\b")
_ROW = re.compile(r"[ \t]*(?:exhibit\s+|ex-)?(\d{1,3}(?:\.\d{1,3})?)(?:\s*[.:\-\u2013]\s*|\s+)(?=\S)")
_EXHIBIT_IN_SENTENCE = re.compile(
    r"\bexhibits?\s+((?:\d{1,3}(?:\.\d{1,3})?)(?:\s*(?:,|and|&|through|to)\s*(?:exhibit\s+)?\d{1,3}(?:\.\d{1,3})?)*)"
)
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})?")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\[\"])")
_EXHIBIT_TYPE = re.compile(r"^\s*EX-?\s*(\d{1,3}(?:\.[0-9A-Za-z]{1,10})*)", re.I)
PLACEHOLDER_MAX_CHARS = 600
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PARAGRAPH_REACH = 1500  # characters searched each way for the blank lines around a mention
_ROW_LINES = 6  # an exhibit-index row with its continuation lines spans at most this many lines
_MAX_MARKS = 64  # mentions examined per document; real 8-Ks have a handful


@dataclass(slots=True)
class SeReference:
    """One exhibit said to be filed (or to be filed) on paper under Form SE."""

    exhibit: str | None
    se_date: date | None
    rule: str | None  # "311(j)"
    text: str
    timing: str  # "filed" | "to_be_filed" | "unknown"
    source: str  # "cover" | "exhibit_index" | "placeholder"


def exhibit_from_type(doc_type: str | None) -> str | None:
    """``EX-99.2`` -> ``99.2``, ``EX-99`` -> ``99``, ``EX-101.SCH`` -> ``101.SCH``; None for non-exhibits."""
    match = _EXHIBIT_TYPE.match(doc_type or "")
    return match.group(1).upper() if match else None


def _marks(low: str, paper_marks: bool) -> list[int]:
    found = [m.start() for m in _FORM_SE.finditer(low)]
    if "paper" in low:
        found.extend(m.start() for m in _PAPER_WORDS.finditer(low))
    if paper_marks and "(" in low:
        found.extend(m.start() for m in _PAPER_MARK.finditer(low))
    return sorted(found)


def is_placeholder(plain: str) -> bool:
    """True when a document's whole (plain) text is a short paper / Form SE note."""
    flat = squash(plain)
    return 0 < len(flat) <= PLACEHOLDER_MAX_CHARS and bool(_marks(ascii_lower(flat), True))


def _reference(exhibit: str | None, passage: str, source: str) -> SeReference:
    text = squash(passage)
    low = ascii_lower(text)
    found = _SE_DATE.search(text)
    rule = _RULE.search(low)
    timing = "to_be_filed" if _TO_BE_FILED.search(low) else "filed" if _FILED.search(low) else "unknown"
    return SeReference(
        exhibit=exhibit,
        se_date=parse_written_date(found.group(1)) if found else None,
        rule=f"311({rule.group(1)})" if rule else None,
        text=text,
        timing=timing,
        source=source,
    )


def _row_around(low: str, pos: int, para_start: int, para_end: int) -> tuple[int, int, str] | None:
    """The exhibit-index row holding ``pos``: (start, end, exhibit number), or None if not in a row."""
    line = low.rfind("\n", para_start, pos) + 1 or para_start
    for _ in range(_ROW_LINES):
        match = _ROW.match(low, line)
        if match is None and low[line : line + 1] not in (" ", "\t"):
            return None  # a row's continuation lines are indented; this is prose
        if match:
            end = low.find("\n", pos, para_end)
            end = para_end if end < 0 else end
            for _ in range(_ROW_LINES):
                if end >= para_end or _ROW.match(low, end + 1) or low[end + 1 : end + 2] not in (" ", "\t"):
                    break
                following = low.find("\n", end + 1, para_end)
                end = para_end if following < 0 else following
            return line, end, match.group(1).rstrip(".")
        if line <= para_start:
            return None
        line = low.rfind("\n", para_start, line - 1) + 1 or para_start
    return None


def _paragraph(low: str, pos: int) -> tuple[int, int]:
    """Bounds of the blank-line separated paragraph around ``pos`` (looking at most a few KB each way)."""
    window_start = max(0, pos - _PARAGRAPH_REACH)
    start = window_start
    for blank in _BLANK_LINE.finditer(low, window_start, pos):
        start = blank.end()
    following = _BLANK_LINE.search(low, pos, pos + _PARAGRAPH_REACH)
    end = following.start() if following else min(len(low), pos + _PARAGRAPH_REACH)
    return start, end


def references_in_text(plain: str, *, paper_marks: bool = True) -> list[SeReference]:
    """Form SE references in a document's plain text: exhibit-index rows, else the sentences around a mention.

    ``paper_marks``: also take exhibit rows marked "(P)" (right for a cover document's exhibit index; off for
    long exhibits whose tables could carry the same letters).
    """
    low = ascii_lower(plain)
    found: list[SeReference] = []
    done: set[tuple[int, int]] = set()
    for pos in _marks(low, paper_marks)[:_MAX_MARKS]:
        para_start, para_end = _paragraph(low, pos)
        row = _row_around(low, pos, para_start, para_end)
        if row is not None:
            if (row[0], row[1]) not in done:
                done.add((row[0], row[1]))
                found.append(_reference(row[2], plain[row[0] : row[1]], "exhibit_index"))
        elif (para_start, para_end) not in done and _SE.search(low, para_start, para_end):
            done.add((para_start, para_end))
            found.extend(_sentence_references(plain[para_start:para_end]))
    return found


def _sentence_references(paragraph: str) -> list[SeReference]:
    found = []
    for sentence in _SENTENCE_END.split(squash(paragraph)):
        low = ascii_lower(sentence)
        if not _SE.search(low):
            continue
        listed = _EXHIBIT_IN_SENTENCE.search(low)
        numbers: list[str | None] = list(_NUMBER.findall(listed.group(1))) if listed else [None]
        found.extend(_reference(number, sentence, "cover") for number in numbers)
    return found


def placeholder_reference(plain: str, doc_type: str | None) -> SeReference:
    """The reference a placeholder exhibit document stands for (exhibit number from its ``<TYPE>``)."""
    return _reference(exhibit_from_type(doc_type), plain, "placeholder")


def _richness(ref: SeReference) -> tuple[int, int, bool]:
    source_rank = {"exhibit_index": 2, "placeholder": 1, "cover": 0}.get(ref.source, 0)
    return (ref.se_date is not None) + (ref.rule is not None), source_rank, ref.timing != "unknown"


def merge_references(references: list[SeReference]) -> list[SeReference]:
    """One reference per exhibit (first-seen order); unnumbered ones only when they add a new date."""
    groups: dict[str | None, list[SeReference]] = {}
    for ref in references:
        groups.setdefault(ref.exhibit, []).append(ref)
    merged = [_merge(group) for key, group in groups.items() if key is not None]
    loose = groups.get(None)
    if loose:
        known_dates = {ref.se_date for ref in merged}
        extra = _merge(loose)
        if not merged or (extra.se_date is not None and extra.se_date not in known_dates):
            merged.append(extra)
    return merged


def _merge(group: list[SeReference]) -> SeReference:
    best = max(group, key=_richness)
    timing = best.timing if best.timing != "unknown" else next(
        (ref.timing for ref in group if ref.timing != "unknown"), "unknown")
    return SeReference(
        exhibit=best.exhibit,
        se_date=best.se_date or next((ref.se_date for ref in group if ref.se_date), None),
        rule=best.rule or next((ref.rule for ref in group if ref.rule), None),
        text=best.text,
        timing=timing,
        source=best.source,
    )
