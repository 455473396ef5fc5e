"""A second run on an output whose lock is held exits at once with the lock code and writes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.errors import ExitCode
from crawler.store.lock import RunLock
from tests.crawl.runs import clean_env, run_crawl


def test_crawl_refuses_while_another_run_holds_the_lock(tmp_path: Path) -> None:
    output = tmp_path / "output"
    state_dir = output / "_state"
    state_dir.mkdir(parents=True)
    with RunLock(state_dir / "run.lock"):
        # nothing listens on port 9: had the lock been ignored, the crawl would have recorded errors instead
        result = run_crawl("http://127.0.0.1:9", output, "--from", "2004-04-01", "--to", "2004-04-02",
                           "--as-of", "2004-04-03", timeout=120)
    assert result.returncode == ExitCode.LOCK_HELD, result.stderr[-2000:]
    assert "lock" in result.stderr.lower()
    assert sorted(p.name for p in output.iterdir()) == ["_state"]
    assert sorted(p.name for p in state_dir.iterdir()) == ["run.lock"]


def test_status_on_an_empty_output_reports_nothing_archived(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "crawler", "status", "--json", "--output", str(tmp_path)],
                            capture_output=True, text=True, env=clean_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["watermark"] is None
    assert set(report["datasets"].values()) == {0}
