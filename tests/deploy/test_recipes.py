"""The scheduling recipes in deploy/ are syntactically valid and run the documented command."""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow.fs as pafs

from crawler.cli import build_parser
from crawler.config import SEC_MAX_RATE, validate_user_agent
from crawler.store.fs import _is_loopback, resolve
from tests.fixtures.s3 import S3Server

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


# --- several hosts: deploy/compose.yaml, deploy/Dockerfile, the systemd drop-in ------------------------------------
REPO = DEPLOY.parent
CRAWL_JOBS = ("nightly", "backfill")


def _compose() -> dict:
    import yaml

    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def _read_by_the_code(variable: str) -> bool:
    """Whether the crawler, or pyarrow's S3 credential chain for the AWS_* ones, reads ``variable``."""
    if variable.startswith("AWS_"):
        return variable in {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"}
    return any(f'"{variable}"' in path.read_text() for path in (REPO / "crawler").rglob("*.py"))


def test_compose_starts_redis_the_s3_stand_in_and_two_jobs_on_one_budget() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"redis", "s3", "bucket", *CRAWL_JOBS} <= set(services)
    for name, service in services.items():
        depends = service.get("depends_on", [])
        assert set(depends) <= set(services), name
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in compose["volumes"], (name, volume)
    jobs = {name: build_parser().parse_args(services[name]["command"]) for name in CRAWL_JOBS}
    assert {name: args.command for name, args in jobs.items()} == dict.fromkeys(CRAWL_JOBS, "crawl")
    assert jobs["nightly"].job_class == "nightly" and jobs["backfill"].job_class == "backfill"
    assert jobs["backfill"].start == "2004Q1" and jobs["backfill"].end == "2004Q4"
    outputs = {name: args.output for name, args in jobs.items()}
    assert all(output.startswith("s3://edgar/") for output in outputs.values())
    assert len(set(outputs.values())) == 2  # one writer per archive: the backfill writes its own
    volumes = {name: services[name]["volumes"] for name in CRAWL_JOBS}
    assert volumes["nightly"] != volumes["backfill"]  # a state of its own each
    environments = [services[name]["environment"] for name in CRAWL_JOBS]
    assert environments[0] == environments[1]  # one identity (one budget), one Redis, one bucket
    environment = environments[0]
    assert urlsplit(environment["EDGAR_RATE_STORE"]).scheme == "redis"
    assert urlsplit(environment["EDGAR_RATE_STORE"]).hostname in services
    assert validate_user_agent(environment["EDGAR_USER_AGENT"])
    assert float(environment["EDGAR_RATE"]) <= SEC_MAX_RATE
    assert services["nightly"]["network_mode"] == "service:s3"  # plain http to S3 is accepted on loopback only
    assert _is_loopback(urlsplit(environment["EDGAR_S3_ENDPOINT"]).hostname)
    assert services["redis"]["healthcheck"]["test"][-1] == "ping"
    assert all(_read_by_the_code(variable) for variable in environment)


def test_the_compose_bucket_job_creates_the_bucket_on_a_real_s3_stand_in(s3_server: S3Server) -> None:
    bucket = _compose()["services"]["bucket"]
    assert bucket["environment"]["EDGAR_BUCKET"] == "edgar"
    env = {**os.environ, **{k: str(v) for k, v in bucket["environment"].items()},
           "EDGAR_S3_ENDPOINT": s3_server.endpoint_url, "EDGAR_BUCKET": "edgar-compose"}
    command = bucket["entrypoint"]
    assert command[0] == "python"  # the image's: here this test's interpreter, with the same packages
    result = subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    fs, _ = resolve("s3://edgar-compose/archive", s3_options=s3_server.options, create=False)
    assert fs.get_file_info("edgar-compose").type == pafs.FileType.Directory


def test_the_image_installs_the_package_and_runs_the_command() -> None:
    lines = [line.split() for line in (DEPLOY / "Dockerfile").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    copied = [word for line in lines if line[0] == "COPY" for word in line[1:-1]]
    assert copied and all((REPO / path).exists() for path in copied)
    installed = next(line for line in lines if line[0] == "RUN")
    assert "'.[dask]'" in installed  # the rebuild's Dask scheduler and workers run from this image too
    assert "dask" in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert json.loads(next(" ".join(line[1:]) for line in lines if line[0] == "ENTRYPOINT")) == ["edgar-archive"]
    assert "edgar-archive" in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert all(f"!{path.rstrip('/')}" in [rule.rstrip("/") for rule in ignore] for path in copied)


def test_the_several_hosts_drop_in_shares_one_redis_and_one_s3_archive() -> None:
    path = DEPLOY / "systemd" / "edgar-archive.service.d" / "several-hosts.conf"
    settings = dict(line.split("=", 2)[1:] for line in path.read_text().splitlines() if line.startswith("Environment="))
    assert settings["EDGAR_OUTPUT"].startswith("s3://") and urlsplit(settings["EDGAR_RATE_STORE"]).scheme == "redis"
    assert all(_read_by_the_code(variable) for variable in settings)
    assert set(_unit("edgar-archive.service")["Service"]["SuccessExitStatus"].split()) >= {"5"}


def test_the_compose_rebuild_runs_on_a_dask_scheduler_and_workers_it_starts() -> None:
    services = _compose()["services"]
    scheduler, worker, rebuild = services["dask-scheduler"], services["dask-worker"], services["rebuild"]
    assert all(s["profiles"] == ["rebuild"] for s in (scheduler, worker, rebuild))
    args = build_parser().parse_args(rebuild["command"])
    assert args.command == "rebuild" and args.output == build_parser().parse_args(services["nightly"]["command"]).output
    port = scheduler["entrypoint"][scheduler["entrypoint"].index("--port") + 1]
    assert args.dask == f"tcp://127.0.0.1:{port}" == worker["entrypoint"][2]
    assert rebuild["volumes"] not in (services["nightly"]["volumes"], services["backfill"]["volumes"])
    for command in (scheduler["entrypoint"], worker["entrypoint"]):  # the dask CLI of the extra knows each option
        dask = Path(sys.executable).with_name("dask")
        shown = subprocess.run([str(dask), command[1], "--help"], capture_output=True, text=True, timeout=120)
        assert shown.returncode == 0, shown.stderr
        assert all(option in shown.stdout for option in command if option.startswith("--")), command
