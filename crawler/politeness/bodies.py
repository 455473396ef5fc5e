"""Is a downloaded body whole? Pure checks on bytes, used by the verify middlewares before anything is archived.

A connection that closes early can still hand over a plausible-looking body: Scrapy's gzip decoder keeps whatever
decompressed before the stream broke, and a server may declare a length that matches what it sent. So each kind
of EDGAR file is checked for its own ending: submissions close their envelope tag, index files have the dashed
line and end with a newline, JSON parses, gzip/deflate streams reach their end marker.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from dataclasses import dataclass

_HEAD_BYTES = 8 * 1024
_TAIL_BYTES = 2 * 1024
_CHUNK = 1 << 20
_ENVELOPE_TAGS = (b"SEC-DOCUMENT", b"SUBMISSION", b"IMS-DOCUMENT", b"DOCUMENT")
_PEM_BEGIN = b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_PEM_END = b"-----END PRIVACY-ENHANCED MESSAGE-----"
_DASHED_LINE = re.compile(rb"(?m)^-{20,}\s*$")
_SUBMISSION_PATH = re.compile(r"/Archives/edgar/data/.+\.(txt|nc)$", re.IGNORECASE)
_INDEX_PATH = re.compile(r"/Archives/edgar/.+\.idx$", re.IGNORECASE)


def submission_problem(body: bytes) -> str | None:
    """Why a full submission (``.txt``/``.nc``) is incomplete, or None when its envelope closes.

    The outermost of ``<SEC-DOCUMENT>``, ``<SUBMISSION>``, ``<IMS-DOCUMENT>``, ``<DOCUMENT>`` opened near the start
    must be closed at the very end (only whitespace, or the PEM end line of a PEM-wrapped file, may follow).
    A body opening none of them is not judged here (the parser records what it cannot read).
    """
    if not body.strip():
        return "empty body"
    head = body[:_HEAD_BYTES].upper()
    tail = body[-_TAIL_BYTES:].upper()
    opened = [(head.find(b"<" + tag + b">"), tag) for tag in _ENVELOPE_TAGS]
    opened = [(position, tag) for position, tag in opened if position >= 0]
    if not opened:
        return None
    _, outer = min(opened)
    closing = b"</" + outer + b">"
    closed_at = tail.rfind(closing)
    if closed_at < 0:
        return f"truncated: no {closing.decode()} at the end ({len(body)} bytes)"
    after = tail[closed_at + len(closing):].strip()
    wrapped = head.lstrip().startswith(_PEM_BEGIN)
    if after != (_PEM_END if wrapped else b""):
        what = "the PEM end line" if wrapped and not after else f"{after[:40]!r}"
        return f"truncated: {closing.decode()} is followed by {what} ({len(body)} bytes)"
    return None


_COMPLETE_LAST_ROW = re.compile(rb"edgar/data/\d+/[\w-]+\.txt[ \t\r]*$")


def index_problem(body: bytes) -> str | None:
    """Why an EDGAR index file (``.idx``) is incomplete: no dashed header line, or a last line cut short.

    Real index files may end without a newline, so a last line without one must be a whole row (ending in
    its ``edgar/data/....txt`` file name, maybe padded) or the dashed line of an empty index.
    """
    if _DASHED_LINE.search(body[:64 * 1024]) is None:
        return "no dashed line under the index header"
    if body.endswith(b"\n"):
        return None
    last_line = body[body.rfind(b"\n") + 1:]
    if _COMPLETE_LAST_ROW.search(last_line) or _DASHED_LINE.search(last_line):
        return None
    return f"truncated: last line is not a whole row ({len(body)} bytes)"


def json_problem(body: bytes) -> str | None:
    """Why a JSON body (listings, submissions JSON) does not parse, or None."""
    try:
        json.loads(body)
    except ValueError as exc:
        return f"not complete JSON: {exc}"
    return None


def content_problem(path: str, body: bytes) -> str | None:
    """Dispatch on the URL path: submissions, index files and JSON are checked; other paths pass."""
    if _SUBMISSION_PATH.search(path):
        return submission_problem(body)
    if _INDEX_PATH.search(path):
        return index_problem(body)
    if path.lower().endswith(".json"):
        return json_problem(body)
    return None


@dataclass(frozen=True, slots=True)
class Decoded:
    """An encoded body checked to its end: its decoded bytes when whole and kept, or why it is not whole."""

    body: bytes | None = None
    problem: str | None = None


def _inflate(body: bytes, wbits: int, name: str, keep_up_to: int | None) -> Decoded:
    """Decompress ``body`` to its end; the output is kept while it is at most ``keep_up_to`` bytes (0: any size,
    None: never kept, only checked)."""
    kept = None if keep_up_to is None else io.BytesIO()  # grows in place: no second copy of a big body at the end
    data = body
    while True:
        decompressor = zlib.decompressobj(wbits=wbits)
        try:
            while True:
                output = decompressor.decompress(data, _CHUNK)
                data = decompressor.unconsumed_tail
                if not decompressor.eof and not data:
                    output += decompressor.flush()
                if kept is not None:
                    kept.write(output)
                    if keep_up_to and kept.tell() > keep_up_to:
                        kept = None
                if decompressor.eof or not data:
                    break
        except zlib.error as exc:
            return Decoded(problem=f"corrupt {name} stream: {exc}")
        if not decompressor.eof:
            return Decoded(problem=f"truncated {name} stream ({len(body)} bytes)")
        data = decompressor.unused_data
        if name != "gzip" or data[:2] != b"\x1f\x8b":  # trailing bytes after a whole stream: tolerated, as by Scrapy
            return Decoded(body=None if kept is None else kept.getvalue())
        # another gzip member follows: check (and decode) it too


def _gzip(body: bytes, keep_up_to: int | None) -> Decoded:
    return _inflate(body, 31, "gzip", keep_up_to)


def _deflate(body: bytes, keep_up_to: int | None) -> Decoded:
    decoded = _inflate(body, 15, "deflate", keep_up_to)  # zlib-wrapped, or raw as some servers send
    if decoded.problem and decoded.problem.startswith("corrupt"):
        return _inflate(body, -15, "deflate", keep_up_to)
    return decoded


def gzip_problem(body: bytes) -> str | None:
    """Why a gzip stream (possibly multi-member) is broken or cut short, or None when it is whole."""
    return _gzip(body, None).problem


def deflate_problem(body: bytes) -> str | None:
    """Like :func:`gzip_problem` for ``Content-Encoding: deflate`` (zlib-wrapped, or raw as some servers send)."""
    return _deflate(body, None).problem


def decode_body(body: bytes, content_encoding: str, path: str, max_size: int | None = 0) -> Decoded:
    """Check the still-encoded body (as :func:`encoding_problem`) and decode it in the same pass.

    ``body`` is set for a whole ``gzip``/``x-gzip``/``deflate`` body of at most ``max_size`` decoded bytes
    (0: no limit; None: only check); otherwise None (not encoded, encoded otherwise, too big, or only checked:
    left to Scrapy's decompression).
    """
    encoding = content_encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return _gzip(body, max_size)
    if encoding == "deflate":
        return _deflate(body, max_size)
    return Decoded(problem=encoding_problem(body, content_encoding, path))


def encoding_problem(body: bytes, content_encoding: str, path: str) -> str | None:
    """Check the still-encoded body: by ``Content-Encoding`` (gzip/deflate), or a ``.gz`` file served as is."""
    encoding = content_encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return gzip_problem(body)
    if encoding == "deflate":
        return deflate_problem(body)
    if not encoding and path.lower().endswith(".gz") and body[:2] == b"\x1f\x8b":
        return gzip_problem(body)
    return None
