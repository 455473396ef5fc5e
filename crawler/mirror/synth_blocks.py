"""Precomputed text blocks (tables, uuencoded binaries, PEM lines) that submissions are assembled from.

Making every table afresh would dominate the time of a 25,000-filing quarter, so each mirror draws a
few dozen variants once from its seed and submissions pick among them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
from dataclasses import dataclass


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    """Greedy word wrap (much faster than ``textwrap`` for the mirror's many short paragraphs)."""
    lines, current = [], first if first is not None else indent
    blank = len(current)
    for word in text.split():
        if len(current) > blank and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = indent + word
            blank = len(indent)
        elif len(current) > blank:
            current += " " + word
        else:
            current += word
    lines.append(current)
    return lines


def money(value: float) -> str:
    return f"{value:,.2f}"


def uuencode(data: bytes, name: str) -> str:
    """``begin 644 name`` ... ``end``, 45 bytes a line as EDGAR's uuencoded documents have."""
    lines = [f"begin 644 {name}"]
    for offset in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[offset : offset + 45], backtick=True).decode("ascii").rstrip("\n"))
    lines += ["`", "end"]
    return "\n".join(lines)


def _distribution_table(rng: random.Random) -> str:
    out = ["<TABLE>", "<CAPTION>", "- " + "-" * 120, f"{'':23}DISTRIBUTIONS IN DOLLARS",
           f"{'':15}ORIGINAL        PRIOR{'':50}REALIZED       CURRENT",
           f"{'CLASS':<9}FACE VALUE      PRINCIPAL BALANCE   INTEREST     PRINCIPAL        TOTAL     LOSSES     PRINCIPAL BALANCE",
           "- " + "-" * 120, "</CAPTION>", "<S>      <C>            <C>               <C>          <C>          <C>          <C>        <C>"]  # fmt: skip
    for name in rng.choice((("A-1", "A-2", "A-3", "M-1", "M-2", "B-1", "X", "R"), ("1-A", "2-A", "3-A", "B-1", "B-2", "B-3", "P"), ("AF-1", "AF-2", "AV-1", "MV-1", "MV-2", "C"))):
        face = rng.choice((rng.uniform(1e6, 4e8), 0.0 if name in ("X", "R", "P", "C") else rng.uniform(1e6, 4e8)))
        prior = face * rng.uniform(0.6, 1.0)
        interest, principal = prior * rng.uniform(0.002, 0.006), prior * rng.uniform(0.0, 0.04)
        out.append(f"{name:<7}{money(face):>16}{money(prior):>18}{money(interest):>14}{money(principal):>14}"
                   f"{money(interest + principal):>14}{'0.00':>10}{money(prior - principal):>18}")  # fmt: skip
    out.append("</TABLE>")
    return "\n".join(out)


def _earnings_table(rng: random.Random) -> str:
    out = ["<TABLE>", "<CAPTION>", f"{'':30}Three Months Ended", f"{'':30}{'Current':>12}{'Prior':>14}", "</CAPTION>",
           "<S>" + " " * 35 + "<C>" + " " * 11 + "<C>"]  # fmt: skip
    for line in ("Revenues", "Cost of revenues", "Gross profit", "Operating expenses", "Operating income",
                 "Net income", "Net income per share - diluted"):  # fmt: skip
        scale = 1.0 if "share" in line else 1000.0
        out.append(f"{line:<38}{rng.uniform(1, 900) * scale:>12,.2f}{rng.uniform(1, 900) * scale:>14,.2f}")
    out.append("</TABLE>")
    return "\n".join(out)


def _fake_pdf(rng: random.Random) -> bytes:
    body = bytes(rng.randrange(256) for _ in range(rng.randint(700, 1400)))
    return b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + body + b"\nendstream\n%%EOF\n"


def _fake_gif(rng: random.Random) -> bytes:
    return b"GIF89a\x40\x00\x20\x00\xf7\x00\x00" + bytes(rng.randrange(256) for _ in range(rng.randint(300, 700))) + b"\x00;"


@dataclass(frozen=True, slots=True)
class Blocks:
    distribution: tuple[str, ...]
    earnings: tuple[str, ...]
    pdf: tuple[bytes, ...]
    gif: tuple[bytes, ...]
    pem_key: tuple[str, str]


def make_blocks(seed: int) -> Blocks:
    """The blocks of the mirror of ``seed``."""
    rng = random.Random(f"edgar-mirror-blocks:{seed}")
    raw = hashlib.sha512(f"key:{seed}".encode()).digest() + hashlib.sha256(f"key:{seed}".encode()).digest()
    key = base64.b64encode(raw).decode()
    return Blocks(
        distribution=tuple(_distribution_table(rng) for _ in range(40)),
        earnings=tuple(_earnings_table(rng) for _ in range(20)),
        pdf=tuple(_fake_pdf(rng) for _ in range(4)),
        gif=tuple(_fake_gif(rng) for _ in range(4)),
        pem_key=(key[:64], key[64:114] + "IDAQAB"),
    )


def mic_info(accession: str) -> tuple[str, str]:
    """Two base64 lines standing in for the signature SEC's PEM envelope carries."""
    digest = base64.b64encode(hashlib.sha512(accession.encode()).digest() + hashlib.md5(accession.encode()).digest()).decode()
    return digest[:64], digest[64:86] + "=="
