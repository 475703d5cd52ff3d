"""The one Definitions object of the project: `dagster dev` loads ``defs`` from here."""

import dagster as dg

from orchestration.resources import exports_resource, postgres_resource, set_default_environment, warehouse_resource

set_default_environment()

from dagster_dbt import DbtCliResource  # noqa: E402

from orchestration.defs.dbt.assets import dbt_resource, warehouse_models  # noqa: E402  (needs the env)
from orchestration.defs.expectations.checks import gx_checks  # noqa: E402
from orchestration.defs.exports.assets import published_exports  # noqa: E402
from orchestration.defs.extraction.assets import document_extraction, raw_extractions  # noqa: E402
from orchestration.defs.operations.sensors import (  # noqa: E402
    landing_sensor,
    load_after_extraction,
    report_run_failures,
)
from orchestration.defs.publish.assets import published_warehouse  # noqa: E402
from orchestration.defs.serving.assets import published_postgres  # noqa: E402
from orchestration.executors import MULTIPROCESS, step_executor  # noqa: E402
from orchestration.jobs import extract_documents_job, load_warehouse_job, nightly_load  # noqa: E402


def build_definitions(
    models: dg.AssetsDefinition | None = None,
    dbt: DbtCliResource | None = None,
    extra_checks: tuple[dg.AssetChecksDefinition, ...] = (),
) -> dg.Definitions:
    """The project's definitions; tests swap in the models of another dbt project (with its
    resource) or add checks."""
    return dg.Definitions(
        assets=[document_extraction, raw_extractions, models or warehouse_models, published_warehouse,
                published_exports, published_postgres],
        asset_checks=[*gx_checks, *extra_checks],
        jobs=[load_warehouse_job, extract_documents_job],
        schedules=[nightly_load],
        sensors=[landing_sensor, load_after_extraction, report_run_failures],
        resources={"warehouse": warehouse_resource(), "dbt": dbt or dbt_resource(), "exports": exports_resource(),
                   "postgres": postgres_resource()},
        # The other runs (the landing sensor's, the UI's materializations): a process per step,
        # as Dagster's default, or what their config asks for.
        executor=step_executor(MULTIPROCESS),
    )


defs = build_definitions()
