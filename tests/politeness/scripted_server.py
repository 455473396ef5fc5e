"""A small scripted HTTP/1.1 server on 127.0.0.1 (a thread of the test process) with a request log.

Files are served as 200 answers; scripted actions (block pages, 5xx, resets, short bodies) are consumed in order,
per path or for any path, before the files are served again. Every arrival is logged with its wall-clock time.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RATE_BLOCK_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>\n"
    b"<body><h1>Request Rate Threshold Exceeded</h1><p>Your request rate has exceeded the limit.</p></body></html>\n"
)
UNDECLARED_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>\n"
    b"<body><h1>Your Request Originates from an Undeclared Automated Tool</h1>\n"
    b"<p>Please declare your traffic by updating your user agent to include company specific information.</p>"
    b"</body></html>\n"
)


@dataclass(frozen=True)
class Reply:
    """A complete answer: status, body, extra headers (Content-Length is added), after ``delay`` seconds."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


@dataclass(frozen=True)
class CutShort:
    """Declare the full Content-Length of ``body``, send half of it, close cleanly."""

    body: bytes


@dataclass(frozen=True)
class Reset:
    """Send the headers and a little of ``body``, then reset the connection (RST)."""

    body: bytes


Action = Reply | CutShort | Reset


@dataclass(frozen=True)
class Arrival:
    at: float  # time.time() when the request line was read
    path: str
    host: str
    headers: dict[str, str]
    status: int | None  # status sent, None for a reset


@dataclass
class ScriptedServer:
    files: dict[str, bytes] = field(default_factory=dict)
    arrivals: list[Arrival] = field(default_factory=list)
    port: int = 0
    _scripts: dict[str, deque[Action]] = field(default_factory=dict)
    _any_path: deque[Action] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script(self, path: str, *actions: Action) -> None:
        """Answer the next requests for ``path`` with ``actions``, in order, then serve the file again."""
        with self._lock:
            self._scripts.setdefault(path, deque()).extend(actions)

    def script_any(self, *actions: Action) -> None:
        """Answer the next requests, whatever their path, with ``actions`` (before per-path scripts)."""
        with self._lock:
            self._any_path.extend(actions)

    def next_action(self, path: str) -> Action:
        with self._lock:
            if self._any_path:
                return self._any_path.popleft()
            queue = self._scripts.get(path)
            if queue:
                return queue.popleft()
        body = self.files.get(path)
        return Reply(200, body) if body is not None else Reply(404, b"not found")

    def log(self, arrival: Arrival) -> None:
        with self._lock:
            self.arrivals.append(arrival)

    def paths(self) -> list[str]:
        with self._lock:
            return [arrival.path for arrival in self.arrivals]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        arrived = time.time()
        action = self.server.script.next_action(self.path)
        status = action.status if isinstance(action, Reply) else 200 if isinstance(action, CutShort) else None
        headers = {key.lower(): value for key, value in self.headers.items()}
        self.server.script.log(Arrival(arrived, self.path, headers.get("host", ""), headers, status))
        self._answer(action)

    def _answer(self, action: Action) -> None:
        if isinstance(action, Reply):
            time.sleep(action.delay)
            self.send_response(action.status)
            for name, value in action.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(action.body)))
            self.end_headers()
            self.wfile.write(action.body)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(action.body)))
        self.end_headers()
        self.close_connection = True
        if isinstance(action, CutShort):
            self.wfile.write(action.body[: len(action.body) // 2])
            self.wfile.flush()
            return
        self.wfile.write(action.body[: max(1, len(action.body) // 4)])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    script: ScriptedServer


@contextmanager
def scripted_server(files: dict[str, bytes] | None = None) -> Iterator[ScriptedServer]:
    """Serve ``files`` (URL path -> bytes) on 127.0.0.1 (ephemeral port) for the duration of the block."""
    script = ScriptedServer(files=dict(files or {}))
    server = _Server(("127.0.0.1", 0), _Handler)
    server.script = script
    script.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def peak_in_window(times: list[float], window: float = 1.0) -> int:
    """The most arrivals in any closed window of ``window`` seconds (counted from each arrival)."""
    ordered = sorted(times)
    return max((sum(1 for t in ordered if start <= t <= start + window) for start in ordered), default=0)
