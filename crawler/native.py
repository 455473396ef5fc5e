"""The optional compiled build of the CM parser (``crawler/edgar/cm/``): the same modules compiled to C extensions
by mypyc, used only when they were built from exactly the sources beside them.

``make native`` (:func:`main`; a no-op when the build is current; needs the ``native`` extra and a C compiler)
compiles every module of the package but its ``__init__``, and its own C modules (``_scan.c``), into
``crawler/edgar/cm/_native/``, with a stamp naming the sources' digest and the interpreter. On import, the package puts ``_native/`` first on its ``__path__`` when
:func:`native_dir` finds the stamp matching the sources (a build left behind by an edit is never used) and
``EDGAR_CM_PURE`` is not set; :data:`crawler.edgar.cm.COMPILED` says which one runs. Both give the same outputs:
``tests/test_native.py`` compares them on every exhibit of the frozen corpus. The file reading and
building live here, so that the parser's own modules stay pure.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from crawler.errors import NativeBuildError

PACKAGE = Path(__file__).resolve().parent / "edgar" / "cm"
NATIVE = "_native"
STAMP = "SOURCES"
PURE_VARIABLE = "EDGAR_CM_PURE"
_GROUP = "crawler.edgar.cm.native"  # mypyc's shared library: crawler.edgar.cm.native__mypyc, found on __path__
_OUTPUT_KEPT = 4_000  # characters of mypyc's and the compiler's output kept in the error


def sources(package: Path = PACKAGE) -> list[Path]:
    return sorted(path for path in package.glob("*.py") if path.name != "__init__.py")


def c_sources(package: Path = PACKAGE) -> list[Path]:
    """The package's own C modules (``_scan.c``: the scans of :mod:`crawler.edgar.cm.scan`)."""
    return sorted(package.glob("*.c"))


def stamp(package: Path = PACKAGE) -> str:
    """The digest of the compiled sources and the interpreter they were compiled for."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in [*sources(package), *c_sources(package)]:
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
    """Compile the package into ``_native/``, replaced whole (an interrupted build leaves the old one or none)."""
    names = [str(path) for path in sources(package)]  # mypy names each module from the packages above its file
    extensions = [(f"crawler.edgar.cm.{path.stem}", str(path)) for path in c_sources(package)]
    with tempfile.TemporaryDirectory(prefix="cm-native-") as work:
        script = ("import sys; from setuptools import Extension, setup; from mypyc.build import mypycify; "
                  f"c = [Extension(name, [path], extra_compile_args=['-O2']) for name, path in {extensions!r}]; "
                  f"setup(name='cm-native', ext_modules=mypycify(sys.argv[1:], group_name={_GROUP!r}) + c, "
                  f"script_args=['build_ext', '--build-lib', {work + '/lib'!r}, '--build-temp', {work + '/tmp'!r}])")
        done = subprocess.run([sys.executable, "-c", script, *names], cwd=work, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(package.parents[2])}, check=False)
        if done.returncode != 0:
            raise NativeBuildError(f"mypyc could not compile {package} (exit {done.returncode}):\n"
                                   f"{(done.stdout + done.stderr)[-_OUTPUT_KEPT:]}")
        staged = Path(work) / NATIVE
        staged.mkdir()
        for library in (Path(work) / "lib").rglob("*.so"):
            shutil.copy2(library, staged / library.name)
        (staged / STAMP).write_text(stamp(package) + "\n")
        _replace(package / NATIVE, staged)
    return package / NATIVE


def _replace(target: Path, staged: Path) -> None:
    old = target.with_name(f"{NATIVE}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    shutil.move(str(staged), target)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    """``python -m crawler.native [--force]``: build unless the build is current."""
    if argv not in ([], ["--force"]):
        print("usage: python -m crawler.native [--force]", file=sys.stderr)
        return 2
    current = native_dir(environ={})
    if current is not None and not argv:
        print(f"{current} is up to date")
        return 0
    try:
        print(f"compiled into {build()}")
    except NativeBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
