from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from crawler.edgar.depositors import SEED_ABS_CIKS
from crawler.edgar.selection import CikVerdict
from crawler.errors import StorageError
from crawler.store.state import CrawlState, IndexValidators, default_state_dir
from crawler.store.state_sqlite import MIGRATIONS, SqliteCrawlState
from crawler.store.writer import Commit

A1, A2, SE1 = "0000905148-04-004513", "0000905148-04-004514", "9999999997-04-000101"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.sqlite"


def _commit(manifest_id: str, filings: list[str], se: list[str] = (), documents: list[str] = ()) -> Commit:
    keys = {"filings": list(filings), "se_filings": list(se), "documents": list(documents)}
    return Commit(manifest_id=manifest_id, files={}, keys=keys, rows={k: len(v) for k, v in keys.items()})


def test_everything_survives_a_reopen(path: Path) -> None:
    state = SqliteCrawlState(path)
    assert isinstance(state, CrawlState)
    state.record_index_file("Archives/edgar/daily-index/2004/QTR2/form.20040401.idx", last_modified="Thu, 01 Apr 2004 "
                            "22:00:00 GMT", etag='"abc"', rows=12)
    state.set_watermark(date(2004, 4, 1))
    state.mark_quarter_daily("2004Q2")
    state.apply_commit(_commit("m1", [A1], se=[SE1], documents=[f"{A1}#1"]))
    state.record(1269518, sic=6189, name="CWALT INC", source="header")
    state.put_record("se_refs", f"{A1}#99.2", {"se_date": "2004-04-01", "candidates": [SE1]})
    state.start_run("r1", mode="range", start=date(2004, 4, 1), end=date(2004, 6, 30))
    state.finish_run("r1", status="finished", exit_code=0, new_filings=1)
    state.close()

    state = SqliteCrawlState(path)
    found = state.index_validators("Archives/edgar/daily-index/2004/QTR2/form.20040401.idx")
    assert isinstance(found, IndexValidators)
    assert (found.last_modified, found.etag, found.rows) == ("Thu, 01 Apr 2004 22:00:00 GMT", '"abc"', 12)
    assert state.index_validators("Archives/edgar/full-index/2004/QTR2/form.idx") is None
    assert state.watermark() == date(2004, 4, 1)
    assert state.quarters_to_recheck() == ["2004Q2"]
    assert state.is_committed(A1) and state.is_committed(SE1) and not state.is_committed(A2)
    assert (state.committed_count("8-K"), state.committed_count("SE"), state.committed_count()) == (1, 1, 2)
    assert state.applied_manifests() == {"m1"}
    assert state.verdict(1269518).value == "abs"
    assert state.get_record("se_refs", f"{A1}#99.2") == {"se_date": "2004-04-01", "candidates": [SE1]}
    [run] = state.last_runs()
    assert run["run_id"] == "r1" and run["start"] == date(2004, 4, 1) and run["end"] == date(2004, 6, 30)
    assert (run["status"], run["exit_code"], run["new_filings"]) == ("finished", 0, 1)
    assert run["finished_at"] is not None
    state.close()


