"""Every exception the project raises, and the process exit codes they map to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of ``edgar-archive`` (README, "Exit codes")."""

    OK = 0
    INTERNAL = 1  # an unexpected crash (Python's own default)
    CONFIG = 2  # bad option, missing User-Agent, rate above the SEC cap, bad directory
    PARTIAL = 3  # the run finished but recorded errors (see errors/ dataset)
    SEC_BLOCKED = 4  # SEC's rate block was met too often; the run stopped
    LOCK_HELD = 5  # another run holds the output's lock; nothing was written
    STORAGE = 6  # the output or the state could not be written (disk full, read-only, object store down)
    RATE_STORE = 7  # the shared rate store (--rate-store redis://...) was unreachable too long; nothing was sent
    LEASE_LOST = 8  # another host took the archive's lease over (this one was paused or cut off); commits stopped


class EdgarArchiveError(Exception):
    """Base of all project errors."""

    exit_code: ExitCode = ExitCode.INTERNAL


class ConfigError(EdgarArchiveError):
    """A setting or option is missing or invalid."""

    exit_code = ExitCode.CONFIG


class LockHeldError(EdgarArchiveError):
    """Another live process holds the output's run lock."""

    exit_code = ExitCode.LOCK_HELD


class SecBlockedError(EdgarArchiveError):
    """SEC answered with its rate-block page more often than allowed."""

    exit_code = ExitCode.SEC_BLOCKED


class RateStoreUnreachableError(EdgarArchiveError):
    """The shared rate store could not be reached for longer than allowed; nothing was sent meanwhile."""

    exit_code = ExitCode.RATE_STORE


class IndexFormatError(EdgarArchiveError):
    """An index file cannot be read at all (not a single malformed line)."""


class CompanyDataError(EdgarArchiveError):
    """A company lookup (data host ``submissions/CIK##########.json``) is not usable data."""


class FilingParseError(EdgarArchiveError):
    """A submission cannot be parsed at all."""


class StorageError(EdgarArchiveError):
    """Writing or committing data failed (disk full, read-only, object store)."""

    exit_code = ExitCode.STORAGE


class LeaseLostError(StorageError):
    """Another host holds the archive's lease now: this run's commits are refused (its fencing token is stale)."""

    exit_code = ExitCode.LEASE_LOST


class MirrorError(EdgarArchiveError):
    """The synthetic mirror cannot be made or served."""

    exit_code = ExitCode.CONFIG


class HttpFetchError(EdgarArchiveError):
    """A helper (non-Scrapy) HTTP fetch failed after its retries."""


class RetryableStatusError(HttpFetchError):
    """A helper HTTP fetch got a retryable status (408, 5xx); raised again once its retries are spent."""


class IncompleteBodyError(EdgarArchiveError):
    """A downloaded body is truncated or corrupt (envelope not closed, gzip cut short); it is never archived."""


class NativeBuildError(EdgarArchiveError):
    """The compiled build of the CM parser could not be made (mypyc or the C compiler failed; ``make native``)."""
