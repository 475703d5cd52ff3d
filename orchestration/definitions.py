"""The one Definitions object of the project: `dagster dev` loads ``defs`` from here."""

import dagster as dg

from orchestration.resources import set_default_environment, warehouse_resource

set_default_environment()

from orchestration.defs.dbt.assets import dbt_resource, warehouse_models  # noqa: E402  (needs the env)
from orchestration.defs.expectations.checks import gx_checks  # noqa: E402
from orchestration.defs.extraction.assets import raw_extractions  # noqa: E402
from orchestration.jobs import load_warehouse_job, nightly_load  # noqa: E402

defs = dg.Definitions(
    assets=[raw_extractions, warehouse_models],
    asset_checks=gx_checks,
    jobs=[load_warehouse_job],
    schedules=[nightly_load],
    resources={"warehouse": warehouse_resource(), "dbt": dbt_resource()},
)
