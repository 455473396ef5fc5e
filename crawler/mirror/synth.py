"""``mirror synth``: write a deterministic synthetic EDGAR mirror and its ground truth.

    synthesize(Path("mirror"), seed=0)                                       # the default small mirror
    synthesize(Path("q"), start=date(2004, 4, 1), end=date(2004, 6, 30), filings=25_000)   # one full quarter

Same seed and options give a byte-identical tree, file modification times included.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import threading
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from crawler.errors import MirrorError
from crawler.mirror.synth_blocks import make_blocks
from crawler.mirror.synth_calendar import FIRST_INDEX_DAY, LAST_SUPPORTED_DAY, business_days, eastern_to_epoch
from crawler.mirror.synth_datahost import submissions_json
from crawler.mirror.synth_filings import SubmissionWriter
from crawler.mirror.synth_index import Orders, daily_files, make_rows, quarterly_files
from crawler.mirror.synth_listing import Listed, listings
from crawler.mirror.synth_model import IndexRow, Plan
from crawler.mirror.synth_plan import Planner
from crawler.mirror.synth_truth import truth_files

DEFAULT_START = date(2003, 10, 1)
DEFAULT_END = date(2006, 6, 30)
DEFAULT_FILINGS = 400
MAX_FILINGS = 2_000_000
TRUTH_DIR = "_truth"
# What a mirror made by this code holds; raised whenever synth writes other files or other contents, so that a
# mirror kept as a cache (the demo's, the benchmark's) is made again. 1: 0.3.0; 2: 0.4.0 (EDGAR's index names,
# Computational Materials exhibits and their truth).
MIRROR_LAYOUT = 2


@dataclass(frozen=True, slots=True)
class SynthSummary:
    """What a mirror holds (also ``DIR/_truth/summary.json``)."""

    seed: int
    start: str  # YYYY-MM-DD
    end: str
    business_days: int
    files: int  # files of the mirror itself, _truth/ excluded
    submission_files: int  # Archives/edgar/data/CIK/ACCESSION.txt (one per filer CIK)
    index_files: int  # daily and quarterly indexes: .idx, .gz, .Z, .zip, sitemaps
    listing_files: int  # index.json
    submissions_json_files: int
    index_rows: int  # rows of the quarterly (= daily) indexes: one per (accession, filer CIK)
    accessions: int  # distinct accessions in the indexes
    filings_8k: int  # 8-K-family accessions
    abs_8k: int
    se_records: int
    se_references: int
    bytes: int
    layout: int = MIRROR_LAYOUT


def is_current(mirror: Path) -> bool:
    """Whether ``mirror`` is a whole mirror made by this version's generator (its summary is written last)."""
    try:
        summary = json.loads((mirror / TRUTH_DIR / "summary.json").read_text())
    except (OSError, ValueError):
        return False
    return summary.get("layout", 1) == MIRROR_LAYOUT


def default_filings(start: date, end: date) -> int:
    """Filings for a range given without ``--filings``: the default mirror's density (about 0.6 per business day)."""
    density = DEFAULT_FILINGS / len(business_days(DEFAULT_START, DEFAULT_END))
    return max(20, round(density * len(business_days(start, end))))


def _check(directory: Path, start: date, end: date, filings: int, force: bool) -> None:
    if start > end:
        raise MirrorError(f"--from {start} is after --to {end}")
    if start < FIRST_INDEX_DAY or end > LAST_SUPPORTED_DAY:
        raise MirrorError(f"dates must lie within {FIRST_INDEX_DAY} (EDGAR indexes start in 1994 Q3) and {LAST_SUPPORTED_DAY}")
    if not business_days(start, end):
        raise MirrorError(f"no EDGAR business day between {start} and {end}")
    if not 1 <= filings <= MAX_FILINGS:
        raise MirrorError(f"--filings must be between 1 and {MAX_FILINGS}, got {filings}")
    if directory.exists() and not directory.is_dir():
        raise MirrorError(f"{directory} exists and is not a directory")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise MirrorError(f"{directory} is not empty; use --force to replace its contents")


def _clear(directory: Path) -> None:
    for child in directory.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


class TreeWriter:
    """Writes files below the mirror root from background threads (the disk, not Python, is the slow part)
    and sets each file's modification time; directory times are set at the end."""

    THREADS = 3

    def __init__(self, root: Path) -> None:
        self.root = root
        self.prefix = str(root) + os.sep
        self.made: set[str] = set()
        self.bytes = 0
        self._queue: queue.Queue[tuple[str, bytes, int] | None] = queue.Queue(maxsize=512)
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._drain, daemon=True) for _ in range(self.THREADS)]
        for thread in self._threads:
            thread.start()

    def write(self, relative: str, data: bytes, mtime: datetime) -> None:
        if self._errors:
            self.close()
        self.made.add(relative.rpartition("/")[0])
        self.bytes += len(data)
        self._queue.put((self.prefix + relative, data, eastern_to_epoch(mtime)))

    def _drain(self) -> None:
        while (job := self._queue.get()) is not None:
            path, data, stamp = job
            try:
                try:
                    handle = open(path, "wb")
                except FileNotFoundError:
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    handle = open(path, "wb")
                with handle:
                    handle.write(data)
                os.utime(path, (stamp, stamp))
            except OSError as exc:
                self._errors.append(exc)

    def close(self) -> None:
        """Waits for every pending write (again: no-op); raises :class:`MirrorError` if one failed."""
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        self._threads = []
        if self._errors:
            raise MirrorError(f"cannot write the mirror below {self.root}: {self._errors[0]}")

    def stamp_directories(self, times: dict[str, datetime], default: datetime) -> None:
        """Directory times: listed ones as their parent listing shows, all others ``default``."""
        folders = {""} | {f for made in self.made for f in _ancestors(made)}
        for folder in sorted(folders, key=lambda name: -name.count("/") if name else 1):
            stamp = eastern_to_epoch(times.get(folder, default))
            os.utime(self.root / folder if folder else self.root, (stamp, stamp))


