"""The report page in a real browser: Debian's Chromium, driven through the DevTools protocol by Playwright.

Fails on a console error, an uncaught page error, a failed or network request, an image that did not load
or a figure of zero size. A screenshot of every section is saved under ``tests/artifacts/report/<archive>/``
(git-ignored; CI keeps the directory), and the path is printed at the end of the test session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.report.browser import CHROMIUM
from tests.report.conftest import SCREENSHOTS, Archive

REPO_ROOT = Path(__file__).resolve().parents[2]

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "report"


def render(page: Path, shots: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "tests.report.browser", str(page), str(shots)], capture_output=True,
                          text=True, timeout=180, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ["demo", "troubled"])
def test_the_report_renders_in_chromium_without_errors(name: str, request: pytest.FixtureRequest) -> None:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` and .ci/run install it (apt-get install chromium)"
    archive: Archive = request.getfixturevalue(f"{name}_archive")
    shots = ARTIFACTS / name
    seen = render(archive.page, shots)
    SCREENSHOTS.append(shots)
    assert seen["console_errors"] == [] and seen["page_errors"] == []
    assert seen["failed"] == [] and seen["network"] == []
    assert seen["title"] == "EDGAR ABS depositor archive"
    assert len(seen["images"]) >= 4 and len(seen["figures"]) == len(seen["images"])
    for image in seen["images"]:
        assert image["complete"] and min(image["natural"]) > 0 and min(image["shown"]) > 0, image
    for width, height in seen["figures"]:
        assert width > 0 and height > 0
    for anchor, box in seen["sections"].items():
        assert box and box["width"] > 0 and box["height"] > 0, anchor
        assert (shots / f"{anchor}.png").stat().st_size > 1000
