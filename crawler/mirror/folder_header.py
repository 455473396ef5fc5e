"""A submission's ``KEY:<tabs>value`` header read as an outline, and rendered in SEC's tagged form.

The tagged form (``<ACCESSION-NUMBER>...``, ``<FILER>`` ... ``</FILER>``) is what ``.hdr.sgml`` holds and what
``-index-headers.html`` carries in its comment (EDGAR.md section 3.4; the real sample
``edgar-samples/pages/index-headers.html``). :func:`crawler.edgar.header.parse_header` reads either form into
facts; here every field is kept, in order, because the pages are rendered from it (addresses included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from crawler.edgar.header import KEY_ROLES, TAG_ROLES
from crawler.edgar.items import normalise_item

SECTIONS = ("COMPANY DATA", "OWNER DATA", "FILING VALUES", "BUSINESS ADDRESS", "MAIL ADDRESS", "FORMER COMPANY",
            "FORMER NAME")
TOP_TAGS = {"ACCESSION NUMBER": "ACCESSION-NUMBER", "CONFORMED SUBMISSION TYPE": "TYPE",
            "CONFORMED PERIOD OF REPORT": "PERIOD", "ITEM INFORMATION": "ITEMS", "FILED AS OF DATE": "FILING-DATE",
            "DATE AS OF CHANGE": "DATE-OF-FILING-DATE-CHANGE"}  # fmt: skip
FIELD_TAGS = {"COMPANY CONFORMED NAME": "CONFORMED-NAME", "CENTRAL INDEX KEY": "CIK",
              "STANDARD INDUSTRIAL CLASSIFICATION": "ASSIGNED-SIC", "SEC ACT": "ACT", "SEC FILE NUMBER": "FILE-NUMBER",
              "STREET 1": "STREET1", "STREET 2": "STREET2", "BUSINESS PHONE": "PHONE",
              "FORMER CONFORMED NAME": "FORMER-CONFORMED-NAME", "DATE OF NAME CHANGE": "DATE-CHANGED"}  # fmt: skip
ROLE_TAGS = {key: tag for tag, key in TAG_ROLES.items() if "_" not in tag} | {"REPORTING OWNER": "REPORTING-OWNER"}
_KEY_LINE = re.compile(r"^([A-Z][A-Z0-9 /&'().,-]*[A-Z0-9)]):[ \t]*(.*?)[ \t]*$")
_TAG_LINE = re.compile(r"^<([A-Z][A-Z0-9_-]*)>(.*)$")
_SIC = re.compile(r"\[\s*(\d+)\s*\]|^(\d+)$")


@dataclass(slots=True)
class Section:
    name: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, key: str) -> str:
        return next((value for name, value in self.fields if name == key), "")


@dataclass(slots=True)
class Party:
    """One company block (FILER, SUBJECT COMPANY, ...): its sections in order."""

    role: str
    sections: list[Section] = field(default_factory=list)

    def get(self, section: str, key: str) -> str:
        return next((s.get(key) for s in self.sections if s.name == section), "")

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)


@dataclass(slots=True)
class Outline:
    """``opening``: ``0000905148-04-001812.hdr.sgml : 20040408``; ``top``: fields before the first company block,
    ``("<TAG>", value)`` for tag lines such as ``<ACCEPTANCE-DATETIME>``."""

    opening: str = ""
    top: list[tuple[str, str]] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)

    def get(self, key: str) -> str:
        return next((value for name, value in self.top if name == key), "")


def read_outline(text: str) -> Outline:
    """``text``: the header between ``<SEC-HEADER>`` and ``</SEC-HEADER>`` (the opening line's rest included)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    outline = Outline(opening=lines[0].strip())
    for raw in lines[1:]:
        line = raw.strip()
        tag = _TAG_LINE.match(line)
        key = None if tag else _KEY_LINE.match(line)
        if tag:
            outline.top.append((f"<{tag[1]}>", tag[2].strip()))
        elif key is None:
            continue
        elif not key[2] and key[1] in KEY_ROLES | ROLE_TAGS.keys():
            outline.parties.append(Party(key[1]))
        elif outline.parties and not key[2] and key[1] in SECTIONS:
            outline.parties[-1].sections.append(Section(key[1]))
        elif outline.parties and outline.parties[-1].sections:
            outline.parties[-1].sections[-1].fields.append((key[1], key[2]))
        elif not outline.parties:
            outline.top.append((key[1], key[2]))
    return outline


def sic_code(value: str) -> str | None:
    """``ASSET-BACKED SECURITIES [6189]`` (or ``6189``) -> ``6189``; None when no code is stated."""
    found = _SIC.search(value.strip())
    return (found[1] or found[2]) if found else None


def act_code(value: str) -> str:
    """``1934 Act`` -> ``34``."""
    return value.split()[0][-2:] if value.strip() else ""


def _tag_value(tag: str, value: str, filed: date | None) -> str | None:
    """The tagged spelling of a value; None when the tagged form has no line for it."""
    if tag == "ITEMS":
        return normalise_item(value, filed) if value else None
    if tag == "ASSIGNED-SIC":
        return sic_code(value)
    if tag == "ACT":
        return act_code(value)
    return value


def tagged_lines(outline: Outline, filed: date | None) -> list[str]:
    """``<SEC-HEADER>...hdr.sgml : date`` to ``</SEC-HEADER>``, as the real ``-index-headers.html`` comment."""
    out = [f"<SEC-HEADER>{outline.opening}"]
    for key, value in outline.top:
        if key.startswith("<"):
            out.append(f"{key}{value}")
            continue
        tag = TOP_TAGS.get(key, key.replace(" ", "-"))
        shown = _tag_value(tag, value, filed)
        if shown is not None:
            out.append(f"<{tag}>{shown}")
    for party in outline.parties:
        role = ROLE_TAGS.get(party.role, party.role.replace(" ", "-"))
        out.append(f"<{role}>")
        for section in party.sections:
            name = section.name.replace(" ", "-")
            out.append(f"<{name}>")
            for key, value in section.fields:
                tag = FIELD_TAGS.get(key, key.replace(" ", "-"))
                shown = _tag_value(tag, value, filed)
                if shown is not None:
                    out.append(f"<{tag}>{shown}")
            out.append(f"</{name}>")
        out.append(f"</{role}>")
    out.append("</SEC-HEADER>")
    return out
