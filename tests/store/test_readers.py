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


@pytest.fixture(scope="module")
def cm_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    """CWALT 2005-34CB's 1A3 grid (two prices, two scenarios, a WAL footer), a 1A4 grid beside it, two texts."""
    fs, root = resolve(str(tmp_path_factory.mktemp("readers-cm") / "output"))
    writer = ArchiveWriter(fs, root, "run-cm")
    grids = {1: ("1A3", {(96.125, "96-04"): (6.120, 5.497), (99.78125, "99-25"): (5.550, 5.512)}),
             2: ("1A4", {(96.125, "96-04"): (7.001, 6.002)})}
    for table_no, (class_, prices) in grids.items():
        title = f"CWALT0534CB_1A - Price/Yield - {class_}"
        writer.add_bulk("cm_tables", [rows.cm_table(A1, table_no) | {"class": class_, "title": title}], (2004, 2))
        cells = []
        for row_no, ((price, label), yields) in enumerate(prices.items(), start=1):
            for scenario_no, (scenario, value) in enumerate(zip(("100 PPC", "300 PPC"), yields), start=1):
                cells.append(rows.cm_value(A1, table_no, row_no, scenario_no, value=value)
                             | {"price": price, "row_label": label, "scenario": scenario, "speed": float(scenario[:3])})
        cells.append(rows.cm_value(A1, table_no, len(prices) + 1, 1, value=4.25)
                     | {"price": None, "row_label": "WAL", "measure": "wal"})
        writer.add_bulk("cm_values", cells, (2004, 2))
    writer.add_bulk("document_text", [
        rows.document_text(A1, 2, text="Class 1A3 ... Principal Window 07/05 - 03/35 ..."),
        rows.document_text(A2, 2, text="Statement to certificateholders") | {"kind_of_exhibit": "other"}], (2004, 2))
    writer.close()
    return root


def test_the_readme_pandas_example_pivots_the_1a3_yield_grid(cm_root: str) -> None:
    from crawler.store.load import load

    tables, values = load(cm_root, "cm_tables"), load(cm_root, "cm_values")
    key = ["accession", "sequence", "table_no"]
    a3 = tables[tables["deal"].str.startswith("CWALT0534CB", na=False) & (tables["class"] == "1A3")
                & (tables["kind"] == "price_yield")]
    grid = (values.merge(a3[key], on=key).query("measure == 'yield'")
            .pivot_table(index=["row_no", "price"], columns=["scenario_no", "scenario"], values="value")
            .droplevel("row_no").droplevel("scenario_no", axis=1))
    assert grid.loc[96.125, "100 PPC"] == 6.120
    assert list(grid.columns) == ["100 PPC", "300 PPC"] and list(grid.index) == [96.125, 99.78125]
    assert grid.loc[99.78125].tolist() == [5.550, 5.512]


def test_the_readme_duckdb_query_finds_exhibits_by_a_phrase(cm_root: str) -> None:
    found = duckdb.sql(f"""
        SELECT accession, sequence, description, chars
        FROM read_parquet('{cm_root}/document_text/**/*.parquet', hive_partitioning=true,
                          hive_types={{'year': SMALLINT, 'quarter': TINYINT}}, union_by_name=true)
        WHERE kind_of_exhibit = 'computational_materials' AND text ILIKE '%principal window%'
        ORDER BY filed_date, accession""").df()
    assert found[["accession", "sequence"]].values.tolist() == [[A1, 2]]
    assert found["chars"].tolist() == [len("Class 1A3 ... Principal Window 07/05 - 03/35 ...")]
