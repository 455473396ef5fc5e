"""Options common to every command, resolved from the command line and the environment once."""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.errors import ConfigError

SEC_BASE_URL = "https://www.sec.gov"
SEC_DATA_URL = "https://data.sec.gov"
SEC_MAX_RATE = 10.0
DEFAULT_RATE = 5.0
DEFAULT_OUTPUT = "./output"
MIRROR_USER_AGENT = "edgar-archive offline-mirror mirror@example.org"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")

USER_AGENT_HELP = (
    "SEC requires a declared User-Agent naming your organisation and a contact e-mail, "
    'e.g. --user-agent "Example Capital ops@example.com" or EDGAR_USER_AGENT="Example Capital ops@example.com"'
)


def is_sec_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "sec.gov" or host.endswith(".sec.gov")


def validate_user_agent(user_agent: str | None) -> str:
    """Return the User-Agent if it names an organisation and a contact e-mail, else raise ConfigError."""
    text = (user_agent or "").strip()
    if not text:
        raise ConfigError(f"no User-Agent set. {USER_AGENT_HELP}")
    email = _EMAIL.search(text)
    organisation = _EMAIL.sub("", text).strip(" <>()-,;")
    if email is None or not organisation:
        raise ConfigError(f"User-Agent {text!r} lacks an organisation or a contact e-mail. {USER_AGENT_HELP}")
    return text


def budget_identity(user_agent: str) -> str:
    """Whose budget a request spends: the contact e-mail of the declared User-Agent (lower case), else the whole
    User-Agent. Tools declaring one contact ("Example Capital nightly ops@example.com", "Example Capital laptop
    ops@example.com") are one organisation to SEC, so they share one budget."""
    email = _EMAIL.search(user_agent)
    return email.group(0).lower() if email else user_agent.strip()


@dataclass(frozen=True, slots=True)
class CommonOptions:
    output: str
    user_agent: str
    base_url: str
    data_url: str
    rate: float
    rate_store: str | None = None  # redis://host:port/db or a SQLite file; None: the default for the target
    job_class: str = "nightly"

    @property
    def targets_sec(self) -> bool:
        return is_sec_host(self.base_url) or is_sec_host(self.data_url)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    env = os.environ.get
    parser.add_argument("--output", default=env("EDGAR_OUTPUT", DEFAULT_OUTPUT),
                        help="dataset root, local path or s3://bucket/prefix (env EDGAR_OUTPUT)")
    parser.add_argument("--user-agent", default=env("EDGAR_USER_AGENT"),
                        help='declared identity "Org contact@org.example" (env EDGAR_USER_AGENT)')
    parser.add_argument("--base-url", default=env("EDGAR_BASE_URL", SEC_BASE_URL),
                        help="host serving /Archives/edgar/... (env EDGAR_BASE_URL)")
    parser.add_argument("--data-url", default=env("EDGAR_DATA_URL", SEC_DATA_URL),
                        help="host serving /submissions/... (env EDGAR_DATA_URL)")
    parser.add_argument("--rate", type=float, default=float(env("EDGAR_RATE", DEFAULT_RATE)),
                        help="requests per second over all hosts and workers; at most 10 for SEC (env EDGAR_RATE)")
    parser.add_argument("--rate-store", default=env("EDGAR_RATE_STORE"), metavar="URL",
                        help="where the shared budget and block pause live: redis://host:port/db shares them across "
                        "hosts, a file path across the processes of this machine (default: a machine-local SQLite "
                        "file against SEC; env EDGAR_RATE_STORE)")
    parser.add_argument("--job-class", default=env("EDGAR_JOB_CLASS", "nightly"), metavar="NAME",
                        help='job class of this run; a class listed in EDGAR_CLASS_RATES never exceeds its own rate '
                        '(default classes: backfill at most 6/s; default class: nightly; env EDGAR_JOB_CLASS)')


def common_options(args: argparse.Namespace) -> CommonOptions:
    """Validate the common options; raises ConfigError with a message saying how to fix it."""
    base_url = args.base_url.rstrip("/")
    data_url = args.data_url.rstrip("/")
    for name, url in (("--base-url", base_url), ("--data-url", data_url)):
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise ConfigError(f"{name} {url!r} is not an http(s) URL")
    rate = float(args.rate)
    targets_sec = is_sec_host(base_url) or is_sec_host(data_url)
    if rate <= 0:
        raise ConfigError(f"--rate must be positive, got {rate}")
    if targets_sec and rate > SEC_MAX_RATE:
        raise ConfigError(f"--rate {rate} exceeds SEC's fair-access limit of {SEC_MAX_RATE:g} requests per second")
    if targets_sec:
        user_agent = validate_user_agent(args.user_agent)
    else:
        user_agent = validate_user_agent(args.user_agent or MIRROR_USER_AGENT)
    from crawler.politeness.rate_store import check_job_class, resolve_store

    return CommonOptions(output=args.output, user_agent=user_agent, base_url=base_url, data_url=data_url, rate=rate,
                         rate_store=resolve_store(args.rate_store), job_class=check_job_class(args.job_class))
