"""The documents of a synthetic 8-K: primary document and exhibits (ASCII tables, HTML, uuencoded, placeholders)."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import date

from crawler.mirror.synth_blocks import Blocks, uuencode, wrap
from crawler.mirror.synth_body import exhibit_row, items_section, se_exhibit_description
from crawler.mirror.synth_calendar import long_date
from crawler.mirror.synth_cm import CmMaker
from crawler.mirror.synth_cm_model import CmExhibit
from crawler.mirror.synth_cover import center, cover, display_name, signature
from crawler.mirror.synth_model import Filing

HTML_FROM = date(2001, 6, 1)
ABS_HTML_FROM = date(2004, 7, 1)
FILENAMES_FROM = date(2001, 1, 1)


@dataclass(slots=True)
class Document:
    type: str
    text: str
    filename: str | None = None
    description: str | None = None
    cm: CmExhibit | None = None  # the Computational Materials tables printed in it


@dataclass(slots=True)
class Style:
    """Per-filing rendering choices, drawn from the filing's own random stream."""

    html_primary: bool
    html_exhibit: bool
    filenames: bool
    descriptions: bool
    pdf: bool
    gif: bool
    misnumber: bool
    base: str


def choose_style(filing: Filing, rng: random.Random) -> Style:
    features, filed, general = filing.features, filing.filed, filing.kind == "general"
    html_ok = filed >= (HTML_FROM if general else ABS_HTML_FROM)
    html_primary = html_ok and rng.random() < (0.4 if general else 0.12) and "misnumber" not in features
    yy = filed.year % 100
    if filing.agent == "0000905148":
        base = f"efc{yy % 10}-{rng.randint(100, 2999):04d}_{rng.randint(5000000, 5999999)}"
    else:
        base = rng.choice(("form8k", f"d{rng.randint(10000, 99999)}e8vk", f"{filing.filers[0].name[:3].lower().strip()}8k{yy:02d}"))
    return Style(
        html_primary=html_primary,
        html_exhibit="html" in features or (html_ok and rng.random() < 0.25),
        filenames="no_filename" not in features and (filed >= FILENAMES_FROM or rng.random() < 0.3),
        descriptions=rng.random() < 0.5,
        pdf="pdf" in features or (filing.kind == "cm" and rng.random() < 0.02),
        gif="gif" in features or (general and html_primary and rng.random() < 0.04),
        misnumber="misnumber" in features or (not general and filing.items[0] == "8.01" and rng.random() < 0.03),
        base=base.replace(" ", ""),
    )


def to_html(lines: list[str], title: str) -> str:
    body = "\n".join(f"<P>{html.escape(text) if text.strip() else '&nbsp;'}</P>" for text in lines if text != "<PAGE>")
    return f"<HTML>\n<HEAD>\n<TITLE>{title}</TITLE>\n</HEAD>\n<BODY>\n{body}\n</BODY>\n</HTML>"


def table_html(block: str) -> str:
    rows = [line for line in block.splitlines() if not line.startswith("<")]
    cells = "\n".join(f"<TR><TD><PRE>{html.escape(row)}</PRE></TD></TR>" for row in rows)
    return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0">\n{cells}\n</TABLE>'


