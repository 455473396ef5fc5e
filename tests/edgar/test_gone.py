"""When a submission that keeps answering "missing" is given up as gone."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.edgar.gone import GoneLimits, MissingHistory, describe, record_missing
from crawler.errors import ConfigError

D0 = date(2006, 7, 3)


def history_of(*days: date, status: int = 404) -> MissingHistory:
    history = None
    for day in days:
        history = record_missing(history, status, day)
    assert history is not None
    return history


def test_the_history_counts_runs_and_keeps_first_and_last_day() -> None:
    history = history_of(D0, date(2006, 7, 5), date(2006, 7, 4))
    assert history == MissingHistory(first_seen=D0, last_seen=date(2006, 7, 5), runs=3, last_status=404)
    assert record_missing(history, 403, date(2006, 7, 6)).last_status == 403


def test_defaults_are_five_runs_and_thirty_days() -> None:
    assert (GoneLimits().runs, GoneLimits().days) == (5, 30)


def test_gone_after_the_runs_limit() -> None:
    limits = GoneLimits()
    nightly = [date(2006, 7, day) for day in (3, 5, 6, 7, 10)]
    assert [limits.reached(history_of(*nightly[:n])) for n in range(1, 6)] == [False, False, False, False, True]


def test_gone_after_the_days_limit_whichever_comes_first() -> None:
    limits = GoneLimits()
    assert not limits.reached(history_of(D0, date(2006, 8, 1)))  # 29 days, 2 runs
    assert limits.reached(history_of(D0, date(2006, 8, 2)))  # 30 days, 2 runs
    assert GoneLimits(runs=1).reached(history_of(D0))
    assert GoneLimits(runs=9, days=0).reached(history_of(D0))


def test_history_round_trips_through_json() -> None:
    history = history_of(D0, date(2006, 7, 5), status=403)
    assert MissingHistory.from_json(history.to_json()) == history


@pytest.mark.parametrize(("runs", "days"), [(0, 30), (-1, 30), (5, -1)])
def test_limits_out_of_range_are_refused(runs: int, days: int) -> None:
    with pytest.raises(ConfigError):
        GoneLimits(runs=runs, days=days)


def test_describe_states_the_history_and_the_way_back() -> None:
    text = describe(history_of(D0, date(2006, 7, 5)), GoneLimits())
    assert "HTTP 404 in 2 run(s) from 2006-07-03 to 2006-07-05" in text and "--retry-gone" in text
