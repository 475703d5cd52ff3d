"""One dbt build of the scenario warehouse, shared by every dbt model test."""

from __future__ import annotations

import duckdb
import pytest

from tests.dbt import dbt_runner, scenario


@pytest.fixture(scope="session")
def dbt_scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("dbt_scenario")


@pytest.fixture(scope="session")
def warehouse(dbt_scratch):
    """The path of a warehouse built by `dbt build` from tests.dbt.scenario."""
    return dbt_runner.build(scenario.scenario(), dbt_scratch)


@pytest.fixture(scope="session")
def query(warehouse):
    def run(sql, params=()):
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    return run
