"""The dbt models as assets (staging -> intermediate -> marts), their dbt tests as asset checks.

The models are not partitioned, nor subsettable: one `dbt build` builds them all from the
raw tables, which keeps clear of dagster-dbt's partitioned-run pitfalls and of parallel
DuckDB writers. dbt writes the run's build file, never the published warehouse: its profile
reads the path from the var ``budget_warehouse``, which the dbt command is given (``--vars``).

The per-document models are incremental (dbt_project.yml): in a build copied from the
published warehouse they replace only the changed documents' rows. `dbt build --full-refresh`
runs instead when the run asks for it (budget/full_refresh) or when the build was made by
other code than this (its models may compute other rows).
"""

import json
import shutil
import warnings
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from orchestration.defs.dbt.project import WAREHOUSE_VAR, keep_partial_parse
from orchestration.defs.expectations.checks import import_gx_meanwhile
from orchestration.defs.extraction.documents import FULL_REFRESH_TAG, is_true_tag
from orchestration.fingerprint import code_digest
from orchestration.resources import WarehouseResource, build_run_id
from warehouse import publish as publishing


class BudgetDbtTranslator(DagsterDbtTranslator):
    """Models are keyed by schema and name (marts/fct_budget_line) and grouped by layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "model":
            return dg.AssetKey([dbt_resource_props["config"]["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "model":
            return dbt_resource_props["config"]["schema"]
        return super().get_group_name(dbt_resource_props)


def build_warehouse_models(project: DbtProject, name: str = "warehouse_models") -> dg.AssetsDefinition:
    """The dbt models of ``project`` as assets (tests build a broken copy of the project)."""

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        name=name,
        dagster_dbt_translator=BudgetDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
        pool="duckdb_writer",
    )
    def _models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
        build = publishing.ensure_build(warehouse.published_path, build_run_id(context.run))
        context.log.info(f"dbt builds {build}")
        full_refresh = (
            is_true_tag(context.run.tags, FULL_REFRESH_TAG) or publishing.build_code_digest(build) != code_digest()
        )
        if full_refresh:
            context.log.info("Full refresh: every incremental model is rebuilt whole.")
        # Without the unit tests: they test the models' code on fixed inputs, not the data, and
        # run where the code changes (tests/dbt); in a load they cost every run seconds for nothing.
        import_gx_meanwhile()
        with publishing.dbt_building(build, warehouse.published_path) as path:
            arguments = ["build", "--exclude", "test_type:unit", "--vars", json.dumps({WAREHOUSE_VAR: str(path)})]
            invocation = dbt.cli([*arguments, *(["--full-refresh"] if full_refresh else [])], context=context)
            yield from invocation.stream()
        # dagster-dbt starts each run's parse from the project's partial_parse.msgpack: this
        # run's, parsed with the same profile, lets the next run parse only what changed.
        keep_partial_parse(invocation.target_path, project)
        # Each run has a dbt target folder of its own (manifest, run results, dbt.log: 20 MB at
        # any size); a daemon loading every few minutes would fill the disk with them. A failed
        # build raised above and keeps its folder, whose dbt.log its error message points to.
        shutil.rmtree(invocation.target_path, ignore_errors=True)

    # Not subsettable: the models are built together, by one `dbt build` of the run's build
    # file. Otherwise the backfill daemon splits them over several runs by readiness (the
    # seeds first, alone), and a test that spans models runs before both are rebuilt.
    # (@dbt_assets has no parameter for it.)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.BetaWarning)  # execution_type, passed through as it is
        return dg.AssetsDefinition(**{**_models.get_attributes_dict(), "can_subset": False})
