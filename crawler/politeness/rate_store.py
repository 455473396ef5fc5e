"""Where the shared budget lives, and each process's one limiter on it.

``--rate-store`` (``EDGAR_RATE_STORE``, Scrapy setting ``EDGAR_RATE_STORE``) names it:

- ``redis://host:port/db``: every host (:class:`~crawler.politeness.limiter_redis.RedisRateLimiter`);
- a file path (or ``sqlite:///path``): the processes of one machine (``SqliteRateLimiter``); the 0.3.0 setting
  and variable ``EDGAR_RATE_DB`` still name one;
- unset: against SEC the CLI uses the machine-wide SQLite file (:func:`default_rate_db_path`); against a mirror
  the budget stays in the process.

A job class (``--job-class``, ``EDGAR_JOB_CLASS``; default ``nightly``) listed in ``EDGAR_CLASS_RATES`` (default
:data:`DEFAULT_CLASS_RATES`) never sends faster than its own rate, whatever else is free: a backfill held to 6/s
always leaves the nightly run the rest of the cap.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.config import budget_identity
from crawler.errors import ConfigError
from crawler.politeness.limiter import DEFAULT_JOB_CLASS, DEFAULT_MARGIN, Budget, InProcessLimiter, RateLimiter
from crawler.store.redis_store import DEFAULT_UNREACHABLE_LIMIT, is_redis_url

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

DEFAULT_CLASS_RATES: dict[str, float] = {"backfill": 6.0}
# Sends of several processes or hosts reach SEC with independent delays (their own CPU, their own network path), so
# a budget shared through Redis keeps 35 ms for lateness instead of 20 (1 s + 40 ms per 10 requests: 9.62/s).
REDIS_MARGIN = 0.04
_JOB_CLASS = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def default_rate_db_path() -> Path:
    """``$EDGAR_RATE_DB``, else ``~/.cache/edgar-archive/ratelimit.sqlite``: the machine-wide shared budget."""
    configured = os.environ.get("EDGAR_RATE_DB")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "edgar-archive" / "ratelimit.sqlite"


def resolve_store(store: str | Path | None) -> str | None:
    """A Redis URL as given, a SQLite file as an absolute path, or None (in-process)."""
    text = str(store or "").strip()
    if not text:
        return None
    if is_redis_url(text):
        return text
    if "://" in text and not text.startswith("sqlite://"):
        raise ConfigError(f"--rate-store {text!r}: expected redis://host:port/db or a SQLite file path")
    return str(Path(text.removeprefix("sqlite://")).expanduser().resolve())


def check_job_class(job_class: str) -> str:
    if not _JOB_CLASS.fullmatch(job_class):
        raise ConfigError(f"job class {job_class!r}: use 1-64 letters, digits, '.', '_' or '-'")
    return job_class


def class_rates(value: Mapping[str, Any] | str | None = None) -> dict[str, float]:
    """Caps per job class: ``value`` (a mapping, or JSON text), else ``$EDGAR_CLASS_RATES``, else the defaults."""
    raw = value if value is not None else os.environ.get("EDGAR_CLASS_RATES")
    if raw is None or raw == "":
        return dict(DEFAULT_CLASS_RATES)
    try:
        rates = json.loads(raw) if isinstance(raw, str) else dict(raw)
        checked = {check_job_class(str(name)): float(rate) for name, rate in rates.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise ConfigError(f'EDGAR_CLASS_RATES must map job classes to rates, e.g. {{"backfill": 6}}: {exc}') from exc
    if any(rate <= 0 for rate in checked.values()):
        raise ConfigError(f"EDGAR_CLASS_RATES: every rate must be positive, got {checked}")
    return checked


_PROCESS_BUDGET = Budget()
_SHARED: dict[tuple[Any, ...], RateLimiter] = {}
_SHARED_LOCK = threading.Lock()


def default_margin(store: str | None = None) -> float:
    """``$EDGAR_RATE_MARGIN`` (seconds), else :data:`REDIS_MARGIN` for a Redis ``store``, else
    :data:`~crawler.politeness.limiter.DEFAULT_MARGIN`."""
    configured = os.environ.get("EDGAR_RATE_MARGIN")
    try:
        return float(configured) if configured else REDIS_MARGIN if is_redis_url(store or "") else DEFAULT_MARGIN
    except ValueError:
        raise ConfigError(f"EDGAR_RATE_MARGIN must be a number of seconds, got {configured!r}") from None


def shared_limiter(rate: float, store: str | Path | None = None, *, job_class: str = DEFAULT_JOB_CLASS,
                   class_rate: float | None = None, identity: str = "", margin: float | None = None,
                   unreachable_limit: float = DEFAULT_UNREACHABLE_LIMIT) -> RateLimiter:
    """The process's limiter for ``rate`` on ``store`` (see the module docstring); a repeated call returns it.

    Every limiter of one store (or of the process) shares its budget and block, whatever its rate; in Redis
    the budget is that of ``identity``, the declared User-Agent (:func:`~crawler.config.budget_identity`). ``margin`` defaults to :func:`default_margin`.
    """
    where = resolve_store(store)
    check_job_class(job_class)
    spacing = {"job_class": job_class, "class_rate": class_rate,
               "margin": default_margin(where) if margin is None else margin}
    key = (where, float(rate), *spacing.values(), budget_identity(identity) if is_redis_url(where) else "")
    with _SHARED_LOCK:
        limiter = _SHARED.get(key)
        if limiter is None:
            limiter = _SHARED[key] = _new_limiter(where, rate, spacing, identity, unreachable_limit)
        return limiter


def _new_limiter(where: str | None, rate: float, spacing: dict[str, Any], identity: str,
                 unreachable_limit: float) -> RateLimiter:
    if where is None:
        return InProcessLimiter(rate, budget=_PROCESS_BUDGET, **spacing)
    if is_redis_url(where):
        from crawler.politeness.limiter_redis import RedisRateLimiter
        from crawler.store.redis_store import RedisStore

        if not identity.strip():
            raise ConfigError("a Redis rate store needs a declared User-Agent: the budget is the identity's")
        return RedisRateLimiter(RedisStore(where), identity, rate, unreachable_limit=unreachable_limit, **spacing)
    from crawler.politeness.limiter_sqlite import SqliteRateLimiter

    return SqliteRateLimiter(where, rate, **spacing)


def limiter_from_settings(settings: BaseSettings) -> RateLimiter:
    """The shared limiter for Scrapy settings ``EDGAR_RATE``, ``EDGAR_RATE_STORE`` (or ``EDGAR_RATE_DB``),
    ``EDGAR_JOB_CLASS``, ``EDGAR_CLASS_RATES``, ``EDGAR_RATE_MARGIN``, ``EDGAR_RATE_STORE_WAIT``, ``USER_AGENT``."""
    rate = settings.getfloat("EDGAR_RATE", 5.0)
    if rate <= 0:
        raise ConfigError(f"EDGAR_RATE must be positive, got {rate}")
    store = (settings.get("EDGAR_RATE_STORE") or settings.get("EDGAR_RATE_DB") or os.environ.get("EDGAR_RATE_DB")
             or None)
    job_class = settings.get("EDGAR_JOB_CLASS") or DEFAULT_JOB_CLASS
    rates = class_rates(settings.get("EDGAR_CLASS_RATES"))
    margin = settings.get("EDGAR_RATE_MARGIN")
    return shared_limiter(rate, store, job_class=job_class, class_rate=rates.get(job_class),
                          identity=settings.get("USER_AGENT") or "", margin=None if margin is None else float(margin),
                          unreachable_limit=settings.getfloat("EDGAR_RATE_STORE_WAIT", DEFAULT_UNREACHABLE_LIMIT))


def reset_shared_limiters() -> None:
    """Forget every shared limiter and the in-process budget (tests only)."""
    with _SHARED_LOCK:
        for limiter in _SHARED.values():
            limiter.close()
        _SHARED.clear()
        with _PROCESS_BUDGET.lock:
            _PROCESS_BUDGET.clear()
