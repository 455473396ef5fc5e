"""Computational Materials: exhibits, tables and tranches per month, and the share of CM exhibits that gave
tables (an exhibit's kind is ``document_text.kind_of_exhibit``; its tables are ``cm_tables`` rows)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from crawler.edgar.cm.model import COLLATERAL_TERM_SHEET, COMPUTATIONAL_MATERIALS, TERM_SHEET
from crawler.report import plots
from crawler.report.page import Section, empty, figure, paragraph, table

CM_KINDS = (COMPUTATIONAL_MATERIALS, TERM_SHEET, COLLATERAL_TERM_SHEET)  # placeholders carry no tables
EXHIBIT = ["accession", "sequence"]


def cm_exhibits(texts: pd.DataFrame, tables: pd.DataFrame) -> pd.DataFrame:
    """One row per CM exhibit document: accession, sequence, filed_date, kind_of_exhibit, tables (count)."""
    exhibits = texts[texts["kind_of_exhibit"].isin(CM_KINDS)][[*EXHIBIT, "filed_date", "kind_of_exhibit"]]
    counts = tables.groupby(EXHIBIT).size().rename("tables").reset_index()
    merged = exhibits.merge(counts, on=EXHIBIT, how="left")
    merged["tables"] = merged["tables"].fillna(0).astype(int)
    return merged


def per_month(exhibits: pd.DataFrame, tables: pd.DataFrame, tranches: pd.DataFrame) -> pd.DataFrame:
    columns = {"CM exhibits": exhibits, "tables": tables, "tranches": tranches}
    months = {name: pd.to_datetime(frame["filed_date"]).dt.to_period("M").value_counts()
              for name, frame in columns.items() if len(frame)}
    if not months:
        return pd.DataFrame(columns=list(columns))
    first = min(series.index.min() for series in months.values())
    last = max(series.index.max() for series in months.values())
    every = pd.period_range(first, last, freq="M")
    frame = pd.DataFrame({name: months[name].reindex(every, fill_value=0) if name in months else 0
                          for name in columns}, index=every).fillna(0).astype(int)
    frame.index = frame.index.astype(str)
    return frame


def cm_numbers(texts: pd.DataFrame, tables: pd.DataFrame, tranches: pd.DataFrame) -> dict[str, Any]:
    exhibits = cm_exhibits(texts, tables)
    with_tables = int((exhibits["tables"] > 0).sum())
    by_kind = {kind: {"exhibits": int((exhibits["kind_of_exhibit"] == kind).sum()),
                      "with_tables": int(((exhibits["kind_of_exhibit"] == kind) & (exhibits["tables"] > 0)).sum())}
               for kind in CM_KINDS}
    monthly = per_month(exhibits, tables, tranches)
    return {
        "documents": len(texts), "cm_exhibits": len(exhibits), "cm_exhibits_with_tables": with_tables,
        "share_with_tables": round(with_tables / len(exhibits), 4) if len(exhibits) else None,
        "tables": len(tables), "tranches": len(tranches), "by_kind": by_kind,
        "per_month": {month: {k: int(v) for k, v in row.items()} for month, row in monthly.iterrows()},
    }


def cm_section(texts: pd.DataFrame, tables: pd.DataFrame, tranches: pd.DataFrame) -> Section:
    numbers = cm_numbers(texts, tables, tranches)
    section = Section("computational-materials", "Computational Materials", numbers)
    if texts.empty and tables.empty:
        return section.add(empty("No Computational Materials datasets in this archive (document_text and "
                                 "cm_tables are empty: archived by a version before 0.4.0, or no exhibits yet)."))
    share = numbers["share_with_tables"]
    section.add(paragraph(
        f"{numbers['cm_exhibits']:,} Computational Materials or term sheet exhibits among "
        f"{numbers['documents']:,} archived documents; {numbers['cm_exhibits_with_tables']:,} of them "
        f"({'–' if share is None else f'{share:.1%}'}) gave at least one table. {numbers['tables']:,} tables and "
        f"{numbers['tranches']:,} tranche rows in all. Placeholders for paper exhibits are Form SE references, "
        "not counted here."))
    monthly = per_month(cm_exhibits(texts, tables), tables, tranches)
    if len(monthly):
        section.add(figure(plots.panels(monthly, title="Computational Materials per month filed", xlabel="month filed"),
                           alt="Bar charts of CM exhibits, tables and tranches per month"))
    rows = [(kind.replace("_", " "), v["exhibits"], v["with_tables"],
             f"{v['with_tables'] / v['exhibits']:.1%}" if v["exhibits"] else "–")
            for kind, v in numbers["by_kind"].items()]
    section.add(table(["kind of exhibit", "exhibits", "gave tables", "share"], rows, numeric=(1, 2, 3)))
    return section
