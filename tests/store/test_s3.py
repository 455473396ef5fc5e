"""The S3 round trip against a real S3-compatible server on loopback (moto in server mode)."""

from __future__ import annotations

import logging
from datetime import date

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crawler.store.compact import compact
from crawler.store.fs import resolve
from crawler.store.load import load
from crawler.store.manifest import ManifestEntry, write_manifest
from crawler.store.raw import RawArchive
from crawler.store.reconcile import reconcile
from crawler.store.schemas import FILE_SCHEMAS
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from tests.fixtures.s3 import S3Server
from tests.store import rows
from tests.store.counting_fs import counting, manifest_reads

pytestmark = pytest.mark.s3

A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0000905148-04-004515"


def _client(server: S3Server):
    return boto3.client("s3", endpoint_url=server.endpoint_url, aws_access_key_id=server.access_key,
                        aws_secret_access_key=server.secret_key, region_name=server.region)


def _keys(server: S3Server) -> list[str]:
    pages = _client(server).get_paginator("list_objects_v2").paginate(Bucket=server.bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def test_write_commit_load_raw_and_compact_on_s3(s3_server: S3Server, tmp_path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fs, root = resolve(f"s3://{s3_server.bucket}/archive", s3_options=s3_server.options)
    assert root == f"{s3_server.bucket}/archive"
    state = SqliteCrawlState(tmp_path / "state.sqlite")
    writer = ArchiveWriter(fs, root, "run-s3", on_commit=state.apply_commit)
    writer.add("filings", rows.filing(A1))
    writer.add("documents", rows.document(A1, 1))
    first = writer.flush()
    writer.add("filings", rows.filing(A2))
    writer.add("filings", rows.filing(A1))  # exact duplicate, for compaction
    writer.close()

    keys = _keys(s3_server)
    assert "archive/filings/year=2004/quarter=2/part-run-s3-00000-0.parquet" in keys
    assert "archive/documents/year=2004/quarter=2/part-run-s3-00000-0.parquet" in keys
    assert f"archive/_manifest/{first.manifest_id}.json" in keys
    assert not [k for k in keys if "_staging" in k or k.endswith(".tmp")]
    assert state.is_committed(A1) and state.is_committed(A2)

    assert sorted(load(root, "filings", fs=fs)["accession"]) == [A1, A2]
    for name, value in {"EDGAR_S3_ENDPOINT": s3_server.endpoint_url, "AWS_ACCESS_KEY_ID": s3_server.access_key,
                        "AWS_SECRET_ACCESS_KEY": s3_server.secret_key, "AWS_REGION": s3_server.region}.items():
        monkeypatch.setenv(name, value)
    by_uri = load(f"s3://{s3_server.bucket}/archive", "filings", latest=False)
    assert sorted(by_uri["accession"]) == [A1, A1, A2] and by_uri["year"].dtype == "int16"

    raw = RawArchive(fs, root)
    body = b"<SEC-DOCUMENT>\r\nbytes \xe9\x00\r\n"
    path = raw.put(A1, 1269518, date(2004, 4, 1), body)
    assert path == f"{root}/raw/2004/QTR2/1269518/{A1}.txt"
    assert raw.put(A1, 1269518, date(2004, 4, 1), body) == path
    stored = _client(s3_server).get_object(Bucket=s3_server.bucket, Key=f"archive/raw/2004/QTR2/1269518/{A1}.txt")
    assert stored["Body"].read() == body

    report = compact(fs, root, ["filings"])
    assert (report.datasets["filings"].rows_before, report.datasets["filings"].rows_after) == (3, 2)
    # (pyarrow leaves a "directory" marker object behind a deleted key; it holds no data)
    filing_keys = [k for k in _keys(s3_server) if k.startswith("archive/filings/") and not k.endswith("/")]
    assert filing_keys == [f"archive/filings/year=2004/quarter=2/part-{report.commits[0].manifest_id}.parquet"]
    assert sorted(load(root, "filings", fs=fs, latest=False)["accession"]) == [A1, A2]
    state.close()


def test_reconcile_on_s3_removes_orphans_and_applies_manifests(s3_server: S3Server, tmp_path) -> None:
    fs, root = resolve(f"s3://{s3_server.bucket}/out", s3_options=s3_server.options)
    writer = ArchiveWriter(fs, root, "run-o")  # no on_commit: the state never heard of this commit
    writer.add("filings", rows.filing(A3))
    writer.close()
    orphan = "out/filings/year=2004/quarter=2/part-dead-00000-0.parquet"
    _client(s3_server).put_object(Bucket=s3_server.bucket, Key=orphan, Body=b"PAR1 not really")
    with SqliteCrawlState(tmp_path / "state.sqlite") as state:
        young = reconcile(fs, root, state)  # default on object stores: young orphans may be another writer's
        assert young.orphans_kept_young == 1 and orphan in _keys(s3_server)
        assert young.manifests_applied == 1 and state.is_committed(A3)
        report = reconcile(fs, root, state, orphan_min_age=0)
        assert report.orphan_files_removed == 1 and orphan not in _keys(s3_server)
    assert list(load(root, "filings", fs=fs)["accession"]) == [A3]


def test_checkpoints_on_s3(s3_server: S3Server, tmp_path, caplog: pytest.LogCaptureFixture) -> None:
    fs, root = resolve(f"s3://{s3_server.bucket}/cp", s3_options=s3_server.options)
    state = SqliteCrawlState(tmp_path / "state.sqlite")
    accessions = [f"0000905148-04-{n:06d}" for n in range(5)]
    for n, accession in enumerate(accessions[:4]):
        writer = ArchiveWriter(fs, root, f"run-{n}", on_commit=state.apply_commit)
        writer.add("filings", rows.filing(accession))
        writer.close()
    report = compact(fs, root, ["filings"])
    checkpoint_key = f"cp/_manifest/.checkpoint-{report.commits[0].manifest_id}.json"
    assert checkpoint_key in _keys(s3_server)
    writer = ArchiveWriter(fs, root, "run-late", on_commit=state.apply_commit)
    writer.add("filings", rows.filing(A1))
    late = writer.close().manifest_id
    older = "20000101T000000000000Z-elsewhere-00000"  # another machine's commit, older id, arriving late
    path = f"{root}/filings/year=2004/quarter=2/part-elsewhere-00000-0.parquet"
    pq.write_table(pa.Table.from_pylist([rows.filing(accessions[4])], schema=FILE_SCHEMAS["filings"]), path,
                   filesystem=fs)
    write_manifest(fs, root, ManifestEntry(manifest_id=older, run_id="elsewhere", kind="data",
                                           created_at="2000-01-01T00:00:00+00:00", files={"filings": [path]},
                                           rows={"filings": 1}, keys={"filings": [accessions[4]]}))
    expected = sorted([*accessions, A1])

    counted, handler = counting(fs)
    assert sorted(load(root, "filings", fs=counted)["accession"]) == expected
    assert manifest_reads(handler) == sorted([f"{late}.json", f"{older}.json"])

    client = _client(s3_server)
    body = client.get_object(Bucket=s3_server.bucket, Key=checkpoint_key)["Body"].read()
    client.put_object(Bucket=s3_server.bucket, Key=checkpoint_key, Body=body[:-10])
    counted, handler = counting(fs)
    with caplog.at_level(logging.WARNING, logger="crawler.store.checkpoint"):
        assert sorted(load(root, "filings", fs=counted)["accession"]) == expected
    assert "full log" in caplog.text and len(manifest_reads(handler)) == 4 + 1 + 2

    with SqliteCrawlState(tmp_path / "fresh.sqlite") as fresh:
        counted, handler = counting(fs)
        replay = reconcile(counted, root, fresh)
        assert replay.manifests_applied == 7 and len(manifest_reads(handler)) == 7
        assert all(fresh.is_committed(a) for a in [*accessions, A1])
        assert replay.orphan_files_removed == replay.orphans_kept_young == 0
    state.close()
