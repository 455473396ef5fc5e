"""Which sends may have reached the server later than their slot, told from their answers.

Grants are evenly spaced, and the spacing absorbs a send reaching the server up to ``tolerance`` seconds later
than its neighbours (:attr:`~crawler.politeness.limiter.SpacingRule.tolerance`). A send can be later than that: it was held in the client between its grant and the
wire (a busy event loop, a descheduled process), or its connection had to be opened first (TCP and TLS
handshakes: one to three round trips). It then arrives next to sends granted after it, and one second could hold
a request too many. Counting every send from its answer (0.3.0) ruled that out, at the price of the round trip
on every send (``rate / (1 + latency)``). Here only the sends whose answers show they may have been late are
counted again (:meth:`~crawler.politeness.limiter.RateLimiter.charge_late`), which costs nothing while the round
trips are as usual:

- the time from the grant to the start of the download is known exactly (``held``);
- a round trip slower than the usual ones may have been slow on the way in. "Usual" is the median of the last 64
  round trips plus twice its distance to the fastest: it covers the spread of ordinary round trips (all of a
  uniform jitter), and it does not move while fewer than half of the recent sends were late.

A send counts as late when ``held`` plus its round trip's excess over the usual exceeds the tolerance; the first
answer of a client, with nothing to compare it with, always does. Being late on the way in cannot be told from
being late on the way back, so both count. What this cannot see: a send late by less than the spread of the
round trips, when that spread is wider than the tolerance (at ``mirror serve --latency 150:50``, lateness under
about 175 ms); and late sends while half of the recent ones were late too.
"""

from __future__ import annotations

from collections import deque

HISTORY = 64


class LatenessJudge:
    """Judges each answered send of one client (one crawl, one helper session); not thread-safe."""

    def __init__(self, tolerance: float, history: int = HISTORY) -> None:
        self.tolerance = tolerance
        self._round_trips: deque[float] = deque(maxlen=history)

    def usual_round_trip(self) -> float | None:
        """The slowest round trip still as usual (None before the first answer); see the module docstring."""
        if not self._round_trips:
            return None
        ordered = sorted(self._round_trips)
        median = ordered[(len(ordered) - 1) // 2]  # the lower median: with two, the faster
        return median + 2 * (median - ordered[0])

    def is_late(self, held: float, round_trip: float) -> bool:
        """Judge one answered send, then remember its round trip.

        ``held``: seconds from the grant to the start of the download; ``round_trip``: from the start of the
        download to the answer's headers (or to the failure).
        """
        usual = self.usual_round_trip()
        self._round_trips.append(round_trip)
        if usual is None:
            return True
        return max(0.0, held) + max(0.0, round_trip - usual) > self.tolerance
