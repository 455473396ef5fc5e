"""A colleague's script: company lookups through ``SecSession`` on the shared budget (run as a child process).

``python -m tests.reliability.lookup_helper BASE_URL RATE_STORE CACHE COOLDOWN CIK...`` fetches
``/submissions/CIK##########.json`` for each CIK at ``--rate 10`` in job class ``helper``, waits out a block
page (``SecSession`` pauses the shared budget; the lookup is asked again), and prints one line per lookup.
"""

from __future__ import annotations

import logging
import sys

from crawler.errors import SecBlockedError
from crawler.politeness.session import SecSession

USER_AGENT = "Shared Budget Tests helper budget@example.org"


def main(base_url: str, rate_store: str, cache: str, cooldown: str, *ciks: str) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    with SecSession(user_agent=USER_AGENT, cache_path=cache, rate=10.0, rate_store=rate_store, job_class="helper",
                    block_cooldown=float(cooldown), wait_for_block=True) as session:
        for cik in ciks:
            url = f"{base_url}/submissions/CIK{int(cik):010d}.json"
            for _ in range(10):
                try:
                    print(cik, session.get(url).status_code, flush=True)
                    break
                except SecBlockedError as exc:
                    print(cik, "blocked", exc, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
