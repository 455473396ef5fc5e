"""The executor that runs rebuild shards: a local process pool (any ``concurrent.futures.Executor`` works,
e.g. a Dask client's ``get_executor()``, since shard tasks are plain picklable values)."""

from __future__ import annotations

import ctypes
import signal
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing import get_context

PR_SET_PDEATHSIG = 1


def process_pool(workers: int) -> Executor:
    """``workers`` processes, started fresh (spawn: nothing of the parent's threads, locks or SQLite handles)."""
    return ProcessPoolExecutor(max_workers=max(workers, 1), mp_context=get_context("spawn"),
                               initializer=die_with_parent)


def die_with_parent() -> None:
    """Linux: the kernel kills this worker when the rebuild process dies (even by ``kill -9``), so no worker
    goes on writing after its parent is gone. Elsewhere a worker ends when it next talks to its dead parent."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
