"""crawler.takeover: the watermark a host taking an archive over starts from, and what raw files of no committed
filing teach it (a whole takeover: tests/crawl/test_takeover.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from crawler.edgar.selection import CikVerdict
from crawler.spiders.depositor_8k import NOT_ABS_NAMESPACE
from crawler.store.fs import resolve
from crawler.store.raw import RawArchive
from crawler.store.state_sqlite import SqliteCrawlState
from crawler.store.writer import ArchiveWriter
from crawler.takeover import archived_watermark, catch_up, derived_watermark
from tests.edgar.builders import SEED_HEADER, document, seed_submission
from tests.store import rows


def run_row(to: date | None, *, status: str = "finished", exit_code: int = 0, watermark: date | None = None,
            run_id: str = "r") -> dict:
    return {"run_id": run_id, "started_at": datetime(2004, 7, 1, tzinfo=UTC), "status": status,
            "exit_code": exit_code, "to": to, "watermark": watermark}


def test_a_clean_finished_run_without_a_recorded_watermark_gives_the_business_day_before_its_end() -> None:
    assert derived_watermark(run_row(date(2004, 6, 30))) == date(2004, 6, 29)  # a Wednesday
    assert derived_watermark(run_row(date(2004, 7, 6))) == date(2004, 7, 2)  # past a weekend and July 4th (Monday 5th)


def test_in_the_days_sec_may_not_have_published_a_quarter_yet_it_stays_before_that_quarter() -> None:
    # 2004Q3: Thursday July 1st and Friday July 2nd are its first two business days
    assert derived_watermark(run_row(date(2004, 7, 2))) == date(2004, 6, 30)
    assert derived_watermark(run_row(date(2004, 7, 1))) == date(2004, 6, 30)


def test_runs_that_did_not_finish_cleanly_give_no_watermark() -> None:
    assert derived_watermark(run_row(date(2004, 6, 30), exit_code=3)) is None  # an index may not have been read
    assert derived_watermark(run_row(date(2004, 6, 30), status="shutdown")) is None
    assert derived_watermark(run_row(None)) is None


def test_the_latest_watermark_recorded_or_derived_wins() -> None:
    rows = [run_row(date(2004, 6, 30), run_id="old"),
            run_row(date(2004, 9, 30), status="shutdown", watermark=date(2004, 8, 31), run_id="recorded"),
            run_row(date(2004, 12, 31), exit_code=3, run_id="partial")]
    assert archived_watermark(rows) == date(2004, 8, 31)
    assert archived_watermark([]) is None


OPERATING = "0000777777-04-000012"  # an 8-K fetched and found to be no ABS filing: raw file, no row
SEED = "0000905148-04-002078"  # an ABS 8-K whose run was killed before its commit: raw file, no row
ARCHIVED = "0000905148-04-004513"


def operating_company_8k() -> bytes:
    header = (SEED_HEADER.replace(SEED, OPERATING).replace("CWALT, INC.", "ACME PHARMACEUTICALS INC")
              .replace("0001269518", "0000777777").replace("ASSET-BACKED SECURITIES [6189]",
                                                            "PHARMACEUTICAL PREPARATIONS [2834]"))
    text = b"ACME Pharmaceuticals Inc. announces the results of its phase III trial.\n"
    return header.encode("latin-1") + document("8-K", 1, text, "acme8k.txt") + b"</SEC-DOCUMENT>\n"


def test_raw_files_of_no_committed_filing_teach_the_registry_and_the_not_abs_ones_are_not_fetched_again(
        tmp_path: Path) -> None:
    fs, root = resolve(str(tmp_path / "out"))
    raw = RawArchive(fs, root)
    operating_path = raw.put(OPERATING, 777777, date(2004, 4, 8), operating_company_8k())
    raw.put(SEED, 1269518, date(2004, 4, 8), seed_submission(b"CWALT, INC. Series 2004-J4 Item 8.01"))
    raw.close()
    writer = ArchiveWriter(fs, root, "written-elsewhere")  # another host's run
    writer.add("filings", rows.filing(ARCHIVED))
    writer.close()
    with SqliteCrawlState(tmp_path / "state" / "state.sqlite") as state:
        _, report = catch_up(fs, root, state)
        assert report is not None and report.not_abs == 1 and state.is_committed(ARCHIVED)
        assert state.get_record(NOT_ABS_NAMESPACE, OPERATING) == {"raw_path": operating_path}
        assert state.get_record(NOT_ABS_NAMESPACE, SEED) is None  # the next run fetches it again
        assert state.verdict(777777) is CikVerdict.NOT_ABS and state.verdict(1269518) is CikVerdict.ABS
        again = catch_up(fs, root, state)[1]  # every commit is known now: nothing to adopt
        assert again is None
