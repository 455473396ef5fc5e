"""The compiled build of the CM parser (crawler.native): used only when built from exactly the sources beside it,
turned off by EDGAR_CM_PURE, failing with the compiler's words, and giving the pure parser's outputs on every
exhibit of the frozen corpus (bench/cm_frozen.py: the bench exhibits, every dialect fixture, their mutations and
the real samples)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import native
from crawler.errors import NativeBuildError

REPO = Path(__file__).resolve().parents[1]
_DIGESTS = ("import json, sys; import crawler.edgar.cm as cm; from crawler.edgar.cm import scan; "
            "from bench.cm_frozen import recorded; found = recorded(); found['compiled'] = cm.COMPILED; "
            "found['scan'] = scan.BUILT; open(sys.argv[1], 'w').write(json.dumps(found))")


def _package(tmp_path: Path, grid: str = "B: int = 2\n") -> Path:
    package = tmp_path / "pkg" / "sub" / "cm"
    package.mkdir(parents=True)
    for directory in (package.parent.parent, package.parent, package):
        (directory / "__init__.py").write_text("")
    (package / "cells.py").write_text("A: int = 1\n")
    (package / "grid.py").write_text(grid)
    return package


def _built(package: Path, recorded: str) -> Path:
    built = package / native.NATIVE
    built.mkdir()
    (built / native.STAMP).write_text(recorded + "\n")
    return built


def test_a_build_of_these_sources_is_used(tmp_path: Path) -> None:
    package = _package(tmp_path)
    built = _built(package, native.stamp(package))
    assert native.native_dir(package, environ={}) == built


def test_a_build_left_behind_by_an_edit_is_not_used(tmp_path: Path) -> None:
    package = _package(tmp_path)
    _built(package, native.stamp(package))
    (package / "grid.py").write_text("B: int = 3\n")
    assert native.native_dir(package, environ={}) is None


def test_the_package_init_is_not_compiled(tmp_path: Path) -> None:
    package = _package(tmp_path)
    before = native.stamp(package)
    (package / "__init__.py").write_text("# edited\n")
    assert native.stamp(package) == before
    assert [path.name for path in native.sources(package)] == ["cells.py", "grid.py"]


def test_the_c_modules_are_part_of_the_stamp(tmp_path: Path) -> None:
    package = _package(tmp_path)
    (package / "_scan.c").write_text("/* one */\n")
    before = native.stamp(package)
    (package / "_scan.c").write_text("/* two */\n")
    assert native.stamp(package) != before
    assert [path.name for path in native.c_sources(package)] == ["_scan.c"]


def test_a_c_error_fails_the_build_with_the_compilers_words(tmp_path: Path) -> None:
    package = _package(tmp_path)
    (package / "_scan.c").write_text("#include <Python.h>\nstatic int broken( {\n")
    old = _built(package, "an older build")
    with pytest.raises(NativeBuildError, match=r"_scan\.c:2"):
        native.build(package)
    assert (old / native.STAMP).read_text() == "an older build\n"


def test_pure_variable_turns_a_build_off(tmp_path: Path) -> None:
    package = _package(tmp_path)
    _built(package, native.stamp(package))
    assert native.native_dir(package, environ={native.PURE_VARIABLE: "1"}) is None


def test_no_build_means_the_pure_parser(tmp_path: Path) -> None:
    assert native.native_dir(_package(tmp_path), environ={}) is None


def test_a_type_error_fails_the_build_with_mypys_words_and_keeps_the_old_build(tmp_path: Path) -> None:
    package = _package(tmp_path, grid='B: int = "two"\n')
    old = _built(package, "an older build")
    with pytest.raises(NativeBuildError, match=r'grid\.py:1: error: Incompatible types'):
        native.build(package)
    assert (old / native.STAMP).read_text() == "an older build\n"


def test_compiled_parser_gives_the_pure_parsers_outputs(tmp_path: Path) -> None:
    if native.native_dir(environ={}) is None:
        native.build()  # mypyc and a C compiler: the `native` extra (make native builds it before make test)
    environ = {name: value for name, value in os.environ.items() if name != native.PURE_VARIABLE}
    runs = {}
    for variant, extra in (("compiled", {}), ("pure", {native.PURE_VARIABLE: "1"})):
        out = tmp_path / f"{variant}.json"
        subprocess.run([sys.executable, "-c", _DIGESTS, str(out)], cwd=REPO, env={**environ, **extra}, check=True)
        runs[variant] = json.loads(out.read_text())
    assert runs["compiled"]["compiled"] is True and runs["compiled"]["scan"] is True
    assert runs["pure"]["compiled"] is False and runs["pure"]["scan"] is False
    assert len(runs["pure"]["corpus"]) > 800 and len(runs["pure"]["samples"]) >= 8
    for part in ("corpus", "samples"):
        assert runs["compiled"][part].keys() == runs["pure"][part].keys()
        differing = sorted(name for name, pair in runs["pure"][part].items() if runs["compiled"][part][name] != pair)
        assert differing == [], f"{part}: the compiled parser's outputs differ on {differing[:10]}"
