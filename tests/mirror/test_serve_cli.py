"""``edgar-archive mirror serve`` as a command: bad directories and options, clean exit on signals."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from crawler.cli import main
from crawler.errors import ExitCode
from tests.fixtures.server import REPO_ROOT, SERVE_COMMAND, MirrorServerFactory


def assert_one_line_error(code: int, stdout: str, stderr: str, *phrases: str) -> None:
    assert code == ExitCode.CONFIG
    assert stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for phrase in phrases:
        assert phrase in lines[0]


def test_missing_directory_as_a_process(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = subprocess.run(
        [*SERVE_COMMAND, str(missing), "--port", "0"], capture_output=True, text=True, timeout=60, cwd=REPO_ROOT
    )
    assert_one_line_error(result.returncode, result.stdout, result.stderr, "not found", str(missing))


def test_directory_without_archives_edgar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "Archives").mkdir()
    (tmp_path / "submissions").mkdir()
    code = main(["mirror", "serve", str(tmp_path)])
    assert_one_line_error(code, *capsys.readouterr(), "Archives/edgar", str(tmp_path))


def test_a_file_is_not_a_mirror(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "mirror.txt"
    file.write_text("x")
    code = main(["mirror", "serve", str(file)])
    assert_one_line_error(code, *capsys.readouterr(), str(file))


@pytest.mark.parametrize(
    ("option", "value", "phrase"),
    [
        ("--fault-rate", "1.5", "--fault-rate"),
        ("--fault-paths", "([", "--fault-paths"),
        ("--fault-kinds", "500,timeout", "timeout"),
        ("--block-seconds", "0", "--block-seconds"),
        ("--rate-limit", "-1", "--rate-limit"),
        ("--port", "70000", "--port"),
        ("--latency", "150:-50", "--latency"),
        ("--latency", "slow", "--latency"),
    ],
)
def test_bad_options(
    tiny_mirror: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, phrase: str
) -> None:
    code = main(["mirror", "serve", str(tiny_mirror), option, value])
    assert_one_line_error(code, *capsys.readouterr(), phrase)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_server_cleanly(
    tiny_mirror: Path, mirror_server_factory: MirrorServerFactory, signum: signal.Signals
) -> None:
    server = mirror_server_factory(tiny_mirror)
    server.process.send_signal(signum)
    assert server.process.wait(10) == 0
