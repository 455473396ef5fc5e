"""What analysts get: pandas, DuckDB, Polars and pyarrow on the written datasets (README "Reading the data")."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from crawler.store.fs import resolve
from crawler.store.load import PARTITIONING, dataset, load
from crawler.store.writer import ArchiveWriter
from tests.store import rows

A1, A2, A3 = "0000905148-04-004513", "0000905148-04-004514", "0001056404-05-000001"
SE1 = "9999999997-04-000101"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> str:
    fs, root = resolve(str(tmp_path_factory.mktemp("readers") / "output"))
    writer = ArchiveWriter(fs, root, "run-r")
    writer.add("filings", rows.filing(A1, filed=date(2004, 4, 1), sic=None))
    writer.add("filings", rows.filing(A2, filed=date(2004, 4, 2)))
    writer.add("documents", rows.document(A1, 1, filed=date(2004, 4, 1)))
    writer.add("documents", rows.document(A1, 2, filed=date(2004, 4, 1), exhibit="99.2", paper_placeholder=True))
    writer.add("documents", rows.document(A2, 1, filed=date(2004, 4, 2)))
    writer.add("se_links", rows.se_link(A1, "99.2", seq=1, status="pending"))
    writer.add("se_filings", rows.se_filing(SE1, filed=date(2004, 4, 5)))
    writer.flush()
    writer.add("filings", rows.filing(A3, filed=date(2005, 2, 1), cik=1304811))
    writer.add("documents", rows.document(A3, 1, filed=date(2005, 2, 1)))
    writer.add("se_links", rows.se_link(A1, "99.2", seq=2, status="linked", se_accession=SE1,
                                        decided_at=datetime(2024, 2, 1, tzinfo=timezone.utc)))
    writer.close()
    return root


def test_pandas_plain_read_loads_with_category_partitions(root: str) -> None:
    frame = pd.read_parquet(f"{root}/filings")
    assert sorted(frame["accession"]) == [A1, A2, A3]
    assert isinstance(frame["year"].dtype, pd.CategoricalDtype)
    assert frame["cik"].dtype == "int64"


def test_pandas_with_explicit_partitioning_gives_int_partitions(root: str) -> None:
    partitioning = ds.partitioning(pa.schema([("year", pa.int16()), ("quarter", pa.int8())]), flavor="hive")
    frame = pd.read_parquet(f"{root}/filings", partitioning=partitioning, filters=[("year", "==", 2004)])
    assert frame["year"].dtype == "int16" and frame["quarter"].dtype == "int8"
    assert sorted(frame["accession"]) == [A1, A2]
    assert str(frame["crawled_at"].dtype) == "datetime64[us, UTC]"
    assert frame.loc[frame["accession"] == A1, "filed_date"].iloc[0] == date(2004, 4, 1)


def test_duckdb_reads_types_and_filters_by_year(root: str) -> None:
    plain = duckdb.sql(f"SELECT * FROM read_parquet('{root}/filings/**/*.parquet', hive_partitioning=true)")
    types = dict(zip(plain.columns, map(str, plain.types)))
    assert types["year"] == "BIGINT" and types["quarter"] == "BIGINT"
    assert types["filed_date"] == "DATE" and types["crawled_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["items"] == "VARCHAR[]" and types["cik"] == "BIGINT" and types["sic"] == "INTEGER"
    typed = duckdb.sql(f"SELECT * FROM read_parquet('{root}/filings/**/*.parquet', hive_partitioning=true, "
                       "hive_types={'year': SMALLINT, 'quarter': TINYINT}) WHERE year = 2004")
    types = dict(zip(typed.columns, map(str, typed.types)))
    assert types["year"] == "SMALLINT" and types["quarter"] == "TINYINT"
    assert sorted(r[0] for r in typed.select("accession").fetchall()) == [A1, A2]


def test_polars_reads_types_and_filters_by_year(root: str) -> None:
    plain = pl.read_parquet(f"{root}/filings/**/*.parquet", hive_partitioning=True)
    assert plain.schema["year"] == pl.Int64
    typed = (pl.scan_parquet(f"{root}/filings/**/*.parquet", hive_schema={"year": pl.Int16, "quarter": pl.Int8})
             .filter(pl.col("year") == 2005).collect())
    assert typed.schema["year"] == pl.Int16 and typed.schema["quarter"] == pl.Int8
    assert typed.schema["filed_date"] == pl.Date and typed.schema["items"] == pl.List(pl.String)
    assert typed["accession"].to_list() == [A3]


def test_pyarrow_dataset_reads(root: str) -> None:
    discovered = ds.dataset(f"{root}/filings", partitioning="hive")
    assert discovered.schema.field("year").type == pa.int32()
    explicit = ds.dataset(f"{root}/filings", partitioning=PARTITIONING)
    table = explicit.to_table(filter=ds.field("year") == 2005)
    assert table.schema.field("year").type == pa.int16()
    assert table.column("accession").to_pylist() == [A3]


def test_load_helper_types_filters_and_latest_decision(root: str) -> None:
    filings = load(root, "filings", filters=[("year", "==", 2004)])
    assert sorted(filings["accession"]) == [A1, A2]
    assert filings["year"].dtype == "int16" and filings["quarter"].dtype == "int8"
    assert str(filings["sic"].dtype) == "Int32" and filings["sic"].isna().sum() == 1  # no float64 from a null
    assert str(filings["cik"].dtype) == "Int64" and str(filings["paper"].dtype) == "boolean"
    links = load(root, "se_links")
    assert links[["accession", "exhibit", "decision_seq", "status"]].values.tolist() == [[A1, "99.2", 2, "linked"]]
    assert len(load(root, "se_links", latest=False)) == 2
    assert dataset(root, "documents").count_rows() == 4


def test_join_filings_documents_and_links_in_pandas(root: str) -> None:
    filings = load(root, "filings")
    documents = load(root, "documents")
    links = load(root, "se_links")
    per_filing = documents.groupby("accession").size().to_dict()
    assert per_filing == {A1: 2, A2: 1, A3: 1}
    joined = (filings.merge(documents, on="accession", suffixes=("", "_doc"))
              .merge(links, left_on=["accession", "exhibit"], right_on=["accession", "exhibit"], how="left"))
    linked = joined[joined["status"] == "linked"]
    assert linked[["accession", "sequence", "se_accession"]].values.tolist() == [[A1, 2, SE1]]
    assert bool(linked["paper_placeholder"].iloc[0]) is True


def test_join_in_duckdb(root: str) -> None:
    query = f"""
        SELECT f.accession, d.sequence, l.status, l.se_accession
        FROM read_parquet('{root}/filings/**/*.parquet', hive_partitioning=true) f
        JOIN read_parquet('{root}/documents/**/*.parquet', hive_partitioning=true) d USING (accession)
        JOIN read_parquet('{root}/se_links/**/*.parquet', hive_partitioning=true) l
          ON l.accession = d.accession AND l.exhibit = d.exhibit
        QUALIFY row_number() OVER (PARTITION BY l.accession, l.exhibit ORDER BY l.decision_seq DESC) = 1
    """
    assert duckdb.sql(query).fetchall() == [(A1, 2, "linked", SE1)]


def test_empty_dataset_loads_with_full_schema(tmp_path: Path) -> None:
    _, root = resolve(str(tmp_path / "empty"))
    frame = load(root, "errors")
    assert len(frame) == 0 and "stage" in frame.columns and frame["year"].dtype == "int16"
    assert load(str(tmp_path / "never-written"), "filings").empty
    assert not (tmp_path / "never-written").exists()  # reading creates nothing
