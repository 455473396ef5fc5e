"""The executor that runs rebuild shards: a local process pool, or a Dask cluster through its client's
``concurrent.futures`` executor (any ``Executor`` works, since shard tasks are plain picklable values)."""

from __future__ import annotations

import ctypes
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context

from crawler.errors import ConfigError

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


@contextmanager
def dask_executor(address: str) -> Iterator[Executor]:
    """The executor of a Dask client connected to the scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--dask needs Dask distributed: pip install 'edgar-depositor-archive[dask]'") from None
    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (30 s; DASK_DISTRIBUTED__COMM__...)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        executor = client.get_executor()
        yield executor
        executor.shutdown(wait=True)
    finally:
        client.close()
