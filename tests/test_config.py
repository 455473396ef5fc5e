import argparse

import pytest

from crawler.config import SEC_BASE_URL, add_common_options, common_options, is_sec_host, validate_user_agent
from crawler.errors import ConfigError, ExitCode


def parse(*argv: str, env: dict[str, str] | None = None, monkeypatch: pytest.MonkeyPatch) -> argparse.Namespace:
    for key in ("EDGAR_OUTPUT", "EDGAR_USER_AGENT", "EDGAR_BASE_URL", "EDGAR_DATA_URL", "EDGAR_RATE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    parser = argparse.ArgumentParser()
    add_common_options(parser)
    return parser.parse_args(argv)


@pytest.mark.parametrize("user_agent", ["Example Capital ops@example.com", "Acme Research <data@acme.co.uk>"])
def test_declared_user_agents_are_accepted(user_agent: str) -> None:
    assert validate_user_agent(user_agent) == user_agent


@pytest.mark.parametrize("user_agent", [None, "", "   ", "python-requests/2.32", "ops@example.com", "Example Capital"])
def test_undeclared_user_agents_are_refused_with_instructions(user_agent: str | None) -> None:
    with pytest.raises(ConfigError) as caught:
        validate_user_agent(user_agent)
    assert "EDGAR_USER_AGENT" in str(caught.value)
    assert caught.value.exit_code == ExitCode.CONFIG


def test_sec_target_requires_user_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError):
        common_options(parse(monkeypatch=monkeypatch))


def test_user_agent_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    options = common_options(parse(env={"EDGAR_USER_AGENT": "Org ops@org.example"}, monkeypatch=monkeypatch))
    assert options.user_agent == "Org ops@org.example"
    assert options.base_url == SEC_BASE_URL and options.rate == 5.0 and options.targets_sec


def test_rate_above_sec_cap_is_refused_for_sec_but_not_for_a_mirror(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="10"):
        common_options(parse("--rate", "11", "--user-agent", "Org ops@org.example", monkeypatch=monkeypatch))
    mirror = common_options(parse("--rate", "50", "--base-url", "http://127.0.0.1:8080",
                                  "--data-url", "http://127.0.0.1:8080/", monkeypatch=monkeypatch))
    assert mirror.rate == 50 and not mirror.targets_sec and mirror.data_url == "http://127.0.0.1:8080"
    assert "@" in mirror.user_agent


def test_data_host_on_sec_counts_as_sec(monkeypatch: pytest.MonkeyPatch) -> None:
    args = parse("--base-url", "http://127.0.0.1:1", "--rate", "20", "--user-agent", "Org a@b.org",
                 monkeypatch=monkeypatch)
    with pytest.raises(ConfigError):
        common_options(args)  # data host is still https://data.sec.gov


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.sec.gov", True), ("https://data.sec.gov/x", True), ("https://efts.sec.gov", True),
    ("http://127.0.0.1:80", False), ("https://notsec.gov", False), ("https://sec.gov.evil.example", False),
])
def test_is_sec_host(url: str, expected: bool) -> None:
    assert is_sec_host(url) is expected


def test_non_positive_rate_and_bad_urls_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError):
        common_options(parse("--rate", "0", "--user-agent", "Org a@b.org", monkeypatch=monkeypatch))
    with pytest.raises(ConfigError):
        common_options(parse("--base-url", "ftp://x", "--user-agent", "Org a@b.org", monkeypatch=monkeypatch))
