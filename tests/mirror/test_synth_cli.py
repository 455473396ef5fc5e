"""``mirror synth`` as a command and an API: determinism, refusal of a non-empty directory, option errors."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.errors import ExitCode, MirrorError
from crawler.mirror.synth import synthesize

SMALL = {"start": date(2004, 3, 1), "end": date(2004, 9, 30), "filings": 90}


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and every entry's modification time (ns), by relative path."""
    out: dict[str, tuple[bytes | None, int]] = {}
    for path in sorted(root.rglob("*")):
        data = path.read_bytes() if path.is_file() else None
        out[path.relative_to(root).as_posix()] = (data, os.stat(path).st_mtime_ns)
    return out


def test_same_seed_gives_a_byte_identical_tree_with_times(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", seed=7, **SMALL)
    synthesize(tmp_path / "b", seed=7, **SMALL)
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert len(first) > 500
    assert first == second


def test_the_default_mirror_is_reproduced(small_mirror: Path, tmp_path: Path) -> None:
    synthesize(tmp_path / "again")
    assert snapshot(tmp_path / "again") == snapshot(small_mirror)


def test_another_seed_gives_another_mirror(tmp_path: Path) -> None:
    synthesize(tmp_path / "a", seed=1, **SMALL)
    synthesize(tmp_path / "b", seed=2, **SMALL)
    first = (tmp_path / "a/_truth/filings.jsonl").read_bytes()
    assert first != (tmp_path / "b/_truth/filings.jsonl").read_bytes()
    assert len(first.splitlines()) == len((tmp_path / "b/_truth/filings.jsonl").read_bytes().splitlines()) == 90


def test_summary_json_is_what_the_api_returns(tmp_path: Path) -> None:
    summary = synthesize(tmp_path / "m", seed=3, **SMALL)
    assert json.loads((tmp_path / "m/_truth/summary.json").read_text()) == asdict(summary)
    assert summary.filings_8k == 90
    assert summary.files == sum(1 for p in (tmp_path / "m").rglob("*") if p.is_file() and "_truth" not in p.parts)


def test_cli_refuses_a_non_empty_directory_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    code = main(["mirror", "synth", str(target), "--from", "2004-04-01", "--to", "2004-04-30", "--filings", "10"])
    err = capsys.readouterr().err
    assert code == ExitCode.CONFIG
    assert err.count("\n") == 1 and "not empty" in err and "--force" in err
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_cli_force_replaces_the_contents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "stale.txt").write_text("old")
    code = main(["mirror", "synth", str(target), "--from", "2004-04-01", "--to", "2004-04-30", "--filings", "10", "--force"])
    assert code == ExitCode.OK
    assert not (target / "stale.txt").exists() and (target / "_truth/summary.json").is_file()
    assert "10 8-K filings" in capsys.readouterr().out


@pytest.mark.parametrize(
    "options",
    [
        ["--from", "2004-04-01"],
        ["--from", "2004-05-01", "--to", "2004-04-01"],
        ["--from", "1990-01-01", "--to", "1990-03-31"],
        ["--from", "2004-04-10", "--to", "2004-04-11"],  # a weekend only
        ["--filings", "0"],
    ],
)
def test_cli_rejects_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    code = main(["mirror", "synth", str(tmp_path / "m"), *options])
    assert code == ExitCode.CONFIG
    assert capsys.readouterr().err.startswith("edgar-archive: error:")
    assert not (tmp_path / "m").exists() or not any((tmp_path / "m").iterdir())


def test_api_refuses_a_file_as_directory(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(MirrorError):
        synthesize(target, **SMALL)
