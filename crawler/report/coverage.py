"""Coverage: archived ABS 8-Ks by depositor (the top N, then "others") × month, and the totals per year."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crawler.edgar.abs_facts import name_key
from crawler.report import plots
from crawler.report.page import Section, empty, figure, paragraph, table

TOP_DEPOSITORS = 15
OTHERS = "others"
NOT_STATED = "(depositor not stated)"


def depositor_labels(names: pd.Series) -> pd.Series:
    """One label per filing: the depositor, spellings merged by ``name_key`` (``CWALT, INC.`` = ``CWALT INC``)
    and shown in the group's most frequent spelling (ties: the first alphabetically)."""
    names = names.fillna("").astype(str)
    keys = names.map({name: name_key(name) for name in names.unique()})  # a few hundred names, 100k filings
    spelled = pd.DataFrame({"key": keys, "name": names})
    counts = spelled[spelled["key"] != ""].groupby(["key", "name"]).size().reset_index(name="n")
    best = counts.sort_values(["key", "n", "name"], ascending=[True, False, True]).drop_duplicates("key")
    label = dict(zip(best["key"], best["name"], strict=True))
    return keys.map(lambda key: label.get(key, NOT_STATED))


def months_between(first: pd.Period, last: pd.Period) -> list[str]:
    return [str(p) for p in pd.period_range(first, last, freq="M")]


def depositor_month_matrix(filings: pd.DataFrame, top: int = TOP_DEPOSITORS) -> pd.DataFrame:
    """Filings per depositor (rows: the ``top`` largest, then ``others``) and month (every month from the
    first filing's to the last's, as ``YYYY-MM``)."""
    if filings.empty:
        return pd.DataFrame()
    month = pd.to_datetime(filings["filed_date"]).dt.to_period("M")
    frame = pd.DataFrame({"depositor": depositor_labels(filings["depositor_name"]).to_numpy(),
                          "month": month.astype(str).to_numpy()})
    totals = frame.groupby("depositor").size()
    ranked = sorted(totals.index, key=lambda d: (-totals[d], d))
    chosen = set(ranked[:top])
    frame["row"] = frame["depositor"].where(frame["depositor"].isin(chosen), OTHERS)
    matrix = frame.groupby(["row", "month"]).size().unstack(fill_value=0)
    rows = [d for d in ranked if d in chosen] + ([OTHERS] if len(ranked) > top else [])
    columns = months_between(month.min(), month.max())
    return matrix.reindex(index=rows, columns=columns, fill_value=0)


def coverage_numbers(filings: pd.DataFrame, top: int = TOP_DEPOSITORS) -> dict[str, Any]:
    matrix = depositor_month_matrix(filings, top)
    years = pd.to_datetime(filings["filed_date"]).dt.year.value_counts().sort_index()
    depositors = depositor_labels(filings["depositor_name"]).nunique() if len(filings) else 0
    return {
        "filings": len(filings),
        "depositors": int(depositors),
        "per_year": {str(year): int(n) for year, n in years.items()},
        "top_depositors": [row for row in matrix.index if row != OTHERS],
        "by_depositor_month": {row: {month: int(n) for month, n in matrix.loc[row].items() if n}
                               for row in matrix.index},
    }


def coverage_section(filings: pd.DataFrame) -> Section:
    numbers = coverage_numbers(filings)
    section = Section("coverage", "Coverage", numbers)
    if not numbers["filings"]:
        return section.add(empty("No ABS 8-K filings are archived yet."))
    matrix = depositor_month_matrix(filings)
    section.add(paragraph(
        f"{numbers['filings']:,} ABS 8-K-family filings archived from {numbers['depositors']:,} depositors, "
        f"{matrix.columns[0]} to {matrix.columns[-1]}. Each row is a depositor (spellings of one name merged), "
        f"the {len(numbers['top_depositors'])} with the most filings first; blank cells are months with none."))
    section.add(figure(
        plots.heatmap(matrix, title="Archived ABS 8-Ks by depositor and month", colorbar="filings per month",
                      xlabel="month filed"),
        alt="Heatmap of archived ABS 8-K filings per depositor and month"))
    per_year = pd.DataFrame({"filings": pd.Series(numbers["per_year"])})
    section.add(figure(plots.bars(per_year, title="Archived ABS 8-Ks per year", ylabel="filings",
                                  xlabel="year filed", annotate=True),
                       alt="Bar chart of archived ABS 8-K filings per year"))
    section.add(table(["year", "filings"], numbers["per_year"].items(), numeric=(1,)))
    return section
