"""Start ``mirror serve`` as a child process and stop it again (used by ``demo``, tests and benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.errors import MirrorError

START_TIMEOUT_SECONDS = 30.0


@dataclass(slots=True)
class MirrorServer:
    url: str
    log_path: Path
    process: subprocess.Popen[str]

    def requests(self) -> list[dict[str, Any]]:
        """The server's request log so far (one dict per request)."""
        if not self.log_path.exists():
            return []
        lines = self.log_path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        return sorted(records, key=lambda record: record.get("seq", 0))  # lines land in completion order


def _first_line(process: subprocess.Popen[str], stderr: Any) -> str:
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT_SECONDS)
    line = result[0].strip() if result else ""
    if not line.startswith("http"):
        process.kill()
        process.wait(timeout=10)
        stderr.seek(0)
        message = stderr.read().decode("utf-8", "replace").strip()[-2000:]
        raise MirrorError(f"mirror serve did not start: {message or 'no output'}")
    return line


@contextmanager
def serve_mirror(directory: Path, *args: str, log: Path | None = None) -> Iterator[MirrorServer]:
    """Serve ``directory`` on 127.0.0.1 (ephemeral port) for the duration of the ``with`` block.

    The request log goes to ``log``, or to a temporary file removed afterwards."""
    scratch = tempfile.TemporaryDirectory(prefix="mirror-serve-")
    log = log if log is not None else Path(scratch.name) / "requests.jsonl"
    command = [sys.executable, "-m", "crawler", "mirror", "serve", str(directory), "--port", "0", *args,
               "--log", str(log)]
    stderr = tempfile.TemporaryFile()  # a pipe nobody reads could fill up and stall the server
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        yield MirrorServer(url=_first_line(process, stderr), log_path=log, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        stderr.close()
        scratch.cleanup()
