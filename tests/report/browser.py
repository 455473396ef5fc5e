"""Drive Debian's Chromium with Playwright (DevTools protocol) over one report page, in a process of its own.

    python -m tests.report.browser PAGE SHOTS_DIR    # prints what the browser reported, as JSON

A child process because Playwright's sync API refuses to run inside the asyncio loop that pytest-twisted
keeps running in the test process. Never ``playwright install``: the browser is the system's.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SECTIONS = ("coverage", "gaps", "form-se", "computational-materials", "runs", "archive")
IMAGES = """() => [...document.images].map(i => {
    const box = i.getBoundingClientRect();
    return {alt: i.alt, complete: i.complete, natural: [i.naturalWidth, i.naturalHeight],
            shown: [box.width, box.height]};
})"""
FIGURES = "() => [...document.querySelectorAll('figure')].map(f => [f.offsetWidth, f.offsetHeight])"


def render(page_path: Path, shots: Path) -> dict[str, Any]:
    """Open the page in Chromium, screenshot each section into ``shots``; what the browser reported."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"console_errors": [], "page_errors": [], "failed": [], "network": []}
    shots.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True, viewport={"width": 1100, "height": 900})
        try:
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and seen["console_errors"].append(m.text))
            page.on("pageerror", lambda e: seen["page_errors"].append(str(e)))
            page.on("requestfailed", lambda r: seen["failed"].append(r.url[:120]))
            page.on("request", lambda r: r.url.split(":", 1)[0] not in ("file", "data")
                    and seen["network"].append(r.url))
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            seen["images"] = page.evaluate(IMAGES)
            seen["figures"] = page.evaluate(FIGURES)
            seen["title"] = page.title()
            for anchor in SECTIONS:
                section = page.locator(f"#{anchor}")
                section.screenshot(path=str(shots / f"{anchor}.png"))
                seen.setdefault("sections", {})[anchor] = section.bounding_box()
            page.screenshot(path=str(shots / "page.png"), full_page=True)
        finally:
            context.close()
    return seen



if __name__ == "__main__":
    print(json.dumps(render(Path(sys.argv[1]), Path(sys.argv[2]))))
