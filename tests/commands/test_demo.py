"""``edgar-archive demo``: the sample mirror is made once, and again when an older version made it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from crawler.errors import ExitCode
from crawler.mirror.synth import MIRROR_LAYOUT, is_current
from crawler.store.load import load


def demo(*options: str) -> subprocess.CompletedProcess[str]:
    """``edgar-archive demo`` in its own process (a crawl's reactor runs once per process)."""
    return subprocess.run([sys.executable, "-m", "crawler", "demo", *options], capture_output=True, text=True,
                          timeout=600, check=False)


def make_stale(mirror: Path) -> None:
    """Make ``mirror`` look like one of 0.3.0, whose summary had no layout."""
    path = mirror / "_truth" / "summary.json"
    summary = json.loads(path.read_text())
    del summary["layout"]
    path.write_text(json.dumps(summary))


def test_a_mirror_is_current_only_when_whole_and_of_this_layout(small_mirror: Path, tmp_path: Path) -> None:
    assert is_current(small_mirror)
    assert json.loads((small_mirror / "_truth" / "summary.json").read_text())["layout"] == MIRROR_LAYOUT
    copy = tmp_path / "copy"
    shutil.copytree(small_mirror / "_truth", copy / "_truth")
    make_stale(copy)
    assert not is_current(copy)
    assert not is_current(tmp_path / "missing")


def test_the_demo_makes_its_stale_default_mirror_again_and_shows_cm_rows(small_mirror: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    stale = output / "_demo_mirror"
    (stale / "_truth").mkdir(parents=True)
    (stale / "Archives").mkdir()
    (stale / "Archives" / "old-file").write_text("of an older mirror")
    shutil.copy(small_mirror / "_truth" / "summary.json", stale / "_truth" / "summary.json")
    make_stale(stale)

    result = demo("--output", str(output))

    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    printed = result.stdout
    assert "made by an older version: making it again" in printed
    assert is_current(stale)
    assert not (stale / "Archives" / "old-file").exists()
    assert len(load(str(output), "cm_tranches")) > 0
    assert "A yield grid (cm_values of" in printed


def test_a_mirror_given_with_the_option_is_never_replaced(small_mirror: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mine"
    shutil.copytree(small_mirror, mirror)
    make_stale(mirror)
    before = sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*"))

    result = demo("--output", str(tmp_path / "output"), "--mirror", str(mirror))

    assert result.returncode == ExitCode.OK, result.stderr[-3000:]

    assert not is_current(mirror)
    assert sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*")) == before
