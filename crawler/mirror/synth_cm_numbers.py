"""Numbers of synthetic Computational Materials and how desk tools print them.

Each printer takes a number already on the printed grid (an integer count of thousandths, cents or 64ths of
a point) and returns a :class:`Cell` whose ``value`` is that exact number, so the text and the typed value
never disagree. The bond arithmetic is the textbook approximation a reader would recognise: yields fall as
the price rises, discount bonds gain yield at faster prepayment speeds, interest-only strips go above 100%
and below zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

from crawler.mirror.synth_calendar import MONTH_ABBR
from crawler.mirror.synth_cm_model import Cell


_SCALES = tuple(10**places for places in range(10))
_FORMATS = tuple(f"{{:.{places}f}}".format for places in range(10))


def fixed(x: float, places: int) -> Cell:
    """``x`` rounded to ``places`` decimals, printed with exactly that many."""
    scale = _SCALES[places]
    value = round(x * scale) / scale
    return Cell(_FORMATS[places](value), value)


def amount(cents: int, dollar: bool = False, places: int = 2) -> Cell:
    """``$351,063,829.80`` / ``330,000,000.00`` / ``$205,128,205`` (``places`` 0) from a whole number of cents."""
    value = cents / 100 if places else float(cents // 100)
    text = f"{value:,.{places}f}"
    return Cell(f"${text}" if dollar else text, value)


def amount_with_percent(cents: int, hundredths: int) -> Cell:
    """``109,634,656.87 (14.62%)``."""
    return Cell(f"{cents / 100:,.2f} ({hundredths / 100:.2f}%)", cents / 100, hundredths / 100)


# --- prices: 64ths of a point, printed in 32nds or as decimals ------------------------------------------
PRICE_STYLES = ("32", "plus", "dec2", "dec3", "decimal6", "decimal3")


def price_text(sixty_fourths: int, style: str) -> str:
    """``96-04``, ``99-24+``, ``100-15.50``, ``99-24.000``, ``104.125000``, ``101.500``."""
    handle, rest = divmod(sixty_fourths, 64)
    ticks, half = divmod(rest, 2)
    if style == "decimal6":
        return f"{sixty_fourths / 64:.6f}"
    if style == "decimal3":
        return f"{sixty_fourths / 64:.3f}"
    if style == "dec2":
        return f"{handle}-{rest / 2:05.2f}"
    if style == "dec3":
        return f"{handle}-{rest / 2:06.3f}"
    if half and style == "plus":
        return f"{handle}-{ticks:02d}+"
    return f"{handle}-{ticks:02d}"


def can_print(sixty_fourths: int, style: str) -> bool:
    """Whether ``style`` shows this price exactly (plain 32nds have no half ticks; 3 decimals no 64ths)."""
    if style == "32":
        return sixty_fourths % 2 == 0
    if style == "decimal3":
        return sixty_fourths % 8 == 0
    return True


# --- bond arithmetic ----------------------------------------------------------------------------------
def speed_factor(unit: str | None, speed: float, column: int) -> float:
    """Prepayment speed relative to the pricing speed (1.0); numbered columns speed up one by one."""
    if unit in ("PPC", "CPB"):
        return speed / 100 if unit == "PPC" else speed / 15
    if unit == "CPR":
        return speed / 15
    if unit == "PSA":
        return speed / 250
    return 0.15 + 0.3 * column


def wal_at(long_wal: float, pace: float, factor: float) -> float:
    """Average life in years: ``long_wal`` at no prepayment, shrinking as the speed rises."""
    return max(0.25, long_wal / (1.0 + pace * factor))


def yield_of(price: float, coupon: float, wal: float) -> float:
    """Approximate yield to maturity (%) of a bond priced ``price`` paying ``coupon`` over ``wal`` years."""
    return (coupon + (100.0 - price) / wal) / ((100.0 + price) / 2.0) * 100.0


def price_for_yield(yield_pct: float, coupon: float, wal: float) -> float:
    """The price at which :func:`yield_of` gives ``yield_pct``."""
    return (coupon + 100.0 / wal - yield_pct / 2.0) / (yield_pct / 200.0 + 1.0 / wal)


def io_yield(price: float, coupon: float, monthly_decay: float) -> float:
    """Bond-equivalent yield (%) of an interest-only strip on a notional that decays geometrically."""
    cash = coupon / 12.0
    ratio = price / cash
    q = ratio / (1.0 + ratio)
    monthly = (1.0 - monthly_decay) / q - 1.0
    return 200.0 * ((1.0 + monthly) ** 6 - 1.0)


def mod_duration(yield_pct: float, wal: float) -> float:
    y = max(yield_pct, 0.5) / 200.0
    years = wal * 0.92
    return (1.0 - (1.0 + y) ** (-2.0 * years)) / (2.0 * y) / (1.0 + y)


def discount_margin(price: float, margin_pct: float, wal: float) -> float:
    """Discount margin (basis points) of a floater at ``price`` with quoted ``margin_pct``."""
    return margin_pct * 100.0 + (100.0 - price) / wal * 100.0 / (price / 100.0)


# --- amortisation: a level-pay pool prepaying at a constant rate, paid to classes in sequence ------------
@dataclass(frozen=True, slots=True)
class Pool:
    """Remaining pool balance (fraction) by month 0..360, and its running sums (``sums[k]``: months 0..k-1)."""

    balance: tuple[float, ...]
    sums: tuple[float, ...]


@lru_cache(maxsize=512)
def pool_at(cpr: float, months: int = 360, rate: float = 0.06) -> Pool:
    """The pool at annual prepayment rate ``cpr`` (shared: speeds come from short lists, so pools recur)."""
    keep = (1.0 - min(cpr, 0.99)) ** (1.0 / 12.0)
    growth = 1.0 + rate / 12.0
    total = growth**months - 1.0
    balance, accrued, kept = [], 1.0, 1.0
    for _ in range(months + 1):
        balance.append((1.0 - (accrued - 1.0) / total) * kept)
        accrued *= growth
        kept *= keep
    balance[-1] = 0.0
    return Pool(tuple(balance), tuple(accumulate(balance, initial=0.0)))


def _first(values: Sequence[float], limit: float, strict: bool) -> int:
    """First index of a non-increasing list whose value is below ``limit`` (or at it, unless ``strict``)."""
    low, high = 0, len(values)
    while low < high:
        mid = (low + high) // 2
        if values[mid] < limit or (not strict and values[mid] == limit):
            high = mid
        else:
            low = mid + 1
    return low


@dataclass(frozen=True, slots=True)
class Paydown:
    """A class paid off a pool after the classes ahead of it: ``below`` is the share of the classes paid after
    it, ``share`` its own (fractions of the pool); it pays from month ``start`` and is gone at month ``end``."""

    pool: Pool
    below: float
    share: float
    start: int
    end: int

    @classmethod
    def of(cls, pool: Pool, below: float, share: float) -> Paydown:
        balance = pool.balance
        return cls(pool, below, share, _first(balance, below + share, True), _first(balance, below, False))

    def left(self, month: int) -> float:
        """Fraction of the class still outstanding after ``month``."""
        if month < self.start:
            return 1.0
        if month >= self.end:
            return 0.0
        return (self.pool.balance[month] - self.below) / self.share

    def average_life(self) -> float:
        """Years: the months' outstanding fractions summed, as a monthly curve gives it."""
        first = max(self.start, 1)
        paying = self.pool.sums[self.end] - self.pool.sums[first] - self.below * (self.end - first) if self.end > first else 0.0
        return ((first - 1) + paying / self.share) / 12.0 + 1.0 / 24.0

    def window(self) -> tuple[int, int]:
        """First and last month (1-based) of principal."""
        return max(self.start, 1), max(self.end, 1)


