from __future__ import annotations

from pathlib import Path

import pyarrow.fs as pafs
import pytest

from crawler.errors import ConfigError, StorageError
from crawler.store.fs import is_local, join, resolve


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
