"""The busiest one-second window of a run's sends (crawler.peak_rate)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from scrapy import Request, signals
from scrapy.utils.test import get_crawler

from crawler.peak_rate import CAP_STAT, PEAK_STAT, BusiestWindow, PeakRateExtension


def brute_force_peak(times: list[float], width: float = 1.0) -> int:
    return max((sum(1 for u in times if t - width < u <= t) for t in times), default=0)


def test_a_window_is_half_open_one_second() -> None:
    window = BusiestWindow()
    assert [window.add(t) for t in (0.0, 0.5, 0.99, 1.0, 1.5, 3.0)] == [1, 2, 3, 3, 3, 1]
    assert window.peak == 3


@given(st.lists(st.floats(min_value=0, max_value=30, allow_nan=False), max_size=80))
def test_the_peak_is_the_most_events_in_any_one_second_window(times: list[float]) -> None:
    times = sorted(times)
    window = BusiestWindow()
    for t in times:
        window.add(t)
    assert window.peak == brute_force_peak(times)


def test_the_extension_counts_requests_reaching_the_downloader_and_records_the_cap() -> None:
    crawler = get_crawler(settings_dict={"EDGAR_RATE": 7.5})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    times = iter([10.0, 10.2, 10.4, 11.3, 11.35, 11.38, 11.39, 13.0])
    extension = PeakRateExtension(crawler, clock=lambda: next(times))  # held: signals keep weak references
    assert crawler.stats.get_value(CAP_STAT) == 7.5
    assert crawler.stats.get_value(PEAK_STAT) == 0
    for n in range(8):
        crawler.signals.send_catch_log(signals.request_reached_downloader,
                                       request=Request(f"http://127.0.0.1/{n}"), spider=None)
    assert crawler.stats.get_value(PEAK_STAT) == 5  # 10.4 .. 11.39
    assert extension.window.peak == 5
