"""Form SE: references by status over time, and the pending and ambiguous ones with evidence and candidates."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crawler.report import plots
from crawler.report.page import Section, empty, figure, heading, paragraph, table
from crawler.status import LINK_STATUSES

STATUSES = LINK_STATUSES
OPEN_STATUSES = ("pending", "ambiguous")
STATUS_COLOURS = dict(zip(STATUSES, (plots.OKABE_ITO[2], plots.OKABE_ITO[1], plots.OKABE_ITO[4],
                                     plots.OKABE_ITO[5]), strict=True))
TABLE_ROWS = 300


def status_by_month(links: pd.DataFrame) -> pd.DataFrame:
    """References (latest decision each) per month of the 8-K's filing date × status."""
    if links.empty:
        return pd.DataFrame(columns=list(STATUSES))
    month = pd.to_datetime(links["filed_date"]).dt.to_period("M")
    counts = pd.crosstab(month, links["status"])
    every = pd.period_range(month.min(), month.max(), freq="M")
    extra = sorted(set(counts.columns) - set(STATUSES))
    frame = counts.reindex(index=every, columns=[*STATUSES, *extra], fill_value=0)
    frame.index = frame.index.astype(str)
    return frame


def open_references(links: pd.DataFrame) -> pd.DataFrame:
    chosen = links[links["status"].isin(OPEN_STATUSES)]
    return chosen.sort_values(["filed_date", "accession", "exhibit"]).reset_index(drop=True)


def se_numbers(links: pd.DataFrame) -> dict[str, Any]:
    counts = links["status"].value_counts()
    monthly = status_by_month(links)
    return {
        "references": len(links),
        "by_status": {status: int(counts.get(status, 0))
                      for status in [*STATUSES, *sorted(set(counts.index) - set(STATUSES))]},
        "by_month": {month: {s: int(n) for s, n in row.items() if n} for month, row in monthly.iterrows() if row.sum()},
        "open": [{"accession": r.accession, "exhibit": r.exhibit, "status": r.status,
                  "candidates": list(r.candidates) if r.candidates is not None else []}
                 for r in open_references(links).itertuples()],
    }


def se_section(links: pd.DataFrame) -> Section:
    numbers = se_numbers(links)
    section = Section("form-se", "Form SE links", numbers)
    if links.empty:
        return section.add(empty("No 8-K in this archive refers to an exhibit filed on Form SE."))
    counts = numbers["by_status"]
    section.add(paragraph(f"{numbers['references']:,} references to exhibits filed on paper under Form SE, by "
                          "their latest decision: " + ", ".join(f"{n:,} {s}" for s, n in counts.items()) + "."))
    monthly = status_by_month(links)
    colours = [STATUS_COLOURS.get(status, plots.OKABE_ITO[7]) for status in monthly.columns]
    section.add(figure(plots.bars(monthly, title="Form SE references by status and month of the 8-K",
                                  ylabel="references", xlabel="month the 8-K was filed", colors=colours),
                       alt="Stacked bar chart of Form SE references per month by decision status"))
    section.add(heading("Pending and ambiguous references"))
    opened = open_references(links)
    if opened.empty:
        section.add(paragraph("None: every reference is linked, or unresolved after its 30-day window."))
        return section
    section.add(paragraph("Pending: no SE record yet, still within 30 days of the anchor date. Ambiguous: several "
                          "SE records fit and none is guessed; every one that cannot be ruled out is a candidate."))
    rows = ((r.accession, r.exhibit, r.filed_date, r.se_date, r.status,
             ", ".join(r.candidates) if r.candidates is not None and len(r.candidates) else "–", r.evidence)
            for r in opened.itertuples())
    section.add(table(["8-K accession", "exhibit", "8-K filed", "stated SE date", "status", "candidates",
                       "evidence"], rows, long=(6,), limit=TABLE_ROWS))
    return section
