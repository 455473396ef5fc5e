"""A throwaway venv holding a pinned edgartools, built once and reused (``make test`` and ``make bench`` use it).

edgartools is a peer to compare with and a client to test the mirror against, never a dependency of this project:
it lives in its own venv outside the repository, by default ``~/.cache/edgar-archive/edgartools-venv``
(``EDGARTOOLS_VENV`` overrides). The first build takes a few minutes (pip installs about 450 MB); later calls
return at once.

    python -m bench.edgartools_venv        # build it (if needed) and print its interpreter
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

EDGARTOOLS_VERSION = "5.62.1"
DEFAULT_VENV = Path.home() / ".cache" / "edgar-archive" / "edgartools-venv"
INSTALL_TIMEOUT_SECONDS = 1800


def venv_dir() -> Path:
    return Path(os.environ.get("EDGARTOOLS_VENV") or DEFAULT_VENV)


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"cannot build the edgartools venv ({what}): {exc}") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-2000:]
        raise RuntimeError(f"cannot build the edgartools venv ({what}, exit {done.returncode}): {tail}")


def edgartools_python(venv: Path | None = None) -> Path:
    """The interpreter of a venv with ``edgartools==EDGARTOOLS_VERSION``, built on first use.

    Raises RuntimeError saying why when it cannot be built (no network to the package index, pip failing ...).
    """
    venv = venv or venv_dir()
    python = venv / "bin" / "python"
    stamp = venv / f".edgartools-{EDGARTOOLS_VERSION}"
    if stamp.exists() and python.exists():
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a test and a bench started together build it once
        if stamp.exists() and python.exists():
            return python
        print(f"building {venv} with edgartools {EDGARTOOLS_VERSION} (once; a few minutes)...", file=sys.stderr,
              flush=True)
        _run([sys.executable, "-m", "venv", "--clear", str(venv)], "python -m venv")
        _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              f"edgartools=={EDGARTOOLS_VERSION}"], f"pip install edgartools=={EDGARTOOLS_VERSION}")
        _run([str(python), "-c", f"import edgar; assert edgar.__version__ == {EDGARTOOLS_VERSION!r}, edgar.__version__"],
             "import edgar")
        stamp.touch()
    return python


if __name__ == "__main__":
    print(edgartools_python())
