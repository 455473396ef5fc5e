"""Every submission of the synthetic mirror parsed and compared with the mirror's own ground truth."""

from __future__ import annotations

from pathlib import Path

from crawler.edgar.abs_facts import name_key
from crawler.edgar.filing import ParsedFiling, parse_filing
from crawler.edgar.items import sort_key
from tests.fixtures.mirror import read_truth


def _parse(mirror: Path, row: dict) -> ParsedFiling:
    path = mirror / "Archives" / "edgar" / "data" / str(row["cik"]) / f"{row['accession']}.txt"
    return parse_filing(path.read_bytes(), accession_hint=row["accession"])


def test_every_8k_agrees_with_the_truth(small_mirror: Path) -> None:
    truth = read_truth(small_mirror, "filings")
    assert len(truth) >= 100
    misses: list[str] = []
    trust_names = 0
    for row in truth:
        filing = _parse(small_mirror, row)
        expected_refs = sorted((r["exhibit"], r["se_date"], r["rule"]) for r in row["se_references"])
        got_refs = sorted((r.exhibit, r.se_date.isoformat() if r.se_date else None, r.rule)
                          for r in filing.se_references)
        checks = {
            "errors": filing.errors == [],
            "header": (filing.form_type, str(filing.filed_date)) == (row["form_type"], row["filed_date"]),
            "items": filing.items == sorted(row["items"], key=sort_key),  # the truth lists them as strings sort
            "abs": (filing.abs.is_abs, filing.abs.role, filing.abs.series) == (
                row["is_abs"], row["abs_role"], row["series"]),
            # the truth holds header (conformed) names; a trust-filed cover writes the depositor's display name
            "depositor": not row["is_abs"] or name_key(filing.abs.depositor_name or "") == name_key(
                row["depositor_name"] or ""),
            # a depositor's pre-closing 8-K may not name the trust at all: then none is claimed
            "trust": filing.abs.trust_name in (None, row["trust_name"]),
            "se_references": got_refs == expected_refs,
        }
        misses.extend(f"{row['accession']} {name}" for name, ok in checks.items() if not ok)
        trust_names += filing.abs.trust_name is not None and filing.abs.trust_name == row["trust_name"]
    assert misses == []
    with_trust = sum(1 for row in truth if row["trust_name"])
    assert trust_names >= 0.95 * with_trust


def test_se_records_are_paper_header_only_submissions(small_mirror: Path) -> None:
    for row in read_truth(small_mirror, "se_filings"):
        filing = _parse(small_mirror, row)
        assert filing.errors == []
        assert (filing.form_type, str(filing.filed_date), filing.paper) == ("SE", row["filed_date"], row["paper"])
        assert filing.primary_cik == row["cik"] and row["file_number"] in filing.file_numbers
        assert filing.documents == []
