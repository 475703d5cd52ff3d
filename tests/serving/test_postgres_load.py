"""Serving from PostgreSQL in the pipeline: the asset ``published/postgres`` after publishing, off
by default (skipped, connects to nothing), configured by its resource (BUDGET_POSTGRES_URL) or
by `budget-etl load --postgres URL`; a bad URL fails the run with one clear line while the DuckDB
publication stands. Over a real PostgreSQL server (conftest.py) and the sample warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import psycopg
import pytest

from orchestration.definitions import defs
from orchestration.defs.serving.assets import published_postgres
from orchestration.resources import PostgresServingResource, WarehouseResource, postgres_resource
from warehouse.serving import postgres as serving

POSTGRES = dg.AssetKey(["published", "postgres"])
LINES = "select count(*), sum(amount_yuan) from marts.fct_budget_line"


def resources(warehouse: Path, postgres: PostgresServingResource) -> dict:
    return {
        "warehouse": WarehouseResource(landing_dir=str(warehouse.parent), warehouse_path=str(warehouse)),
        "postgres": postgres,
    }


def duckdb_lines(warehouse: Path):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(LINES).fetchone()
    finally:
        con.close()


def served_lines(url: str):
    with psycopg.connect(url) as con:
        return con.execute(LINES).fetchone()


@pytest.fixture
def database(postgres_server, request):
    return postgres_server.database(request.node.name.lower()[:50])


def test_serving_follows_publishing_and_is_off_by_default(monkeypatch):
    graph = defs.resolve_asset_graph()
    assert graph.get(POSTGRES).parent_keys == {dg.AssetKey(["published", "warehouse"])}
    assert POSTGRES in defs.resolve_job_def("load_warehouse").asset_layer.asset_graph.get_all_asset_keys()
    monkeypatch.delenv(serving.URL_VARIABLE, raising=False)
    assert postgres_resource().enabled is False


def test_off_the_asset_is_skipped_and_connects_to_nothing(sample_warehouse):
    result = dg.materialize([published_postgres], resources=resources(sample_warehouse[0], PostgresServingResource()))
    assert result.success
    assert result.get_asset_materialization_events() == []


def test_from_BUDGET_POSTGRES_URL_it_serves_the_published_warehouse(sample_warehouse, database, monkeypatch):
    warehouse = sample_warehouse[0]
    monkeypatch.setenv(serving.URL_VARIABLE, database)
    postgres = postgres_resource()
    assert postgres.enabled
    result = dg.materialize([published_postgres], resources=resources(warehouse, postgres))
    assert result.success
    [event] = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    assert metadata["rows"].value == sum(metadata["tables"].value.values()) > 0
    assert (
        "***" in metadata["database"].value and database.split(":")[2].split("@")[0] not in metadata["database"].value
    )
    assert served_lines(database) == duckdb_lines(warehouse)


@pytest.fixture
def published_copy(sample_corpus, sample_warehouse, tmp_path):
    """The sample warehouse and its extraction cache copied (the landing folder shared): a load
    over them rebuilds from the cache, reading no PDF."""
    warehouse = tmp_path / "budget.duckdb"
    shutil.copyfile(sample_warehouse[0], warehouse)
    shutil.copytree(sample_warehouse[0].parent / "extractions", tmp_path / "extractions")
    return sample_corpus[0], warehouse


def budget_etl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != serving.URL_VARIABLE}
    return subprocess.run(
        [str(Path(sys.executable).with_name("budget-etl")), *args],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        timeout=900,
    )


def publication(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select run_id from ops.publication").fetchone()[0]
    finally:
        con.close()


def test_budget_etl_load_serves_and_a_bad_url_fails_after_publishing(published_copy, database, postgres_server):
    landing, warehouse = published_copy
    before = publication(warehouse)
    done = budget_etl(
        "load", "--landing", str(landing), "--warehouse", str(warehouse), "--rebuild", "--postgres", database
    )
    assert done.returncode == 0, done.stdout + done.stderr
    first = publication(warehouse)
    assert first != before
    assert served_lines(database) == duckdb_lines(warehouse)

    # A wrong password: the run fails after publishing, says so in one line, exit 1.
    bad = postgres_server.url(database.rsplit("/", 1)[1], password="wrong-password")
    done = budget_etl(
        "load", "--landing", str(landing), "--warehouse", str(warehouse), "--rebuild", env={serving.URL_VARIABLE: bad}
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr and "wrong-password" not in done.stdout + done.stderr
    failure = next(line for line in done.stdout.splitlines() if line.startswith("The run FAILED"))
    assert "Serving from PostgreSQL failed: cannot connect to PostgreSQL at" in failure
    assert "password authentication failed" in failure
    assert "The warehouse was published (a step after publishing failed)" in done.stdout
    assert "sql table model" not in done.stderr  # dbt's log, beside the point once published
    assert publication(warehouse) not in (before, first)  # the DuckDB publication stands
    assert served_lines(database) == duckdb_lines(warehouse)  # same rows; the previous copy still served
