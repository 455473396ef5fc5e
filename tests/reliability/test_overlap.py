"""Two real crawl processes started together on one output: exactly one runs, the other exits with the
lock code (5) having sent no request and written nothing; the archive is the same as after one run.

The two processes declare different User-Agents, so the mirror's log tells whose requests it answered.
``SOAK_ROUNDS`` rounds (CI: 1).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, crawl_command, mirror_range, rows
from tests.reliability.archive_checks import assert_archived_exactly_once, soak_rounds, window_args

AGENTS = ("Overlap First first@example.org", "Overlap Second second@example.org")


@pytest.mark.slow
def test_two_runs_started_together_one_exits_with_the_lock_code(small_mirror: Path, tmp_path: Path) -> None:
    for round_number in range(soak_rounds(1)):
        overlapping_runs(small_mirror, tmp_path / f"round-{round_number}")


def overlapping_runs(mirror: Path, scratch: Path) -> None:
    start, end = mirror_range(mirror)
    output = scratch / "output"
    scratch.mkdir()
    with serve_mirror(mirror, log=scratch / "log.jsonl") as server:
        commands = [crawl_command(server.url, output, "--user-agent", agent, *window_args(start, end))
                    for agent in AGENTS]
        processes = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                      env=clean_env()) for command in commands]
        outcomes = [(process.wait(timeout=300), process.stderr.read()) for process in processes]
        served = server.requests()
    codes = sorted(code for code, _ in outcomes)
    assert codes == [ExitCode.OK, ExitCode.LOCK_HELD], [stderr[-2000:] for _, stderr in outcomes]
    loser = next(i for i, (code, _) in enumerate(outcomes) if code == ExitCode.LOCK_HELD)
    assert "lock" in outcomes[loser][1].lower()
    assert not [r for r in served if r["user_agent"] == AGENTS[loser]]  # the refused run sent nothing
    runs = rows(output, "runs", ["run_id", "status"])
    assert [r["status"] for r in runs] == ["finished"]  # and recorded no run of its own
    run_ids = {r["run_id"] for name in ("filings", "documents", "se_filings") for r in rows(output, name, ["run_id"])}
    assert run_ids == {runs[0]["run_id"]}
    assert_archived_exactly_once(output, mirror, start, end)
