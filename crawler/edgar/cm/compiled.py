"""The optional compiled build of this package: the same modules compiled to C extensions by mypyc, used only when
they were built from exactly the sources beside them.

``make native`` (:func:`main`; a no-op when the build is current; needs the ``native`` extra and a C compiler)
compiles every module of the package except this one and ``__init__`` into ``_native/`` next to them, with a
stamp naming the sources' digest and the interpreter. On import, the package puts ``_native/`` first on its
``__path__`` when the stamp matches the sources (a build left behind by an edit is never used) and
``EDGAR_CM_PURE`` is not set; :data:`crawler.edgar.cm.COMPILED` says which one runs. Both give the same
outputs; ``tests/edgar/cm/test_compiled.py`` compares them on every exhibit of the frozen corpus.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NATIVE = "_native"
STAMP = "SOURCES"
PURE_VARIABLE = "EDGAR_CM_PURE"
_NOT_COMPILED = frozenset(("__init__.py", "compiled.py"))
_GROUP = "crawler.edgar.cm.native"  # mypyc's shared library: crawler.edgar.cm.native__mypyc


def sources(package: Path = PACKAGE) -> list[Path]:
    return sorted(path for path in package.glob("*.py") if path.name not in _NOT_COMPILED)


def stamp(package: Path = PACKAGE) -> str:
    """The digest of the compiled sources and the interpreter they were compiled for."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in sources(package):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def native_dir(package: Path = PACKAGE, environ: dict[str, str] | None = None) -> Path | None:
    """``_native/`` when it holds a build of exactly these sources and compiled code is not turned off."""
    if (environ if environ is not None else os.environ).get(PURE_VARIABLE):
        return None
    built = package / NATIVE
    try:
        recorded = (built / STAMP).read_text().strip()
    except OSError:
        return None
    return built if recorded == stamp(package) else None


def build(package: Path = PACKAGE) -> Path:
    """Compile the package into ``_native/`` (replaced whole, so an interrupted build leaves the old one or
    none). Raises ``subprocess.CalledProcessError`` when mypyc or the C compiler fails."""
    root = package.parents[2]  # the directory holding crawler/
    names = [str(path) for path in sources(package)]  # mypy names each module from the packages above its file
    with tempfile.TemporaryDirectory(prefix="cm-native-") as work:
        script = ("import sys; from setuptools import setup; from mypyc.build import mypycify; "
                  f"setup(name='cm-native', ext_modules=mypycify(sys.argv[1:], group_name={_GROUP!r}), "
                  f"script_args=['build_ext', '--build-lib', {work + '/lib'!r}, '--build-temp', {work + '/tmp'!r}])")
        subprocess.run([sys.executable, "-c", script, *names], cwd=work, check=True,
                       env={**os.environ, "PYTHONPATH": str(root)}, stdout=subprocess.DEVNULL)
        staged = Path(work) / NATIVE
        staged.mkdir()
        for library in (Path(work) / "lib").rglob("*.so"):
            shutil.copy2(library, staged / library.name)
        (staged / STAMP).write_text(stamp(package) + "\n")
        target = package / NATIVE
        old = package / f"{NATIVE}.old"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        shutil.move(str(staged), target)
        shutil.rmtree(old, ignore_errors=True)
    return target


def main(argv: list[str]) -> int:
    if argv not in (["build"], ["build", "--force"]):
        print("usage: build [--force]", file=sys.stderr)
        return 2
    current = native_dir(environ={})
    if current is not None and "--force" not in argv:
        print(f"{current} is up to date")
        return 0
    print(f"compiled into {build()}")
    return 0

