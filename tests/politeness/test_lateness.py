from __future__ import annotations

import random

import pytest

from crawler.politeness.lateness import LatenessJudge

MARGIN = 0.025


def test_the_first_answer_is_always_late() -> None:
    assert LatenessJudge(MARGIN).is_late(0.0, 0.001)


def test_a_send_held_in_the_client_longer_than_the_margin_is_late() -> None:
    judge = LatenessJudge(MARGIN)
    for _ in range(10):
        judge.is_late(0.0, 0.15)
    assert not judge.is_late(0.02, 0.15)
    assert judge.is_late(0.03, 0.15)


def test_the_usual_round_trip_covers_a_uniform_jitter() -> None:
    judge, draw = LatenessJudge(MARGIN), random.Random(3)
    late = [judge.is_late(0.0, draw.uniform(0.1, 0.2)) for _ in range(2000)]  # mirror serve --latency 150:50
    assert sum(late[20:]) == 0  # once a few answers are known, none of the jitter counts as late
    assert sum(late[:20]) <= 3
    usual = judge.usual_round_trip()  # about median 0.15 + 2 * (0.15 - 0.10), from the last 64
    assert usual is not None and 0.2 <= usual <= 0.3


def test_a_round_trip_beyond_the_usual_by_more_than_the_margin_is_late() -> None:
    judge, draw = LatenessJudge(MARGIN), random.Random(4)
    for _ in range(64):
        judge.is_late(0.0, draw.uniform(0.1, 0.2))
    usual = judge.usual_round_trip()
    assert usual is not None
    assert not judge.is_late(0.0, usual + MARGIN * 0.9)
    assert judge.is_late(0.0, usual + MARGIN * 1.1)  # e.g. a TLS handshake first: two more round trips


def test_late_sends_do_not_move_the_usual_while_they_are_fewer_than_half() -> None:
    judge = LatenessJudge(MARGIN)
    judge.is_late(0.0, 0.45)  # the first request opened the connection
    for index in range(63):
        round_trip = 0.45 if index % 3 == 2 else 0.1  # one send in three opens a connection: 0.35 s late
        assert judge.is_late(0.0, round_trip) is (round_trip == 0.45)


def test_a_lasting_change_of_round_trips_becomes_the_usual() -> None:
    judge = LatenessJudge(MARGIN)
    for _ in range(64):
        judge.is_late(0.0, 0.05)
    later = [judge.is_late(0.0, 0.3) for _ in range(64)]  # the network got slower for good
    assert all(later[:32]) and not any(later[33:])
