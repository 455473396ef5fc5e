"""``mirror serve`` answers a quarter SEC would not have published yet with 403 (or 404 when told), like SEC."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cli import main
from crawler.edgar.calendar import Quarter
from crawler.mirror.serve_unpublished import is_unpublished, latest_index_quarter, requested_period
from crawler.politeness.block import Verdict, classify_response
from tests.fixtures.server import DECLARED_UA, MirrorServerFactory, fetch
from tests.mirror.test_serve_cli import assert_one_line_error

UA = {"User-Agent": DECLARED_UA}
LATER_QUARTER = [  # the tiny mirror's latest index quarter is 2004 Q2 (daily-index/2004/QTR2)
    "/Archives/edgar/daily-index/2004/QTR3/index.json",
    "/Archives/edgar/daily-index/2004/QTR3/form.20040701.idx",
    "/Archives/edgar/full-index/2004/QTR3/form.idx",
    "/Archives/edgar/full-index/2004/QTR4/",
    "/Archives/edgar/daily-index/2005/index.json",
    "/Archives/edgar/full-index/2005",
]
STILL_404 = [
    "/Archives/edgar/daily-index/2004/QTR2/form.20040410.idx",  # a Saturday of the latest quarter
    "/Archives/edgar/daily-index/2004/QTR1/index.json",  # an earlier quarter the mirror lacks
    "/Archives/edgar/full-index/2003/QTR4/form.idx",
    "/Archives/edgar/data/1269518/0000905148-05-000001.txt",  # not an index path
    "/Archives/edgar/daily-index/2004/QTR3/../../../data/1/x.txt",
    "/Archives/edgar/daily-index/2004/QTR3/.hidden",
]


@pytest.mark.parametrize("path", LATER_QUARTER)
def test_a_later_quarter_is_refused_with_403_and_no_block_page(
        tiny_mirror: Path, mirror_server_factory: MirrorServerFactory, path: str) -> None:
    server = mirror_server_factory(tiny_mirror)
    reply = fetch(server.url, path, headers=UA)
    assert reply.status == 403
    assert classify_response(reply.status, reply.body) is Verdict.FORBIDDEN  # not SEC's block or identity page


def test_other_missing_paths_stay_404(tiny_mirror: Path, mirror_server_factory: MirrorServerFactory) -> None:
    server = mirror_server_factory(tiny_mirror)
    assert {path: fetch(server.url, path, headers=UA).status for path in STILL_404} == dict.fromkeys(STILL_404, 404)


def test_unpublished_status_404(tiny_mirror: Path, mirror_server_factory: MirrorServerFactory) -> None:
    server = mirror_server_factory(tiny_mirror, "--unpublished-status", "404")
    assert [fetch(server.url, path, headers=UA).status for path in LATER_QUARTER] == [404] * len(LATER_QUARTER)
    logged = [r["status"] for r in server.requests() if r["path"] in LATER_QUARTER]
    assert logged == [404] * len(LATER_QUARTER)


def test_a_quarter_is_published_once_its_directory_exists(
        tiny_mirror: Path, mirror_server_factory: MirrorServerFactory) -> None:
    server = mirror_server_factory(tiny_mirror)
    listing = "/Archives/edgar/daily-index/2004/QTR3/index.json"
    before = fetch(server.url, listing, headers=UA).status
    target = tiny_mirror / listing.lstrip("/")
    target.parent.mkdir(parents=True)
    target.write_text('{"directory": {"item": []}}')
    after = fetch(server.url, listing, headers=UA).status
    missing_day = fetch(server.url, "/Archives/edgar/daily-index/2004/QTR3/form.20040701.idx", headers=UA).status
    next_quarter = fetch(server.url, "/Archives/edgar/full-index/2004/QTR4/form.idx", headers=UA).status
    assert (before, after, missing_day, next_quarter) == (403, 200, 404, 403)


def test_bad_unpublished_status(tiny_mirror: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["mirror", "serve", str(tiny_mirror), "--unpublished-status", "500"])
    assert_one_line_error(code, *capsys.readouterr(), "--unpublished-status")


@pytest.mark.parametrize(
    ("path", "period"),
    [
        ("/Archives/edgar/daily-index/2006/QTR3/index.json", (2006, Quarter(2006, 3))),
        ("/Archives/edgar/full-index/2006/QTR3/", (2006, Quarter(2006, 3))),
        ("/Archives/edgar/full-index/2006/QTR3", (2006, Quarter(2006, 3))),
        ("/Archives/edgar/full-index/2006/index.json", (2006, None)),
        ("/Archives/edgar/full-index/2006/QTR5/form.idx", None),
        ("/Archives/edgar/full-index/index.json", None),
        ("/Archives/edgar/data/2006/QTR3/x.txt", None),
        ("/Archives/edgar/daily-index/2006/QTR3/sub/form.idx", None),
    ],
)
def test_requested_period(path: str, period: tuple[int, Quarter | None] | None) -> None:
    assert requested_period(path) == period


def test_latest_index_quarter_reads_both_index_trees(tmp_path: Path) -> None:
    assert latest_index_quarter(tmp_path) is None
    (tmp_path / "Archives/edgar/daily-index/2006/QTR2").mkdir(parents=True)
    (tmp_path / "Archives/edgar/full-index/2005/QTR4").mkdir(parents=True)
    (tmp_path / "Archives/edgar/full-index/2007").mkdir(parents=True)  # a year with no quarter yet
    (tmp_path / "Archives/edgar/daily-index/2006/QTR4.txt").write_text("not a directory")
    assert latest_index_quarter(tmp_path) == Quarter(2006, 2)
    assert is_unpublished(tmp_path, "/Archives/edgar/full-index/2006/QTR3/form.idx")
    assert not is_unpublished(tmp_path, "/Archives/edgar/full-index/2006/QTR1/form.idx")


def test_a_mirror_without_index_directories_publishes_everything(tmp_path: Path) -> None:
    (tmp_path / "Archives/edgar/data").mkdir(parents=True)
    assert not is_unpublished(tmp_path, "/Archives/edgar/full-index/2030/QTR1/form.idx")
