"""The pages of a per-filing folder ``Archives/edgar/data/CIK/ACCNODASH/``, rendered from the submission.

Shapes follow the real samples in ``edgar-samples/pages/``: ``{accession}-index.htm`` the filing detail page
(``single_filing_page.html``: ``formGrouping`` dates, the ``tableFile`` document table, one ``filerDiv`` per
company block), ``{accession}-index-headers.html`` (``index-headers.html``: the tagged header in a comment, then
the header and a link per document in ``<PRE>``) and ``index.json`` (``0001213900-24-004875-index.json``).
unconfirmed: the shape of ``data/CIK/index.json`` (written like the folder's, one ``folder.gif`` item per filing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from crawler.mirror.folder_header import Outline, Party, act_code, sic_code

ARCHIVE = "/Archives/edgar/data"
ROLE_LABELS = {"FILER": "Filer", "SUBJECT COMPANY": "Subject", "FILED BY": "Filed by", "REPORTING-OWNER": "Reporting",
               "REPORTING OWNER": "Reporting", "ISSUER": "Issuer"}  # fmt: skip
FORM_TITLES = {"8-K": "Current report"}
IMAGE_TYPES = (".jpg", ".jpeg", ".gif", ".png")
COMPRESSED_TYPES = (".zip", ".gz", ".z")


@dataclass(frozen=True, slots=True)
class FolderDocument:
    """A document as its folder serves it: ``size`` is the served size (decoded, for a uuencoded binary)."""

    sequence: int | None
    type: str
    filename: str
    description: str
    size: int


@dataclass(frozen=True, slots=True)
class FolderFacts:
    cik: int
    accession: str
    form_type: str
    filed: date | None
    period: date | None
    accepted: str  # <ACCEPTANCE-DATETIME> as written: 20040408161240, or ""
    txt_size: int
    modified: datetime  # US Eastern wall clock, the .txt's modification time

    @property
    def folder(self) -> str:
        return f"{ARCHIVE}/{self.cik}/{self.accession.replace('-', '')}"


def _row(cells: list[str], blue: bool) -> str:
    opening = '<tr class="blueRow">' if blue else "<tr>"
    return opening + "".join(f'<td scope="row">{c}</td>' for c in cells) + "</tr>"


def _grouping(pairs: list[tuple[str, str]]) -> str:
    return ('<div class="formGrouping">' + "".join(f'<div class="infoHead">{escape(label)}</div><div class="info">'
                                                  f"{escape(value)}</div>" for label, value in pairs) + "</div>")


def _mailers(party: Party) -> str:
    out = []
    for section, title, phone in (("MAIL ADDRESS", "Mailing Address", False), ("BUSINESS ADDRESS", "Business Address", True)):
        found = party.section(section)
        if found is None:
            continue
        place = " ".join(v for v in (found.get("CITY"), found.get("STATE"), found.get("ZIP")) if v)
        lines = [found.get("STREET 1"), found.get("STREET 2"), place] + ([found.get("BUSINESS PHONE")] if phone else [])
        spans = "".join(f'\n<span class="mailerAddress">{escape(line)}</span>' for line in lines if line)
        out.append(f'<div class="mailer">{title}{spans}</div>')
    return "".join(out)


def _company_info(party: Party) -> str:
    get = party.get
    cik = get("COMPANY DATA", "CENTRAL INDEX KEY") or get("OWNER DATA", "CENTRAL INDEX KEY")
    name = get("COMPANY DATA", "COMPANY CONFORMED NAME") or get("OWNER DATA", "COMPANY CONFORMED NAME")
    role = ROLE_LABELS.get(party.role, party.role.title())
    sic = get("COMPANY DATA", "STANDARD INDUSTRIAL CLASSIFICATION")  # "ASSET-BACKED SECURITIES [6189]" or "6189"
    code = sic_code(sic) or ""
    words = sic.partition("[")[0].strip().title() if "[" in sic else ""
    number = escape(get("FILING VALUES", "SEC FILE NUMBER"))
    return (
        f'<div class="companyInfo"><span class="companyName">{escape(name)} ({role})\n'
        f'<acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?CIK={cik}&amp;action=getcompany">'
        f"{cik} (see all company filings)</a></span>"
        f'<p class="identInfo"><acronym title="Internal Revenue Service Number">IRS No.</acronym>: '
        f"<strong>{escape(get('COMPANY DATA', 'IRS NUMBER'))}</strong> | State of Incorp.: "
        f"<strong>{escape(get('COMPANY DATA', 'STATE OF INCORPORATION'))}</strong> | Fiscal Year End: "
        f"<strong>{escape(get('COMPANY DATA', 'FISCAL YEAR END'))}</strong><br>"
        f"Type: <strong>{escape(get('FILING VALUES', 'FORM TYPE'))}</strong> | Act: "
        f"<strong>{escape(act_code(get('FILING VALUES', 'SEC ACT')))}</strong> | File No.: "
        f'<a href="/cgi-bin/browse-edgar?filenum={number}&amp;action=getcompany"><strong>{number}</strong></a> | '
        f"Film No.: <strong>{escape(get('FILING VALUES', 'FILM NUMBER'))}</strong><br>"
        f'<acronym title="Standard Industrial Code">SIC</acronym>: <b>'
        f'<a href="/cgi-bin/browse-edgar?action=getcompany&amp;SIC={escape(code)}&amp;owner=include">{escape(code)}</a>'
        f"</b> {escape(words)}</p></div>"
    )


def filing_index_page(facts: FolderFacts, outline: Outline, documents: list[FolderDocument]) -> bytes:
    """``{accession}-index.htm``."""
    title = FORM_TITLES.get(facts.form_type.removesuffix("/A"))
    accepted = facts.accepted
    shown_accepted = (f"{accepted[:4]}-{accepted[4:6]}-{accepted[6:8]} {accepted[8:10]}:{accepted[10:12]}:{accepted[12:14]}"
                      if len(accepted) >= 14 else "")  # fmt: skip
    dates = [("Filing Date", facts.filed.isoformat() if facts.filed else ""), ("Accepted", shown_accepted),
             ("Documents", str(len(documents)))]
    period = [("Period of Report", facts.period.isoformat())] if facts.period else []
    header = '<tr><th scope="col" style="width: 5%;"><acronym title="Sequence Number">Seq</acronym></th>' \
             '<th scope="col" style="width: 40%;">Description</th><th scope="col" style="width: 20%;">Document</th>' \
             '<th scope="col" style="width: 10%;">Type</th><th scope="col">Size</th></tr>'  # fmt: skip
    rows = [_row([str(d.sequence or "&nbsp;"), escape(d.description),
                  f'<a href="{facts.folder}/{escape(d.filename)}">{escape(d.filename)}</a>', escape(d.type), str(d.size)],
                 n % 2 == 1) for n, d in enumerate(documents)]  # fmt: skip
    txt = f"{facts.accession}.txt"
    rows.append(_row(["&nbsp;", "Complete submission text file", f'<a href="{facts.folder}/{txt}">{txt}</a>', "&nbsp;",
                      str(facts.txt_size)], len(documents) % 2 == 1))
    filers = "".join(f'<div id="filerDiv" class="filerDiv">{_mailers(p)}{_company_info(p)}<div class="clear"></div></div>'
                     for p in outline.parties)
    page = (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8">'
        f"<title>EDGAR Filing Documents for {facts.accession}</title></head>\n<body>"
        '<div id="PageTitle">Filing Detail</div><div id="contentDiv"><div id="formDiv"><div id="formHeader">'
        f'<div id="formName"><strong>Form {escape(facts.form_type)}</strong>{" - " + title if title else ""}:</div>'
        '<div id="secNum"><strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession '
        f'<acronym title="Number">No.</acronym></strong> {facts.accession}</div></div>'
        f'<div class="formContent">{_grouping(dates)}{_grouping(period) if period else ""}'
        '<div style="clear:both"></div></div></div>\n'
        '<div id="formDiv"><div><p>Document Format Files</p><table class="tableFile" summary="Document Format Files">'
        f"{header}\n" + "\n".join(rows) + "</table></div></div>\n"
        f"{filers}</div></body></html>\n"
    )
    return page.encode("utf-8")


def index_headers_page(facts: FolderFacts, keyvalue_header: str, tagged: list[str], documents: list[FolderDocument]) -> bytes:
    """``{accession}-index-headers.html``; ``keyvalue_header`` is the header as the ``.txt`` has it, after the
    ``<SEC-HEADER>`` line."""
    stamp = tagged[0].rpartition(" : ")[2]
    pre = [f"<SEC-DOCUMENT>{facts.accession}-index.html : {stamp}", tagged[0], keyvalue_header.rstrip("\r\n"),
           "</SEC-HEADER>"]
    links = []
    for doc in documents:
        block = ["<DOCUMENT>", f"<TYPE>{doc.type}", f"<SEQUENCE>{doc.sequence}", f"<FILENAME>{doc.filename}"]
        block += [f"<DESCRIPTION>{doc.description}"] if doc.description else []
        links.append(escape("\n".join([*block, "<TEXT>"]), quote=False)
                     + f'\n<a href="{escape(doc.filename)}">Document {doc.sequence} - file: {escape(doc.filename)}</a><br>'
                     + "\n&lt;/DOCUMENT&gt;")  # fmt: skip
    body = escape("\n".join(pre), quote=False) + "\n" + "".join(f"{link}\n" for link in links) + "&lt;/SEC-DOCUMENT&gt;"
    comment = "\n".join(tagged)
    page = (f"<HTML><HEAD><TITLE>SEC EDGAR Submission {facts.accession}</TITLE>\n<!--\n{comment}\n-->\n</HEAD><BODY>\n"
            f"<PRE>{body}</PRE></BODY></HTML>\n")
    return page.encode("latin-1", errors="replace")


def _item_type(name: str) -> str:
    lower = name.lower()
    if lower.endswith(IMAGE_TYPES):
        return "image2.gif"
    return "compressed.gif" if lower.endswith(COMPRESSED_TYPES) else "text.gif"


def folder_listing(facts: FolderFacts, documents: list[FolderDocument]) -> bytes:
    """The folder's ``index.json``: the index pages and the ``.txt`` first (no size), then the documents."""
    stamp = facts.modified.strftime("%Y-%m-%d %H:%M:%S")
    own = [f"{facts.accession}-index-headers.html", f"{facts.accession}-index.html", f"{facts.accession}.txt"]
    items = [{"last-modified": stamp, "name": name, "type": "text.gif", "size": ""} for name in own]
    for doc in sorted(documents, key=lambda d: d.filename.lower()):
        items.append({"last-modified": stamp, "name": doc.filename, "type": _item_type(doc.filename), "size": str(doc.size)})
    listing = {"directory": {"item": items, "name": facts.folder, "parent-dir": f"{ARCHIVE}/{facts.cik}"}}
    return json.dumps(listing, indent=2).encode() + b"\n"


def cik_listing(cik: int, folders: list[tuple[str, datetime]]) -> bytes:
    """``data/CIK/index.json``: one item per filing folder (``accession without dashes``, its time)."""
    items = [{"last-modified": when.strftime("%Y-%m-%d %H:%M:%S"), "name": name, "type": "folder.gif", "size": ""}
             for name, when in sorted(folders)]
    listing = {"directory": {"item": items, "name": f"{ARCHIVE}/{cik}", "parent-dir": ARCHIVE}}
    return json.dumps(listing, indent=2).encode() + b"\n"
