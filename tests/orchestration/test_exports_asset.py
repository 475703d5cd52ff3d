"""The exports asset: after publishing, off by default (skipped, nothing written); enabled by
its resource, it writes each format from the published warehouse. The warehouse is the dbt
scenario's (tests/dbt), built once for this module."""

from __future__ import annotations

import dagster as dg
import pytest
from frictionless import validate

from orchestration.definitions import defs
from orchestration.defs.exports.assets import published_exports
from orchestration.resources import ExportsResource, WarehouseResource
from tests.dbt import dbt_runner, scenario

EXPORTS = dg.AssetKey(["published", "exports"])


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return dbt_runner.build(scenario.scenario(), tmp_path_factory.mktemp("exports_asset"))


def resources(published, exports):
    return {
        "warehouse": WarehouseResource(landing_dir=str(published.parent), warehouse_path=str(published)),
        "exports": exports,
    }


def test_the_exports_follow_publishing_and_are_off_by_default():
    graph = defs.resolve_asset_graph()
    assert graph.get(EXPORTS).parent_keys == {dg.AssetKey(["published", "warehouse"])}
    assert ExportsResource().enabled is False
    assert EXPORTS in defs.resolve_job_def("load_warehouse").asset_layer.asset_graph.get_all_asset_keys()


def test_off_the_asset_is_skipped_and_writes_nothing(published, tmp_path):
    out = tmp_path / "exports"
    result = dg.materialize([published_exports], resources=resources(published, ExportsResource(out_dir=str(out))))
    assert result.success
    assert result.get_asset_materialization_events() == []
    assert not out.exists()


def test_enabled_it_refreshes_every_format(published, tmp_path):
    out = tmp_path / "exports"
    exports = ExportsResource(enabled=True, out_dir=str(out), formats=["csv", "fdp"], bom=True)
    result = dg.materialize([published_exports], resources=resources(published, exports))
    assert result.success
    [event] = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    assert metadata["csv_rows"].value > 0 and metadata["fdp"].value == str(out / "fdp")
    assert (out / "csv" / "fct_budget_execution.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert validate(str(out / "fdp" / "datapackage.json")).valid
    # A second publication refreshes the same folders.
    assert dg.materialize([published_exports], resources=resources(published, exports)).success
