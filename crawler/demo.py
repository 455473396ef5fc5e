"""``edgar-archive demo``: make (once) and serve the bundled synthetic mirror, crawl it, show the result."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from crawler.config import MIRROR_USER_AGENT, CommonOptions
from crawler.errors import ExitCode
from crawler.mirror.launch import serve_mirror
from crawler.mirror.synth import is_current, synthesize
from crawler.report.build import write_report
from crawler.runner import crawl_settings, run_crawl
from crawler.status import collect_status, format_status
from crawler.store.load import load

DEMO_SEED = 0
REPORT_PAGE = "report.html"
DEMO_RATE = 50.0  # requests/s against the loopback mirror; SEC's own cap (10) applies to sec.gov hosts only


def mirror_range(mirror: Path) -> tuple[date, date]:
    summary = json.loads((mirror / "_truth" / "summary.json").read_text())
    return date.fromisoformat(summary["start"]), date.fromisoformat(summary["end"])


def ensure_mirror(mirror: Path, *, remake_stale: bool = True) -> Path:
    """Make the sample mirror in ``mirror`` unless it holds one; one an older version made (it lacks what is new)
    is made again when ``remake_stale``."""
    summary = mirror / "_truth" / "summary.json"
    if is_current(mirror) or (summary.exists() and not remake_stale):
        return mirror
    if summary.exists():
        print(f"the sample mirror in {mirror} was made by an older version: making it again (an archive crawled "
              "from it keeps the old filings beside the new ones; `make clean` first for a clean demo) ...")
    else:
        print(f"making the sample mirror in {mirror} (seed {DEMO_SEED}) ...")
    synthesize(mirror, seed=DEMO_SEED, force=summary.exists())
    return mirror


def run_demo(output: str, mirror: Path, *, rate: float = DEMO_RATE, remake_stale: bool = True) -> int:
    ensure_mirror(mirror, remake_stale=remake_stale)
    start, end = mirror_range(mirror)
    with serve_mirror(mirror) as server:
        print(f"serving the sample mirror at {server.url}; crawling {start}..{end} into {output} ...")
        options = CommonOptions(output=output, user_agent=MIRROR_USER_AGENT, base_url=server.url,
                                data_url=server.url, rate=rate)
        settings = crawl_settings(options, EDGAR_AS_OF=(end + timedelta(days=1)).isoformat(), EDGAR_PROGRESS="off",
                                  LOG_LEVEL="WARNING")
        outcome = run_crawl(settings, start=start.isoformat(), end=end.isoformat())
    print()
    print(format_status(collect_status(output)))
    print()
    print(_sample_filings(output))
    print()
    print(_sample_links(output))
    print()
    print(_sample_tranches(output))
    print()
    print(_sample_grid(output))
    print()
    print(f"Datasets are Hive-partitioned Parquet under {output}/ (filings, documents, se_filings, se_links, "
          f"document_text, cm_tables, cm_values, cm_tranches, errors, runs); raw submissions under {output}/raw/.")
    print("Load them with pandas, or query them with DuckDB:")
    print(f'    import pandas as pd; filings = pd.read_parquet("{output}/filings")')
    print(f'    from crawler.store.load import load; tranches = load("{output}", "cm_tranches")')
    print(f"    import duckdb; duckdb.sql(\"select * from read_parquet('{output}/cm_values/**/*.parquet', "
          "hive_partitioning=true) where measure = 'yield'\")")
    print(f"crawl finished with exit code {int(outcome.exit_code)} ({outcome.exit_code.name}); "
          f"{outcome.stats.get('downloader/request_count', 0)} requests")
    print(f"report (one HTML page, opens offline): {write_report(output, str(Path(output) / REPORT_PAGE))}")
    return int(outcome.exit_code) if outcome.exit_code != ExitCode.PARTIAL else 0


def _sample_filings(output: str, count: int = 5) -> str:
    frame = load(output, "filings")
    if frame.empty:
        return "no filings archived"
    rows = frame.sort_values(["filed_date", "accession"]).head(count)
    lines = ["A few archived filings:"]
    for row in rows.itertuples():
        items = ",".join(row.items) if row.items is not None else ""
        lines.append(f"  {row.filed_date}  {row.accession}  {str(row.company_name)[:40]:40}  "
                     f"series {row.series or '-':10}  items {items}")
    return "\n".join(lines)


def _sample_links(output: str, count: int = 8) -> str:
    frame = load(output, "se_links")
    if frame.empty:
        return "no Form SE references found"
    lines = ["Form SE links (8-K exhibit -> SE record):"]
    for row in frame.sort_values(["filed_date", "accession"]).head(count).itertuples():
        target = row.se_accession if isinstance(row.se_accession, str) else "-"
        lines.append(f"  {row.accession} ex {row.exhibit}: {row.status:10} -> {target}  "
                     f"({row.evidence})")
    return "\n".join(lines)


def _sample_tranches(output: str, count: int = 6) -> str:
    frame = load(output, "cm_tranches")
    if frame.empty:
        return "no deal-summary tranches parsed from Computational Materials"
    lines = ["Tranches of the deal summaries in Computational Materials (cm_tranches):"]
    first = frame.sort_values(["filed_date", "accession", "sequence", "table_no"]).head(count)
    for row in first.to_dict("records"):
        lines.append(f"  {row['accession']} class {row['class']:6} {_text(row['rating']):6} "
                     f"balance {_number(row['balance']):>16}  coupon {_number(row['coupon']):>7}  "
                     f"window {_text(row['principal_window']):14} avg life {_number(row['avg_life'])}")
    return "\n".join(lines)


def _sample_grid(output: str) -> str:
    """One price/yield grid: prices down, scenarios across, yields as printed."""
    tables, values = load(output, "cm_tables"), load(output, "cm_values")
    grids = tables[tables["kind"] == "price_yield"].sort_values(["filed_date", "accession", "sequence", "table_no"])
    key = ["accession", "sequence", "table_no"]
    for table in grids.itertuples():
        cells = values.merge(grids.loc[[table.Index], key], on=key)
        cells = cells[cells["measure"] == "yield"]
        if cells.empty or cells.groupby("scenario_no")["scenario"].nunique().max() > 1:
            continue  # no yields, or prices across the columns (each row its own scenario)
        grid = cells.pivot_table(index=["row_no", "row_label"], columns=["scenario_no", "scenario"],
                                 values="value_text", aggfunc="first").droplevel(0).droplevel(0, axis=1)
        return f"A yield grid (cm_values of {table.accession}, table {table.table_no}: {table.title}):\n" + \
            grid.to_string(na_rep="")
    return "no price/yield grid parsed from Computational Materials"


def _text(value: object) -> str:
    return value if isinstance(value, str) else "-"


def _number(value: object) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) and value == value else "-"
