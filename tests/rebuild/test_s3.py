"""``rebuild`` of an archive on an S3-compatible object store (moto on loopback): workers open the store from its
URI, staged parts are uploaded whole, moved (copy + delete) and committed as on a local disk."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from crawler.store.fs import resolve
from tests.crawl.runs import clean_env, crawl_command, range_args
from tests.fixtures.s3 import S3Server
from tests.rebuild.archives import DERIVED, assert_same, datasets, rebuild_command


@pytest.mark.s3
def test_rebuild_on_s3_leaves_every_dataset_equal(small_mirror: Path, s3_server: S3Server, tmp_path: Path) -> None:
    uri = f"s3://{s3_server.bucket}/archive"
    env = {**clean_env(), "EDGAR_S3_ENDPOINT": s3_server.endpoint_url, "AWS_ACCESS_KEY_ID": s3_server.access_key,
           "AWS_SECRET_ACCESS_KEY": s3_server.secret_key, "AWS_REGION": s3_server.region}
    state = ["--state-dir", str(tmp_path / "state")]
    with serve_mirror(small_mirror) as server:
        command = crawl_command(server.url, Path("unused"), *range_args(small_mirror), *state)
        command[command.index("--output") + 1] = uri
        crawled = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert crawled.returncode == ExitCode.OK, crawled.stderr[-3000:]
    fs, root = resolve(uri, s3_options=s3_server.options, create=False)
    before = datasets(root, (*DERIVED, "se_links"), fs=fs)

    command = rebuild_command(Path("unused"), small_mirror, "--workers", "2", "--shard-size", "60", *state)
    command[command.index("--output") + 1] = uri
    rebuilt = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rebuilt.returncode == ExitCode.OK, rebuilt.stderr[-3000:]
    assert_same(before, datasets(root, (*DERIVED, "se_links"), fs=fs))
    assert not [info.path for info in fs.get_file_info(_selector(f"{root}/_rebuild")) if info.size]
    parts = [info.base_name for name in DERIVED for info in fs.get_file_info(_selector(f"{root}/{name}"))
             if info.base_name.endswith(".parquet")]
    assert parts and all(name.startswith("part-rebuild-") for name in parts)  # the crawl's files are retired


def _selector(path: str):  # type: ignore[no-untyped-def]
    import pyarrow.fs as pafs

    return pafs.FileSelector(path, recursive=True, allow_not_found=True)
