"""Watching the landing folder, publishing what it brought, and reporting failed runs.

``landing_sensor`` keeps one partition of ``document_extraction`` per PDF of the landing
folder: it registers the new files, drops the removed ones and asks for the extraction of
every new or changed file (one run each, run key = file name and content hash, so a tick
never asks twice for the same bytes). Files whose bytes are already cached need no run.

``load_after_extraction`` publishes those extractions within minutes: on new materializations
of ``document_extraction`` by runs other than a load's, it asks for one ``load_warehouse`` run
(the nightly load's request, ``orchestration.jobs.load_request``). It coalesces bursts: it waits
while a load is queued or running (one DuckDB writer at a time) and, up to ``MAX_WAIT_SECONDS``
after the first unpublished extraction, while extraction runs are still going, so that a
hundred files landing together make one publication.

``report_run_failures`` reports every failed run of this code location (alerts.py).
"""

import json
import time
from pathlib import Path

import dagster as dg

from orchestration.defs.extraction.documents import (
    documents_partitions,
    landing_documents,
)
from orchestration.defs.operations.alerts import (
    FailureReport,
    notify_failure,
    run_url,
    step_failures,
)
from orchestration.jobs import (
    DOCUMENT_EXTRACTION,
    asset_keys_of,
    extract_documents_job,
    load_request,
    load_warehouse_job,
)
from orchestration.resources import WarehouseResource
from warehouse.extraction_cache import ExtractionCache


@dg.sensor(
    name="landing_sensor",
    job=extract_documents_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New, changed and removed PDFs of the landing folder: registers their partitions, extracts them.",
)
def landing_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    landing = Path(warehouse.landing_dir)
    if not landing.is_dir():
        return dg.SkipReason(f"The landing folder {landing} does not exist.")
    # cursor: {key: sha256} of the last tick (an older cursor's entries differ: at worst, the
    # files not extracted yet are asked for again). A file unchanged since it was hashed is not
    # read again (the cache's FileHashes, shared with the extraction and raw steps).
    seen = json.loads(context.cursor) if context.cursor else {}
    cache = ExtractionCache(warehouse.cache_path)
    documents = landing_documents(landing)
    hashes = cache.hashes.sha256s(f.path for f in documents.values())
    # a file gone or unreadable since the folder was listed: the next tick looks again
    current = {key: sha for key, file in documents.items() if (sha := hashes[file.path]) is not None}
    registered = set(context.instance.get_dynamic_partitions(documents_partitions.name))  # type: ignore[arg-type]  # declared with a name
    added = [k for k in current if k not in registered]
    removed = sorted(registered - set(current))
    run_requests = [
        dg.RunRequest(partition_key=key, run_key=f"{key}:{sha256}", tags={"budget/sha256": sha256})
        for key, sha256 in current.items()
        if seen.get(key) != sha256 and not cache.has(sha256)
    ]
    requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
    if added:
        requests.append(documents_partitions.build_add_request(added))
    if removed:
        requests.append(documents_partitions.build_delete_request(removed))
    if added or removed or run_requests:
        context.log.info(f"{len(added)} new, {len(removed)} removed, {len(run_requests)} to extract")
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=requests,
        cursor=json.dumps(current, sort_keys=True),
    )


# Longest wait for a burst's extraction runs to finish before its first documents are loaded:
# with the landing sensor's minute, this sensor's half minute and a load of two or three
# minutes, the warehouse is fresh within five minutes of a file landing.
MAX_WAIT_SECONDS = 120
EVENTS_PER_QUERY = 1000
UNFINISHED = [
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]


def _new_extractions(instance: dg.DagsterInstance, after: int) -> tuple[int, float | None]:
    """(the last storage id of ``document_extraction`` materializations after ``after``, the
    time of the first one that a load did not make itself, or None when there is none)."""
    last, first_unloaded, cursor = after, None, None
    while True:
        page = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=DOCUMENT_EXTRACTION, after_storage_id=after),
            limit=EVENTS_PER_QUERY,
            cursor=cursor,
            ascending=True,
        )
        for record in page.records:
            last = max(last, record.storage_id)
            # a load publishes its own extractions
            if first_unloaded is None and record.event_log_entry.job_name != load_warehouse_job.name:
                first_unloaded = record.timestamp
        if not page.has_more:
            return last, first_unloaded
        cursor = page.cursor


def _unfinished_runs(instance: dg.DagsterInstance, job_name: str) -> int:
    return instance.get_runs_count(dg.RunsFilter(job_name=job_name, statuses=UNFINISHED))


@dg.sensor(
    name="load_after_extraction",
    job=load_warehouse_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Publishes new extractions within minutes: one load_warehouse run per burst of "
        "extractions, never while another load is queued or running."
    ),
)
def load_after_extraction(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    # cursor: the storage id of the last extraction event a load was asked for (or skipped)
    after = int(context.cursor or 0)
    last, first_unloaded = _new_extractions(context.instance, after)
    if first_unloaded is None:
        # nothing new, or only the loads' own extractions: nothing to publish
        return dg.SensorResult(skip_reason="No new extraction since the last load.", cursor=str(last))
    if _unfinished_runs(context.instance, load_warehouse_job.name):
        return dg.SkipReason("A load is queued or running; the next tick asks for the extractions it may miss.")
    waited = time.time() - first_unloaded
    if waited < MAX_WAIT_SECONDS and _unfinished_runs(context.instance, extract_documents_job.name):
        return dg.SkipReason(f"Extraction runs are still going; waiting for them ({waited:.0f} s so far).")
    request = load_request(
        context.instance, warehouse, lambda: asset_keys_of(context), run_key=f"extractions-to-{last}"
    )
    if isinstance(request, dg.SkipReason):
        return request
    context.log.info(f"Loading the extractions up to event {last}.")
    return dg.SensorResult(run_requests=[request], cursor=str(last))


@dg.run_failure_sensor(
    name="report_run_failures",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Logs every failed run with its reason, and posts it to BUDGET_FAILURE_WEBHOOK when set.",
)
def report_run_failures(context: dg.RunFailureSensorContext):
    run = context.dagster_run
    report = FailureReport(
        run_id=run.run_id,
        job=run.job_name,
        failure=(context.failure_event.message or "failed").strip().splitlines()[0],
        failed_steps=step_failures(context.get_step_failure_events()),
        url=run_url(run.run_id),
    )
    notify_failure(report, context.log)
