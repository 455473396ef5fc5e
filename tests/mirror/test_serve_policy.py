"""Pure rules of ``mirror serve``: User-Agent check, rate block state machine, fault plan, path and cache rules."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from crawler.mirror.serve_files import accepts_gzip, is_not_modified, resolve_request_path
from crawler.mirror.serve_policy import (
    FaultKind,
    FaultPlan,
    Latency,
    RateGate,
    has_contact_email,
    parse_fault_kinds,
    parse_latency,
)


@pytest.mark.parametrize(
    ("agent", "declared"),
    [
        ("Org contact@org.example", True),
        ("Sample Company Name AdminContact@samplecompany.com", True),
        ("edgar-archive/0.1 (ops+edgar@bank.co.uk)", True),
        (None, False),
        ("", False),
        ("python-requests/2.32", False),
        ("Org contact@localhost", False),
        ("Org @org.example", False),
    ],
)
def test_has_contact_email(agent: str | None, declared: bool) -> None:
    assert has_contact_email(agent) is declared


def test_gate_blocks_the_request_over_the_limit_in_a_sliding_second() -> None:
    gate = RateGate(limit=3, block_seconds=10)
    assert [gate.admit(t) for t in (0.0, 0.1, 0.2)] == [True, True, True]
    assert gate.admit(0.3) is False  # 4 requests within 1 s
    assert gate.blocked_until == pytest.approx(10.3)


def test_gate_window_slides() -> None:
    gate = RateGate(limit=2, block_seconds=5)
    # never more than 2 arrivals in any half-open 1-s window (t-1, t]
    assert all(gate.admit(t) for t in (0.0, 0.6, 1.0, 1.6, 2.0, 2.6))
    assert gate.admit(2.7) is False


def test_requests_during_a_block_are_refused_and_extend_it() -> None:
    gate = RateGate(limit=1, block_seconds=2)
    assert gate.admit(0.0) is True
    assert gate.admit(0.5) is False  # block until 2.5
    assert gate.admit(2.0) is False  # inside the block: refused, block now until 4.0
    assert gate.blocked_until == pytest.approx(4.0)
    assert gate.is_blocked(3.9) is True
    assert gate.admit(4.0) is True  # block over, window (3.0, 4.0] holds one arrival


def test_a_block_started_on_demand_holds_and_is_extended_by_requests() -> None:
    gate = RateGate(limit=0, block_seconds=2)
    assert gate.admit(0.0) is True
    gate.block(1.0)
    assert gate.admit(1.5) is False  # refused, and the block now runs until 3.5
    assert gate.admit(3.4) is False
    assert gate.admit(5.5) is True


def test_gate_with_limit_zero_never_blocks() -> None:
    gate = RateGate(limit=0, block_seconds=1)
    assert all(gate.admit(i / 1000) for i in range(1000))
    assert gate.blocked_until is None


def test_fault_plan_is_reproducible_and_uses_the_whole_mix() -> None:
    paths = [f"/Archives/edgar/data/{n}/x.txt" for n in range(300)]
    first = _draws(FaultPlan(0.4, seed=11), paths)
    again = _draws(FaultPlan(0.4, seed=11), paths)
    assert first == again
    assert _draws(FaultPlan(0.4, seed=12), paths) != again
    counts = Counter(again)
    assert set(counts) == {None, *FaultKind}
    assert 0.3 < (len(paths) - counts[None]) / len(paths) < 0.5  # about the fault rate


def _draws(plan: FaultPlan, paths: list[str]) -> list[FaultKind | None]:
    return [plan.draw(p) for p in paths]


def test_fault_plan_ignores_ineligible_paths_without_consuming_draws() -> None:
    filings = [f"/Archives/edgar/data/{n}/x.txt" for n in range(50)]
    plain = _draws(FaultPlan(0.5, seed=3), filings)
    plan = FaultPlan(0.5, seed=3)
    mixed = []
    for path in filings:
        assert plan.draw("/Archives/edgar/daily-index/2004/QTR2/index.json") is None
        assert plan.draw("/submissions/CIK0000000001.json") is None
        mixed.append(plan.draw(path))
    assert mixed == plain


def test_fault_plan_rates_and_kinds() -> None:
    path = "/Archives/edgar/data/1/x.txt"
    assert all(FaultPlan(1.0, seed=1).draw(path) is not None for _ in range(50))
    assert FaultPlan(0.0, seed=1).draw(path) is None
    only_resets = FaultPlan(1.0, seed=1, kinds=(FaultKind.RESET,))
    assert {only_resets.draw(path) for _ in range(20)} == {FaultKind.RESET}
    custom = FaultPlan(1.0, seed=1, paths=r"\.json$")
    assert custom.draw(path) is None and custom.draw("/submissions/CIK1.json") is not None
    with pytest.raises(ValueError):
        FaultPlan(1.5, seed=1)


def test_parse_fault_kinds() -> None:
    assert parse_fault_kinds("slow, 500") == (FaultKind.SERVER_ERROR, FaultKind.SLOW)
    with pytest.raises(ValueError, match="timeout"):
        parse_fault_kinds("500,timeout")


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate", True),
        ("deflate, x-gzip", True),
        ("*", True),
        ("GZIP;q=0.5", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, identity", False),
        ("br, deflate", False),
        (None, False),
    ],
)
def test_accepts_gzip(header: str | None, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted


def test_resolve_refuses_symlinks_out_of_the_served_roots(tmp_path: Path) -> None:
    (tmp_path / "_truth").mkdir()
    (tmp_path / "_truth" / "filings.jsonl").write_text("secret")
    (tmp_path / "Archives" / "edgar").mkdir(parents=True)
    (tmp_path / "Archives" / "edgar" / "ok.idx").write_text("ok")
    os.symlink(tmp_path / "_truth" / "filings.jsonl", tmp_path / "Archives" / "edgar" / "link.idx")
    root = tmp_path.resolve()
    assert resolve_request_path(root, b"/Archives/edgar/ok.idx") is not None
    assert resolve_request_path(root, b"/Archives/edgar/link.idx") is None
    assert resolve_request_path(root, b"/Archives/edgar/ok.idx%00") is None
    assert resolve_request_path(root, b"/Archives/edgar/%ff.idx") is None
    assert resolve_request_path(root, b"/Archives/edgar/..%5c..%5c_truth%5cfilings.jsonl") is None


def test_if_none_match_wins_over_if_modified_since(tmp_path: Path) -> None:
    path = tmp_path / "Archives" / "edgar" / "a.idx"
    path.parent.mkdir(parents=True)
    path.write_text("x")
    os.utime(path, (1081288800, 1081288800))
    file = resolve_request_path(tmp_path.resolve(), b"/Archives/edgar/a.idx")
    assert file is not None
    since = "Tue, 06 Apr 2004 22:00:00 GMT"
    assert is_not_modified(file, None, since) is True
    assert is_not_modified(file, '"other"', since) is False
    assert is_not_modified(file, f'W/{file.etag()}, "other"', None) is True
    assert is_not_modified(file, file.etag(gzipped=True), None) is True
    assert is_not_modified(file, "*", None) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", (0.0, 0.0)), ("150", (0.15, 0.0)), ("150:50", (0.15, 0.05)), ("2.5:0.5", (0.0025, 0.0005))],
)
def test_parse_latency(text: str, expected: tuple[float, float]) -> None:
    assert parse_latency(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "fast", "150:", ":50", "150:50:10", "-1", "150:-5", "nan", "inf:0"])
def test_parse_latency_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="latency|MS"):
        parse_latency(text)


def test_latency_draws_stay_within_the_jitter_and_replay_with_the_seed() -> None:
    latency = Latency(0.15, 0.05, seed=7)
    draws = [latency.draw() for _ in range(2000)]
    assert all(0.1 <= draw <= 0.2 for draw in draws)
    assert min(draws) < 0.105 and max(draws) > 0.195  # the whole band is used
    replay = Latency(0.15, 0.05, seed=7)
    assert [replay.draw() for _ in range(2000)] == draws


def test_latency_never_negative_and_off_when_zero() -> None:
    assert not Latency()
    assert Latency(0.0, 0.01)
    assert Latency(0.15).draw() == 0.15
    latency = Latency(0.01, 0.05, seed=1)
    assert min(latency.draw() for _ in range(500)) == 0.0
