"""edgartools fetching a set of full submissions the way its users write it (run by ``bench/peer_bench.py`` with
the edgartools venv's python, ``EDGAR_BASE_URL`` etc. pointing at the served mirror).

    python bench/edgartools_fetch.py YEAR QUARTER ACCESSIONS_FILE OUTPUT_DIR

``get_filings`` for the quarter, then for every listed accession ``full_text_submission()`` saved as
``OUTPUT_DIR/<accession>.txt``. Its last stderr line: ``{"filings": N, "bytes": B}``. Nothing but loopback can be
reached (``bench/loopback_only.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import loopback_only  # noqa: E402  (standard library only)

loopback_only.install()

from edgar import get_filings  # noqa: E402


def main(year: int, quarter: int, accessions_file: Path, output: Path) -> None:
    wanted = set(accessions_file.read_text().split())
    output.mkdir(parents=True, exist_ok=True)
    saved, size = set(), 0
    for filing in get_filings(year, quarter, form="8-K"):
        if filing.accession_no in wanted and filing.accession_no not in saved:  # a joint filing is listed per filer
            text = filing.full_text_submission()
            (output / f"{filing.accession_no}.txt").write_text(text)
            saved.add(filing.accession_no)
            size += len(text)
    print(json.dumps({"filings": len(saved), "bytes": size}), file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
