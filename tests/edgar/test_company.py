"""submissions/CIK##########.json -> CompanyInfo, on the real Apple sample and on garbage."""

from __future__ import annotations

import json

import pytest

from crawler.edgar.company import CompanyInfo, parse_company_json
from crawler.errors import CompanyDataError
from tests.fixtures.samples import sample


def test_real_submissions_json() -> None:
    data = sample("pages", "CIK0000320193.json").read_bytes()
    raw = json.loads(data)
    info = parse_company_json(data)
    assert info == CompanyInfo(
        cik=320193,
        name="Apple Inc.",
        sic=3571,
        sic_description="Electronic Computers",
        former_names=("APPLE INC", "APPLE COMPUTER INC", "APPLE COMPUTER INC/ FA"),
    )
    assert (str(info.cik), info.sic) == (raw["cik"], int(raw["sic"]))
    assert not info.is_abs


def test_abs_trust_and_blank_sic() -> None:
    trust = {"cik": "0001304811", "name": "CWABS Revolving Home Equity Loan Trust, Series 2004-M", "sic": "6189",
             "sicDescription": "Asset-Backed Securities", "formerNames": []}
    info = parse_company_json(json.dumps(trust).encode())
    assert (info.cik, info.sic, info.is_abs) == (1304811, 6189, True)
    person = {"cik": 1234, "name": "SMITH JOHN", "sic": "", "sicDescription": ""}
    info = parse_company_json(json.dumps(person).encode())
    assert (info.cik, info.sic, info.sic_description, info.former_names) == (1234, None, None, ())


@pytest.mark.parametrize(
    "body",
    [
        b"<html><title>SEC.gov | Request Rate Threshold Exceeded</title></html>",
        b'{"cik": "320193", "name": "Apple',
        b"[]",
        b'{"name": "No CIK"}',
        b'{"cik": "abc", "name": "X"}',
        b'{"cik": "320193"}',
        b"\xff\xfe",
    ],
)
def test_garbage_raises_company_data_error(body: bytes) -> None:
    with pytest.raises(CompanyDataError):
        parse_company_json(body)


def test_paginated_file_is_not_a_company_record() -> None:
    with pytest.raises(CompanyDataError):
        parse_company_json(sample("pages", "CIK0000320193-submissions-001.json").read_bytes())
