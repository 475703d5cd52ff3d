"""The jobs that load the warehouse, and when they run.

``load_warehouse``: everything, PDF to published mart, in one run over all the documents'
partitions (a single-run range: the extraction step extracts what is new or changed in a
process pool, then the raw tables, the dbt models and tests, the expectations, publishing).
When every PDF is extracted already, it runs without the extraction step.
``extract_documents``: the extraction of some documents only (the landing sensor's runs).
``nightly_load`` runs ``load_warehouse`` every night at 02:00 Beijing time once turned on;
the sensor ``load_after_extraction`` (operations/sensors.py) runs it minutes after the landing
sensor's extractions; `budget-etl load` runs it in its own process. All three ask
for the run through ``load_request``.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

import dagster as dg

from orchestration.defs.extraction.documents import (
    all_documents_tags,
    pending_documents_tags,
    sync_document_partitions,
)
from orchestration.executors import IN_PROCESS, step_executor
from orchestration.resources import WarehouseResource
from warehouse.extraction_cache import ExtractionCache

DOCUMENT_EXTRACTION = dg.AssetKey("document_extraction")

# Everything: extraction, every dbt model and test, every GX check, publishing.
load_warehouse_job = dg.define_asset_job(
    "load_warehouse",
    selection=dg.AssetSelection.all(),
    # Its steps run one after the other (raw tables, dbt, checks, publishing), so one process
    # does them, as `budget-etl load` does: a process per step would add the start of an
    # interpreter and the definitions to each, a minute or more of a load that the
    # freshness sensor wants published within minutes. The extraction has its own process pool.
    # A run's config may send them elsewhere (orchestration/executors.py).
    executor_def=step_executor(IN_PROCESS),
    description=(
        "Extract the landing folder (what is new or changed), build the dbt models, run the "
        "expectations, publish. Run it over the partitions of what is new or changed (one run: a "
        "single-run backfill); the raw tables, models and checks cover the whole landing folder."
    ),
)

extract_documents_job = dg.define_asset_job(
    "extract_documents",
    selection=dg.AssetSelection.assets(DOCUMENT_EXTRACTION),
    description="Extract some documents into the cache (the landing sensor's runs); the next load publishes them.",
)


@dg.schedule(
    name="nightly_load",
    job=load_warehouse_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    description="Every night at 02:00 Beijing time: load whatever arrived in the landing folder, publish.",
)
def nightly_load(context: dg.ScheduleEvaluationContext, warehouse: WarehouseResource):
    return load_request(context.instance, warehouse, lambda: asset_keys_of(context))


def asset_keys_of(context: dg.ScheduleEvaluationContext | dg.SensorEvaluationContext) -> list[dg.AssetKey]:
    """The assets of the definitions a schedule or sensor is evaluated in."""
    return list(context.repository_def.asset_graph.get_all_asset_keys()) if context.repository_def else []


def load_request(
    instance: dg.DagsterInstance,
    warehouse: WarehouseResource,
    asset_keys: Callable[[], Iterable[dg.AssetKey]],
    run_key: str | None = None,
    extract: bool = False,
) -> dg.RunRequest | dg.SkipReason:
    """One run of ``load_warehouse`` over the whole landing folder: over the documents'
    partitions from the first to the last PDF that waits for its extraction, or over every
    partition with ``extract`` (a backfill re-extracts), else without the extraction step (of
    ``asset_keys()``, the job's assets).

    The one place that decides what a load runs: the nightly schedule, the sensor
    ``load_after_extraction`` and `budget-etl load` all ask it.
    """
    landing = Path(warehouse.landing_dir)
    if not landing.is_dir():
        return dg.SkipReason(f"The landing folder {landing} does not exist.")
    # The landing sensor keeps the partitions in step with the folder; this catches up in case
    # it is off (schedules cannot return partition requests, so the instance is told directly).
    sync_document_partitions(instance, landing)
    if extract:
        tags = all_documents_tags(instance)
    else:
        tags = pending_documents_tags(instance, landing, ExtractionCache(warehouse.cache_path))
    if tags is not None:
        return dg.RunRequest(run_key=run_key, tags=tags)
    # Nothing to extract (the landing sensor did it, or no PDF is left): the rest only.
    return dg.RunRequest(run_key=run_key, asset_selection=[k for k in asset_keys() if k != DOCUMENT_EXTRACTION])
