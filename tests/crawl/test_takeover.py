"""A fresh state directory on an existing archive: the crawl takes the archive over.

One archive is crawled for 2004H1. Then the next incremental run happens twice, on two copies of that archive: once
with the state that wrote it (the original), once with an empty state directory (a new host). The new host makes
no submission request for an archived filing, writes no duplicate key, and ends with the same Form SE inputs and
decisions, the same watermark and the same filings fetched as not ABS as the original.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bench.server_log import request_kind
from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import rows, run_crawl

FIRST = ["--from", "2004-01-01", "--to", "2004-06-30", "--as-of", "2004-07-01"]
NEXT = ["--as-of", "2004-10-01"]
NAMESPACES = ("se_refs", "se_records", "se_decisions")


@dataclass
class Host:
    output: Path
    state: Path
    requests: list[dict[str, Any]]
    exit_code: int
    stderr: str
    archived: set[str]  # accessions archived by the first run


def records(state: Path, namespace: str) -> dict[str, str]:
    with sqlite3.connect(state / "state.sqlite") as db:
        return dict(db.execute("SELECT key, value FROM records WHERE namespace = ?", (namespace,)).fetchall())


def watermark(state: Path) -> str:
    with sqlite3.connect(state / "state.sqlite") as db:
        return db.execute("SELECT value FROM meta WHERE key = 'watermark'").fetchone()[0]


def recheck_quarters(state: Path) -> list[str]:
    with sqlite3.connect(state / "state.sqlite") as db:
        return [q for (q,) in db.execute("SELECT quarter FROM quarters WHERE daily_mark IS NOT NULL AND "
                                         "(recheck_mark IS NULL OR recheck_mark < daily_mark) ORDER BY quarter")]


@pytest.fixture(scope="module")
def hosts(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Host]:
    base = tmp_path_factory.mktemp("takeover")
    original = base / "original"
    found: dict[str, Host] = {}
    with serve_mirror(small_mirror) as server:
        first = run_crawl(server.url, original, *FIRST)
        assert first.returncode == ExitCode.OK, first.stderr[-3000:]
        shutil.copytree(original, base / "new", ignore=shutil.ignore_patterns("_state"))
        archived = {row["accession"] for name in ("filings", "se_filings") for row in rows(original, name)}
        found["first"] = Host(original, original / "_state", [], first.returncode, first.stderr, archived)
        for name, state in (("original", original / "_state"), ("new", base / "new-host-state")):
            before = len(server.requests())
            result = run_crawl(server.url, base / name, *NEXT, "--state-dir", str(state))
            found[name] = Host(base / name, state, server.requests()[before:], result.returncode, result.stderr,
                               archived)
    return found


def test_the_new_host_fetches_no_archived_filing_again(hosts: dict[str, Host]) -> None:
    new, original = hosts["new"], hosts["original"]
    assert new.exit_code == ExitCode.OK, new.stderr[-3000:]
    archived = new.archived
    fetched = [r["path"].rsplit("/", 1)[-1].removesuffix(".txt") for r in new.requests
               if request_kind(r["path"]) == "submission"]
    assert archived and not set(fetched) & archived
    assert sorted(fetched) == sorted(r["path"].rsplit("/", 1)[-1].removesuffix(".txt") for r in original.requests
                                     if request_kind(r["path"]) == "submission")


def test_the_new_host_writes_no_duplicate_key_and_the_same_rows(hosts: dict[str, Host]) -> None:
    for name, key in (("filings", ("accession",)), ("se_filings", ("accession",)),
                      ("documents", ("accession", "sequence")), ("se_links", ("accession", "exhibit", "decision_seq"))):
        found = Counter(tuple(row[k] for k in key) for row in rows(hosts["new"].output, name))
        assert max(found.values(), default=1) == 1, (name, [k for k, n in found.items() if n > 1][:5])
        assert set(found) == {tuple(row[k] for k in key) for row in rows(hosts["original"].output, name)}, name


def test_the_new_host_ends_with_the_original_state(hosts: dict[str, Host]) -> None:
    new, original = hosts["new"].state, hosts["original"].state
    assert watermark(new) == watermark(original)
    assert recheck_quarters(new) == recheck_quarters(original)
    for namespace in NAMESPACES:
        assert records(new, namespace) == records(original, namespace), namespace
    assert records(new, "se_decisions")
    assert records(new, "fetched_not_abs").keys() == records(original, "fetched_not_abs").keys()  # values: paths
