from __future__ import annotations

import ctypes
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.errors import StorageError
from crawler.store import file_sync
from crawler.store.file_sync import FilesystemSync, PerFileSync, _libc_syncfs, syncer_for


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        path = tmp_path / f"d{number % 2}" / f"f{number}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * number)
        paths.append(str(path))
    return paths


def _recording(calls: list[int], result: int = 0) -> Callable[[int], int]:
    real = _libc_syncfs()

    def syncfs(descriptor: int) -> int:
        calls.append(descriptor)
        if result != 0:
            ctypes.set_errno(errno.EIO)
            return result
        return real(descriptor) if real is not None else os.fsync(descriptor) or 0

    return syncfs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs(2) is Linux-only")
def test_linux_gets_the_filesystem_syncer() -> None:
    assert isinstance(syncer_for("/"), FilesystemSync)


def test_filesystem_sync_runs_once_per_wait_with_new_files(tmp_path: Path) -> None:
    calls: list[int] = []
    syncer = FilesystemSync(str(tmp_path), _recording(calls))
    syncer.wait()
    assert calls == []  # nothing submitted: no sync
    for path in _files(tmp_path, 3):
        syncer.submit(path)
    syncer.wait()
    syncer.wait()
    assert len(calls) == 1  # one sync covers all three; the second wait has nothing new
    syncer.submit(str(tmp_path / "d0" / "f0.txt"))
    syncer.wait()
    assert len(calls) == 2


def test_filesystem_sync_failure_is_a_storage_error_and_is_retried(tmp_path: Path) -> None:
    calls: list[int] = []
    syncer = FilesystemSync(str(tmp_path), _recording(calls, result=-1))
    syncer.submit(_files(tmp_path, 1)[0])
    with pytest.raises(StorageError, match="durable failed"):
        syncer.wait()
    with pytest.raises(StorageError):
        syncer.wait()  # not marked done: the next commit tries again
    assert len(calls) == 2


def test_filesystem_sync_of_a_missing_root_is_a_storage_error(tmp_path: Path) -> None:
    syncer = FilesystemSync(str(tmp_path / "gone"), _recording([]))
    syncer.submit(str(tmp_path / "gone" / "f"))
    with pytest.raises(StorageError, match="durable failed"):
        syncer.wait()


@pytest.mark.parametrize("make", [lambda root: PerFileSync(), lambda root: FilesystemSync(root, _recording([]))],
                         ids=["per-file", "filesystem"])
def test_closed_syncer_refuses_new_files(tmp_path: Path, make) -> None:
    syncer = make(str(tmp_path))
    path = _files(tmp_path, 1)[0]
    syncer.submit(path)
    syncer.close()
    syncer.wait()  # what was submitted before close is done
    with pytest.raises(StorageError, match="closed"):
        syncer.submit(path)


def test_per_file_sync_fsyncs_every_file_and_its_directory_before_wait_returns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real = file_sync._fsync
    monkeypatch.setattr(file_sync, "_fsync", lambda path: (real(path), synced.append(path)))
    paths = _files(tmp_path, 50)
    syncer = PerFileSync()
    for path in paths:
        syncer.submit(path)
    syncer.wait()
    directories = {str(tmp_path / "d0"), str(tmp_path / "d1")}
    assert sorted(p for p in synced if p not in directories) == sorted(paths)
    assert directories <= set(synced)
    syncer.close()


def test_per_file_sync_reports_a_file_it_cannot_sync(tmp_path: Path) -> None:
    syncer = PerFileSync()
    syncer.submit(_files(tmp_path, 1)[0])
    syncer.submit(str(tmp_path / "vanished.txt"))
    with pytest.raises(StorageError, match="vanished.txt"):
        syncer.wait()
    syncer.close()
