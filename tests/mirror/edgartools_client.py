"""What edgartools reads from a served mirror; run by ``test_edgartools.py`` with the edgartools venv's python.

    python edgartools_client.py REQUEST.json RESULT.json

REQUEST: ``{"quarters": [[2004, 2], ...], "sample": ["0000905148-04-001812", ...]}``. The environment points
edgartools at the mirror (``EDGAR_BASE_URL``, ``EDGAR_DATA_URL``, ``EDGAR_XBRL_URL``, ``EDGAR_IDENTITY``,
``EDGAR_LOCAL_DATA_DIR``). Written as an edgartools user writes it. Every name lookup of a host other than
loopback is refused before edgartools is imported (``bench/loopback_only.py``), so nothing can reach SEC.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench import loopback_only  # noqa: E402  (standard library only)

loopback_only.install()

import edgar  # noqa: E402
from edgar import get_filings  # noqa: E402


def _digest(content: str | bytes | None) -> dict[str, Any]:
    if content is None:
        return {"kind": "none"}
    if isinstance(content, str):
        return {"kind": "str", "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(), "length": len(content)}
    return {"kind": "bytes", "sha256": hashlib.sha256(content).hexdigest(), "length": len(content)}


def _header(filing: Any) -> dict[str, Any]:
    header = filing.header
    return {
        "accession": header.accession_number, "form": header.form, "filing_date": header.filing_date,
        "period": header.period_of_report, "accepted": str(header.acceptance_datetime or ""),
        "filers": [{"cik": f.company_information.cik, "name": f.company_information.name,
                    "file_number": f.filing_information.file_number} for f in header.filers or []],
    }  # fmt: skip


def _attachments(attachments: Any) -> list[dict[str, Any]]:
    return [{"sequence": a.sequence_number, "document": a.document, "type": a.document_type,
             "description": a.description, "size": a.size, "content": _digest(a.content)} for a in attachments]


def main(request_path: str, result_path: str) -> None:
    with open(request_path, encoding="utf-8") as handle:
        request = json.load(handle)
    wanted = set(request["sample"])
    result: dict[str, Any] = {"version": edgar.__version__, "quarters": {}, "filings": {}}
    for year, quarter in request["quarters"]:
        filings = get_filings(year, quarter, form="8-K")
        rows = filings.data.to_pylist() if filings is not None else []
        result["quarters"][f"{year}Q{quarter}"] = [
            [row["accession_number"], row["cik"], row["form"], row["company"], str(row["filing_date"])] for row in rows]
        for accession in sorted(wanted & {row["accession_number"] for row in rows}):
            filing = filings.get(accession)
            text = filing.full_text_submission()
            result["filings"][accession] = {
                "header": _header(filing),
                "attachments": _attachments(filing.attachments),
                "full_text": _digest(text),
                "homepage": _attachments(filing.homepage.attachments),  # the -index.html page, documents fetched
            }
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
