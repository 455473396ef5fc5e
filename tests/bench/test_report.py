"""bench/report.py: a results file written by `bench.run --only ...` names the sections it kept from earlier runs."""

from __future__ import annotations

from bench.report import _kept_sections


def test_sections_kept_from_an_earlier_run_are_named_with_their_commit() -> None:
    results = {"sections_measured_now": ["cm_parse"], "git": "bbb",
               "cm_parse": {"load_average_after": [1.0], "git": "bbb"},
               "rebuild": {"load_average_after": [1.0], "git": "aaa"},
               "crawl_unthrottled": {"load_average_after": [1.0]},
               "machine": {"cpus": 2}}
    [_blank, line] = _kept_sections(results)
    assert line == ("Measured in this run: cm_parse. Kept from earlier runs: rebuild (at aaa), "
                    "crawl_unthrottled (at a commit not recorded).")


def test_a_run_of_every_section_keeps_none() -> None:
    results = {"sections_measured_now": ["cm_parse"], "cm_parse": {"load_average_after": [1.0], "git": "bbb"}}
    assert _kept_sections(results) == []
