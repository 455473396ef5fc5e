"""``crawl --dry-run``: list the index requests a crawl would make, fetching only the directory listings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.config import CommonOptions
from crawler.edgar.calendar import Quarter
from crawler.edgar.planner import IndexFileRequest, ListingRequest, daily_files_from_listing, describe, plan_range
from crawler.politeness.block import is_missing
from crawler.politeness.rate_store import default_rate_db_path
from crawler.politeness.session import SecSession
from crawler.run_dates import crawl_window, parse_as_of
from crawler.store.state import SqliteCrawlState, default_state_dir


def _state_facts(output: str, state_dir: str | None) -> tuple[object, list[Quarter]]:
    path = Path(state_dir or default_state_dir(output)) / "state.sqlite"
    if not path.exists():
        return None, []
    state = SqliteCrawlState(path)
    try:
        return state.watermark(), [Quarter.parse(q) for q in state.quarters_to_recheck()]
    finally:
        state.close()


def _line(base: str, step: IndexFileRequest | ListingRequest) -> str:
    return json.dumps({**describe(step), "url": f"{base}/{step.path}"})


def print_plan(options: CommonOptions, *, start: str | None, end: str | None, as_of: str | None,
               state_dir: str | None) -> int:
    watermark, recheck = _state_facts(options.output, state_dir)
    window = crawl_window(start, end, as_of=parse_as_of(as_of), watermark=watermark)
    cache = Path(state_dir or default_state_dir(options.output)) / "http_cache.sqlite"
    store = options.rate_store or (default_rate_db_path() if options.targets_sec else None)
    session = SecSession(user_agent=options.user_agent, rate=options.rate, cache_path=cache, rate_store=store,
                         job_class=options.job_class)
    base = options.base_url
    with session:
        for step in plan_range(window.start, window.end, today=window.as_of, recheck=recheck):
            print(_line(base, step))
            if isinstance(step, ListingRequest):
                listing = session.get(f"{base}/{step.path}")
                if is_missing(listing.status_code, listing.content):
                    continue  # the quarter's directory does not exist yet (SEC: 403 in a quarter's first days)
                for daily in daily_files_from_listing(step, listing.content):
                    print(_line(base, daily))
    sys.stdout.flush()
    return 0
