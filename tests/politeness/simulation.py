"""A crawl through a limiter in simulated time: sends granted, reaching the server, answered, judged.

Each request of a backlog has an outbound delay (grant to arrival at the server: the network, or a connection
to open first) and a return delay (arrival to the answer's headers). Up to ``concurrency`` are in flight; every
answer is judged by a :class:`LatenessJudge` at its time, in time order with the grants, and a late send is
charged. Nothing sleeps: time jumps to the next event.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.politeness.lateness import LatenessJudge
from crawler.politeness.limiter import RateLimiter


@dataclass(frozen=True, slots=True)
class Trip:
    outbound: float
    back: float


@dataclass(frozen=True, slots=True)
class Sent:
    granted: float
    arrived: float
    answered: float
    charged: bool


def simulate(limiter: RateLimiter, trips: list[Trip], *, judge: LatenessJudge | None = None,
             concurrency: int = 8, start: float = 1000.0) -> list[Sent]:
    """Send one request per trip, in order, as soon as the limiter and the concurrency allow."""
    now = start
    in_flight: list[tuple[float, float, float]] = []  # (answered, granted, arrived)
    sent: list[Sent] = []

    def answer_until(moment: float) -> None:
        for answered, granted, arrived in sorted(entry for entry in in_flight if entry[0] <= moment):
            in_flight.remove((answered, granted, arrived))
            late = judge is not None and judge.is_late(0.0, answered - granted)
            if late:
                limiter.charge_late(answered)
            sent.append(Sent(granted, arrived, answered, late))

    for trip in trips:
        while True:
            answer_until(now)
            if len(in_flight) >= concurrency:
                now = min(entry[0] for entry in in_flight)
                continue
            wait = limiter.try_acquire(now)
            if wait == 0.0:
                in_flight.append((now + trip.outbound + trip.back, now, now + trip.outbound))
                break
            now = min([now + wait] + [entry[0] for entry in in_flight if entry[0] > now])
    answer_until(float("inf"))
    return sorted(sent, key=lambda one: one.granted)


def peak_in_window(times: list[float], window: float = 1.0) -> int:
    """The most times in any half-open window ``[t, t + window)``: what SEC's sliding second counts."""
    ordered, peak, first = sorted(times), 0, 0
    for last, at in enumerate(ordered):
        while at - ordered[first] >= window:
            first += 1
        peak = max(peak, last - first + 1)
    return peak
