"""The report reads an archive on S3 (moto on loopback) as it reads one on a local disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.fs as pafs
import pytest

from crawler.report.page import numbers_of
from crawler.store.fs import resolve
from tests.crawl.runs import clean_env
from tests.fixtures.s3 import S3Server
from tests.report.conftest import Archive


@pytest.mark.s3
def test_an_s3_archive_gives_the_numbers_of_the_same_archive_on_disk(demo_archive: Archive, s3_server: S3Server,
                                                                     tmp_path: Path) -> None:
    uri = f"s3://{s3_server.bucket}/archive"
    fs, root = resolve(uri, s3_options=s3_server.options)
    for directory in sorted(p for p in demo_archive.output.iterdir() if p.is_dir() and p.name not in ("_state", "raw")):
        pafs.copy_files(str(directory), f"{root}/{directory.name}", source_filesystem=pafs.LocalFileSystem(),
                        destination_filesystem=fs)
    env = {**clean_env(), "EDGAR_S3_ENDPOINT": s3_server.endpoint_url, "AWS_ACCESS_KEY_ID": s3_server.access_key,
           "AWS_SECRET_ACCESS_KEY": s3_server.secret_key, "AWS_REGION": s3_server.region}
    page = tmp_path / "s3-report.html"
    done = subprocess.run([sys.executable, "-m", "crawler", "report", "--output", uri, "--to", str(page),
                           "--state-dir", str(demo_archive.output / "_state")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    from_s3 = numbers_of(page.read_text(encoding="utf-8"))
    on_disk = numbers_of(demo_archive.page.read_text(encoding="utf-8"))
    assert from_s3["output"] == uri
    assert from_s3["sections"] == on_disk["sections"]
