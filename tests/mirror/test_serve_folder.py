"""The per-filing folder and CIK listings ``mirror serve`` derives from the stored submissions, against the real
samples' shapes (``edgar-samples/pages/``) and the submission bytes (read here with regular expressions)."""

from __future__ import annotations

import binascii
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.edgar.header import parse_header
from crawler.mirror.launch import MirrorServer, serve_mirror
from tests.fixtures.mirror import read_truth
from tests.fixtures.samples import sample
from tests.fixtures.server import DECLARED_UA, fetch

UA = {"User-Agent": DECLARED_UA}
DATA = "/Archives/edgar/data"


@pytest.fixture(scope="module")
def server(small_mirror: Path) -> Iterator[MirrorServer]:
    with serve_mirror(small_mirror) as running:
        yield running


def _get(server: MirrorServer, path: str, **headers: str) -> Any:
    return fetch(server.url, path, headers={**UA, **headers})


def _filing(mirror: Path, feature: str) -> dict[str, Any]:
    return next(row for row in read_truth(mirror, "filings") if feature in row["features"])


def _folder(cik: int, accession: str) -> str:
    return f"{DATA}/{cik}/{accession.replace('-', '')}"


def _submission(mirror: Path, cik: int, accession: str) -> bytes:
    return (mirror / f"Archives/edgar/data/{cik}/{accession}.txt").read_bytes()


def _filenames(submission: bytes) -> list[str]:
    return [name.decode() for name in re.findall(rb"\n<FILENAME>([^\n]+)\n", submission)]


def test_the_folder_serves_the_txt_and_each_document(server: MirrorServer, small_mirror: Path) -> None:
    row = _filing(small_mirror, "pdf")
    submission = _submission(small_mirror, row["cik"], row["accession"])
    folder = _folder(row["cik"], row["accession"])
    assert _get(server, f"{folder}/{row['accession']}.txt").body == submission
    names = _filenames(submission)
    assert any(name.endswith(".pdf") for name in names)
    for name in names:
        reply = _get(server, f"{folder}/{name}")
        block = submission.split(f"<FILENAME>{name}\n".encode(), 1)[1]
        text = block.split(b"<TEXT>\n", 1)[1].split(b"\n</TEXT>", 1)[0]
        encoded = re.match(rb"(?:<PDF>\n)?begin \d{3} [^\n]*\n(.*?)\nend(?:\n|$)", text, re.S)
        if encoded:  # a uuencoded binary is served as its bytes
            assert reply.body == b"".join(binascii.a2b_uu(line) for line in encoded[1].split(b"\n"))
            assert reply.body.startswith(b"%PDF") and reply.headers["content-type"] == "application/pdf"
        else:
            assert reply.body == text
    assert _get(server, f"{folder}/no-such-document.txt").status == 404


def test_the_folder_listing_has_the_real_shape(server: MirrorServer, small_mirror: Path) -> None:
    real = json.loads(sample("pages", "0001213900-24-004875-index.json").read_text())["directory"]
    row = _filing(small_mirror, "pdf")
    accession, folder = row["accession"], _folder(row["cik"], row["accession"])
    listing = json.loads(_get(server, f"{folder}/index.json").body)["directory"]
    assert set(listing) == set(real) and listing["name"] == folder and listing["parent-dir"] == f"{DATA}/{row['cik']}"
    items = listing["item"]
    assert all(set(item) == set(real["item"][0]) for item in items)
    names = [item["name"] for item in items]
    documents = sorted(_filenames(_submission(small_mirror, row["cik"], accession)), key=str.lower)
    assert names == [f"{accession}-index-headers.html", f"{accession}-index.html", f"{accession}.txt", *documents]
    for item in items[3:]:
        assert item["size"] == str(len(_get(server, f"{folder}/{item['name']}").body))
    assert {item["type"] for item in items} <= {i["type"] for i in real["item"]}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", items[0]["last-modified"])


def test_index_headers_page_has_the_real_shape_and_the_same_header(server: MirrorServer, small_mirror: Path) -> None:
    real = sample("pages", "index-headers.html").read_text()
    row = _filing(small_mirror, "joint")
    accession, submission = row["accession"], _submission(small_mirror, row["cik"], row["accession"])
    page = _get(server, f"{_folder(row['cik'], accession)}/{accession}-index-headers.html").body.decode("latin-1")
    for text, number in ((real, "0000905729-24-000095"), (page, accession)):
        assert text.startswith(f"<HTML><HEAD><TITLE>SEC EDGAR Submission {number}</TITLE>\n<!--\n<SEC-HEADER>{number}.hdr.sgml : ")
        assert f"<PRE>&lt;SEC-DOCUMENT&gt;{number}-index.html : " in text and text.rstrip().endswith("&lt;/SEC-DOCUMENT&gt;</PRE></BODY></HTML>")
        assert text.count("&lt;DOCUMENT&gt;") == len(re.findall(r'<a href="[^"]+">Document \d+ - file: ', text))
    tagged = page.split("<!--\n", 1)[1].split("\n-->", 1)[0]
    keyvalue = submission.split(b"<SEC-HEADER>", 1)[1].split(b"</SEC-HEADER>", 1)[0].decode("latin-1")
    facts = [(c.role, c.cik, c.name, c.sic, c.irs_number, c.state_of_incorporation, c.file_numbers, c.film_numbers)
             for c in parse_header(keyvalue, "sec-header").companies]
    assert len(facts) == len(row["ciks"]) == 2
    assert [(c.role, c.cik, c.name, c.sic, c.irs_number, c.state_of_incorporation, c.file_numbers, c.film_numbers)
            for c in parse_header(tagged, "sec-header").companies] == facts
    hdr = _get(server, f"{_folder(row['cik'], accession)}/{accession}.hdr.sgml").body.decode("latin-1")
    assert hdr == tagged + "\n"