def test_apply_commit_is_idempotent(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        state.apply_commit(_commit("m1", [A1]))
        state.apply_commit(_commit("m1", [A1]))
        state.apply_commit(_commit("m2", [A1, A2]))  # a re-crawl of A1 counts once
        assert state.committed_count("8-K") == 2
        assert state.applied_manifests() == {"m1", "m2"}


def test_watermark_index_files_replace(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        assert state.watermark() is None
        state.set_watermark(date(2004, 4, 1))
        state.set_watermark(date(2004, 4, 2))
        assert state.watermark() == date(2004, 4, 2)
        state.record_index_file("a.idx", last_modified=None, etag='"1"', rows=1)
        state.record_index_file("a.idx", last_modified=None, etag='"2"', rows=5)
        assert state.index_validators("a.idx").etag == '"2"'


def test_quarters_to_recheck_follow_the_order_of_marks(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        state.mark_quarter_rechecked("2003Q4")  # a backfill read form.idx only: nothing to recheck
        state.mark_quarter_daily("2004Q2")
        state.mark_quarter_daily("2004Q1")
        assert state.quarters_to_recheck() == ["2004Q1", "2004Q2"]
        state.mark_quarter_rechecked("2004Q1")
        assert state.quarters_to_recheck() == ["2004Q2"]
        state.mark_quarter_daily("2004Q1")  # daily files read again after the recheck
        assert state.quarters_to_recheck() == ["2004Q1", "2004Q2"]


def test_cik_registry_verdicts(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        assert state.verdict(1).value == "unknown"
        state.record(1, sic=None, name="SOME TRUST 2004-1", source="header")
        assert state.verdict(1).value == "unknown"
        state.record(1, sic=6189, name="SOME TRUST 2004-1", source="submissions")
        state.record(1, sic=None, name="", source="header")  # a header without SIC forgets nothing
        assert state.verdict(1).value == "abs"
        state.record(2, sic=6022, name="A BANK", source="submissions")
        assert state.verdict(2).value == "not_abs"
        assert isinstance(state.verdict(2), CikVerdict)


def test_operating_company_marks_persist_and_never_hide_a_sic(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        state.record(300, sic=6189, name="ACME FUNDING LLC", source="submissions")
        state.mark_operating([300, 400, 400])
        state.mark_operating([])
    with SqliteCrawlState(path) as state:
        assert (state.is_operating(300), state.is_operating(400), state.is_operating(500)) == (True, True, False)
        assert state.verdict(300) is CikVerdict.ABS  # the SIC still decides
        assert state.verdict(400) is CikVerdict.UNKNOWN  # the mark alone is the selection's business
        state.record(400, sic=2834, name="ZENITH PHARMA INC", source="header")
        assert state.is_operating(400) and state.verdict(400) is CikVerdict.NOT_ABS


def test_a_state_of_schema_1_is_migrated_in_place(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO ciks VALUES (700, 6189, 'OLD TRUST', 'header', '2026-01-01')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with SqliteCrawlState(path) as state:
        assert state.schema_version == len(MIGRATIONS)
        assert state.verdict(700) is CikVerdict.ABS and not state.is_operating(700)
        state.mark_operating([700])
        assert state.is_operating(700) and state.verdict(700) is CikVerdict.ABS


def test_seeded_ciks_are_abs_for_good(path: Path) -> None:
    seeded = min(SEED_ABS_CIKS)
    with SqliteCrawlState(path) as state:
        assert state.verdict(seeded) is CikVerdict.ABS
        state.record(seeded, sic=6022, name="RENAMED", source="submissions")
        assert state.verdict(seeded) is CikVerdict.ABS


def test_records_iterate_in_key_order_and_can_be_changed_while_iterating(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        for key in ("b", "a", "c"):
            state.put_record("se_records", key, {"k": key})
        state.put_record("other", "a", {"x": 1})
        seen = []
        for key, value in state.iter_records("se_records"):
            seen.append((key, value["k"]))
            state.delete_record("se_records", key)
        assert seen == [("a", "a"), ("b", "b"), ("c", "c")]
        assert list(state.iter_records("se_records")) == [] and state.get_record("other", "a") == {"x": 1}
        with pytest.raises(StorageError, match="JSON"):
            state.put_record("se_records", "bad", {"when": date(2004, 4, 1)})


def test_last_runs_newest_first_and_unknown_run(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        for run_id in ("r1", "r2", "r3"):
            state.start_run(run_id, mode="incremental", start=None, end=None)
        assert [r["run_id"] for r in state.last_runs(2)] == ["r3", "r2"]
        assert state.last_runs(1)[0]["finished_at"] is None
        with pytest.raises(StorageError, match="never started"):
            state.finish_run("nope", status="finished")


def test_usable_from_several_threads(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        def commit_many(prefix: int) -> None:
            for i in range(50):
                state.apply_commit(_commit(f"m{prefix}-{i}", [f"{prefix:010d}-04-{i:06d}"]))
        threads = [threading.Thread(target=commit_many, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert state.committed_count("8-K") == 200


def test_schema_is_versioned(path: Path) -> None:
    with SqliteCrawlState(path) as state:
        assert state.schema_version == len(MIGRATIONS)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StorageError, match="newer than this program"):
        SqliteCrawlState(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="cannot open crawl state"):
        SqliteCrawlState(path)


def test_default_state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDGAR_STATE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    assert default_state_dir(str(tmp_path / "out")) == tmp_path / "out" / "_state"
    assert default_state_dir("s3://bucket/archive/edgar/") == \
        tmp_path / "home" / ".local" / "state" / "edgar-archive" / "bucket_archive_edgar"
    monkeypatch.setenv("EDGAR_STATE_DIR", str(tmp_path / "elsewhere"))
    assert default_state_dir("s3://bucket/x") == tmp_path / "elsewhere"


def test_repeating_the_last_facts_of_a_cik_writes_nothing(path: Path) -> None:
    def updated_at(cik: int) -> str:
        with sqlite3.connect(path) as db:
            return db.execute("SELECT updated_at FROM ciks WHERE cik = ?", (cik,)).fetchone()[0]

    with SqliteCrawlState(path) as state:
        state.record(7, sic=6189, name="SOME TRUST 2004-1", source="header")
        first = updated_at(7)
        state.record(7, sic=6189, name="SOME TRUST 2004-1", source="header")
        assert updated_at(7) == first  # same facts again: no write
        state.record(7, sic=None, name="", source="header")
        state.record(7, sic=6189, name="SOME TRUST 2004-2", source="header")
        assert updated_at(7) > first
        assert state.verdict(7) is CikVerdict.ABS
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM ciks WHERE cik = 7").fetchone() == ("SOME TRUST 2004-2",)
