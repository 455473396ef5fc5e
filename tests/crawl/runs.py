"""Run the real ``edgar-archive`` CLI in a child process against a served mirror, and read the results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

CRAWL_RATE = "400"  # requests/s: the loopback mirror is not SEC; the cap logic is tested elsewhere


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDGAR_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def mirror_range(mirror: Path) -> tuple[date, date]:
    summary = json.loads((mirror / "_truth" / "summary.json").read_text())
    return date.fromisoformat(summary["start"]), date.fromisoformat(summary["end"])


def crawl_command(url: str, output: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "crawl", "--output", str(output), "--base-url", url,
            "--data-url", url, "--rate", CRAWL_RATE, "--progress", "off", *extra]


def range_args(mirror: Path) -> list[str]:
    start, end = mirror_range(mirror)
    return ["--from", start.isoformat(), "--to", end.isoformat(), "--as-of", (end + timedelta(days=1)).isoformat()]


def run_crawl(url: str, output: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_command(url, output, *extra), capture_output=True, text=True, env=clean_env(),
                          timeout=timeout)


def rows(output: Path, name: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """Rows of every committed file, read with plain pyarrow (independent of crawler.store.load)."""
    manifests = sorted((output / "_manifest").glob("*.json")) if (output / "_manifest").exists() else []
    files: set[str] = set()
    retired: set[str] = set()
    for manifest in manifests:
        entry = json.loads(manifest.read_text())
        files.update(entry.get("files", {}).get(name, []))
        retired.update(entry.get("retired", {}).get(name, []))
    paths = sorted(str(output / p) for p in files - retired)
    if not paths:
        return []
    table = ds.dataset(paths, format="parquet").to_table(columns=columns)
    return table.to_pylist()


def truth(mirror: Path, name: str) -> list[dict[str, Any]]:
    lines = (mirror / "_truth" / f"{name}.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]
