"""The job that loads the warehouse end to end, and when it runs."""

import dagster as dg

# Everything: extraction, every dbt model and test, every GX check.
load_warehouse_job = dg.define_asset_job(
    "load_warehouse",
    selection=dg.AssetSelection.all(include_sources=False),
    description="Extract the landing folder, build the dbt models, run the expectations.",
)

nightly_load = dg.ScheduleDefinition(
    name="nightly_load",
    job=load_warehouse_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    description="Every night at 02:00 Beijing time: load whatever arrived in the landing folder.",
)
