"""Synthetic submissions (``ACCESSION.txt``): SGML layout like the real samples, era rules, shapes present."""

from __future__ import annotations

import binascii
import re
from datetime import date
from pathlib import Path

import pytest

from tests.fixtures.mirror import make_mirror, read_truth
from tests.fixtures.samples import sample
from tests.mirror.synth_reading import header_value, key_layout

SWITCH, REG_AB = "2004-08-23", "2006-01-01"
OLD_ITEMS = {
    "Changes in control of registrant": "1", "Acquisition or disposition of assets": "2", "Bankruptcy or receivership": "3",
    "Changes in registrant's certifying accountant": "4", "Other events": "5", "Resignations of registrant's directors": "6",
    "Financial statements and exhibits": "7", "Change in fiscal year": "8", "Regulation FD disclosure": "9",
    "Results of operations and financial condition": "12",
}  # fmt: skip
NEW_ITEMS = {
    "Entry into a Material Definitive Agreement": "1.01", "Termination of a Material Definitive Agreement": "1.02",
    "Completion of Acquisition or Disposition of Assets": "2.01", "Results of Operations and Financial Condition": "2.02",
    "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant": "2.03",
    "Unregistered Sales of Equity Securities": "3.02", "Changes in Registrant's Certifying Accountant": "4.01",
    "Departure of Directors or Principal Officers; Election of Directors; Appointment of Principal Officers": "5.02",
    "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year": "5.03",
    "ABS Informational and Computational Material": "6.01", "Change of Servicer or Trustee": "6.02",
    "Change in Credit Enhancement or Other External Support": "6.03", "Failure to Make a Required Distribution": "6.04",
    "Securities Act Updating Disclosure": "6.05", "Regulation FD Disclosure": "7.01", "Other Events": "8.01",
    "Financial Statements and Exhibits": "9.01",
}  # fmt: skip


def submission(mirror: Path, cik: int, accession: str) -> str:
    return (mirror / "Archives/edgar/data" / str(cik) / f"{accession}.txt").read_bytes().decode("latin-1")


@pytest.fixture(scope="module")
def texts(small_mirror: Path) -> dict[str, str]:
    return {row["accession"]: submission(small_mirror, row["cik"], row["accession"]) for row in read_truth(small_mirror, "filings")}


def real_layout() -> dict[str, tuple[int, int]]:
    layout: dict[str, tuple[int, int]] = {}
    for name in ("0001011438-98-000429.txt", "MultipleFilersHeader.txt", "0000943374-24-000509.txt",
                 "1990sheader.txt", "0000950129-95-001652.txt"):  # fmt: skip
        for key, value in key_layout(sample("submissions", name).read_bytes().decode("latin-1")).items():
            layout.setdefault(key, value)
    return layout


def test_header_keys_and_tab_layout_are_the_real_ones(small_mirror: Path, texts: dict[str, str]) -> None:
    real = real_layout()
    se_texts = [submission(small_mirror, r["cik"], r["accession"]) for r in read_truth(small_mirror, "se_filings")]
    seen: set[str] = set()
    for text in [*texts.values(), *se_texts]:
        layout = key_layout(text)
        assert set(layout) <= set(real), set(layout) - set(real)
        assert {key: real[key] for key in layout} == layout
        seen |= set(layout)
    assert {"ACCESSION NUMBER", "ITEM INFORMATION", "COMPANY CONFORMED NAME", "SEC FILE NUMBER", "BUSINESS PHONE"} <= seen


def test_envelope_and_document_tags(texts: dict[str, str]) -> None:
    real = sample("submissions", "0001011438-98-000429.txt").read_bytes().decode("latin-1").split("\n")
    pem = 0
    for accession, text in texts.items():
        if text.startswith("-----BEGIN"):
            pem += 1
            lines = text.split("\n")
            assert lines[:4] == real[:4] and lines[-1] == real[-1]  # same opening lines, same closing line
            assert f"<SEC-DOCUMENT>{accession}.txt : " in text
        for tag in ("<SEC-HEADER>", "</SEC-HEADER>", "<DOCUMENT>", "<TYPE>", "<SEQUENCE>1\n", "<TEXT>", "</TEXT>", "</SEC-DOCUMENT>"):
            assert tag in text, (accession, tag)
        assert text.count("<DOCUMENT>") == text.count("</DOCUMENT>") == int(header_value(text, "PUBLIC DOCUMENT COUNT")[0])
    assert 0.6 < pem / len(texts) < 0.95  # most files before 2010 carry the PEM envelope


def test_items_follow_the_era_of_the_filing(small_mirror: Path, texts: dict[str, str]) -> None:
    for row in read_truth(small_mirror, "filings"):
        shown = header_value(texts[row["accession"]], "ITEM INFORMATION")
        old = row["filed_date"] < SWITCH or row["accepted_at"][:10] < SWITCH
        table = OLD_ITEMS if old else NEW_ITEMS
        assert [table[text] for text in shown] == row["items"], row["accession"]
        if any(code.startswith("6.") for code in row["items"]):
            assert row["filed_date"] >= REG_AB and row["is_abs"]
    late = [row for row in read_truth(small_mirror, "filings") if "friday_late" in row["features"]]
    assert late and late[0]["filed_date"] == "2004-08-23" and late[0]["items"] == ["5", "7"]


def test_shapes_of_every_kind_are_present(texts: dict[str, str]) -> None:
    joined = "\n".join(texts.values())
    for needle in ("<CAPTION>", "<S>", "<C>", "<PAGE>", "<HTML>", "<DESCRIPTION>", "<DEPOSITOR-CIK>", "<TYPE>GRAPHIC",
                   "<TYPE>PDF", "Item 8.1.", "(as depositor under the", "Commission File Number of the depositor:"):  # fmt: skip
        assert needle in joined, needle
    assert re.search(r"^begin 644 \S+\.pdf$", joined, re.M) and re.search(r"^begin 644 \S+\.gif$", joined, re.M)
    assert any(text.count("\nFILER:\n") > 1 for text in texts.values())


def test_uuencoded_documents_decode_to_pdf_and_gif(texts: dict[str, str]) -> None:
    decoded = set()
    for text in texts.values():
        for name, body in re.findall(r"^begin 644 (\S+)\n(.*?)\n`?\nend$", text, re.M | re.S):
            data = b"".join(binascii.a2b_uu(line) for line in body.split("\n"))
            decoded.add(data[:4])
            assert name.endswith((".pdf", ".gif"))
    assert decoded == {b"%PDF", b"GIF8"}


def test_nineties_mirror_has_ims_headers_and_missing_filenames(tmp_path: Path) -> None:
    mirror = make_mirror(tmp_path, start=date(1996, 1, 1), end=date(1996, 6, 30), filings=70)
    rows = read_truth(mirror, "filings")
    texts = [submission(mirror, row["cik"], row["accession"]) for row in rows]
    assert any("<IMS-HEADER>" in t and "</IMS-DOCUMENT>" in t for t in texts)
    assert any(t.lstrip().startswith("<DOCUMENT>") or "\n\n<DOCUMENT>" in t.split("<TEXT>")[0] for t in texts)
    assert any("<DOCUMENT>" in t and "<FILENAME>" not in t for t in texts)
    assert all("<HTML>" not in t and "ITEM INFORMATION:\t\tOther Events" not in t for t in texts)


def test_modern_eras_have_no_1990s_shapes(texts: dict[str, str]) -> None:
    assert not any("<IMS-HEADER>" in text for text in texts.values())
    assert all("<FILENAME>" in text for text in texts.values())  # filings from 2003 on always name their documents
