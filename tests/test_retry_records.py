"""The crawl state's retry and gone records of submissions, on a real SQLite state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from crawler.edgar.gone import GoneLimits
from crawler.edgar.selection import Candidate, Filer
from crawler.retry_records import GONE_NAMESPACE, RETRY_NAMESPACE, SubmissionRetries, candidate_from_json, gone_filings
from crawler.store.state import SqliteCrawlState
from crawler.store.writer import Commit

CANDIDATE = Candidate(accession="0001056404-06-001655", form_type="8-K", date_filed=date(2006, 6, 30),
                      filers=(Filer(1292142, "CWALT INC"),), path="Archives/edgar/data/1292142/0001056404-06-001655.txt",
                      kind="8-K", reason="seed:1292142")
LIMITS = GoneLimits(runs=3, days=30)


@pytest.fixture
def state(tmp_path: Path) -> Iterator[SqliteCrawlState]:
    opened = SqliteCrawlState(tmp_path / "state.sqlite")
    yield opened
    opened.close()


def run_on(state: SqliteCrawlState, day: date, *, retry_gone: bool = False) -> tuple[SubmissionRetries, list[str]]:
    """A new run's view, as the spider opens it: the accessions it fetches again."""
    retries = SubmissionRetries(state, LIMITS, as_of=day, retry_gone=retry_gone)
    return retries, [c.accession for c in retries.load()]


def test_missing_answers_move_a_filing_to_gone_after_the_runs_limit(state: SqliteCrawlState) -> None:
    outcomes, fetched = [], []
    for day in (date(2006, 7, 3), date(2006, 7, 5), date(2006, 7, 6), date(2006, 7, 7)):
        retries, again = run_on(state, day)
        fetched.append(again)
        if retries.skips(CANDIDATE.accession):
            outcomes.append("skipped")
            continue
        outcomes.append("gone" if retries.failed(CANDIDATE, 404) else "retry")
    assert outcomes == ["retry", "retry", "gone", "skipped"]
    assert fetched == [[], [CANDIDATE.accession], [CANDIDATE.accession], []]
    assert state.get_record(RETRY_NAMESPACE, CANDIDATE.accession) is None
    assert gone_filings(state) == [{
        "accession": CANDIDATE.accession, "path": CANDIDATE.path, "kind": "8-K", "date_filed": "2006-06-30",
        "first_seen": "2006-07-03", "last_seen": "2006-07-06", "runs": 3, "last_status": 404,
        "gone_on": "2006-07-06"}]


def test_other_failures_are_retried_without_counting_towards_gone(state: SqliteCrawlState) -> None:
    for day in (date(2006, 7, 3), date(2006, 7, 5), date(2006, 7, 6), date(2006, 7, 7)):
        retries, _ = run_on(state, day)
        assert retries.failed(CANDIDATE, None) is None  # a 5xx after retries, a reset, a truncated body
    record = state.get_record(RETRY_NAMESPACE, CANDIDATE.accession)
    assert record is not None and "missing" not in record
    assert candidate_from_json(record) == CANDIDATE


def test_retry_gone_fetches_a_gone_filing_and_success_forgets_it(state: SqliteCrawlState) -> None:
    for day in (date(2006, 7, 3), date(2006, 7, 5), date(2006, 7, 6)):
        run_on(state, day)[0].failed(CANDIDATE, 403)
    retries, again = run_on(state, date(2006, 7, 7), retry_gone=True)
    assert again == [CANDIDATE.accession] and not retries.skips(CANDIDATE.accession)
    retries.succeeded(CANDIDATE.accession)
    assert list(state.iter_records(GONE_NAMESPACE)) == [] and list(state.iter_records(RETRY_NAMESPACE)) == []


def test_a_gone_filing_retried_in_vain_stays_gone_with_one_more_run(state: SqliteCrawlState) -> None:
    for day in (date(2006, 7, 3), date(2006, 7, 5), date(2006, 7, 6)):
        run_on(state, day)[0].failed(CANDIDATE, 404)
    retries, _ = run_on(state, date(2006, 7, 20), retry_gone=True)
    history = retries.failed(CANDIDATE, 404)
    assert history is not None and history.runs == 4 and history.last_seen == date(2006, 7, 20)
    assert [g["runs"] for g in gone_filings(state)] == [4]
    assert list(state.iter_records(RETRY_NAMESPACE)) == []


def test_records_of_archived_filings_are_dropped_at_load(state: SqliteCrawlState) -> None:
    run_on(state, date(2006, 7, 3))[0].failed(CANDIDATE, 404)
    state.apply_commit(Commit(manifest_id="m1", files={}, keys={"filings": [CANDIDATE.accession]}, rows={"filings": 1}))
    assert run_on(state, date(2006, 7, 5))[1] == []
    assert state.get_record(RETRY_NAMESPACE, CANDIDATE.accession) is None


def test_a_record_written_before_histories_existed_still_loads(state: SqliteCrawlState) -> None:
    old = {"accession": CANDIDATE.accession, "form_type": "8-K", "date_filed": "2006-06-30",
           "filers": [{"cik": 1292142, "company_name": "CWALT INC"}], "path": CANDIDATE.path, "kind": "8-K",
           "reason": "seed:1292142"}
    state.put_record(RETRY_NAMESPACE, CANDIDATE.accession, old)
    retries, again = run_on(state, date(2006, 7, 5))
    assert again == [CANDIDATE.accession]
    assert retries.failed(CANDIDATE, 404) is None
    assert state.get_record(RETRY_NAMESPACE, CANDIDATE.accession)["missing"]["runs"] == 1
