"""The one Definitions object of the project: `dagster dev` loads ``defs`` from here.

Importing this module builds it (the code location is this object), and with it the dbt
project's manifest when it is stale (orchestration/defs/dbt/project.py). Its resources take
their defaults from the environment (orchestration/resources.py); a run's config overrides
them, as `budget-etl load` does. Nothing here writes the environment.
"""

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.defs.dbt.assets import build_warehouse_models
from orchestration.defs.dbt.project import dbt_resource, prepared_project
from orchestration.defs.expectations.checks import gx_checks
from orchestration.defs.exports.assets import published_exports
from orchestration.defs.extraction.assets import document_extraction, raw_extractions
from orchestration.defs.operations.sensors import (
    landing_sensor,
    load_after_extraction,
    report_run_failures,
)
from orchestration.defs.publish.assets import build_published_warehouse
from orchestration.defs.serving.assets import published_postgres
from orchestration.executors import MULTIPROCESS, step_executor
from orchestration.jobs import extract_documents_job, load_warehouse_job, nightly_load
from orchestration.resources import exports_resource, postgres_resource, warehouse_resource


def build_definitions(
    models: dg.AssetsDefinition | None = None,
    dbt: DbtCliResource | None = None,
    extra_checks: tuple[dg.AssetChecksDefinition, ...] = (),
) -> dg.Definitions:
    """The project's definitions, their resources configured by the environment as it is now;
    tests swap in the models of another dbt project (with its resource) or add checks."""
    models = models or build_warehouse_models(prepared_project())
    return dg.Definitions(
        assets=[
            document_extraction,
            raw_extractions,
            models,
            build_published_warehouse(models),
            published_exports,
            published_postgres,
        ],
        asset_checks=[*gx_checks, *extra_checks],
        jobs=[load_warehouse_job, extract_documents_job],
        schedules=[nightly_load],
        sensors=[landing_sensor, load_after_extraction, report_run_failures],
        resources={
            "warehouse": warehouse_resource(),
            "dbt": dbt or dbt_resource(prepared_project()),
            "exports": exports_resource(),
            "postgres": postgres_resource(),
        },
        # The other runs (the landing sensor's, the UI's materializations): a process per step,
        # as Dagster's default, or what their config asks for.
        executor=step_executor(MULTIPROCESS),
    )


defs = build_definitions()
