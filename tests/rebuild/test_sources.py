"""crawler.rebuild.sources: the provenance a rebuild takes from a committed row (0.4.0 and older) and its shards."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crawler.rebuild.sources import Source, located, shards, source_of

T = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
RAW = "/old/place/raw/2004/QTR2/1269518/0000905148-04-002078.txt"


def row(**changes: object) -> dict:
    base = {"accession": "0000905148-04-002078", "cik": 1269518, "ciks": [1269518, 1300001],
            "company_name": "CWALT, INC.", "form_type": "8-K/A", "filed_date": date(2004, 4, 9),
            "source_url": "http://127.0.0.1/x.txt", "raw_path": RAW, "raw_sha256": "ab" * 32, "run_id": "r1",
            "crawled_at": T, "index_form_type": "8-K", "index_date": date(2004, 4, 8), "index_ciks": [1269518],
            "index_names": ["CWALT INC"], "fetched_at": T}
    return {**base, **changes}


def test_a_040_row_gives_back_what_the_index_and_the_fetch_said() -> None:
    source = source_of(row(), "8-K")
    assert (source.index_form_type, source.index_date, source.filer_ciks, source.filer_names) == \
        ("8-K", date(2004, 4, 8), (1269518,), ("CWALT INC",))
    assert source.index_recorded and source.fetched_at == T and (source.run_id, source.crawled_at) == ("r1", T)
    assert Source.from_json(source.to_json()) == source


def test_an_030_row_stands_in_for_its_index_row_with_what_it_derived_from_it() -> None:
    old = row(index_form_type=None, index_date=None, index_ciks=None, index_names=None, fetched_at=None)
    source = source_of(old, "8-K")
    assert not source.index_recorded and source.fetched_at is None
    assert (source.index_form_type, source.index_date, source.filer_ciks, source.filer_names) == \
        ("8-K/A", date(2004, 4, 9), (1269518, 1300001), ("CWALT, INC.",))
    bare_se = {k: v for k, v in old.items() if k != "form_type"} | {"cik": None, "ciks": None, "company_name": None}
    se = source_of(bare_se, "SE")
    assert (se.index_form_type, se.filer_ciks, se.filer_names) == ("SE", (1269518,), ())  # CIK of the raw path


def test_raw_paths_are_found_under_the_archive_wherever_it_was_written() -> None:
    assert located("/new/home", RAW) == "/new/home/raw/2004/QTR2/1269518/0000905148-04-002078.txt"
    assert located("/old/place", RAW) == RAW
    assert located("bucket/prefix", "bucket/prefix/raw/2004/QTR2/1/a.txt") == "bucket/prefix/raw/2004/QTR2/1/a.txt"


def test_shards_follow_the_raw_layout_and_cover_every_source_once() -> None:
    sources = [source_of(row(accession=f"0000905148-04-00{n:04d}",
                             raw_path=f"/o/raw/2004/QTR{1 + n % 3}/1/0000905148-04-00{n:04d}.txt"), "8-K")
               for n in range(10)]
    cut = shards(sources, 4)
    assert [len(s) for s in cut] == [4, 4, 2]
    flat = [s.raw_path for shard in cut for s in shard]
    assert flat == sorted(flat) and len(set(flat)) == 10
