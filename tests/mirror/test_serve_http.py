"""``mirror serve`` against a stdlib client: User-Agent rule, files, 304s, gzip, HEAD, 404s, the request log."""

from __future__ import annotations

import gzip
import http.client
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.fixtures.server import (
    DECLARED_UA,
    TINY_DAILY,
    TINY_FILING,
    TINY_LISTING,
    TINY_SUBMISSIONS,
    MirrorServer,
    fetch,
    serve_mirror,
    write_tiny_mirror,
)

UA = {"User-Agent": DECLARED_UA}
TINY_LAST_MODIFIED = "Tue, 06 Apr 2004 22:00:00 GMT"  # TINY_MTIME, written out by hand
BLOCK_TITLE = "<title>SEC.gov | Request Rate Threshold Exceeded</title>"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("tiny") / "mirror"
    return root, write_tiny_mirror(root)


@pytest.fixture(scope="module")
def server(tiny: tuple[Path, dict[str, bytes]]) -> Iterator[MirrorServer]:
    with serve_mirror(tiny[0]) as running:
        yield running


@pytest.fixture
def files(tiny: tuple[Path, dict[str, bytes]]) -> dict[str, bytes]:
    return tiny[1]


def test_first_stdout_line_is_a_loopback_base_url(server: MirrorServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert int(server.url.rsplit(":", 1)[1]) > 0


def test_no_user_agent_gets_the_undeclared_tool_page(server: MirrorServer) -> None:
    reply = fetch(server.url, TINY_FILING)  # http.client sends no User-Agent of its own
    assert reply.status == 403
    text = reply.body.decode("utf-8")
    assert "Your Request Originates from an Undeclared Automated Tool" in text
    assert BLOCK_TITLE in text
    assert "https://www.sec.gov/os/accessing-edgar-data" in text
    assert reply.headers["content-type"].startswith("text/html")
    assert "retry-after" not in reply.headers


@pytest.mark.parametrize("agent", ["Python-urllib/3.11", "Mozilla/5.0 (X11; Linux x86_64)", "Org contact at org"])
def test_user_agent_without_email_gets_403(server: MirrorServer, agent: str) -> None:
    reply = fetch(server.url, TINY_FILING, headers={"User-Agent": agent})
    assert reply.status == 403
    assert b"Undeclared Automated Tool" in reply.body


def test_declared_user_agent_gets_the_file_with_validators(server: MirrorServer, files: dict[str, bytes]) -> None:
    reply = fetch(server.url, TINY_FILING, headers=UA)
    assert reply.status == 200
    assert reply.body == files[TINY_FILING]
    assert reply.headers["content-length"] == str(len(files[TINY_FILING]))
    assert reply.headers["content-type"] == "text/plain"
    assert reply.headers["last-modified"] == TINY_LAST_MODIFIED
    etag = reply.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong, not W/"..."
    assert "content-encoding" not in reply.headers


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (TINY_DAILY, "text/plain"),
        (TINY_DAILY + ".gz", "application/x-gzip"),
        (TINY_LISTING, "application/json"),
        (TINY_SUBMISSIONS, "application/json"),
    ],
)
def test_content_types_and_bodies(server: MirrorServer, files: dict[str, bytes], path: str, content_type: str) -> None:
    reply = fetch(server.url, path, headers=UA)
    assert (reply.status, reply.headers["content-type"]) == (200, content_type)
    assert reply.body == files[path]


def test_if_none_match_gives_304_without_body(server: MirrorServer) -> None:
    first = fetch(server.url, TINY_FILING, headers=UA)
    again = fetch(server.url, TINY_FILING, headers={**UA, "If-None-Match": first.headers["etag"]})
    assert again.status == 304
    assert again.body == b""
    assert again.headers["etag"] == first.headers["etag"]
    other = fetch(server.url, TINY_FILING, headers={**UA, "If-None-Match": '"not-this-version"'})
    assert other.status == 200


@pytest.mark.parametrize(
    ("since", "status"),
    [
        (TINY_LAST_MODIFIED, 304),
        ("Wed, 07 Apr 2004 09:00:00 GMT", 304),
        ("Tue, 06 Apr 2004 21:59:59 GMT", 200),
        ("not a date", 200),
    ],
)
def test_if_modified_since(server: MirrorServer, since: str, status: int) -> None:
    reply = fetch(server.url, TINY_DAILY, headers={**UA, "If-Modified-Since": since})
    assert reply.status == status
    assert (reply.body == b"") == (status == 304)


def test_gzip_round_trip(server: MirrorServer, files: dict[str, bytes]) -> None:
    reply = fetch(server.url, TINY_FILING, headers={**UA, "Accept-Encoding": "gzip, deflate"})
    assert reply.status == 200
    assert reply.headers["content-encoding"] == "gzip"
    assert reply.headers["content-length"] == str(len(reply.body))
    assert len(reply.body) < len(files[TINY_FILING])
    assert gzip.decompress(reply.body) == files[TINY_FILING]


