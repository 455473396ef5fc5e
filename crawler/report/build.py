"""Read an archive, build every section, write the page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawler import __version__
from crawler.report.archive import archive_section
from crawler.report.cm import cm_section
from crawler.report.coverage import coverage_section
from crawler.report.gaps import gaps_section
from crawler.report.page import Section, render
from crawler.report.runs import runs_section
from crawler.report.se import se_section
from crawler.report.source import ArchiveSnapshot, read_snapshot
from crawler.store import fs as store_fs

TITLE = "EDGAR ABS depositor archive"


def build_sections(snapshot: ArchiveSnapshot) -> list[Section]:
    frames = snapshot.frames
    archived = set(frames["filings"]["accession"]) | set(frames["se_filings"]["accession"])
    return [
        coverage_section(frames["filings"]),
        gaps_section(snapshot.state, frames["errors"], archived),
        se_section(frames["se_links"]),
        cm_section(frames["document_text"], frames["cm_tables"], frames["cm_tranches"]),
        runs_section(frames["runs"], snapshot.state.runs, frames["errors"]),
        archive_section(snapshot.files, snapshot.log),
    ]


def build_page(output: str, state_dir: str | None = None) -> str:
    snapshot = read_snapshot(output, state_dir)
    sections = build_sections(snapshot)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    state = "crawl state found" if snapshot.state.found else "no crawl state found"
    meta = f"Generated at {generated} from {output} ({state}) by edgar-archive {__version__}."
    numbers = {"generated_at": generated, "output": output, "version": __version__,
               "sections": {section.anchor: section.numbers for section in sections}}
    return render(sections, title=TITLE, meta=meta, numbers=numbers)


def write_report(output: str, to: str, state_dir: str | None = None) -> Path:
    """Write the page to the local path ``to`` (atomically: a reader never sees half a page); returns its path."""
    target = Path(to).expanduser().resolve()
    store_fs.write_local(str(target), build_page(output, state_dir).encode("utf-8"), durable=False)
    return target
