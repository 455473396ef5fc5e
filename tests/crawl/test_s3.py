"""The crawl writes to an S3-compatible object store (moto in server mode on loopback) as to a local disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from crawler.store.fs import resolve
from crawler.store.load import load
from tests.crawl.runs import clean_env, crawl_command, truth
from tests.fixtures.s3 import S3Server

FROM, TO = date(2004, 1, 1), date(2004, 6, 30)


@pytest.mark.s3
def test_crawl_to_s3_commits_datasets_and_raw_bytes(small_mirror: Path, s3_server: S3Server, tmp_path: Path) -> None:
    import subprocess

    uri = f"s3://{s3_server.bucket}/archive"
    env = {**clean_env(), "EDGAR_S3_ENDPOINT": s3_server.endpoint_url, "AWS_ACCESS_KEY_ID": s3_server.access_key,
           "AWS_SECRET_ACCESS_KEY": s3_server.secret_key, "AWS_REGION": s3_server.region}
    with serve_mirror(small_mirror) as server:
        command = crawl_command(server.url, Path("unused"), "--from", FROM.isoformat(), "--to", TO.isoformat(),
                                "--as-of", "2004-07-01", "--state-dir", str(tmp_path / "state"))
        command[command.index("--output") + 1] = uri
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]

    fs, root = resolve(uri, s3_options=s3_server.options, create=False)
    filings = load(root, "filings", fs=fs)
    expected = {t["accession"] for t in truth(small_mirror, "filings")
                if t["is_abs"] and FROM <= date.fromisoformat(t["filed_date"]) <= TO}
    assert set(filings["accession"]) == expected and len(filings) == len(expected)
    row = filings.iloc[0]
    with fs.open_input_stream(row["raw_path"]) as stream:
        archived = stream.read()
    original = small_mirror / "Archives" / "edgar" / "data" / str(row["cik"]) / f"{row['accession']}.txt"
    assert archived == original.read_bytes()
