"""``mirror serve``: run the SEC stand-in on loopback until SIGTERM/SIGINT.

The server runs its own Twisted reactor and is meant to be a process of its own, apart from any crawler.
"""

from __future__ import annotations

import re
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from crawler.errors import MirrorError
from crawler.mirror.serve_policy import ALL_FAULTS, DEFAULT_FAULT_PATHS, FaultKind, FaultPlan, Latency, RateGate
from crawler.mirror.serve_unpublished import DEFAULT_UNPUBLISHED_STATUS, UNPUBLISHED_STATUSES


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Everything ``mirror serve`` is told on its command line."""

    directory: Path
    host: str = "127.0.0.1"
    port: int = 0
    rate_limit: int = 0
    block_seconds: float = 600.0
    fault_rate: float = 0.0
    fault_seed: int = 0
    fault_paths: str = DEFAULT_FAULT_PATHS
    fault_kinds: tuple[FaultKind, ...] = ALL_FAULTS
    slow_seconds: float = 2.0
    latency: float = 0.0  # seconds every answer is held back
    latency_jitter: float = 0.0  # ± seconds, uniform
    unpublished_status: int = DEFAULT_UNPUBLISHED_STATUS
    log: Path | None = None


def check_mirror_dir(directory: Path) -> Path:
    """The resolved mirror root; MirrorError (one line) when it is missing or has no ``Archives/edgar``."""
    if not directory.is_dir():
        raise MirrorError(f"mirror directory not found: {directory}")
    if not (directory / "Archives" / "edgar").is_dir():
        raise MirrorError(f"not a mirror directory (no Archives/edgar inside): {directory}")
    return directory.resolve()


def check_options(options: ServeOptions) -> None:
    """MirrorError naming the first option out of range."""
    problems = []
    if not 0 <= options.port <= 65535:
        problems.append(f"--port must be within 0..65535, got {options.port}")
    if options.rate_limit < 0:
        problems.append(f"--rate-limit must be >= 0, got {options.rate_limit}")
    if options.block_seconds <= 0:
        problems.append(f"--block-seconds must be > 0, got {options.block_seconds}")
    if not 0.0 <= options.fault_rate <= 1.0:
        problems.append(f"--fault-rate must be within 0..1, got {options.fault_rate}")
    if options.slow_seconds < 0:
        problems.append(f"--slow-seconds must be >= 0, got {options.slow_seconds}")
    if options.latency < 0 or options.latency_jitter < 0:
        problems.append(f"--latency must be >= 0, got {options.latency * 1000:g}:{options.latency_jitter * 1000:g}")
    if options.unpublished_status not in UNPUBLISHED_STATUSES:
        problems.append(f"--unpublished-status must be 403 or 404, got {options.unpublished_status}")
    try:
        re.compile(options.fault_paths)
    except re.error as exc:
        problems.append(f"--fault-paths is not a valid regular expression: {exc}")
    if problems:
        raise MirrorError(problems[0])


def base_url(host: str, port: int) -> str:
    """``http://host:port``, bracketing IPv6 literals."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def serve(options: ServeOptions, stdout: TextIO = sys.stdout) -> int:
    """Serve ``options.directory``; prints the base URL as the first stdout line; returns 0 after a signal."""
    check_options(options)
    root = check_mirror_dir(options.directory)
    from twisted.internet import reactor
    from twisted.internet.error import CannotListenError

    from crawler.mirror.serve_resources import MirrorResource, MirrorSite, RequestLog

    try:
        log = RequestLog(options.log)
    except OSError as exc:
        raise MirrorError(f"cannot open the request log {options.log}: {exc.strerror}") from None
    resource = MirrorResource(
        root=root,
        gate=RateGate(options.rate_limit, options.block_seconds),
        faults=FaultPlan(options.fault_rate, options.fault_seed, options.fault_paths, options.fault_kinds),
        log=log,
        reactor=reactor,
        slow_seconds=options.slow_seconds,
        latency=Latency(options.latency, options.latency_jitter, options.fault_seed),
        unpublished_status=options.unpublished_status,
    )
    try:
        port = reactor.listenTCP(options.port, MirrorSite(resource), interface=options.host)
    except CannotListenError as exc:
        log.close()
        raise MirrorError(f"cannot listen on {options.host}:{options.port}: {exc.socketError}") from None
    url = base_url(options.host, port.getHost().port)

    def start_block(*_: object) -> None:  # SIGUSR1, a rehearsal: SEC's block from now on, for --block-seconds
        reactor.callFromThread(resource.gate.block, resource.monotonic())

    signal.signal(signal.SIGUSR1, start_block)
    # printed once the reactor runs, i.e. after its SIGTERM/SIGINT handlers are in place
    reactor.callWhenRunning(lambda: print(url, file=stdout, flush=True))
    try:
        reactor.run()
    finally:
        log.close()
    return 0
