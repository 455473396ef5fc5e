from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from crawler.errors import StorageError
from crawler.store.fs import resolve
from crawler.store.raw import RawArchive, raw_path_cik

ACCESSION = "0000905148-04-004513"
# Bytes a text decoder would change: CRLF, a latin-1 byte, a NUL, no final newline.
BODY = b"<SEC-DOCUMENT>0000905148-04-004513.txt : 20040401\r\nCAF\xc9 \x00 end"


@pytest.fixture
def archive(tmp_path: Path) -> RawArchive:
    fs, root = resolve(str(tmp_path / "out"))
    return RawArchive(fs, root)


def test_layout_is_year_quarter_cik_accession(archive: RawArchive) -> None:
    expected = f"{archive.root}/raw/2004/QTR2/1304811/{ACCESSION}.txt"
    assert archive.path_for(ACCESSION, 1304811, date(2004, 4, 1)) == expected
    assert archive.path_for(ACCESSION, 1304811, date(2004, 12, 31)).endswith("/raw/2004/QTR4/1304811/" +
                                                                               f"{ACCESSION}.txt")


def test_put_is_byte_exact_and_idempotent(archive: RawArchive) -> None:
    path = archive.put(ACCESSION, 1304811, date(2004, 4, 1), BODY)
    assert Path(path).read_bytes() == BODY
    before = Path(path).stat()
    assert archive.put(ACCESSION, 1304811, date(2004, 4, 1), BODY) == path
    after = Path(path).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not rewritten
    assert [p.name for p in Path(path).parent.iterdir()] == [f"{ACCESSION}.txt"]  # no temp files left


def test_different_bytes_never_overwrite_the_original(archive: RawArchive) -> None:
    original = archive.put(ACCESSION, 1304811, date(2004, 4, 1), BODY)
    changed = BODY + b"\r\n</SEC-DOCUMENT>"
    variant = archive.put(ACCESSION, 1304811, date(2004, 4, 1), changed)
    digest = hashlib.sha256(changed).hexdigest()[:12]
    assert variant == original[: -len(".txt")] + f".{digest}.txt"
    assert Path(original).read_bytes() == BODY and Path(variant).read_bytes() == changed
    assert archive.put(ACCESSION, 1304811, date(2004, 4, 1), changed) == variant


def test_unparsed_bytes_get_a_safe_name(archive: RawArchive) -> None:
    path = archive.put_unparsed("../edgar/data/1/odd name?.txt", b"\x00garbage")
    assert path == f"{archive.root}/raw/_unparsed/edgar_data_1_odd_name_.txt"
    assert Path(path).read_bytes() == b"\x00garbage"


def test_rejects_what_is_not_an_accession(archive: RawArchive) -> None:
    with pytest.raises(StorageError, match="not an accession"):
        archive.put("../../etc/passwd", 1, date(2004, 4, 1), b"x")


def test_local_put_is_complete_at_once_and_durable_after_wait(archive: RawArchive) -> None:
    paths = [archive.put(f"0000905148-04-00451{n}", 1304811 + n % 2, date(2004, 4, 1), BODY + bytes([n]))
             for n in range(4)]
    assert [Path(p).read_bytes() for p in paths] == [BODY + bytes([n]) for n in range(4)]
    archive.wait_durable()
    archive.close()
    with pytest.raises(StorageError, match="closed"):
        archive.put("0000905148-04-004519", 1304811, date(2004, 4, 1), BODY)


def test_a_directory_removed_during_the_run_is_made_again(archive: RawArchive) -> None:
    first = Path(archive.put(ACCESSION, 1304811, date(2004, 4, 1), BODY))
    first.unlink()
    first.parent.rmdir()
    second = archive.put("0000905148-04-004514", 1304811, date(2004, 4, 1), BODY)
    assert Path(second).read_bytes() == BODY
    archive.wait_durable()


def test_the_cik_is_read_back_from_a_path_the_archive_gave(archive: RawArchive) -> None:
    path = archive.path_for(ACCESSION, 1304811, date(2004, 4, 1))
    assert raw_path_cik(path) == 1304811
    assert raw_path_cik("bucket/prefix/raw/2004/QTR2/1269518/0000905148-04-002078.txt") == 1269518
    assert raw_path_cik(archive.put_unparsed("junk", b"x")) is None
    assert raw_path_cik(None) is None
