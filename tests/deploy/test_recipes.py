"""The scheduling recipes in deploy/ are syntactically valid and run the documented command."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from crawler.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")
CRON_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def edgar_command(command_line: str) -> list[str]:
    words = shlex.split(command_line.split(">>")[0])
    assert words[0].endswith("/edgar-archive")
    return words[1:]


def test_cron_line_has_five_valid_fields_and_a_valid_command() -> None:
    jobs = [line for line in (DEPLOY / "crontab").read_text().splitlines()
            if line.strip() and not line.startswith("#") and "=" not in line.split()[0]]
    assert len(jobs) == 1
    fields = jobs[0].split(None, 5)
    for text, (low, high) in zip(fields[:5], CRON_RANGES, strict=True):
        assert CRON_FIELD.match(text), text
        for number in map(int, re.findall(r"\d+", text)):
            assert low <= number <= high
    args = build_parser().parse_args(edgar_command(fields[5]))
    assert args.command == "crawl"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


def test_systemd_service_runs_one_crawl() -> None:
    unit = _unit("edgar-archive.service")
    assert unit["Service"]["Type"] == "oneshot"
    args = build_parser().parse_args(edgar_command(unit["Service"]["ExecStart"]))
    assert args.command == "crawl" and args.progress == "log"
    assert set(unit["Service"]["SuccessExitStatus"].split()) == {"3", "5"}
    environment = [line.split("=", 1)[1] for line in (DEPLOY / "systemd" / "edgar-archive.service").read_text()
                   .splitlines() if line.startswith("Environment=")]  # configparser keeps only the last one
    assert any(value.startswith('EDGAR_USER_AGENT="') and "@" in value for value in environment)


def test_systemd_timer_is_nightly_and_persistent() -> None:
    unit = _unit("edgar-archive.timer")
    assert unit["Timer"]["Persistent"] == "true"
    assert re.match(r"^[A-Za-z.]+ \*-\*-\* \d\d:\d\d:\d\d", unit["Timer"]["OnCalendar"])
    assert unit["Install"]["WantedBy"] == "timers.target"


def test_scrapy_cfg_points_scrapyd_at_the_project_settings() -> None:
    config = configparser.ConfigParser()
    config.read(Path(__file__).resolve().parents[2] / "scrapy.cfg")
    assert config["settings"]["default"] == "crawler.settings"
    assert config["deploy"]["project"]
