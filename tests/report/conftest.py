"""Archives for the report tests, each crawled by the real CLI from a mirror served on loopback.

- ``demo_archive``: the demo's mirror (seed 0, the whole range), as ``make demo`` crawls it;
- ``troubled_archive``: two runs (to 2004-04-12, then to 04-16) of a copy of that mirror in which one daily
  index is missing from its listing (a gap), one Form SE submission answers 404 in both runs (given up as
  gone after the second, ``--gone-after-runs 2``; the 8-K's reference to it stays pending) and one 8-K,
  first listed on 04-13, answers 404 in the second (retried by the next run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from crawler.edgar.urls import submission_path
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, range_args, run_crawl, truth

MISSING_DAY = date(2004, 4, 14)
REFERRING_8K = "0000905148-04-001812"  # CWALT 2004-J4, filed 2004-04-08, its exhibit 99.2 filed on Form SE
MISSING_8K = "0000905148-04-001817"  # filed and listed 2004-04-13
TROUBLED_RUNS = (("--to", "2004-04-12"), ("--to", "2004-04-16"))


SCREENSHOTS: list[Path] = []  # directories the browser test filled in this session (printed at the end)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for directory in SCREENSHOTS:
        terminalreporter.write_line(f"report screenshots (one per section): {directory}")


@dataclass(frozen=True)
class Archive:
    name: str
    output: Path
    page: Path
    crawls: list[subprocess.CompletedProcess[str]]


def write_report(output: Path) -> Path:
    page = output.parent / "report.html"
    done = subprocess.run([sys.executable, "-m", "crawler", "report", "--output", str(output), "--to", str(page)],
                          capture_output=True, text=True, env=clean_env(), timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == str(page)
    return page


@pytest.fixture(scope="session")
def demo_archive(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Archive:
    output = tmp_path_factory.mktemp("demo_archive") / "output"
    with serve_mirror(small_mirror) as server:
        crawl = run_crawl(server.url, output, *range_args(small_mirror))
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    return Archive("demo", output, write_report(output), [crawl])


def se_accession_of(mirror: Path, accession: str) -> str:
    record = next(t for t in truth(mirror, "filings") if t["accession"] == accession)
    return record["se_references"][0]["se_accession"]


def submission_file(mirror: Path, dataset: str, accession: str) -> Path:
    cik = next(t["cik"] for t in truth(mirror, dataset) if t["accession"] == accession)
    return mirror / submission_path(cik, accession)


def break_mirror(mirror: Path) -> None:
    """Drop MISSING_DAY's daily form index from its listing, and the SE record REFERRING_8K points at."""
    listing = mirror / "Archives/edgar/daily-index/2004/QTR2/index.json"
    document = json.loads(listing.read_text())
    token = MISSING_DAY.strftime("%Y%m%d")
    document["directory"]["item"] = [i for i in document["directory"]["item"] if token not in i["name"]]
    listing.write_text(json.dumps(document))
    submission_file(mirror, "se_filings", se_accession_of(mirror, REFERRING_8K)).unlink()


@pytest.fixture(scope="session")
def troubled_archive(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Archive:
    base = tmp_path_factory.mktemp("troubled_archive")
    mirror = base / "mirror"
    shutil.copytree(small_mirror, mirror, copy_function=shutil.copy2)
    break_mirror(mirror)
    output = base / "output"
    submission_file(mirror, "filings", MISSING_8K).unlink()
    with serve_mirror(mirror) as server:
        crawls = [run_crawl(server.url, output, "--from", "2004-04-01", *to, "--as-of", "2004-04-19",
                            "--gone-after-runs", "2") for to in TROUBLED_RUNS]
    for crawl in crawls:
        assert crawl.returncode == 3, crawl.stderr[-3000:]  # the SE's 404 is an error row each time
    return Archive("troubled", output, write_report(output), crawls)
