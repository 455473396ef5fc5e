"""What every reliability test checks at the end, read independently of the crawler's own readers.

``assert_archived_exactly_once`` compares an output directory with the mirror's ``_truth/`` and files:
each ABS 8-K filed in the range is in ``filings`` exactly once, every Form SE record of the range in
``se_filings`` exactly once, documents are unique, no staging file is left, and every archived raw file
holds exactly the bytes the mirror serves for that filing (so no block page, error page or truncated body
was ever archived). Rows are read with plain pyarrow from the manifests (``tests.crawl.runs.rows``).

Soak knobs (environment): ``SOAK_ROUNDS`` (rounds of the randomised tests; CI default small) and
``SOAK_SEED`` (the random seed; printed by the tests so a failure can be replayed).
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from tests.crawl.runs import rows, truth


def soak_rounds(ci_default: int) -> int:
    """``SOAK_ROUNDS`` when set (``make soak``), else the short CI form's ``ci_default``."""
    return max(1, int(os.environ.get("SOAK_ROUNDS") or ci_default))


def soak_random(test: str) -> random.Random:
    """A seeded generator; the seed is printed (pytest shows it on failure) and can be replayed via SOAK_SEED."""
    seed = int(os.environ.get("SOAK_SEED") or random.SystemRandom().randrange(2**32))
    print(f"{test}: SOAK_SEED={seed}")
    return random.Random(seed)


def window_args(start: date, end: date) -> list[str]:
    return ["--from", start.isoformat(), "--to", end.isoformat(), "--as-of", (end + timedelta(days=1)).isoformat()]


def expected_accessions(mirror: Path, start: date, end: date) -> tuple[set[str], set[str]]:
    """(ABS 8-K accessions, SE accessions) the truth lists as filed within ``start..end``."""
    def within(row: dict) -> bool:
        return start <= date.fromisoformat(row["filed_date"]) <= end

    filings = {row["accession"] for row in truth(mirror, "filings") if row["is_abs"] and within(row)}
    se = {row["accession"] for row in truth(mirror, "se_filings") if within(row)}
    return filings, se


def _mirror_bytes(mirror: Path, source_url: str) -> bytes:
    return (mirror / urlsplit(source_url).path.lstrip("/")).read_bytes()


def assert_raw_equals_mirror(output: Path, mirror: Path, dataset: str) -> None:
    for row in rows(output, dataset, ["accession", "source_url", "raw_path", "raw_sha256"]):
        served = _mirror_bytes(mirror, row["source_url"])
        assert hashlib.sha256(served).hexdigest() == row["raw_sha256"], row["accession"]
        assert Path(row["raw_path"]).read_bytes() == served, row["accession"]


def assert_archived_exactly_once(output: Path, mirror: Path, start: date, end: date, context: str = "") -> None:
    """Everything of the range archived once, byte-equal to the mirror; ``context`` goes into failure messages."""
    want_filings, want_se = expected_accessions(mirror, start, end)
    filings = Counter(row["accession"] for row in rows(output, "filings", ["accession"]))
    assert set(filings) == want_filings, (context, sorted(want_filings ^ set(filings))[:10])
    assert max(filings.values()) == 1, (context, [a for a, n in filings.items() if n > 1][:10])
    se_filings = Counter(row["accession"] for row in rows(output, "se_filings", ["accession"]))
    assert set(se_filings) == want_se, (context, sorted(want_se ^ set(se_filings))[:10])
    assert max(se_filings.values(), default=1) == 1, context
    documents = Counter((r["accession"], r["sequence"]) for r in rows(output, "documents", ["accession", "sequence"]))
    assert max(documents.values(), default=1) == 1, context
    assert {accession for accession, _ in documents} <= want_filings | want_se, context
    assert_raw_equals_mirror(output, mirror, "filings")
    assert_raw_equals_mirror(output, mirror, "se_filings")
    staging = output / "_staging"
    assert not staging.exists() or not any(p.is_file() for p in staging.rglob("*")), context
