"""Full submission text (``ACCESSION.txt``) of 8-K-family filings and paper SE records, era by era.

Eras follow the filing date: ``<IMS-HEADER>`` and header-less files only before 1997, missing
``<FILENAME>`` mostly before 2001, ``<ACCEPTANCE-DATETIME>`` from 2002, the PEM envelope on most
files before 2010, ``<DEPOSITOR-CIK>`` on Reg AB trust filings.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from crawler.mirror.synth_blocks import Blocks, mic_info
from crawler.mirror.synth_calendar import REG_AB
from crawler.mirror.synth_cm_truth import truth_chunks
from crawler.mirror.synth_documents import Document, DocumentMaker
from crawler.mirror.synth_header import PEM_CLOSE, FilerEntry, HeaderSpec, pem_open, render_header
from crawler.mirror.synth_items import header_text
from crawler.mirror.synth_model import Filing, SeRecord

NINETIES_END = date(1997, 1, 1)
ACCEPTANCE_FROM = date(2002, 1, 1)
PEM_UNTIL = date(2010, 1, 1)


def film_number(rng: random.Random, day: date) -> str:
    yy = day.year % 100
    return f"{yy:02d}{rng.randint(0, 9999999):07d}" if day.year >= 2001 else f"{yy:02d}{rng.randint(0, 999999):06d}"


def document_lines(docs: list[Document]) -> list[str]:
    out: list[str] = []
    for sequence, doc in enumerate(docs, start=1):
        out += ["<DOCUMENT>", f"<TYPE>{doc.type}", f"<SEQUENCE>{sequence}"]
        if doc.filename:
            out.append(f"<FILENAME>{doc.filename}")
        if doc.description:
            out.append(f"<DESCRIPTION>{doc.description}")
        out += ["<TEXT>", doc.text, "</TEXT>", "</DOCUMENT>"]
    return out


class SubmissionWriter:
    """Renders the bytes of submissions of one mirror."""

    def __init__(self, seed: int, blocks: Blocks) -> None:
        self.seed, self.blocks = seed, blocks
        self.documents = DocumentMaker(blocks, seed)

    def filing_bytes(self, filing: Filing) -> bytes:
        """The whole submission of ``filing`` as EDGAR serves it at ``data/CIK/ACCESSION.txt``."""
        rng = random.Random(f"{self.seed}:{filing.accession}")
        filed = filing.filed
        nineties = filed < NINETIES_END
        no_header = "no_header" in filing.features or (nineties and filed.year <= 1995 and rng.random() < 0.03)
        ims = not no_header and ("ims" in filing.features or (nineties and rng.random() < 0.35))
        docs = self.documents.documents(filing, rng)
        filing.primary_document = docs[0].filename or ""
        exhibits = [(sequence, doc.cm) for sequence, doc in enumerate(docs, start=1) if doc.cm is not None]
        if exhibits:
            filing.cm_truth = truth_chunks(filing, exhibits)
        early_act = filed.year < 2001 and rng.random() < 0.5
        entries = [FilerEntry(company, filing.file_number_of(company), film_number(rng, filed), "" if early_act else "1934 Act")
                   for company in filing.filers]  # fmt: skip
        disseminated = filing.disseminated or filed
        spec = HeaderSpec(
            accession=filing.accession, form_type=filing.form_type, document_count=len(docs), filed=filed,
            document_date=disseminated + timedelta(days=1) if rng.random() < 0.1 else disseminated,
            filers=entries, period=filing.period,
            item_texts=() if ims else tuple(header_text(code) for code in filing.items),
            accepted=filing.accepted if filed >= ACCEPTANCE_FROM and not ims else None,
            depositor_cik=filing.deal.depositor.cik if filing.deal and filing.abs_role == "trust" and filed >= REG_AB else None,
            ims=ims, early=nineties,
            empty_items=not ims and filed.year < 2001 and rng.random() < 0.5,
            date_as_of_change=filed if rng.random() < 0.25 else None,
        )
        pem = filed < PEM_UNTIL and rng.random() < 0.85
        lines = pem_open(self.blocks.pem_key, mic_info(filing.accession)) if pem else []
        if no_header:
            lines += document_lines(docs)
        else:
            lines += render_header(spec) + document_lines(docs)
            lines.append("</IMS-DOCUMENT>" if ims else "</SEC-DOCUMENT>")
        text = "\n".join(lines) + ("\n" + PEM_CLOSE if pem else "\n")
        return text.encode("latin-1", errors="replace")

    def se_bytes(self, record: SeRecord) -> bytes:
        """A paper SE record: header only, flagged ``<PAPER>``, filer = the depositor, file number = its shelf."""
        rng = random.Random(f"{self.seed}:{record.accession}")
        spec = HeaderSpec(
            accession=record.accession, form_type="SE", document_count=0, filed=record.filed,
            document_date=record.disseminated,
            filers=[FilerEntry(record.depositor, record.file_number, film_number(rng, record.filed), "1933 Act")],
            paper=True,
        )
        return ("\n".join([*render_header(spec), "</SEC-DOCUMENT>"]) + "\n").encode("latin-1", errors="replace")
