"""Small writers of EDGAR-shaped submissions for the parser tests (written here, not produced by the parser)."""

from __future__ import annotations

import re

SEED_HEADER = (
    "<SEC-DOCUMENT>0000905148-04-002078.txt : 20040409\n"
    "<SEC-HEADER>0000905148-04-002078.hdr.sgml : 20040409\n"
    "<ACCEPTANCE-DATETIME>20040408163512\n"
    "ACCESSION NUMBER:\t\t0000905148-04-002078\n"
    "CONFORMED SUBMISSION TYPE:\t8-K\n"
    "PUBLIC DOCUMENT COUNT:\t\t2\n"
    "CONFORMED PERIOD OF REPORT:\t20040406\n"
    "ITEM INFORMATION:\t\tOther events\n"
    "ITEM INFORMATION:\t\tFinancial statements and exhibits\n"
    "FILED AS OF DATE:\t\t20040408\n"
    "\n"
    "FILER:\n"
    "\n"
    "\tCOMPANY DATA:\n"
    "\t\tCOMPANY CONFORMED NAME:\t\t\tCWALT, INC.\n"
    "\t\tCENTRAL INDEX KEY:\t\t\t0001269518\n"
    "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]\n"
    "\t\tIRS NUMBER:\t\t\t\t870698307\n"
    "\t\tSTATE OF INCORPORATION:\t\t\tDE\n"
    "\t\tFISCAL YEAR END:\t\t\t1231\n"
    "\n"
    "\tFILING VALUES:\n"
    "\t\tFORM TYPE:\t\t8-K\n"
    "\t\tSEC ACT:\t\t1934 Act\n"
    "\t\tSEC FILE NUMBER:\t333-110343\n"
    "\t\tFILM NUMBER:\t\t04723456\n"
    "\n"
    "\tBUSINESS ADDRESS:\n"
    "\t\tSTREET 1:\t\t4500 PARK GRANADA\n"
    "\t\tCITY:\t\t\tCALABASAS\n"
    "\t\tSTATE:\t\t\tCA\n"
    "\t\tZIP:\t\t\t91302\n"
    "</SEC-HEADER>\n"
)

EX991_TEXT = "COMPUTATIONAL MATERIALS\n\nCWALT, INC. Mortgage Pass-Through Certificates, Series 2004-J4\n"


def document(doc_type: str, sequence: int, text: bytes | str, filename: str | None = None,
             description: str | None = None) -> bytes:
    """One <DOCUMENT> block with the usual line layout."""
    body = text.encode("latin-1") if isinstance(text, str) else text
    lines = [f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>{sequence}\n"]
    if filename is not None:
        lines.append(f"<FILENAME>{filename}\n")
    if description is not None:
        lines.append(f"<DESCRIPTION>{description}\n")
    lines.append("<TEXT>\n")
    return "".join(lines).encode("latin-1") + body + b"\n</TEXT>\n</DOCUMENT>\n"


def seed_submission(seed: bytes, *extra_documents: bytes) -> bytes:
    """The seed 8-K text wrapped in a plausible 2004 KEY:value header, plus an EX-99.1 and any extra documents."""
    return (
        SEED_HEADER.encode("latin-1")
        + document("8-K", 1, seed, "efc4-0862_5531907fm8k.txt", "FORM 8-K")
        + document("EX-99.1", 2, EX991_TEXT, "efc4-0862_ex991.txt", "COMPUTATIONAL MATERIALS")
        + b"".join(extra_documents)
        + b"</SEC-DOCUMENT>\n"
    )


def minimal_submission(body: str, *, form: str = "8-K", filed: str = "20050110", header_extra: str = "",
                       documents: bytes | None = None) -> bytes:
    """A small KEY:value submission around one primary document text."""
    header = (
        "<SEC-DOCUMENT>0000000001-05-000001.txt : 20050110\n<SEC-HEADER>0000000001-05-000001.hdr.sgml : 20050110\n"
        f"ACCESSION NUMBER:\t\t0000000001-05-000001\nCONFORMED SUBMISSION TYPE:\t{form}\n"
        f"PUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t{filed}\n{header_extra}\nFILER:\n\n\tCOMPANY DATA:\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE DEPOSITOR INC\n\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]\n\n\tFILING VALUES:\n"
        "\t\tFORM TYPE:\t\t8-K\n\t\tSEC FILE NUMBER:\t333-100001\n</SEC-HEADER>\n"
    )
    docs = documents if documents is not None else document(form, 1, body, "main.txt")
    return header.encode("latin-1") + docs + b"</SEC-DOCUMENT>\n"


_TEXT_BLOCK = re.compile(rb"<TEXT>(?:\r\n|\n|\r)(.*?)(?:\r\n|\n|\r)</TEXT>", re.DOTALL)


def text_blocks(data: bytes) -> list[bytes]:
    """Every <TEXT> content by a plain regex: the independent reading the parser's offsets are checked against."""
    return [match.group(1) for match in _TEXT_BLOCK.finditer(data)]
