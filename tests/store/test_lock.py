from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crawler.errors import ExitCode, LockHeldError
from crawler.store.lock import RunLock

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

TRY_LOCK = textwrap.dedent("""
    import sys
    from crawler.errors import LockHeldError
    from crawler.store.lock import RunLock
    try:
        RunLock(sys.argv[1]).acquire()
    except LockHeldError as exc:
        print(exc.holder_pid, exc)
        sys.exit(int(exc.exit_code))
    print("acquired")
""")

HOLD_LOCK = textwrap.dedent("""
    import sys
    from crawler.store.lock import RunLock
    RunLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    sys.stdin.read()  # hold until killed
""")


def test_second_process_is_refused_at_once_with_the_holders_pid(tmp_path: Path) -> None:
    path = tmp_path / "state" / "run.lock"
    with RunLock(path) as lock:
        assert lock.held
        assert json.loads(path.read_text())["pid"] == os.getpid()
        result = subprocess.run([sys.executable, "-c", TRY_LOCK, str(path)], env=ENV, cwd=REPO,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == ExitCode.LOCK_HELD
        pid, message = result.stdout.split(" ", 1)
        assert int(pid) == os.getpid() and f"pid {os.getpid()}" in message
    result = subprocess.run([sys.executable, "-c", TRY_LOCK, str(path)], env=ENV, cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "acquired"


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with RunLock(tmp_path / "run.lock"):
        with pytest.raises(LockHeldError):
            RunLock(tmp_path / "run.lock").acquire()


def test_lock_of_a_killed_holder_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "run.lock"
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)], env=ENV, cwd=REPO,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            with pytest.raises(LockHeldError) as refused:
                RunLock(path).acquire()
            assert refused.value.holder_pid == holder.pid  # type: ignore[attr-defined]
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=30)
    assert json.loads(path.read_text())["pid"] == holder.pid  # the stale file is still there...
    lock = RunLock(path)
    lock.acquire()  # ...and does not matter
    assert json.loads(path.read_text())["pid"] == os.getpid()
    lock.release()
    assert not lock.held and path.read_text() == ""
