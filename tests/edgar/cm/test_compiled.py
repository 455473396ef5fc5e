"""The compiled build of the CM parser (crawler.edgar.cm.compiled): used only when built from exactly the sources
beside it, turned off by EDGAR_CM_PURE, and giving the pure parser's outputs on every exhibit of the frozen
corpus (bench/cm_frozen.py: the bench exhibits, every dialect fixture, their mutations and the real samples)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawler.edgar.cm import compiled

REPO = Path(__file__).resolve().parents[3]
_DIGESTS = ("import json, sys; import crawler.edgar.cm as cm; from bench.cm_frozen import recorded; "
            "found = recorded(); found['compiled'] = cm.COMPILED; open(sys.argv[1], 'w').write(json.dumps(found))")


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "cm"
    package.mkdir()
    for name, text in (("__init__.py", ""), ("compiled.py", "# not compiled\n"), ("cells.py", "A = 1\n"),
                       ("grid.py", "B = 2\n")):
        (package / name).write_text(text)
    return package


def _built(package: Path, recorded: str) -> Path:
    native = package / compiled.NATIVE
    native.mkdir()
    (native / compiled.STAMP).write_text(recorded + "\n")
    return native


def test_a_build_of_these_sources_is_used(tmp_path: Path) -> None:
    package = _package(tmp_path)
    native = _built(package, compiled.stamp(package))
    assert compiled.native_dir(package, environ={}) == native


def test_a_build_left_behind_by_an_edit_is_not_used(tmp_path: Path) -> None:
    package = _package(tmp_path)
    _built(package, compiled.stamp(package))
    (package / "grid.py").write_text("B = 3\n")
    assert compiled.native_dir(package, environ={}) is None


def test_the_package_and_this_module_are_not_part_of_the_stamp(tmp_path: Path) -> None:
    package = _package(tmp_path)
    before = compiled.stamp(package)
    (package / "compiled.py").write_text("# edited\n")
    (package / "__init__.py").write_text("# edited\n")
    assert compiled.stamp(package) == before
    assert [path.name for path in compiled.sources(package)] == ["cells.py", "grid.py"]


def test_pure_variable_turns_a_build_off(tmp_path: Path) -> None:
    package = _package(tmp_path)
    _built(package, compiled.stamp(package))
    assert compiled.native_dir(package, environ={compiled.PURE_VARIABLE: "1"}) is None


def test_no_build_means_the_pure_parser(tmp_path: Path) -> None:
    assert compiled.native_dir(_package(tmp_path), environ={}) is None


def test_compiled_parser_gives_the_pure_parsers_outputs(tmp_path: Path) -> None:
    if compiled.native_dir(environ={}) is None:
        compiled.build()  # mypyc and a C compiler: the `native` extra (make native builds it before make test)
    environ = {name: value for name, value in os.environ.items() if name != compiled.PURE_VARIABLE}
    runs = {}
    for variant, extra in (("compiled", {}), ("pure", {compiled.PURE_VARIABLE: "1"})):
        out = tmp_path / f"{variant}.json"
        subprocess.run([sys.executable, "-c", _DIGESTS, str(out)], cwd=REPO, env={**environ, **extra}, check=True)
        runs[variant] = json.loads(out.read_text())
    assert runs["compiled"]["compiled"] is True
    assert runs["pure"]["compiled"] is False
    assert len(runs["pure"]["corpus"]) > 500 and len(runs["pure"]["samples"]) >= 8
    for part in ("corpus", "samples"):
        differing = sorted(name for name in runs["pure"][part] if runs["pure"][part][name] != runs["compiled"][part].get(name))
        assert differing == [], f"{part}: the compiled parser's outputs differ on {differing[:10]}"
        assert runs["compiled"][part].keys() == runs["pure"][part].keys()
