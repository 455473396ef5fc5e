"""Typing of printed CM texts (vocabulary rules): prices in 32nds, numbers, percentages, dates, scenarios, labels."""

from __future__ import annotations

from datetime import date

from crawler.edgar.cm import values as v


def test_prices_in_32nds_and_decimals() -> None:
    assert v.price("96-04") == 96.125
    assert v.price("99-24+") == 99.765625
    assert v.price("100-15.50") == 100.484375
    assert v.price("99-24.000") == 99.75
    assert v.price("104.125000") == 104.125
    assert v.price("0.280000") == 0.28
    assert [v.price(t) for t in ("99-32", "99-248", "Price", "", None, "11/04")] == [None] * 6


def test_numbers_percentages_and_nulls() -> None:
    assert v.number("5.497") == 5.497 and v.number("-4.51") == -4.51
    assert v.number("330,000,000.00") == 330_000_000.0 and v.number("$20,000,000.00") == 20_000_000.0
    assert v.number("(4.51)") == -4.51 and v.number("($1,000)") == -1000.0
    assert v.number("14.62%") == 14.62
    assert [v.number(t) for t in ("N/A", "NA", "NM", "*", "-", "", None, "1,2,3", "(4.51", "Jul05", "5.1 5.2")] == \
        [None] * 11
    assert v.amount_and_percent("109,634,656.87 (14.62%)") == (109634656.87, 14.62)
    assert v.amount_and_percent("17.18") == (17.18, None)
    assert v.integer("360") == 360 and v.integer("359.5") is None and v.integer("24") == 24


def test_dates_with_two_digit_years() -> None:
    assert v.calendar_date("7/1/2005") == date(2005, 7, 1)
    assert v.calendar_date("06/01/2005") == date(2005, 6, 1)
    assert v.calendar_date("08/30/04") == date(2004, 8, 30)
    assert v.calendar_date("28-Oct-2004") == date(2004, 10, 28)
    assert v.calendar_date("01-Oct-04") == date(2004, 10, 1)
    assert v.calendar_date("01-Oct-49") == date(2049, 10, 1) and v.calendar_date("01-Oct-50") == date(1950, 10, 1)
    assert [v.calendar_date(t) for t in ("11/04", "2/30/2005", "01-Foo-04", "", None)] == [None] * 5


def test_scenarios_speed_and_unit() -> None:
    assert v.scenario("100 PPC") == (100.0, "PPC") and v.scenario("65PPC") == (65.0, "PPC")
    assert v.scenario("100% PPC") == (100.0, "PPC") and v.scenario("15 CPR") == (15.0, "CPR")
    assert v.scenario("200 PSA") == (200.0, "PSA") and v.scenario("6 CPB") == (6.0, "CPB")
    assert v.scenario("1.5 cpr") == (1.5, "CPR")
    assert [v.scenario(t) for t in ("Forward LIBOR + 150", "1", "", None)] == [(None, None)] * 4


def test_labels_and_measures() -> None:
    assert v.label_number("35% Severity") == 35.0 and v.label_number("5.50") == 5.5
    assert v.label_number("WAL") is None and v.label_number("28-Oct-04") is None
    assert v.measure("Mod Durn") == "mod_duration" and v.measure("CBE Yield (%):") == "yield"
    assert v.measure("Average Life (years):") == "wal" and v.measure("WAL (yrs)") == "wal"
    assert v.measure("Disc Margin") == "discount_margin" and v.measure("Collat Cum Group Loss") == "cum_loss"
    assert v.measure("Mod Convexity") == "mod_convexity" and v.measure("#Pools") == "pools"
    assert v.measure("") is None and v.measure(None) is None
    assert v.header_fact("WAC(1)") == "wac" and v.header_fact("Mult/Margin") == "margin"
    assert v.header_fact("Settlement:") == "settle_date" and v.header_fact("Settlement Date") is None
    assert v.header_fact("Deal Size") is None
    assert v.numbers_in("1.00 / 0.50") == [1.0, 0.5] and v.numbers_in("9 / x") == []
