"""One real crawl of the small mirror, shared by the rebuild tests (each rebuilds its own copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ExitCode
from tests.rebuild.archives import crawled_archive


@pytest.fixture(scope="session")
def crawled(small_mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("rebuild") / "crawled"
    result = crawled_archive(small_mirror, output)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    return output