def test_the_filing_index_page_has_the_real_shape(server: MirrorServer, small_mirror: Path) -> None:
    real = sample("pages", "single_filing_page.html").read_text()
    row = _filing(small_mirror, "joint")
    accession = row["accession"]
    pages = [_get(server, f"{_folder(cik, accession)}/{accession}-index.{ext}").body.decode().replace(
        f"{DATA}/{cik}/", f"{DATA}/CIK/") for cik in row["ciks"] for ext in ("htm", "html")]  # links stay in the folder
    short = _get(server, f"{DATA}/{row['cik']}/{accession}-index.htm").body.decode()  # the page crawler.idx names
    pages.append(short.replace(f"{DATA}/{row['cik']}/", f"{DATA}/CIK/"))
    assert len(set(pages)) == 1
    page = pages[0]
    for marker in ("<title>EDGAR Filing Documents for ", 'class="formGrouping"', 'class="infoHead">Filing Date<',
                   'class="infoHead">Accepted<', 'class="infoHead">Period of Report<', 'class="tableFile"',
                   "Complete submission text file", 'class="companyName">', 'class="identInfo">', 'class="mailer">'):
        assert marker.replace('"', "") in real.replace('"', ""), marker  # the sample has it (attributes unquoted)
        assert marker in page, marker
    assert page.count('class="companyName">') == 2 and row["filed_date"] in page and row["accepted_at"].replace("T", " ") in page
    assert _get(server, f"{DATA}/{row['cik']}/{accession}-index.html").status == 404  # the short path is -index.htm only


def test_cik_listing_names_a_folder_per_stored_submission(server: MirrorServer, small_mirror: Path) -> None:
    row = _filing(small_mirror, "seed")
    stored = sorted(p.stem.replace("-", "") for p in (small_mirror / f"Archives/edgar/data/{row['cik']}").glob("*.txt"))
    listing = json.loads(_get(server, f"{DATA}/{row['cik']}/index.json").body)["directory"]
    assert (listing["name"], listing["parent-dir"]) == (f"{DATA}/{row['cik']}", DATA)
    assert [item["name"] for item in listing["item"]] == stored and len(stored) > 1
    assert {item["type"] for item in listing["item"]} == {"folder.gif"}
    assert _get(server, f"{DATA}/999999999/index.json").status == 404


def test_a_paper_se_record_has_a_folder_without_documents(server: MirrorServer, small_mirror: Path) -> None:
    record = read_truth(small_mirror, "se_filings")[0]
    folder = _folder(record["cik"], record["accession"])
    listing = json.loads(_get(server, f"{folder}/index.json").body)["directory"]
    assert len(listing["item"]) == 3
    page = _get(server, f"{folder}/{record['accession']}-index.htm").body.decode()
    assert "<strong>Form SE</strong>" in page


@pytest.mark.parametrize("path", [
    f"{DATA}/1269518/000090514804001812/../000090514804001812/index.json",
    f"{DATA}/1269518/000090514804001812x/index.json",
    f"{DATA}/1269518/000090514899999999/index.json",
    f"{DATA}/1081915/000090514804001812/index.json",  # an accession stored under another CIK
    f"{DATA}/1269518/000090514804001812/",
    f"{DATA}/abc/index.json",
    "/Archives/edgar/full-index/2004/QTR2/form.idx.gz",
])  # fmt: skip
def test_paths_edgar_does_not_have_are_404(server: MirrorServer, path: str) -> None:
    assert _get(server, path).status == 404


def test_derived_files_have_validators_and_gzip(server: MirrorServer, small_mirror: Path) -> None:
    row = _filing(small_mirror, "seed")
    path = f"{_folder(row['cik'], row['accession'])}/{row['accession']}-index.htm"
    first = _get(server, path)
    assert first.headers["last-modified"] == _get(server, f"{DATA}/{row['cik']}/{row['accession']}.txt").headers["last-modified"]
    assert _get(server, path, **{"If-None-Match": first.headers["etag"]}).status == 304
    packed = _get(server, path, **{"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip" and gzip.decompress(packed.body) == first.body