def _ancestors(folder: str) -> list[str]:
    parts = folder.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def synthesize(directory: Path, *, seed: int = 0, start: date | None = None, end: date | None = None,
               filings: int | None = None, force: bool = False) -> SynthSummary:  # fmt: skip
    """Write a synthetic EDGAR mirror into ``directory`` (created if missing; must be empty unless ``force``).

    Without ``start``/``end`` the range is 2003-10-01..2006-06-30; without ``filings`` (8-K-family accessions)
    the default density gives 400 over that range. Raises :class:`MirrorError` on bad options or directory.
    """
    if (start is None) != (end is None):
        raise MirrorError("give both --from and --to, or neither")
    start, end = start or DEFAULT_START, end or DEFAULT_END
    if filings is None:
        filings = DEFAULT_FILINGS if (start, end) == (DEFAULT_START, DEFAULT_END) else default_filings(start, end)
    directory = Path(directory)
    _check(directory, start, end, filings, force)
    if directory.is_dir() and force:
        _clear(directory)
    directory.mkdir(parents=True, exist_ok=True)
    plan = Planner(seed, start, end, filings).build()
    return _write(directory, plan, seed)


def _write(directory: Path, plan: Plan, seed: int) -> SynthSummary:
    tree = TreeWriter(directory)
    try:
        submission_files = _write_submissions(tree, plan, seed)
        listed, listing_files, directory_times = _write_indexes(tree, plan, seed)
        generated = datetime.combine(plan.end + timedelta(days=1), time(6, 0))
        json_files = 0
        for path, data in submissions_json(plan.filings, plan.others):
            tree.write(path, data, generated)
            json_files += 1
        summary = SynthSummary(
            seed=seed, start=plan.start.isoformat(), end=plan.end.isoformat(),
            business_days=len(business_days(plan.start, plan.end)),
            files=submission_files + len(listed) + listing_files + json_files, submission_files=submission_files,
            index_files=len(listed), listing_files=listing_files, submissions_json_files=json_files,
            index_rows=sum(len(f.filers) for f in plan.filings) + sum(len(o.filers) for o in plan.others),
            accessions=len(plan.filings) + len(plan.others), filings_8k=len(plan.filings),
            abs_8k=sum(1 for f in plan.filings if f.is_abs), se_records=len(plan.se_records),
            se_references=sum(len(f.se_refs) for f in plan.filings), bytes=tree.bytes,
        )  # fmt: skip
        for name, data in truth_files(plan.filings, plan.others, plan.se_records):
            tree.write(f"{TRUTH_DIR}/{name}", data, generated)
        tree.write(f"{TRUTH_DIR}/summary.json", json.dumps(asdict(summary), indent=2).encode() + b"\n", generated)
    finally:
        tree.close()
    tree.stamp_directories(directory_times, generated)
    return summary


def _write_submissions(tree: TreeWriter, plan: Plan, seed: int) -> int:
    """``Archives/edgar/data/CIK/ACCESSION.txt`` under every filer CIK of every 8-K and SE; returns the file count."""
    writer = SubmissionWriter(seed, make_blocks(seed))
    count = 0
    for filing in plan.filings:
        data = writer.filing_bytes(filing)
        filing.size = len(data)
        for company in filing.filers:
            tree.write(f"Archives/edgar/data/{company.cik}/{filing.accession}.txt", data, filing.accepted)
            count += 1
    for record in plan.se_records:
        moment = datetime.combine(record.disseminated, time(21, 15))
        tree.write(f"Archives/edgar/data/{record.depositor.cik}/{record.accession}.txt", writer.se_bytes(record), moment)
        count += 1
    return count


def _write_indexes(tree: TreeWriter, plan: Plan, seed: int) -> tuple[dict[str, Listed], int, dict[str, datetime]]:
    """Daily and quarterly indexes and their ``index.json`` listings; returns the listed files, the number of
    listings and the times the listings show for directories."""
    index_rows = [IndexRow(f.form_type, c, f.filed, f.disseminated or f.filed, f.accession) for f in plan.filings for c in f.filers]
    index_rows += [IndexRow(o.form_type, c, o.filed, o.disseminated, o.accession) for o in plan.others for c in o.filers]
    orders = Orders.of(make_rows(index_rows))
    days = business_days(plan.start, plan.end)
    listed: dict[str, Listed] = {}
    for index_file in (*daily_files(orders, days, plan.rewritten_days, seed), *quarterly_files(orders, plan.start, plan.end, seed)):
        tree.write(index_file.path, index_file.data, index_file.mtime)
        listed[index_file.path] = Listed(len(index_file.data), index_file.mtime)
    directory_times: dict[str, datetime] = {}
    listing_files = 0
    for path, data, mtime in listings(listed):
        if data is None:
            directory_times[path] = mtime
        else:
            tree.write(path, data, mtime)
            listing_files += 1
    return listed, listing_files, directory_times
