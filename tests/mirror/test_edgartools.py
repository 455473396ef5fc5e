"""Another EDGAR client, unchanged, against ``mirror serve``: edgartools (pinned, in a throwaway venv).

``edgartools_client.py`` runs in that venv with edgartools' own base-URL variables pointing at the served mirror:
``get_filings(year, quarter, form="8-K")``, then for a sample of ABS filings ``filing.header``,
``filing.attachments``, ``full_text_submission()`` and the filing's index page with every document fetched from
the per-filing folder. Each result must equal what the mirror wrote: its ``_truth/`` and its submission files,
read here with a few regular expressions (nothing of the project's parsers). The venv is built once into
``~/.cache/edgar-archive/`` (``bench/edgartools_venv.py``); if it cannot be built the test fails saying why.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.edgartools_venv import EDGARTOOLS_VERSION, edgartools_python
from crawler.mirror.launch import serve_mirror
from tests.fixtures.mirror import read_truth

CLIENT = Path(__file__).with_name("edgartools_client.py")
IDENTITY = "Mirror Tests mirror-tests@example.org"
FEATURES = {"seed", "gif", "pdf", "html", "joint", "regab"}  # showcase shapes of the default mirror
_DOCUMENT = re.compile(rb"<DOCUMENT>\n<TYPE>([^\n]*)\n<SEQUENCE>(\d+)\n(?:<FILENAME>([^\n]*)\n)?"
                       rb"(?:<DESCRIPTION>([^\n]*)\n)?<TEXT>\n(.*?)\n</TEXT>", re.S)  # fmt: skip
_UUENCODED = re.compile(rb"(?:<PDF>\n)?begin \d{3} [^\n]*\n(.*?)\nend(?:\n|$)", re.S)


@dataclass(frozen=True)
class Doc:
    sequence: str
    type: str
    filename: str
    description: str
    served: bytes  # what the folder serves under filename: the text, or the decoded binary
    binary: bool  # uuencoded in the submission


def documents(submission: bytes) -> list[Doc]:
    """The ``<DOCUMENT>`` blocks of a submission the mirror wrote, uuencoded ones decoded."""
    found = []
    for match in _DOCUMENT.finditer(submission):
        text = match[5]
        encoded = _UUENCODED.match(text)  # ``begin 644 name`` ... ``end``, in a <PDF> wrapper or not
        if encoded:
            text = b"".join(binascii.a2b_uu(line) for line in encoded[1].split(b"\n"))
        found.append(Doc(match[2].decode(), match[1].decode(), (match[3] or b"").decode(), (match[4] or b"").decode(),
                         text, encoded is not None))
    return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def quarter_of(day: str) -> tuple[int, int]:
    filed = date.fromisoformat(day)
    return filed.year, (filed.month - 1) // 3 + 1


def choose_sample(mirror: Path) -> tuple[list[tuple[int, int]], list[dict[str, Any]]]:
    """Every ABS 8-K with a showcase shape, and two plain ABS 8-Ks of each quarter they fall in."""
    abs_8ks = [row for row in read_truth(mirror, "filings") if row["is_abs"] and row["form_type"] in ("8-K", "8-K/A")]
    shaped = [row for row in abs_8ks if FEATURES & set(row["features"])]
    quarters = sorted({quarter_of(row["filed_date"]) for row in shaped})
    plain = [[row for row in abs_8ks if quarter_of(row["filed_date"]) == q and not row["features"]][:2] for q in quarters]
    return quarters, shaped + [row for rows in plain for row in rows]


def _client_env(url: str, data_dir: Path) -> dict[str, str]:
    proxies = {"http_proxy", "https_proxy", "all_proxy"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGAR_") and k.lower() not in proxies}
    env.update(EDGAR_BASE_URL=url, EDGAR_DATA_URL=url, EDGAR_XBRL_URL=url, EDGAR_IDENTITY=IDENTITY,
               EDGAR_LOCAL_DATA_DIR=str(data_dir), NO_PROXY="*")  # fmt: skip
    return env


@dataclass
class Run:
    result: dict[str, Any]
    requests: list[dict[str, Any]]
    quarters: list[tuple[int, int]]
    sample: list[dict[str, Any]]


@pytest.fixture(scope="module")
def run(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    try:
        python = edgartools_python()
    except RuntimeError as exc:
        pytest.fail(f"edgartools {EDGARTOOLS_VERSION} venv could not be built: {exc}")
    scratch = tmp_path_factory.mktemp("edgartools")
    quarters, sample = choose_sample(small_mirror)
    request, result = scratch / "request.json", scratch / "result.json"
    request.write_text(json.dumps({"quarters": quarters, "sample": [row["accession"] for row in sample]}))
    with serve_mirror(small_mirror) as server:
        done = subprocess.run([str(python), str(CLIENT), str(request), str(result)], capture_output=True, text=True,
                              env=_client_env(server.url, scratch / "edgar-data"), timeout=600)
        requests = server.requests()
    assert done.returncode == 0, done.stderr[-4000:]
    yield Run(json.loads(result.read_text()), requests, quarters, sample)


def test_the_pinned_edgartools_ran_against_the_mirror_only(run: Run) -> None:
    assert run.result["version"] == EDGARTOOLS_VERSION
    assert len(run.sample) >= 8 and len(run.quarters) >= 3
    assert run.requests and {r["user_agent"] for r in run.requests} == {IDENTITY}
    assert [r for r in run.requests if r["status"] != 200] == []  # every path it asked for exists
    assert {r["path"] for r in run.requests if "full-index" in r["path"]} == {
        f"/Archives/edgar/full-index/{y}/QTR{q}/form.gz" for y, q in run.quarters}


def test_get_filings_lists_the_quarters_8ks(run: Run, small_mirror: Path) -> None:
    for year, quarter in run.quarters:
        expected = {(row["accession"], row["cik"], row["form_type"], " ".join(row["company_name"][:60].split()),
                     row["date_filed"])
                    for row in read_truth(small_mirror, "index_rows")
                    if row["form_type"] in ("8-K", "8-K/A") and quarter_of(row["date_filed"]) == (year, quarter)}
        got = {(a, cik, form, " ".join(company.split()), day) for a, cik, form, company, day in
               run.result["quarters"][f"{year}Q{quarter}"]}
        assert expected and got == expected, (year, quarter)


def test_headers_equal_the_truth(run: Run) -> None:
    for row in run.sample:
        header = run.result["filings"][row["accession"]]["header"]
        assert header["accession"] == row["accession"] and header["form"] == row["form_type"]
        assert (header["filing_date"], header["period"]) == (row["filed_date"], row["period_of_report"])
        assert header["accepted"] == row["accepted_at"].replace("T", " ")
        assert [int(filer["cik"]) for filer in header["filers"]] == row["ciks"]
        assert header["filers"][0]["name"] == row["company_name"]


def _submission(mirror: Path, row: dict[str, Any]) -> bytes:
    return (mirror / f"Archives/edgar/data/{row['cik']}/{row['accession']}.txt").read_bytes()


def test_attachments_and_full_text_equal_the_submission(run: Run, small_mirror: Path) -> None:
    binaries = uuencoded = 0
    for row in run.sample:
        read = run.result["filings"][row["accession"]]
        submission = _submission(small_mirror, row)
        assert read["full_text"]["sha256"] == sha256(submission.decode("utf-8", "replace").encode("utf-8"))
        docs = documents(submission)
        uuencoded += sum(doc.binary for doc in docs)
        attachments = read["attachments"]
        assert [(a["sequence"], a["document"], a["type"], a["description"]) for a in attachments] == [
            (d.sequence, d.filename, d.type, d.description) for d in docs]
        for attachment, doc in zip(attachments, docs, strict=True):
            content = attachment["content"]
            if content["kind"] == "bytes":
                binaries += 1
                assert content["sha256"] == sha256(doc.served)
            else:  # edgartools trims the text it keeps from the SGML
                assert content["sha256"] == sha256(doc.served.decode("latin-1").strip().encode("utf-8"))
    assert binaries == uuencoded >= 1  # edgartools decoded every uuencoded exhibit as the folder serves it


def test_the_filing_index_page_lists_each_document_and_the_folder_serves_it(run: Run, small_mirror: Path) -> None:
    for row in run.sample:
        submission = _submission(small_mirror, row)
        page = run.result["filings"][row["accession"]]["homepage"]
        docs = documents(submission)
        assert [(a["sequence"], a["document"], a["type"], a["description"], a["size"]) for a in page[:-1]] == [
            (d.sequence, d.filename, d.type, d.description, len(d.served)) for d in docs]
        for attachment, doc in zip(page[:-1], docs, strict=True):
            served = doc.served if attachment["content"]["kind"] == "bytes" else doc.served.decode("latin-1").encode()
            assert attachment["content"]["sha256"] == sha256(served), attachment["document"]
        complete = page[-1]
        assert (complete["document"], complete["size"]) == (f"{row['accession']}.txt", len(submission))
        assert complete["content"]["sha256"] == sha256(submission.decode("latin-1").encode())