# --- dates --------------------------------------------------------------------------------------------
def add_months(day: date, months: int, on_day: int | None = None) -> date:
    index = day.year * 12 + day.month - 1 + months
    wanted = on_day or day.day
    year, month = divmod(index, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(wanted, last))


def date_text(day: date, style: str) -> str:
    """``7/1/2005``, ``06/01/2005``, ``08/30/04``, ``28-Oct-2004``, ``01-Oct-04``."""
    if style == "m/d/yyyy":
        return f"{day.month}/{day.day}/{day.year}"
    if style == "mm/dd/yyyy":
        return f"{day.month:02d}/{day.day:02d}/{day.year}"
    if style == "mm/dd/yy":
        return f"{day.month:02d}/{day.day:02d}/{day.year % 100:02d}"
    if style == "dd-mon-yyyy":
        return f"{day.day:02d}-{MONTH_ABBR[day.month - 1]}-{day.year}"
    return f"{day.day:02d}-{MONTH_ABBR[day.month - 1]}-{day.year % 100:02d}"


def month_text(day: date, style: str) -> str:
    """A month as windows print it: ``11/04`` or ``Aug05``."""
    if style == "mm/yy":
        return f"{day.month:02d}/{day.year % 100:02d}"
    return f"{MONTH_ABBR[day.month - 1]}{day.year % 100:02d}"


def digits(x: float, places: int) -> float:
    """``x`` on a grid of ``places`` decimals (for facts printed with that many)."""
    return round(x * 10**places) / 10**places
