"""Progress of a rebuild, as the crawl shows its own: a live line on a terminal, a log line every 30 s otherwise."""

from __future__ import annotations

import sys
import time
from datetime import datetime

INTERVAL_TTY = 1.0
INTERVAL_LOG = 30.0


class RebuildProgress:
    """``mode``: "tty", "log", "off" or "auto" (tty on a terminal, else log)."""

    def __init__(self, mode: str, *, submissions: int, shards: int, done: int = 0, shards_done: int = 0) -> None:
        if mode == "auto":
            mode = "tty" if sys.stderr.isatty() else "log"
        self.mode = mode
        self.total, self.shards = submissions, shards
        self.done, self.shards_done, self.started_with = done, shards_done, done
        self.started = time.monotonic()
        self.interval = INTERVAL_TTY if mode == "tty" else INTERVAL_LOG
        self._last = self.started

    def advance(self, submissions: int) -> None:
        self.done += submissions
        self.shards_done += 1
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.report()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (self.done - self.started_with) / elapsed
        eta = f"{(self.total - self.done) / rate:.0f}s" if rate > 0 else "?"
        return (f"rebuild: shards {self.shards_done}/{self.shards}  submissions {self.done}/{self.total}  "
                f"{rate:.1f}/s  ETA {eta}")

    def report(self) -> None:
        if self.mode == "tty":
            sys.stderr.write("\r" + self.line().ljust(100))
            sys.stderr.flush()
        elif self.mode == "log":  # in cron or systemd logs, whatever the log level
            sys.stderr.write(f"{datetime.now():%Y-%m-%d %H:%M:%S} progress: {self.line()}\n")
            sys.stderr.flush()

    def close(self) -> None:
        """The final figures, once, however short the run was."""
        self.report()
        if self.mode == "tty":
            sys.stderr.write("\n")
