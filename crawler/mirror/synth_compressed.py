"""The compressed copies SEC keeps of every quarterly index (EDGAR.md section 1, the real ``full-index/1993/QTR4/``
listing): ``form.gz`` (gzip of ``form.idx``), ``form.Z`` (Unix ``compress``) and ``form.zip`` (a zip holding
``form.idx``). Daily directories have no compressed copies (the real ``daily-index/2018/QTR4/`` listing).

Every copy is reproducible: the gzip and zip headers carry the index's own modification time.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import datetime

import ncompress

from crawler.mirror.synth_calendar import eastern_to_epoch

SUFFIXES = (".gz", ".Z", ".zip")


def gzip_copy(data: bytes, mtime: datetime) -> bytes:
    return gzip.compress(data, compresslevel=4, mtime=eastern_to_epoch(mtime))


def compress_copy(data: bytes) -> bytes:
    """Unix ``compress`` (LZW, the ``.Z`` format); ``gzip -d`` and ``uncompress`` read it."""
    return bytes(ncompress.compress(data))


def zip_copy(member: str, data: bytes, mtime: datetime) -> bytes:
    """A zip archive holding ``data`` as its one member ``member`` (deflated)."""
    info = zipfile.ZipInfo(member, date_time=(mtime.year, mtime.month, mtime.day, mtime.hour, mtime.minute,
                                              mtime.second))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, data, compresslevel=4)
    return buffer.getvalue()


def compressed_copies(idx_path: str, data: bytes, mtime: datetime) -> list[tuple[str, bytes]]:
    """``(path, bytes)`` of the three copies of ``.../form.idx``: ``form.gz``, ``form.Z``, ``form.zip``."""
    stem = idx_path.removesuffix(".idx")
    member = idx_path.rpartition("/")[2]
    return [(stem + ".gz", gzip_copy(data, mtime)), (stem + ".Z", compress_copy(data)),
            (stem + ".zip", zip_copy(member, data, mtime))]