def test_gzip_not_used_when_refused_or_file_already_gzip(server: MirrorServer, files: dict[str, bytes]) -> None:
    refused = fetch(server.url, TINY_DAILY, headers={**UA, "Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers
    assert refused.body == files[TINY_DAILY]
    packed = fetch(server.url, TINY_DAILY + ".gz", headers={**UA, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in packed.headers
    assert packed.body == files[TINY_DAILY + ".gz"]


def test_head_has_headers_and_no_body(server: MirrorServer, files: dict[str, bytes]) -> None:
    reply = fetch(server.url, TINY_FILING, method="HEAD", headers=UA)
    assert reply.status == 200
    assert reply.body == b""
    assert reply.headers["content-length"] == str(len(files[TINY_FILING]))
    assert reply.headers["last-modified"] == TINY_LAST_MODIFIED


@pytest.mark.parametrize(
    "path",
    [
        "/Archives/edgar/daily-index/2004/QTR2/form.20040410.idx",  # a Saturday: no file
        "/submissions/CIK0000000042.json",  # unknown CIK
        "/_truth/filings.jsonl",
        "/Archives/../_truth/filings.jsonl",
        "/Archives/edgar/../../_truth/filings.jsonl",
        "/Archives/edgar/%2e%2e/%2E%2E/_truth/filings.jsonl",
        "/Archives/%2e%2e%2f_truth%2ffilings.jsonl",
        "/submissions/..%2f_truth/filings.jsonl",
        "/Archives/edgar/daily-index/2004/QTR2/",  # directories are not listed
        "/Archives/edgar/daily-index/2004/QTR2",
        "/",
        "/mirror/Archives/edgar/daily-index/2004/QTR2/index.json",
    ],
)
def test_missing_hidden_and_escaping_paths_are_404(server: MirrorServer, path: str) -> None:
    reply = fetch(server.url, path, headers=UA)
    assert reply.status == 404
    assert b"filings.jsonl" not in reply.body and b"accession" not in reply.body


def test_other_methods_are_405(server: MirrorServer) -> None:
    reply = fetch(server.url, TINY_FILING, method="POST", headers=UA)
    assert reply.status == 405
    assert reply.headers["allow"] == "GET, HEAD"


def test_log_has_one_line_per_request_with_contract_keys(tiny: tuple[Path, dict[str, bytes]]) -> None:
    root, files = tiny
    with serve_mirror(root) as server:
        before = time.time()
        replies = [
            fetch(server.url, TINY_FILING, headers=UA),
            fetch(server.url, TINY_FILING, method="HEAD", headers=UA),
            fetch(server.url, TINY_DAILY),
            fetch(server.url, "/Archives/edgar/data/1/nothing.txt", headers=UA),
        ]
        after = time.time()
        records = _wait_for_records(server, len(replies))
    assert [(r["method"], r["path"], r["status"]) for r in records] == [
        ("GET", TINY_FILING, 200),
        ("HEAD", TINY_FILING, 200),
        ("GET", TINY_DAILY, 403),
        ("GET", "/Archives/edgar/data/1/nothing.txt", 404),
    ]
    assert [r["bytes"] for r in records] == [len(files[TINY_FILING]), 0, len(replies[2].body), len(replies[3].body)]
    assert [r["user_agent"] for r in records] == [DECLARED_UA, DECLARED_UA, None, DECLARED_UA]
    for record in records:
        assert {"ts", "method", "path", "status", "bytes", "user_agent", "fault", "blocked"} <= record.keys()
        assert isinstance(record["ts"], float) and before <= record["ts"] <= after
        assert record["fault"] is None and record["blocked"] is False
    assert [r["ts"] for r in records] == sorted(r["ts"] for r in records)


def test_latency_holds_each_answer_without_holding_the_others(tiny: tuple[Path, dict[str, bytes]]) -> None:
    """``--latency 400:100``: every answer comes 300-500 ms after its arrival, which the log keeps as ``ts``.

    The four requests are all sent before any answer is read: a server that held an answer by blocking would
    take the second request in only after the first answer had left.
    """
    root, files = tiny
    with serve_mirror(root, "--latency", "400:100") as server:
        parsed = urlsplit(server.url)
        connections = [http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10) for _ in range(4)]
        for connection in connections:
            connection.request("GET", TINY_FILING, headers=UA)
        received = []
        for connection in connections:
            response = connection.getresponse()
            assert response.status == 200 and response.read() == files[TINY_FILING]
            received.append(time.time())
            connection.close()
        records = _wait_for_records(server, len(connections))
    arrivals = sorted(record["ts"] for record in records)
    assert len(arrivals) == 4
    assert arrivals[-1] < min(received)  # all four arrived before the first answer left
    assert min(received) - arrivals[0] >= 0.3  # no answer before latency - jitter


def _wait_for_records(server: MirrorServer, count: int) -> list[dict]:
    """The log is written when each answer finishes; poll briefly until ``count`` lines are there."""
    deadline = time.monotonic() + 5
    while len(records := server.requests()) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return records
