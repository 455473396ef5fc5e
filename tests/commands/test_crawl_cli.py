"""The crawl command's refusals, dry run and progress display, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from crawler.edgar.calendar import is_business_day
from crawler.errors import ExitCode
from crawler.store.load import load
from crawler.mirror.launch import serve_mirror
from tests.crawl.runs import clean_env, crawl_command

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, env=env or clean_env(), timeout=120, cwd=cwd)


def test_crawl_against_sec_without_user_agent_refuses_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "output"
    result = run(sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--from", "2004Q2")
    assert result.returncode == ExitCode.CONFIG
    assert "EDGAR_USER_AGENT" in result.stderr and "e-mail" in result.stderr
    assert not output.exists()


def test_crawl_against_sec_above_ten_per_second_is_refused(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "crawler", "crawl", "--output", str(tmp_path / "o"), "--rate", "12",
                 "--user-agent", "Example Capital ops@example.com")
    assert result.returncode == ExitCode.CONFIG
    assert "10" in result.stderr


def test_scrapy_crawl_without_identity_is_refused_before_any_request(tmp_path: Path) -> None:
    env = {**clean_env(), "EDGAR_OUTPUT": str(tmp_path / "o")}
    result = run(sys.executable, "-m", "scrapy", "crawl", "depositor_8k", "-a", "from=2004-04-01",
                 "-a", "to=2004-04-02", env=env, cwd=REPO_ROOT)
    assert result.returncode != 0
    assert "USER_AGENT" in result.stderr
    assert "downloader/request_count" not in result.stderr


def test_dry_run_lists_only_files_that_exist_and_no_weekend(small_mirror: Path, tmp_path: Path) -> None:
    with serve_mirror(small_mirror) as server:
        result = run(*crawl_command(server.url, tmp_path / "o", "--dry-run", "--from", "2004-01-01",
                                    "--as-of", "2006-05-15"))
    assert result.returncode == 0, result.stderr
    planned = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [p["kind"] for p in planned]
    quarterly = [p["path"] for p in planned if p["kind"] == "quarterly"]
    assert quarterly == [f"Archives/edgar/full-index/{y}/QTR{q}/form.idx"
                         for y in (2004, 2005) for q in (1, 2, 3, 4)] + ["Archives/edgar/full-index/2006/QTR1/form.idx"]
    assert kinds.count("listing") == 1
    daily = [p for p in planned if p["kind"] == "daily"]
    assert daily, "the open quarter must be planned from its daily files"
    for entry in planned:
        if entry["kind"] != "listing":
            assert (small_mirror / entry["path"]).is_file(), entry["path"]  # never a guessed name
    days = [date.fromisoformat(p["day"]) for p in daily]
    assert all(is_business_day(d) and date(2006, 4, 1) <= d <= date(2006, 5, 15) for d in days)
    assert not (tmp_path / "o" / "filings").exists()


def test_progress_degrades_to_log_lines_without_a_terminal(small_mirror: Path, tmp_path: Path) -> None:
    with serve_mirror(small_mirror) as server:
        command = crawl_command(server.url, tmp_path / "o", "--from", "2004-04-01", "--to", "2004-06-30",
                                "--as-of", "2004-07-01")
        command[command.index("--progress") + 1] = "log"
        result = run(*command)  # the final figures are reported at the end, however short the run
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if "progress: indexes" in line]
    assert lines, result.stderr[-2000:]
    assert "\r" not in result.stderr
    assert "filings" in lines[-1] and "req/s" in lines[-1] and "ETA" in lines[-1]


def test_progress_is_a_live_line_on_a_terminal(small_mirror: Path, tmp_path: Path) -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    with serve_mirror(small_mirror) as server:
        command = crawl_command(server.url, tmp_path / "o", "--from", "2004-04-01", "--to", "2004-06-30",
                                "--as-of", "2004-07-01")
        command[command.index("--progress") + 1] = "auto"
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=clean_env())
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=120) == 0
    os.close(leader)
    assert b"\rindexes " in seen  # the same line redrawn, not log records
    assert b"progress: indexes" not in seen


def test_dry_run_in_the_first_days_of_an_unpublished_quarter(small_mirror: Path, tmp_path: Path) -> None:
    with serve_mirror(small_mirror) as server:  # the mirror ends 2006-06-30: 2006 Q3 answers 403
        result = run(*crawl_command(server.url, tmp_path / "o", "--dry-run", "--as-of", "2006-07-03"))
    assert result.returncode == 0, result.stderr[-2000:]
    planned = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(p["kind"], p["quarter"]) for p in planned] == [("quarterly", "2006Q2"), ("listing", "2006Q3")]


def test_gone_limits_out_of_range_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    for option, value in (("--gone-after-runs", "0"), ("--gone-after-days", "-1")):
        result = run(*crawl_command("http://127.0.0.1:9", tmp_path / "o", option, value, "--as-of", "2006-07-03"))
        assert result.returncode == ExitCode.CONFIG, result.stderr[-2000:]
        assert option in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o" / "_state").exists()


def test_an_unreachable_rate_store_sends_nothing_writes_nothing_and_exits_7(small_mirror: Path,
                                                                           tmp_path: Path) -> None:
    from tests.fixtures.redis import free_port

    store = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    env = {**clean_env(), "EDGAR_RATE_STORE_WAIT": "2"}
    with serve_mirror(small_mirror, log=tmp_path / "requests.jsonl") as server:
        result = run(*crawl_command(server.url, tmp_path / "o", "--rate-store", store, "--from", "2004-04-01",
                                    "--to", "2004-04-30", "--as-of", "2004-07-01"), env=env)
        served = server.requests()
    assert result.returncode == ExitCode.RATE_STORE, result.stderr[-2000:]
    assert served == []  # failing closed: not one request without the shared budget
    # the archive's lease lives there too: without it the run may not write, not even its runs row
    assert "the lease store" in result.stderr and "nothing is written until it answers" in result.stderr
    assert "could not be reached for 2 s" in result.stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["_state"]
    assert load(str(tmp_path / "o"), "runs").empty


def test_a_bad_rate_store_is_a_config_error(tmp_path: Path) -> None:
    result = run(sys.executable, "-m", "crawler", "crawl", "--output", str(tmp_path / "o"), "--base-url",
                 "http://127.0.0.1:9", "--data-url", "http://127.0.0.1:9", "--rate-store", "memcached://h:1",
                 "--from", "2004Q2")
    assert result.returncode == ExitCode.CONFIG
    assert "--rate-store" in result.stderr and "redis://" in result.stderr
