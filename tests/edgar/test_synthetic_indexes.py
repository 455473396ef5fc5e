"""Every index file of the synthetic mirror (all layouts and eras) against its ground truth, and the
selection's recall of ABS 8-Ks when the crawl's steps (plan, parse, select, look up) are replayed."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cli import main
from tests.edgar.synthetic_score import expected_rows, index_mismatches, index_paths, read_jsonl, score_selection

MIN_RECALL = 0.995


def test_every_synthetic_index_file_matches_the_truth(small_mirror: Path) -> None:
    names = {path.name.split(".")[0] + (".gz" if path.name.endswith(".gz") else "") for path in index_paths(small_mirror)}
    assert {"form", "company", "master", "form.gz", "company.gz", "master.gz"} <= names  # all layouts are exercised
    files, problems = index_mismatches(small_mirror)
    assert files > 0
    assert problems == {}


def test_truth_rows_are_all_listed(small_mirror: Path) -> None:
    truth = read_jsonl(small_mirror / "_truth" / "index_rows.jsonl")
    listed = {row["daily_file"] for row in truth}
    assert all((small_mirror / path).exists() for path in listed)


def test_abs_8k_recall_from_quarterly_indexes(small_mirror: Path) -> None:
    score = score_selection(small_mirror)
    assert score["abs_8k_accessions"] > 0
    assert score["recall"] >= MIN_RECALL, score["missed"]


def test_abs_8k_recall_from_daily_indexes_found_through_listings(small_mirror: Path) -> None:
    score = score_selection(small_mirror, daily=True)
    assert score["recall"] >= MIN_RECALL, score["missed"]


def test_parse_index_command_on_every_layout(small_mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every quarterly file, and the daily files of each quarter's first listed day (all layouts, plain and .gz)."""
    paths = index_paths(small_mirror)
    first_days = {min(p.name.split(".")[1] for p in paths if p.parent == folder) for folder in {p.parent for p in paths}}
    chosen = [p for p in paths if "full-index" in p.parts or p.name.split(".")[1] in first_days]
    assert len(chosen) < len(paths)
    code = main(["parse-index", *map(str, chosen)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    expected = expected_rows(small_mirror)
    assert out.count("\n") == sum(sum(expected[p.relative_to(small_mirror).as_posix()].values()) for p in chosen)
