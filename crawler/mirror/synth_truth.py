"""Ground truth of a synthetic mirror (``DIR/_truth/``), written from the generator's model, never from its files.

- ``filings.jsonl``: one line per 8-K-family accession, the expected parse and classification;
- ``se_filings.jsonl``: one line per paper SE record;
- ``index_rows.jsonl``: one line per index row (accession x filer CIK), with the daily file that lists it;
- ``cm_tables.jsonl``, ``cm_values.jsonl``, ``cm_tranches.jsonl``: the Computational Materials tables the
  mirror printed, in the columns of the ``cm_*`` datasets (:mod:`synth_cm_truth`), by accession;
- ``summary.json``: counts and the date range.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from crawler.mirror.synth_calendar import daily_token, quarter_key
from crawler.mirror.synth_model import Filing, OtherFiling, SeRecord, SeReference


def daily_file(day: date) -> str:
    """Path of the daily ``form`` index that lists rows disseminated on ``day``."""
    year, quarter = quarter_key(day)
    return f"Archives/edgar/daily-index/{year}/QTR{quarter}/form.{daily_token(day)}.idx"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def se_accession(ref: SeReference) -> str | list[str] | None:
    """The true SE accession, None if it has none; when what EDGAR shows does not determine the answer,
    the sorted list of the SEs no observer could rule out (rule: :mod:`synth_se_truth`)."""
    if not ref.determinate:
        return sorted(candidate.accession for candidate in ref.candidates)
    return ref.record.accession if ref.record is not None else None


def filing_truth(filing: Filing) -> dict:
    primary, deal = filing.filers[0], filing.deal
    trust_name = None
    if deal is not None and (filing.abs_role == "trust" or deal.trust in filing.filers):
        trust_name = deal.trust.name
    return {
        "accession": filing.accession,
        "cik": primary.cik,
        "ciks": [company.cik for company in filing.filers],
        "company_name": primary.name,
        "form_type": filing.form_type,
        "filed_date": filing.filed.isoformat(),
        "period_of_report": filing.period.isoformat(),
        "accepted_at": filing.accepted.isoformat(),
        "disseminated_date": _iso(filing.disseminated),
        "daily_file": daily_file(filing.disseminated or filing.filed),
        "is_abs": filing.is_abs,
        "abs_role": filing.abs_role,
        "sic": primary.sic,
        "series": deal.series if deal is not None else None,
        "items": list(filing.items),
        "depositor_name": deal.depositor.name if deal is not None else None,
        "depositor_cik": deal.depositor.cik if deal is not None else None,
        "trust_name": trust_name,
        "kind": filing.kind,
        "features": sorted(filing.features),
        "se_references": [
            {"exhibit": ref.exhibit, "se_date": _iso(ref.se_date), "rule": ref.rule, "se_accession": se_accession(ref),
             "style": ref.style, "file_number": ref.file_number,
             "coincidental": ref.coincidental.accession if ref.coincidental is not None else None}  # fmt: skip
            for ref in filing.se_refs
        ],
    }


def se_truth(record: SeRecord, referenced: set[str]) -> dict:
    return {
        "accession": record.accession,
        "cik": record.depositor.cik,
        "company_name": record.depositor.name,
        "filed_date": record.filed.isoformat(),
        "disseminated_date": record.disseminated.isoformat(),
        "file_number": record.file_number,
        "paper": True,
        "referenced": record.accession in referenced,
    }


def index_row_lines(filings: list[Filing], others: list[OtherFiling]) -> Iterator[str]:
    """One JSON line per index row, in accession order."""
    entries: list[tuple[str, str, date, date, list]] = [
        (f.accession, f.form_type, f.filed, f.disseminated or f.filed, f.filers) for f in filings
    ]
    entries += [(o.accession, o.form_type, o.filed, o.disseminated, o.filers) for o in others]
    entries.sort(key=lambda entry: entry[0])
    names: dict[int, str] = {}
    days: dict[date, tuple[str, str]] = {}
    for accession, form, filed, disseminated, filers in entries:
        if disseminated not in days:
            days[disseminated] = (disseminated.isoformat(), daily_file(disseminated))
        if filed not in days:
            days[filed] = (filed.isoformat(), daily_file(filed))
        shown, path = days[disseminated]
        filed_text = days[filed][0]
        for company in filers:
            name = names.get(company.cik)
            if name is None:
                name = names[company.cik] = json.dumps(company.name)
            yield (f'{{"accession": "{accession}", "cik": {company.cik}, "form_type": "{form}", '
                   f'"company_name": {name}, "date_filed": "{filed_text}", '
                   f'"disseminated_date": "{shown}", "daily_file": "{path}"}}')  # fmt: skip


def truth_files(filings: list[Filing], others: list[OtherFiling], records: list[SeRecord]) -> Iterator[tuple[str, bytes]]:
    """``(path below _truth/, bytes)`` of the JSON Lines files."""
    ordered = sorted(filings, key=lambda f: f.accession)
    yield "filings.jsonl", "".join(json.dumps(filing_truth(f)) + "\n" for f in ordered).encode()
    referenced = {ref.record.accession for f in filings for ref in f.se_refs if ref.record is not None}
    ses = sorted(records, key=lambda r: r.accession)
    yield "se_filings.jsonl", "".join(json.dumps(se_truth(r, referenced)) + "\n" for r in ses).encode()
    yield "index_rows.jsonl", "".join(line + "\n" for line in index_row_lines(filings, others)).encode()
    for part, name in enumerate(("cm_tables", "cm_values", "cm_tranches")):
        yield f"{name}.jsonl", "".join(f.cm_truth[part] for f in ordered).encode()
