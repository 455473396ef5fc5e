"""The benchmark's process figures are the measured process's own: its peak RSS holds nothing of the benchmark's.

The parent below holds 300 MB, as ``make bench`` does once it has read the quarter mirror, and then starts a tiny
child. ``os.wait4`` on that child (the 0.3.0 method) reports the parent's 300 MB; ``run_measured`` must not.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.processes import REPO_ROOT, clean_env

PARENT = """
import json, os, subprocess, sys
from bench.processes import run_measured
ballast = b"x" * (300 << 20)
child = subprocess.Popen([sys.executable, "-c", "pass"])
_, _, usage = os.wait4(child.pid, 0)
tiny = run_measured([sys.executable, "-c", "pass"])
grows = run_measured([sys.executable, "-c", "b = b'y' * (150 << 20); import sys; sys.exit(3)"])
print(json.dumps({"wait4_mb": usage.ru_maxrss / 1024, "tiny_mb": tiny.peak_rss_mb, "grows_mb": grows.peak_rss_mb,
                  "grows_exit": grows.exit_code, "grows_cpu": grows.cpu_seconds, "grows_seconds": grows.seconds}))
"""


def test_a_child_of_a_large_parent_is_measured_small() -> None:
    done = subprocess.run([sys.executable, "-c", PARENT], capture_output=True, text=True, env=clean_env(),
                          cwd=REPO_ROOT, timeout=120, check=True)
    figures = json.loads(done.stdout)
    assert figures["wait4_mb"] >= 300  # the old method counts the parent's memory: the setting reproduces the fault
    assert figures["tiny_mb"] < 40
    assert 150 <= figures["grows_mb"] < 300  # the child's own 150 MB, none of the parent's 300
    assert figures["grows_exit"] == 3
    assert 0 < figures["grows_cpu"] and figures["grows_cpu"] <= figures["grows_seconds"] + 0.05