class DocumentMaker:
    """Builds the document list of one filing."""

    def __init__(self, blocks: Blocks, seed: int) -> None:
        self.blocks = blocks
        self.cm = CmMaker(seed)

    def documents(self, filing: Filing, rng: random.Random) -> list[Document]:
        style = choose_style(filing, rng)
        exhibits = self._exhibits(filing, style, rng)
        rows: list[str] = []
        for number, description, _ in exhibits:
            rows += exhibit_row(number, description)
        lines = cover(filing, rng) + items_section(filing, rows, rng, style.misnumber) + signature(filing, rng)
        ext = "htm" if style.html_primary else "txt"
        text = to_html(lines, f"Form {filing.form_type}") if style.html_primary else "\n".join(lines)
        primary_name = f"{style.base}fm8k.{ext}" if style.base.startswith("efc") else f"{style.base}.{ext}"
        docs = [Document(filing.form_type, text, primary_name, "FORM 8-K" if style.descriptions else None)]
        docs += [doc for _, _, doc in exhibits if doc is not None]
        if style.gif:
            docs.append(Document("GRAPHIC", uuencode(rng.choice(self.blocks.gif), "logo.gif"), "logo.gif"))
        if style.pdf:
            name = f"{style.base}ex991.pdf"
            encoded = uuencode(rng.choice(self.blocks.pdf), name)
            docs.append(Document("PDF", f"<PDF>\n{encoded}\n</PDF>" if rng.random() < 0.5 else encoded, name, "UNOFFICIAL PDF COPY"))
        if not style.filenames:
            for doc in docs:
                doc.filename = None
        return docs

    def _exhibits(self, filing: Filing, style: Style, rng: random.Random) -> list[tuple[str, str, Document | None]]:
        kind, deal = filing.kind, filing.deal
        out: list[tuple[str, str, Document | None]] = []
        if kind == "cm" and deal is not None:
            for number, dialect in zip(("99.1", "99.4"), filing.cm_exhibits):
                document = self._cm_exhibit(filing, style, number, dialect)
                shown = document.cm.description if document.cm else "Computational Materials"
                dated = f" dated {long_date(filing.period)}." if number == "99.1" else "."
                out.append((number, f"{shown}{dated}", document))
            for ref in filing.se_refs:
                placeholder = None
                if ref.style != "cover_dated":
                    note = (f"[To be filed on Form SE pursuant to Rule {ref.rule}]" if ref.style == "to_be_filed"
                            else "[Filed on Form SE]")  # fmt: skip
                    placeholder = Document(f"EX-{ref.exhibit}", f"Computational Materials (P) {note}",
                                           f"{style.base}ex{ref.exhibit.replace('.', '')}.txt")  # fmt: skip
                out.append((ref.exhibit, se_exhibit_description(ref), placeholder))
        elif kind == "closing" and deal is not None:
            agreement = deal.profile.agreement
            out.append(("4.1", f"{agreement}, dated as of {long_date(deal.agreement_date)}.", self._agreement(filing, style)))
        elif kind == "distribution":
            out.append(("99.1", "Monthly Statement to Certificateholders.", self._statement(filing, style, rng)))
        elif kind == "abs_event" and "9.01" in filing.items:
            lines = ["", center("NOTICE TO CERTIFICATEHOLDERS"), "", *wrap("Notice is hereby given of the event reported in "
                     "the Current Report on Form 8-K to which this notice is attached.", 78)]  # fmt: skip
            out.append(("99.1", "Notice to Certificateholders.", self._exhibit_doc("99.1", style, lines, "Notice")))
        elif any(code in ("7", "9.01", "5", "8.01", "2.02", "12", "7.01", "9") for code in filing.items):
            out.append(("99.1", "Press release.", self._press_release(filing, style, rng)))
        return out

    def _exhibit_doc(self, number: str, style: Style, lines: list[str], title: str, description: str | None = None) -> Document:
        name = f"{style.base}ex{number.replace('.', '')}"
        if style.html_exhibit:
            return Document(f"EX-{number}", to_html(lines, title), f"{name}.htm", description)
        return Document(f"EX-{number}", "\n".join(lines), f"{name}.txt", description)

    def _cm_exhibit(self, filing: Filing, style: Style, number: str, dialect: str) -> Document:
        exhibit = self.cm.exhibit(filing, number, dialect, style.base)
        description = exhibit.description.upper() if exhibit.description and style.descriptions else None
        return Document(f"EX-{number}", exhibit.text, exhibit.filename, description, exhibit)

    def _statement(self, filing: Filing, style: Style, rng: random.Random) -> Document:
        deal = filing.deal
        assert deal is not None
        lines = ["", center("EXHIBIT 99.1"), "", center(deal.trust.name.upper()),
                 center(f"SERIES {deal.series}"), center("STATEMENT TO CERTIFICATEHOLDERS"),
                 center(f"DISTRIBUTION DATE: {long_date(filing.period).upper()}"), "", rng.choice(self.blocks.distribution)]  # fmt: skip
        return Document("EX-99.1", "\n".join(lines), f"{style.base}ex991.txt",
                        "STATEMENT TO CERTIFICATEHOLDERS" if style.descriptions else None)  # fmt: skip

    def _agreement(self, filing: Filing, style: Style) -> Document:
        deal = filing.deal
        assert deal is not None
        agreement = deal.profile.agreement.upper()
        lines = ["", center(agreement), "", center(f"Dated as of {long_date(deal.agreement_date)}"), "",
                 center(f"{display_name(deal.depositor)}, as Depositor,"), "", center(f"{deal.series} TRUST"), "",
                 "<PAGE>", "", center("ARTICLE I"), center("DEFINITIONS"), "",
                 *wrap("Section 1.01  Defined Terms. Whenever used in this Agreement, the following words and phrases "
                       "shall have the meanings specified in this Article unless the context otherwise requires.", 78)]  # fmt: skip
        return self._exhibit_doc("4.1", style, lines, agreement.title(), agreement if style.descriptions else None)

    def _press_release(self, filing: Filing, style: Style, rng: random.Random) -> Document:
        name = display_name(filing.filers[0])
        lines = [f"{'':60}Exhibit 99.1", "", "FOR IMMEDIATE RELEASE", "", center(name), ""]
        lines += wrap(f"{name} today announced the matters described in its current report on Form 8-K. Statements in "
                      "this release that are not historical facts are forward-looking statements.", 78)  # fmt: skip
        if any(code in ("12", "2.02") for code in filing.items):
            lines += ["", rng.choice(self.blocks.earnings)]
            if style.html_exhibit:
                return Document("EX-99.1", to_html(lines[:-1], "Press Release").replace("</BODY>", table_html(lines[-1]) + "\n</BODY>"),
                                f"{style.base}ex991.htm")  # fmt: skip
        return self._exhibit_doc("99.1", style, lines, "Press Release", "PRESS RELEASE" if style.descriptions else None)
