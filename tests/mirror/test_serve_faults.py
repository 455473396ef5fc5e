"""Injected faults of ``mirror serve``: what a client sees for each kind, and reproducibility by seed."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

from tests.fixtures.server import (
    DECLARED_UA,
    TINY_DAILY,
    TINY_FILING,
    TINY_SUBMISSIONS,
    MirrorServerFactory,
    fetch,
    write_tiny_mirror,
)

UA = {"User-Agent": DECLARED_UA}
FILING_REQUESTS = 24
FAULT_ARGS = ("--fault-rate", "0.6", "--fault-seed", "1", "--slow-seconds", "0.2")


def observe(url: str, path: str, expected: bytes) -> str:
    """What the client saw: "500", "503", "reset", "truncated", or "complete" (the whole, correct body)."""
    parsed = urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("GET", path, headers=UA)
        response = connection.getresponse()
        if response.status in (500, 503):
            response.read()
            return str(response.status)
        assert response.status == 200
        assert response.getheader("Content-Length") == str(len(expected))
        body = response.read()
    except ConnectionResetError:
        return "reset"
    except http.client.IncompleteRead as exc:
        assert expected.startswith(exc.partial)
        return "truncated"
    finally:
        connection.close()
    assert body == expected
    return "complete"


def run_sequence(url: str, files: dict[str, bytes]) -> list[str]:
    """The filing fetched FILING_REQUESTS times, an index and a submissions file (never faulted) in between."""
    seen = []
    for _ in range(FILING_REQUESTS):
        seen.append(observe(url, TINY_FILING, files[TINY_FILING]))
        assert fetch(url, TINY_DAILY, headers=UA).body == files[TINY_DAILY]
        assert fetch(url, TINY_SUBMISSIONS, headers=UA).body == files[TINY_SUBMISSIONS]
    return seen


def test_every_fault_kind_occurs_matches_the_log_and_repeats_for_a_seed(
    tmp_path: Path, mirror_server_factory: MirrorServerFactory
) -> None:
    root = tmp_path / "mirror"
    files = write_tiny_mirror(root)
    filing = root / TINY_FILING.lstrip("/")
    mtime_before = filing.stat().st_mtime_ns
    runs = []
    for _ in range(2):
        server = mirror_server_factory(root, *FAULT_ARGS)
        seen = run_sequence(server.url, files)
        server.process.terminate()
        server.process.wait(5)
        runs.append((seen, server.requests()))

    (seen, records), (seen_again, records_again) = runs
    assert len(records) == 3 * FILING_REQUESTS
    faults = [r["fault"] for r in records if r["path"] == TINY_FILING]
    assert {r["fault"] for r in records if r["path"] != TINY_FILING} == {None}
    assert set(faults) == {None, "500", "503", "reset", "truncated", "slow"}
    client_view = {None: "complete", "slow": "complete"}
    assert seen == [client_view.get(fault, fault) for fault in faults]
    assert faults == [r["fault"] for r in records_again if r["path"] == TINY_FILING]
    assert seen_again == seen

    full = len(files[TINY_FILING])
    sent = {"reset": full // 4, "truncated": full // 2, "slow": full, None: full}
    for record in (r for r in records if r["path"] == TINY_FILING):
        if record["fault"] in ("500", "503"):
            assert record["status"] == int(record["fault"])
        else:
            assert (record["status"], record["bytes"]) == (200, sent[record["fault"]])
    assert filing.read_bytes() == files[TINY_FILING]
    assert filing.stat().st_mtime_ns == mtime_before


def test_head_and_revalidation_are_never_faulted_and_paths_are_configurable(
    tiny_mirror: Path, mirror_server_factory: MirrorServerFactory
) -> None:
    args = ("--fault-rate", "1", "--fault-paths", r"\.json$", "--fault-kinds", "503")
    server = mirror_server_factory(tiny_mirror, *args)
    filing = fetch(server.url, TINY_FILING, headers=UA)
    assert filing.status == 200  # not under --fault-paths
    unavailable = fetch(server.url, TINY_SUBMISSIONS, headers=UA)
    assert unavailable.status == 503
    assert "etag" not in unavailable.headers and "last-modified" not in unavailable.headers
    assert "retry-after" not in unavailable.headers
    assert fetch(server.url, TINY_SUBMISSIONS, method="HEAD", headers=UA).status == 200
    plain = fetch(server.url, TINY_SUBMISSIONS, method="HEAD", headers=UA)
    conditional = fetch(server.url, TINY_SUBMISSIONS, headers={**UA, "If-None-Match": plain.headers["etag"]})
    assert conditional.status == 304
    server.process.terminate()
    server.process.wait(5)
    assert [r["fault"] for r in server.requests()] == [None, "503", None, None, None]
