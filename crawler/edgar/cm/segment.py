"""An exhibit's text as printed lines: SEC table markers blanked, page breaks and dashed rules recognised, tabs
laid out, HTML turned into aligned lines (:mod:`crawler.edgar.cm.markup`) and HTML rendered one cell per line
rebuilt into rows (:mod:`crawler.edgar.cm.rendered`).

Blanking a marker keeps every other character at its column, so a ``<C>`` printed on a data line does not move
the values after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from crawler.edgar.cm import markup, rendered

BLANK: Final = 0
RULE: Final = 1
PAGE: Final = 2
MARK: Final = 3
TEXT: Final = 4  # line kinds

_MARKER = re.compile(r"</?(?:S|C|TABLE|CAPTION|FN|F\d{1,2}|R|PAGE)>", re.IGNORECASE)
_PAGE = re.compile(r"<PAGE>", re.IGNORECASE)
_BLANKS = ("\f", "\v", "\xa0")  # printed as a blank
_MARKS = ("<S>", "<C>")  # the markers of most lines, blanked without a regex
_FORM_FEED = re.compile(r"^[ \t]*\f+", re.MULTILINE)  # at the start of a line: a new page
_PIPED = re.compile(r" *\|.*\|.*\| *")  # a line printed between bars, with a bar between two cells
_LEADER = re.compile(r"(?:(?<=[A-Za-z)])\.{3,}|(?<=\S )\.{4,})(?=[ $\d(\[]|$)")  # after a label, or a blank after one
_RULE = re.compile(r"[ \-=_*.+|]*[-=_]{3,}[ \-=_*.+|]*")
_RULE_CHARS = " -=_*.+|"  # the only characters of a _RULE


@dataclass(slots=True)
class Line:
    """One printed line; ``text`` is its content (markers blanked, right-stripped) when ``kind`` is TEXT."""

    no: int
    kind: int
    text: str = ""

    def __init__(self, no: int, kind: int, text: str = "") -> None:  # compiled (the dataclass's own is not)
        self.no, self.kind, self.text = no, kind, text


def exhibit_lines(text: str, *, html: bool | None = None) -> list[Line]:
    """The lines of an exhibit (plain text, SEC ``<TABLE>`` text, or HTML markup)."""
    if html if html is not None else markup.looks_like_html(text):
        raw = markup.html_lines(text)
    else:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\f" in text:
            text = _FORM_FEED.sub("<PAGE>\n", text)
        for blank in _BLANKS:  # str.replace finds a character far faster than str.translate maps each one
            if blank in text:
                text = text.replace(blank, " ")
        raw = text.split("\n")
        if "\t" in text:
            raw = _lay_out_tabs(raw)
        if rendered.looks_rendered(raw):
            raw = rendered.rebuild_rows(raw)
    return classify(raw)


def classify(raw: list[str]) -> list[Line]:
    printed = "\n".join(raw)  # the characters few exhibits print, looked for once rather than on every line
    tabs, bars, dots = "\t" in printed, "|" in printed, "..." in printed
    lines: list[Line] = []
    for no, line in enumerate(raw):
        if "<" in line:
            if _PAGE.search(line):
                lines.append(Line(no, PAGE))
                continue
            stripped = line
            for mark in _MARKS:
                if mark in stripped:
                    stripped = stripped.replace(mark, "   ")
            if "<" in stripped:
                stripped = _MARKER.sub(_blank, stripped)
            stripped = stripped.rstrip()
            if not stripped:
                lines.append(Line(no, MARK if line.strip() else BLANK))
                continue
            line = stripped
        else:
            line = line.rstrip()
        if tabs and "\t" in line:
            line = line.expandtabs(8)
        if bars and "|" in line and _PIPED.fullmatch(line):  # "| 99-24 | 5.531 |": the bars are the table's rules
            line = line.replace("|", " ").rstrip()
        if dots and "..." in line:  # "Balance.......... $20,000,000": dot leaders are blanks
            line = _LEADER.sub(_blank, line)
        if not line:
            lines.append(Line(no, BLANK))
        elif line[-1] in _RULE_CHARS and not line.strip(_RULE_CHARS) and _RULE.fullmatch(line):
            lines.append(Line(no, RULE, line))
        else:
            lines.append(Line(no, TEXT, line))
    return lines


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _lay_out_tabs(raw: list[str]) -> list[str]:
    """Tabs as printed: each run of lines whose tabs separate the same number of fields is laid out in columns
    (a tab-separated table); any other tab is expanded to the next multiple of 8."""
    out: list[str] = []
    group: list[str] = []
    for line in raw:
        if "\t" in line:
            group.append(line)
            continue
        out.extend(_tab_group(group))
        group = []
        out.append(line)
    out.extend(_tab_group(group))
    return out


def _tab_group(group: list[str]) -> list[str]:
    if not group:
        return []
    fields = [line.split("\t") for line in group]
    counts = Counter(len(f) for f in fields)
    common, seen = counts.most_common(1)[0]
    if len(group) < 2 or common < 2 or seen * 5 < len(group) * 3 or max(counts) > common:
        return [line.expandtabs(8) for line in group]
    widths = [0] * common
    cells = [[cell.strip() for cell in f] for f in fields]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    out = []
    for row in cells:
        parts = [cell.ljust(widths[i]) for i, cell in enumerate(row)]
        out.append("   ".join(parts).rstrip())
    return out
