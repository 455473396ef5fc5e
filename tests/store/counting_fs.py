"""A pyarrow filesystem that forwards every call to a real one and records which files were opened for reading."""

from __future__ import annotations

import threading

import pyarrow.fs as pafs


class CountingHandler(pafs.FileSystemHandler):
    def __init__(self, base: pafs.FileSystem) -> None:
        self.base = base
        self.opened: list[str] = []
        self._lock = threading.Lock()

    def _record(self, path: str) -> None:
        with self._lock:
            self.opened.append(path)

    def get_type_name(self) -> str:
        return f"counting-{self.base.type_name}"

    def normalize_path(self, path: str) -> str:
        return self.base.normalize_path(path)

    def equals(self, other: object) -> bool:
        return other is self

    def get_file_info(self, paths: list[str]) -> list[pafs.FileInfo]:
        return self.base.get_file_info(paths)

    def get_file_info_selector(self, selector: pafs.FileSelector) -> list[pafs.FileInfo]:
        return self.base.get_file_info(selector)

    def create_dir(self, path: str, recursive: bool) -> None:
        self.base.create_dir(path, recursive=recursive)

    def delete_dir(self, path: str) -> None:
        self.base.delete_dir(path)

    def delete_dir_contents(self, path: str, missing_dir_ok: bool = False) -> None:
        self.base.delete_dir_contents(path, missing_dir_ok=missing_dir_ok)

    def delete_root_dir_contents(self) -> None:
        raise NotImplementedError

    def delete_file(self, path: str) -> None:
        self.base.delete_file(path)

    def move(self, src: str, dest: str) -> None:
        self.base.move(src, dest)

    def copy_file(self, src: str, dest: str) -> None:
        self.base.copy_file(src, dest)

    def open_input_stream(self, path: str):
        self._record(path)
        return self.base.open_input_stream(path)

    def open_input_file(self, path: str):
        self._record(path)
        return self.base.open_input_file(path)

    def open_output_stream(self, path: str, metadata: dict | None = None):
        return self.base.open_output_stream(path, metadata=metadata)

    def open_append_stream(self, path: str, metadata: dict | None = None):
        return self.base.open_append_stream(path, metadata=metadata)


def counting(base: pafs.FileSystem) -> tuple[pafs.PyFileSystem, CountingHandler]:
    """A filesystem over ``base`` and the handler whose ``opened`` lists every path opened for reading."""
    handler = CountingHandler(base)
    return pafs.PyFileSystem(handler), handler


def manifest_reads(handler: CountingHandler) -> list[str]:
    """Base names of the manifest bodies read (checkpoints and data files left out), sorted."""
    names = [path.rsplit("/", 1)[-1] for path in handler.opened if "/_manifest/" in path]
    return sorted(name for name in names if not name.startswith("."))


def checkpoint_reads(handler: CountingHandler) -> list[str]:
    return sorted(path.rsplit("/", 1)[-1] for path in handler.opened if "/_manifest/.checkpoint-" in path)
