"""`edgar-archive report` on archives with nothing in them, and its option errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crawler.errors import ExitCode
from crawler.report.page import numbers_of
from tests.crawl.runs import clean_env


def report(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", "report", *args], capture_output=True, text=True,
                          env=clean_env(), timeout=120)


def test_an_empty_archive_gets_a_page_where_every_section_says_it_has_nothing(tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    done = report("--output", str(tmp_path / "output"), "--to", str(tmp_path / "page.html"))
    assert done.returncode == ExitCode.OK, done.stderr[-2000:]
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    for message in ("No ABS 8-K filings are archived yet.", "No crawl state found for this archive",
                    "No 8-K in this archive refers to an exhibit filed on Form SE.",
                    "No Computational Materials datasets in this archive", "No run has been recorded yet.",
                    "0 commits in _manifest/"):
        assert message in page
    numbers = numbers_of(page)["sections"]
    assert numbers["coverage"]["filings"] == 0 and numbers["runs"]["runs"] == []
    assert all(d["rows"] == 0 and d["files"] == 0 for d in numbers["archive"]["datasets"].values())


def test_a_missing_output_or_a_remote_page_is_a_configuration_error(tmp_path: Path) -> None:
    missing = report("--output", str(tmp_path / "nowhere"), "--to", str(tmp_path / "page.html"))
    assert missing.returncode == ExitCode.CONFIG and "no such directory" in missing.stderr
    remote = report("--output", str(tmp_path), "--to", "s3://bucket/page.html")
    assert remote.returncode == ExitCode.CONFIG and "local path" in remote.stderr
    assert not (tmp_path / "page.html").exists()
