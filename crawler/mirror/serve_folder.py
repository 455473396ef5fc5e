"""SEC's per-filing folders and CIK listings, answered from the submission files at request time.

The mirror stores each submission once per filer CIK, ``data/CIK/ACCESSION.txt``. The folder
``data/CIK/ACCNODASH/`` (the ``.txt`` again, ``-index.htm``/``-index.html``, ``-index-headers.html``,
``.hdr.sgml``, ``index.json`` and each document under its own name, a uuencoded binary decoded) and
``data/CIK/index.json`` are derived from those bytes when asked for: no disk, no time in ``mirror synth``, and
always what the ``.txt`` says, whoever wrote it. Written out, the folders would more than double a quarter
mirror (README, "The offline stand-in for EDGAR"). ``data/CIK/ACCESSION-index.htm``, the page ``crawler.idx``
links to, is served too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from crawler.edgar.sgml import DocumentBlock, split_submission
from crawler.edgar.textnorm import parse_yyyymmdd
from crawler.edgar.urls import is_accession
from crawler.edgar.uuencode import find_begin, uudecode
from crawler.mirror.folder_header import Outline, read_outline, tagged_lines
from crawler.mirror.folder_pages import FolderDocument, FolderFacts, cik_listing, filing_index_page, folder_listing
from crawler.mirror.folder_pages import index_headers_page
from crawler.mirror.synth_calendar import epoch_to_eastern

DATA = ("Archives", "edgar", "data")


@dataclass(frozen=True, slots=True)
class Derived:
    """A file computed from the mirror: ``name`` gives its content type, ``mtime_ns`` is its source's."""

    name: str
    body: bytes
    mtime_ns: int


class FilingFolder:
    """Everything one ``.txt`` yields; pages are rendered on first use."""

    def __init__(self, data: bytes, cik: int, accession: str, mtime_ns: int) -> None:
        self.data, self.mtime_ns = data, mtime_ns
        envelope = split_submission(data)
        self.header_text = data[envelope.header_start : envelope.header_end].decode("latin-1")
        self.outline: Outline = read_outline(self.header_text) if envelope.header_kind != "none" else Outline()
        self.blocks: dict[str, DocumentBlock] = {}
        for block in envelope.documents:
            name = block.tags.get("FILENAME", "")
            if name and not set(name) & set("/\\:\x00") and not name.startswith(".") and name not in self.blocks:
                self.blocks[name] = block
        first_type = envelope.documents[0].tags.get("TYPE", "") if envelope.documents else ""
        self.facts = FolderFacts(
            cik=cik, accession=accession, form_type=self.outline.get("CONFORMED SUBMISSION TYPE") or first_type,
            filed=self._date("FILED AS OF DATE"), period=self._date("CONFORMED PERIOD OF REPORT"),
            accepted=self.outline.get("<ACCEPTANCE-DATETIME>"), txt_size=len(data),
            modified=epoch_to_eastern(mtime_ns / 1e9),
        )  # fmt: skip

    def _date(self, key: str) -> date | None:
        return parse_yyyymmdd(self.outline.get(key))

    def document_bytes(self, name: str) -> bytes | None:
        block = self.blocks.get(name)
        if block is None:
            return None
        begin = find_begin(self.data, block.text_start, block.text_end)
        if begin is None:
            return self.data[block.text_start : block.text_end]
        return uudecode(self.data, begin, block.text_end)

    @cached_property
    def documents(self) -> list[FolderDocument]:
        return [self._document(name, block) for name, block in self.blocks.items()]

    def _document(self, name: str, block: DocumentBlock) -> FolderDocument:
        sequence = block.tags.get("SEQUENCE", "")
        size = len(self.document_bytes(name) or b"")
        return FolderDocument(int(sequence) if sequence.isdigit() else None, block.tags.get("TYPE", ""), name,
                              block.tags.get("DESCRIPTION", ""), size)

    @cached_property
    def tagged(self) -> list[str]:
        return tagged_lines(self.outline, self.facts.filed)

    def file(self, name: str) -> bytes | None:
        """The bytes SEC serves under ``name`` in this folder, None if it has no such file."""
        accession = self.facts.accession
        if name in (f"{accession}-index.htm", f"{accession}-index.html"):
            return filing_index_page(self.facts, self.outline, self.documents)
        if name == f"{accession}-index-headers.html":
            keyvalue = self.header_text.partition("\n")[2]
            return index_headers_page(self.facts, keyvalue, self.tagged, self.documents)
        if name == f"{accession}.hdr.sgml":
            return ("\n".join(self.tagged) + "\n").encode("latin-1", errors="replace")
        if name == "index.json":
            return folder_listing(self.facts, self.documents)
        return self.document_bytes(name)


@lru_cache(maxsize=8)  # a client reads one folder's pages and documents in a row; each entry holds its .txt
def _folder(path: str, size: int, mtime_ns: int, cik: int, accession: str) -> FilingFolder:
    return FilingFolder(Path(path).read_bytes(), cik, accession, mtime_ns)


def _accession(nodash: str) -> str | None:
    if len(nodash) != 18 or not nodash.isdigit():
        return None
    return f"{nodash[:10]}-{nodash[10:12]}-{nodash[12:]}"


def _dashed(text: str) -> bool:
    return len(text) == 20 and is_accession(text)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def derived_file(root: Path, segments: list[str]) -> Derived | Path | None:
    """What SEC serves at ``root/segments`` when no such file is stored: a :class:`Derived` file, the stored
    ``.txt`` a folder's ``.txt`` stands for, or None (404). ``segments`` are checked path parts below ``root``."""
    if tuple(segments[:3]) != DATA or len(segments) not in (5, 6) or not segments[3].isdigit():
        return None
    cik_dir = root.joinpath(*segments[:4])
    if len(segments) == 5:
        name = segments[4]
        if name == "index.json":
            return _cik_listing(cik_dir, int(segments[3]))
        accession = name.removesuffix("-index.htm")
        return _folder_file(cik_dir, int(segments[3]), accession, name) if _dashed(accession) else None
    accession = _accession(segments[4])
    if accession is None:
        return None
    if segments[5] == f"{accession}.txt":
        txt = cik_dir / segments[5]
        return txt if txt.is_file() else None
    return _folder_file(cik_dir, int(segments[3]), accession, segments[5])


def _folder_file(cik_dir: Path, cik: int, accession: str, name: str) -> Derived | None:
    txt = cik_dir / f"{accession}.txt"
    stat = _stat(txt)
    if stat is None:
        return None
    body = _folder(str(txt), stat.st_size, stat.st_mtime_ns, cik, accession).file(name)
    return Derived(name, body, stat.st_mtime_ns) if body is not None else None


def _cik_listing(cik_dir: Path, cik: int) -> Derived | None:
    try:
        entries = [entry for entry in os.scandir(cik_dir) if entry.name.endswith(".txt")]
    except OSError:
        return None
    folders = []
    for entry in entries:
        accession = entry.name.removesuffix(".txt")
        if _dashed(accession):
            folders.append((accession.replace("-", ""), epoch_to_eastern(entry.stat().st_mtime)))
    if not folders:
        return None
    newest = max(entry.stat().st_mtime_ns for entry in entries)
    return Derived("index.json", cik_listing(cik, folders), newest)
