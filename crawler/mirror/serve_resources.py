"""Twisted resources of ``mirror serve``: one leaf resource answering every path like SEC would."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from twisted.internet.interfaces import IReactorTime, ITransport
from twisted.web import resource, server

from crawler.mirror.serve_files import MirrorFile, accepts_gzip, is_not_modified, resolve_request_path
from crawler.mirror.serve_pages import RATE_THRESHOLD_PAGE, UNDECLARED_TOOL_PAGE, status_page
from crawler.mirror.serve_policy import FaultKind, FaultPlan, Latency, RateGate, has_contact_email
from crawler.mirror.serve_unpublished import DEFAULT_UNPUBLISHED_STATUS, is_unpublished

HTML = "text/html; charset=utf-8"
SLOW_PIECES = 4
RESET_FLUSH_WAIT = 1.0  # at most this long for the partial body to leave before the RST


@dataclass(slots=True)
class Exchange:
    """One request and what was answered, as written to the request log."""

    seq: int
    ts: float
    method: str
    path: str
    host: str | None
    user_agent: str | None
    status: int = 0
    bytes: int = 0
    fault: str | None = None
    blocked: bool = False
    done: bool = False

    def record(self) -> dict[str, Any]:
        return {
            "ts": round(self.ts, 6),
            "seq": self.seq,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "bytes": self.bytes,
            "user_agent": self.user_agent,
            "fault": self.fault,
            "blocked": self.blocked,
            "host": self.host,
        }


class RequestLog:
    """JSON Lines request log, one flushed line per finished (or aborted) request; no-op without a path."""

    def __init__(self, path: Path | None) -> None:
        self._file: IO[str] | None = path.open("a", encoding="utf-8") if path else None

    def write(self, exchange: Exchange) -> None:
        if self._file is not None:
            self._file.write(json.dumps(exchange.record()) + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _header(request: server.Request, name: bytes) -> str | None:
    value = request.getHeader(name)
    return value.decode("utf-8", "replace") if value is not None else None


def _write_buffer_empty(transport: ITransport) -> bool:
    """True once Twisted has handed every buffered byte of ``transport`` to the kernel."""
    pending = getattr(transport, "_tempDataLen", 0)
    unsent = len(getattr(transport, "dataBuffer", b"")) - getattr(transport, "offset", 0)
    return not pending and unsent <= 0


class MirrorResource(resource.Resource):
    """Serves ``root/Archives`` and ``root/submissions`` with SEC's access rules, caching headers and faults."""

    isLeaf = True

    def __init__(
        self,
        root: Path,
        gate: RateGate,
        faults: FaultPlan,
        log: RequestLog,
        reactor: IReactorTime,
        slow_seconds: float = 2.0,
        monotonic: Callable[[], float] = time.monotonic,
        latency: Latency | None = None,
        unpublished_status: int = DEFAULT_UNPUBLISHED_STATUS,
    ) -> None:
        super().__init__()
        self.root = root.resolve()
        self.gate = gate
        self.faults = faults
        self.log = log
        self.reactor = reactor
        self.slow_seconds = slow_seconds
        self.monotonic = monotonic
        self.latency = latency or Latency()
        self.unpublished_status = unpublished_status
        self._seq = 0

    def render(self, request: server.Request) -> int:
        self._seq += 1
        exchange = Exchange(
            seq=self._seq,
            ts=time.time(),
            method=request.method.decode("ascii", "replace"),
            path=request.path.decode("latin-1"),
            host=_header(request, b"host"),
            user_agent=_header(request, b"user-agent"),
        )
        request.notifyFinish().addBoth(self._finished, exchange)
        admitted = self.gate.admit(self.monotonic())  # SEC counts a request when it arrives
        if self.latency:
            self.reactor.callLater(self.latency.draw(), self._respond, request, exchange, admitted)
        else:
            self._respond(request, exchange, admitted)
        return server.NOT_DONE_YET

    def _respond(self, request: server.Request, exchange: Exchange, admitted: bool) -> None:
        if exchange.done:  # the client went away while its answer was held back
            return
        if not admitted:
            exchange.blocked = True
            self._answer(request, exchange, 403, RATE_THRESHOLD_PAGE)
        elif not has_contact_email(exchange.user_agent):
            self._answer(request, exchange, 403, UNDECLARED_TOOL_PAGE)
        elif request.method not in (b"GET", b"HEAD"):
            request.setHeader(b"Allow", b"GET, HEAD")
            self._answer(request, exchange, 405, status_page(405, "Method Not Allowed"))
        else:
            self._serve_file(request, exchange)

    def _finished(self, _result: object, exchange: Exchange) -> None:
        exchange.done = True
        self.log.write(exchange)

    def _serve_file(self, request: server.Request, exchange: Exchange) -> None:
        file = resolve_request_path(self.root, request.path)
        if file is None:
            self._answer_missing(request, exchange)
            return
        gzipped = not file.is_compressed and accepts_gzip(_header(request, b"accept-encoding"))
        if is_not_modified(file, _header(request, b"if-none-match"), _header(request, b"if-modified-since")):
            self._set_validators(request, file, gzipped)
            exchange.status = 304
            request.setResponseCode(304)
            request.finish()
            return
        fault = self.faults.draw(exchange.path) if request.method == b"GET" else None
        exchange.fault = fault.value if fault else None
        if fault is FaultKind.SERVER_ERROR:
            self._answer(request, exchange, 500, status_page(500, "Internal Server Error"))
            return
        if fault is FaultKind.UNAVAILABLE:
            self._answer(request, exchange, 503, status_page(503, "Service Unavailable"))
            return
        try:
            body = file.read(gzipped)
        except OSError:  # removed or unreadable since it was resolved
            self._answer(request, exchange, 404, status_page(404, "Not Found"))
            return
        self._set_validators(request, file, gzipped)
        if gzipped:
            request.setHeader(b"Content-Encoding", b"gzip")
        if fault is FaultKind.RESET:
            self._send_then_cut(request, exchange, body, file.content_type, len(body) // 4, reset=True)
        elif fault is FaultKind.TRUNCATED:
            self._send_then_cut(request, exchange, body, file.content_type, len(body) // 2, reset=False)
        elif fault is FaultKind.SLOW:
            self._send_slowly(request, exchange, body, file.content_type)
        else:
            self._answer(request, exchange, 200, body, file.content_type)

    def _answer_missing(self, request: server.Request, exchange: Exchange) -> None:
        """404, or the unpublished status for a quarter SEC would not have published yet."""
        if self.unpublished_status != 404 and is_unpublished(self.root, exchange.path):
            self._answer(request, exchange, self.unpublished_status, status_page(self.unpublished_status, "Forbidden"))
        else:
            self._answer(request, exchange, 404, status_page(404, "Not Found"))

    @staticmethod
    def _set_validators(request: server.Request, file: MirrorFile, gzipped: bool) -> None:
        """Headers sent with the file and with its 304: Last-Modified, ETag, Vary."""
        request.setHeader(b"Last-Modified", file.last_modified.encode("ascii"))
        request.setHeader(b"ETag", file.etag(gzipped).encode("ascii"))
        if not file.is_compressed:
            request.setHeader(b"Vary", b"Accept-Encoding")

    def _answer(
        self, request: server.Request, exchange: Exchange, status: int, body: bytes, content_type: str = HTML
    ) -> None:
        """A complete response with an explicit Content-Length (no chunking), body omitted for HEAD."""
        exchange.status = status
        request.setResponseCode(status)
        request.setHeader(b"Content-Type", content_type.encode("ascii"))
        request.setHeader(b"Content-Length", str(len(body)).encode("ascii"))
        self._write(request, exchange, body)
        request.finish()

    @staticmethod
    def _write(request: server.Request, exchange: Exchange, data: bytes) -> None:
        request.write(data)
        if request.method != b"HEAD":
            exchange.bytes += len(data)

    def _start_body(self, request: server.Request, exchange: Exchange, body: bytes, content_type: str) -> None:
        exchange.status = 200
        request.setResponseCode(200)
        request.setHeader(b"Content-Type", content_type.encode("ascii"))
        request.setHeader(b"Content-Length", str(len(body)).encode("ascii"))
        request.write(b"")  # sends the status line and headers now

    def _send_then_cut(
        self, request: server.Request, exchange: Exchange, body: bytes, content_type: str, sent: int, reset: bool
    ) -> None:
        """Declare the full length, send ``sent`` bytes, then reset (RST) or cleanly close the connection."""
        self._start_body(request, exchange, body, content_type)
        self._write(request, exchange, body[:sent])
        transport = request.channel.transport
        if reset:
            self._abort_when_flushed(transport, self.monotonic() + RESET_FLUSH_WAIT)
        else:
            transport.loseConnection()

    def _abort_when_flushed(self, transport: Any, deadline: float) -> None:
        if _write_buffer_empty(transport) or self.monotonic() >= deadline:
            transport.abortConnection()
        else:
            self.reactor.callLater(0.01, self._abort_when_flushed, transport, deadline)

    def _send_slowly(self, request: server.Request, exchange: Exchange, body: bytes, content_type: str) -> None:
        """The whole body, correct, in pieces each preceded by an equal share of ``slow_seconds``."""
        self._start_body(request, exchange, body, content_type)
        pieces = max(1, min(SLOW_PIECES, len(body)))
        size = -(-len(body) // pieces)
        chunks = [body[start : start + size] for start in range(0, len(body), size)] or [b""]
        self.reactor.callLater(self.slow_seconds / len(chunks), self._send_piece, request, exchange, chunks, 0)

    def _send_piece(self, request: server.Request, exchange: Exchange, chunks: list[bytes], index: int) -> None:
        if exchange.done:  # the client went away
            return
        self._write(request, exchange, chunks[index])
        if index + 1 == len(chunks):
            request.finish()
        else:
            delay = self.slow_seconds / len(chunks)
            self.reactor.callLater(delay, self._send_piece, request, exchange, chunks, index + 1)


class MirrorSite(server.Site):
    """A Site without Twisted's own access log (``--log`` writes the JSON one)."""

    displayTracebacks = False

    def log(self, request: server.Request) -> None:
        return None
