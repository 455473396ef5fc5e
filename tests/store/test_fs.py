from __future__ import annotations

from pathlib import Path

import pyarrow.fs as pafs
import pytest

from crawler.errors import ConfigError, StorageError
from crawler.store.fs import is_local, join, read_files, resolve, write_atomic


def test_local_root_is_created_and_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    fs, root = resolve("nested/output")
    assert is_local(fs) and root == str(tmp_path / "nested" / "output")
    assert Path(root).is_dir()


def test_local_root_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StorageError, match="cannot create output directory"):
        resolve(str(tmp_path / "file" / "output"))


def test_s3_uri_gives_bucket_prefix_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("EDGAR_S3_ENDPOINT", "http://127.0.0.1:9")
    fs, root = resolve("s3://bucket/some/prefix/", s3_options={"access_key": "a", "secret_key": "b"})
    assert isinstance(fs, pafs.S3FileSystem) and not is_local(fs)
    assert root == "bucket/some/prefix"
    assert resolve("s3://bucket", s3_options={"endpoint_url": "https://s3.example.org"})[1] == "bucket"


@pytest.mark.parametrize(("uri", "options", "message"), [
    ("s3://bucket/p", {"endpoint_url": "http://s3.example.org"}, "plain http is allowed only on loopback"),
    ("s3:///prefix", {}, "names no bucket"),
    ("gs://bucket/p", {}, "unsupported output"),
    ("s3://bucket/p", {"endpoint_url": "ftp://127.0.0.1"}, "not an http"),
])
def test_bad_outputs_are_config_errors(uri: str, options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve(uri, s3_options=options)


def test_join() -> None:
    assert join("/tmp/out/", "filings", "year=2004/") == "/tmp/out/filings/year=2004"
    assert join("bucket/prefix", "_manifest", "x.json") == "bucket/prefix/_manifest/x.json"


@pytest.mark.parametrize("where", ["local", pytest.param("s3", marks=pytest.mark.s3)])
def test_read_files_gives_each_files_bytes_in_order_none_for_a_missing_one(where: str, tmp_path: Path,
                                                                          request: pytest.FixtureRequest) -> None:
    if where == "s3":
        server = request.getfixturevalue("s3_server")
        fs, root = resolve(f"s3://{server.bucket}/x", s3_options=server.options, create=False)
    else:
        fs, root = resolve(str(tmp_path / "x"))
    paths = [join(root, f"raw/{n:03d}.txt") for n in range(70)]  # more than twice the threads: read ahead is bounded
    for number, path in enumerate(paths):
        if number != 33:
            write_atomic(fs, path, f"file {number:03d} ".encode() * 10)
    found = list(read_files(fs, paths, threads=16))
    assert found[33] is None
    assert [body[:8] for body in found if body] == [f"file {n:03d}".encode() for n in range(70) if n != 33]
    assert list(read_files(fs, paths[:3], limit=4)) == [b"file"] * 3
