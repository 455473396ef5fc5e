"""Uuencoded binaries inside EDGAR ``<TEXT>`` blocks (``begin 644 name`` ... ``end``).

Works on offsets into the submission bytes: nothing is copied beyond one chunk of lines at a time, so a
100 MB document is decoded and hashed in bounded memory. Bad lines are skipped and counted, never raised.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_BEGIN = re.compile(rb"(?:^|(?<=[\r\n]))[ \t]*begin[ \t]+([0-7]{3,4})[ \t]+([^\r\n]*?)[ \t]*(\r\n|\n|\r|$)")
_BEGIN_WINDOW = 1024  # the begin line sits at the top of the text (after an optional <PDF> wrapper)
_CHUNK = 1 << 20  # bytes of encoded lines decoded per batch


@dataclass(frozen=True, slots=True)
class UuBegin:
    """Where a ``begin`` line was found: the encoded lines start at ``body_start``."""

    mode: str
    name: str
    begin_at: int
    body_start: int
    separator: bytes  # line separator of the encoded body: b"\n" (also for CRLF) or b"\r" (CR-only files)


@dataclass(frozen=True, slots=True)
class UuDigest:
    """Size and sha256 of the decoded binary, and how clean the encoding was."""

    name: str
    size: int
    sha256: str
    bad_lines: int
    complete: bool  # an ``end`` line was found


def find_begin(data: bytes, start: int, end: int) -> UuBegin | None:
    """The ``begin NNN name`` line near the top of ``data[start:end]``, if any."""
    window_end = min(end, start + _BEGIN_WINDOW)
    if data.find(b"begin", start, window_end) < 0:
        return None
    match = _BEGIN.search(data, start, window_end)
    if match is None:
        return None
    return UuBegin(
        mode=match.group(1).decode("ascii"),
        name=match.group(2).decode("latin-1"),
        begin_at=match.start(),
        body_start=match.end(),
        separator=b"\r" if match.group(3) == b"\r" else b"\n",
    )


def _find_end_line(data: bytes, start: int, end: int, sep: bytes) -> int | None:
    """Offset of the line that is exactly ``end`` (searching backwards), or None if truncated."""
    limit = end
    for _ in range(16):
        at = data.rfind(sep + b"end", start, limit)
        if at < 0:
            return None
        line_end = data.find(sep, at + 1, end)
        rest = data[at + 4 : line_end if line_end >= 0 else end]
        if not rest.strip():
            return at + 1
        limit = at
    return None


def _decode_line(line: bytes) -> bytes | None:
    """One line decoded, tolerating over-long lines (garbage after the counted bytes); None if hopeless."""
    try:
        return binascii.a2b_uu(line)
    except binascii.Error:
        pass
    count = (line[0] - 32) & 63
    try:
        return binascii.a2b_uu(line[: 1 + (count * 4 + 2) // 3])
    except binascii.Error:
        return None


def _decoded_chunks(
    data: bytes, start: int, stop: int, sep: bytes, on_bad: Callable[[], None]
) -> Iterator[bytes]:
    pos = start
    while pos < stop:
        cut = min(stop, pos + _CHUNK)
        if cut < stop:
            newline = data.rfind(sep, pos, cut)
            cut = newline + 1 if newline >= pos else min(stop, data.find(sep, cut, stop) + 1 or stop)
        lines = [line for line in data[pos:cut].split(sep) if line.strip()]
        pos = cut
        try:
            yield b"".join(map(binascii.a2b_uu, lines))
            continue
        except binascii.Error:
            pass
        for line in lines:
            decoded = _decode_line(line.rstrip(b"\r"))
            if decoded is None:
                on_bad()
            else:
                yield decoded


def _scan(data: bytes, begin: UuBegin, end: int) -> tuple[Iterator[bytes], bool, list[int]]:
    end_line = _find_end_line(data, begin.body_start - 1, end, begin.separator)
    stop = end_line if end_line is not None else end
    bad = [0]

    def count_bad() -> None:
        bad[0] += 1

    return _decoded_chunks(data, begin.body_start, stop, begin.separator, count_bad), end_line is not None, bad


def uudecode_digest(data: bytes, begin: UuBegin, end: int) -> UuDigest:
    """Decode ``data[begin.body_start:end]`` chunk by chunk, keeping only size and sha256."""
    chunks, complete, bad = _scan(data, begin, end)
    hasher = hashlib.sha256()
    size = 0
    for chunk in chunks:
        hasher.update(chunk)
        size += len(chunk)
    return UuDigest(name=begin.name, size=size, sha256=hasher.hexdigest(), bad_lines=bad[0], complete=complete)


def uudecode(data: bytes, begin: UuBegin, end: int) -> bytes:
    """The whole decoded binary (for callers that need the file itself)."""
    chunks, _complete, _bad = _scan(data, begin, end)
    return b"".join(chunks)
