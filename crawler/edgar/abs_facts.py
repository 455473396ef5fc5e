"""Asset-backed deal facts of a submission: is it ABS, who filed (depositor or trust), series, agreement.

Evidence comes from the header (SIC 6189 in any company block, ``<DEPOSITOR-CIK>``, the file-number shape:
``333-NNNNNN`` is a depositor's shelf, ``333-NNNNNN-NN`` a trust's sub-number) and from the cover text of the
primary document ("CWALT, INC., (as depositor under the Pooling and Servicing Agreement, to be dated as of
April 1, 2004, ... Series 2004-J4)", "(Exact name of the depositor as specified in its charter)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.edgar.header import Company
from crawler.edgar.textnorm import LONG_DATE, ascii_lower, parse_written_date, squash

ABS_SIC = 6189
SHELF_NUMBER = re.compile(r"^0*33{1,2}-\d{4,6}$")
TRUST_NUMBER = re.compile(r"^0*33{1,2}-\d{4,6}-\d{1,3}$")
_TRUST_NAME = re.compile(r"\bTRUST\b|\bSER(?:IES)?\b\.?\s*\d{4}|\bCERTS?\b|\b(?:19|20)\d{2}-[A-Z0-9]{1,6}\b", re.I)
_ABS_COVER_PHRASES = (
    "as depositor", "exact name of depositor", "exact name of the depositor", "exact name of issuing entity",
    "exact name of the issuing entity", "pass-through certificates", "asset-backed certificates",
    "asset backed certificates", "asset-backed notes", "asset-backed securities", "computational materials",
)
# _AS_DEPOSITOR, _CAPTION and _SERIES run on ascii_lower() text (fast case-sensitive search, same offsets).
_AS_DEPOSITOR = re.compile(r"as\s+depositor\b")
_CAPTION = re.compile(r"\(\s*exact\s+name\s+of\s+(?:the\s+)?(depositor|issuing\s+entity|registrant)\b")
_RULE_LINE = re.compile(r"^[\s_\-=*]*$")
_AGREEMENT = re.compile(
    r"as\s+depositor\s+under\s+(?:the|a|an|that\s+certain)\s+([A-Za-z&,\- ]{3,80}?Agreement)"
    rf"(?:[^.;]{{0,60}}?dated\s+as\s+of\s+({LONG_DATE}))?",
    re.I,
)
_SERIES = re.compile(r"series\s+((?:19|20)\d{2}-[a-z0-9]{1,8})\b")
_NAME_SERIES = re.compile(r"\b(?:SER(?:IES)?\.?|TRUST)\s+((?:19|20)\d{2})[\s-]+([A-Z0-9]{1,6})\b", re.I)
_WORDS = r"((?:[A-Z][\w&.'-]*,?\s+){0,6}[A-Z][\w&.'-]*)"
_UNDERWRITER = (
    re.compile(_WORDS + r"\s*(?:\(\s*(?:the\s+)?[\"\u201c][^\"\u201d]{1,30}[\"\u201d]\s*\)\s*)?,?\s+as\s+(?:the\s+)?"
               r"(?:lead\s+|sole\s+|an\s+)?underwriter\b"),
    re.compile(_WORDS + r"\s*\(\s*(?:the\s+)?[\"\u201c]Underwriter[\"\u201d]\s*\)"),
)
_TRUST_IN_TEXT = re.compile(r"((?:[A-Z][\w&.'-]*,?\s+){1,8}Trust,?\s+(?:Series\s+)?(?:19|20)\d{2}-[A-Z0-9]{1,8})\b")
_NAME_TAILS = {"CORP", "INC", "LLC", "LP", "L", "P", "CO", "LTD", "TRUST", "I", "II", "III", "IV", "V", "THE"}
_SUFFIXES = {"CORPORATION": "CORP", "INCORPORATED": "INC", "COMPANY": "CO", "LIMITED": "LTD"}
_WINDOW = 200  # characters looked at before a keyword ("underwriter", "trust") for the name preceding it
_MAX_KEYWORD_HITS = 20


@dataclass(slots=True)
class AbsFacts:
    """What the submission says about an asset-backed deal; ``evidence`` lists why."""

    is_abs: bool = False
    role: str = "other"  # "depositor" | "trust" | "other"
    depositor_name: str | None = None
    series: str | None = None
    trust_name: str | None = None
    agreement: str | None = None
    agreement_date: str | None = None  # ISO date of "dated as of"
    underwriter: str | None = None
    evidence: list[str] = field(default_factory=list)


def _primary(companies: list[Company]) -> Company | None:
    return next((c for c in companies if c.role == "FILER"), companies[0] if companies else None)


def _line_above(cover: str, line_start: int) -> str | None:
    """The nearest non-empty line above ``line_start`` that is not an underline."""
    above = cover[max(0, line_start - 600) : line_start].split("\n")
    for line in reversed(above[-5:]):
        if line.strip() and not _RULE_LINE.match(line):
            return squash(line).strip(" ,(")
    return None


def _name_before(cover: str, pos: int) -> str | None:
    """The name written before ``pos``: the start of its line, completed by the line above when that part is
    only a suffix (``CORPORATION, (as depositor``), or else the line above (a name over a caption)."""
    line_start = cover.rfind("\n", max(0, pos - _WINDOW), pos) + 1 or max(0, pos - _WINDOW)
    before = squash(cover[line_start:pos]).strip(" ,(")
    if before and _RULE_LINE.match(before):
        before = ""
    if before and not set(name_key(before).split()) <= _NAME_TAILS:
        return before
    above = _line_above(cover, line_start)
    return " ".join(part for part in (above, before) if part) or None


def _cover_names(cover: str, low: str) -> dict[str, str]:
    names: dict[str, str] = {}
    if "exact name of" in low:
        for number, caption in enumerate(_CAPTION.finditer(low)):
            if number >= _MAX_KEYWORD_HITS:
                break
            kind = "trust" if "issuing" in caption.group(1) else caption.group(1)
            name = _name_before(cover, caption.start())
            if name and kind not in names:
                names[kind] = name
    depositor = _AS_DEPOSITOR.search(low)
    name = _name_before(cover, depositor.start()) if depositor else None
    if name and len(name) <= 120:
        names["as_depositor"] = name
    return names


def _keyword_windows(flat: str, low: str, keyword: str, after: int) -> list[str]:
    """Short pieces of ``flat`` ending ``after`` characters past each occurrence of ``keyword``."""
    windows, at = [], low.find(keyword)
    while at >= 0 and len(windows) < _MAX_KEYWORD_HITS:
        windows.append(flat[max(0, at - _WINDOW) : at + len(keyword) + after])
        at = low.find(keyword, at + 1)
    return windows


def name_key(name: str) -> str:
    """A company name reduced for comparison: ``CWALT, INC.`` and ``CWALT INC`` give the same key."""
    words = re.sub(r"[^A-Z0-9]+", " ", name.upper()).split()
    return " ".join(_SUFFIXES.get(word, word) for word in words)


def _header_depositor(primary: Company | None, companies: list[Company], role: str, depositor_cik: int | None,
                      cover_name: str | None) -> Company | None:
    """The depositor's own company block, when the header has one."""
    by_cik = next((c for c in companies if depositor_cik is not None and c.cik == depositor_cik), None)
    found = by_cik or next((c for c in companies if c.role == "DEPOSITOR"), None)
    if found is None and role == "depositor":
        return primary
    if found is None and primary is not None:
        shelves = {number.rsplit("-", 1)[0] for number in primary.file_numbers if TRUST_NUMBER.match(number)}
        found = next((c for c in companies if c is not primary and shelves & set(c.file_numbers)), None)
    if found is None and cover_name:
        found = next((c for c in companies if c.name and name_key(c.name) == name_key(cover_name)), None)
    return found


def _role(primary: Company | None, companies: list[Company], depositor_cik: int | None, evidence: list[str]) -> str:
    if primary is None:
        return "other"
    if depositor_cik is not None and primary.cik is not None:
        evidence.append(f"<DEPOSITOR-CIK> {depositor_cik} vs filer {primary.cik}")
        return "depositor" if depositor_cik == primary.cik else "trust"
    if any(c.role == "DEPOSITOR" and c.cik == primary.cik and c.cik is not None for c in companies):
        evidence.append("filer is the header's DEPOSITOR block")
        return "depositor"
    for number in primary.file_numbers:
        if TRUST_NUMBER.match(number):
            evidence.append(f"file number {number}: trust sub-number")
            return "trust"
    for number in primary.file_numbers:
        if SHELF_NUMBER.match(number):
            evidence.append(f"file number {number}: depositor shelf")
            return "depositor"
    if primary.name and _TRUST_NAME.search(primary.name):
        evidence.append(f"filer name looks like a trust: {primary.name}")
        return "trust"
    return "depositor"


def _series(low: str, names: list[str | None]) -> str | None:
    match = _SERIES.search(low)
    if match:
        return match.group(1).upper()
    for name in names:
        found = _NAME_SERIES.search(name or "")
        if found:
            return f"{found.group(1)}-{found.group(2).upper()}"
    return None


def _underwriter(flat: str, low: str) -> str | None:
    for window in _keyword_windows(flat, low, "underwriter", 3):
        for pattern in _UNDERWRITER:
            match = pattern.search(window)
            if match:
                return re.sub(r"^(?:The|the)\s+", "", match.group(1)).strip(" ,") or None
    return None


def _trust_in_text(flat: str, low: str) -> str | None:
    for window in _keyword_windows(flat, low, " trust", 40):
        match = _TRUST_IN_TEXT.search(window)
        if match:
            return squash(match.group(1))
    return None


def abs_facts(companies: list[Company], cover: str, *, depositor_cik: int | None = None,
              sponsor_cik: int | None = None) -> AbsFacts:
    """Deal facts from the header's company blocks and the primary document's plain cover text."""
    facts = AbsFacts()
    flat = squash(cover)
    low = ascii_lower(flat)
    abs_companies = [c for c in companies if c.sic == ABS_SIC]
    facts.evidence.extend(f"SIC 6189: {c.name} ({c.cik}, {c.role})" for c in abs_companies)
    cover_hit = next((phrase for phrase in _ABS_COVER_PHRASES if phrase in low), None)
    if cover_hit:
        facts.evidence.append(f"cover: {cover_hit}")
    facts.is_abs = bool(abs_companies or depositor_cik or sponsor_cik or cover_hit)
    if not facts.is_abs:
        return facts
    primary = _primary(companies)
    facts.role = _role(primary, companies, depositor_cik, facts.evidence)
    names = _cover_names(cover, ascii_lower(cover))
    cover_name = names.get("depositor") or names.get("as_depositor")
    header_depositor = _header_depositor(primary, companies, facts.role, depositor_cik, cover_name)
    facts.depositor_name = (header_depositor.name if header_depositor else None) or cover_name
    header_trust = next((c for c in companies if c.role in ("ISSUING ENTITY", "SERIAL COMPANY")), None)
    if header_trust is None and facts.role == "trust":
        header_trust = primary
    facts.trust_name = (header_trust.name if header_trust else None) or names.get("trust") \
        or _trust_in_text(flat, low)
    agreement = _AGREEMENT.search(flat, max(0, low.find("as depositor under"))) if "as depositor under" in low \
        else None
    if agreement:
        facts.agreement = squash(agreement.group(1))
        when = parse_written_date(agreement.group(2) or "")
        facts.agreement_date = when.isoformat() if when else None
        facts.evidence.append(f"cover: as depositor under the {facts.agreement}")
    facts.series = _series(low, [facts.trust_name, *(c.name for c in companies)])
    facts.underwriter = _underwriter(flat, low)
    return facts
