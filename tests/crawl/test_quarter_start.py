"""The first days of a quarter: SEC has published nothing for it yet, and a nightly run must not call that an error.

The mirror runs to 2006-07-10; until the test puts its 2006 Q3 index directories in place, ``mirror serve`` answers
every Q3 index path as SEC answers a quarter it has not published yet (403, or 404 with ``--unpublished-status``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, rows, run_crawl, truth
from tests.fixtures.mirror import make_mirror

Q3_DIRS = ("Archives/edgar/daily-index/2006/QTR3", "Archives/edgar/full-index/2006/QTR3")
FIRST_DAY_INDEX = "/Archives/edgar/daily-index/2006/QTR3/form.20060703.idx"
NEXT_NIGHT = "2006-07-06"


@pytest.fixture(scope="module")
def q3_mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mirror(tmp_path_factory.mktemp("q3"), seed=3, start=date(2006, 6, 1), end=date(2006, 7, 10),
                       filings=300)


def status_of(output: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "crawler", "status", "--json", "--output", str(output)],
                          capture_output=True, text=True, env=clean_env(), timeout=60)
    return json.loads(done.stdout)


@pytest.mark.parametrize("answer", ["403", "404"])
@pytest.mark.parametrize("as_of", ["2006-07-03", "2006-07-05"])  # the quarter's first and second business day
def test_a_nightly_run_in_the_first_days_of_a_quarter_finds_nothing_yet_and_the_next_run_reads_it(
        q3_mirror: Path, tmp_path: Path, as_of: str, answer: str) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(q3_mirror, mirror)
    hidden = tmp_path / "hidden"
    for directory in Q3_DIRS:
        shutil.move(mirror / directory, hidden / directory)
    output = tmp_path / "output"
    with serve_mirror(mirror, "--unpublished-status", answer) as server:
        first = run_crawl(server.url, output, "--as-of", as_of)
        first_requests = server.requests()
        first_status, first_errors = status_of(output), rows(output, "errors")
        for directory in Q3_DIRS:
            shutil.move(hidden / directory, mirror / directory)
        following = run_crawl(server.url, output, "--as-of", NEXT_NIGHT)
        next_requests = server.requests()[len(first_requests):]
    assert first.returncode == ExitCode.OK, first.stderr[-3000:]
    refused = [(r["path"], r["status"]) for r in first_requests if "/2006/QTR3/" in r["path"]]
    assert refused == [("/Archives/edgar/daily-index/2006/QTR3/index.json", int(answer))]
    assert "nothing published yet for 2006Q3" in first.stderr
    assert first_errors == []
    assert first_status["watermark"] == "2006-06-30"  # never past a day that was not read
    assert following.returncode == ExitCode.OK, following.stderr[-3000:]
    assert (FIRST_DAY_INDEX, 200) in [(r["path"], r["status"]) for r in next_requests]
    first_day = {t["accession"] for t in truth(mirror, "filings")
                 if t["is_abs"] and t["disseminated_date"] == "2006-07-03"}
    archived = {r["accession"] for r in rows(output, "filings")}
    assert first_day and first_day <= archived
    assert status_of(output)["watermark"] == "2006-07-05"


def test_after_the_second_business_day_a_refused_quarter_is_an_error(q3_mirror: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(q3_mirror, mirror)
    for directory in Q3_DIRS:
        shutil.rmtree(mirror / directory)
    output = tmp_path / "output"
    with serve_mirror(mirror) as server:
        result = run_crawl(server.url, output, "--as-of", NEXT_NIGHT)
    assert result.returncode == ExitCode.PARTIAL, result.stderr[-3000:]
    errors = rows(output, "errors")
    assert [(e["stage"], e["error"], e["url"].split("/Archives/")[1]) for e in errors] == [
        ("listing", "HTTP 403", "edgar/daily-index/2006/QTR3/index.json")]
    assert status_of(output)["watermark"] == "2006-06-30"


def test_a_listing_without_the_first_day_yet_keeps_the_watermark_before_it(q3_mirror: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    shutil.copytree(q3_mirror, mirror)
    listing = mirror / "Archives/edgar/daily-index/2006/QTR3/index.json"
    document = json.loads(listing.read_text())
    document["directory"]["item"] = [i for i in document["directory"]["item"] if "20060703" not in i["name"]]
    listing.write_text(json.dumps(document))
    output = tmp_path / "output"
    with serve_mirror(mirror) as server:
        result = run_crawl(server.url, output, "--as-of", "2006-07-05")
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert status_of(output)["watermark"] == "2006-06-30"
