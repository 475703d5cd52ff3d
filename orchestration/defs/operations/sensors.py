"""Watching the landing folder, and reporting failed runs.

``landing_sensor`` keeps one partition of ``document_extraction`` per PDF of the landing
folder: it registers the new files, drops the removed ones and asks for the extraction of
every new or changed file (one run each, run key = file name and content hash, so a tick
never asks twice for the same bytes). Files whose bytes are already cached need no run.
The warehouse itself is rebuilt by the nightly load (or `budget-etl load`), which publishes
whatever was extracted since.

``report_run_failures`` reports every failed run of this code location (alerts.py).
"""


import json
from pathlib import Path

import dagster as dg

from orchestration.defs.extraction.documents import documents_partitions, landing_documents
from warehouse.landing import file_sha256
from orchestration.defs.operations.alerts import FailureReport, notify_failure, run_url, step_failures
from orchestration.jobs import extract_documents_job
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
    # cursor: {key: [mtime_ns, size, sha256]}; a file whose mtime and size did not move is not hashed again
    seen = json.loads(context.cursor) if context.cursor else {}
    current = {}
    for key, file in landing_documents(landing).items():
        try:
            stat = file.path.stat()
            before = seen.get(key)
            same = before and before[0] == stat.st_mtime_ns and before[1] == stat.st_size
            current[key] = [stat.st_mtime_ns, stat.st_size, before[2] if same else file_sha256(file.path)]
        except OSError:  # gone or unreadable since the folder was listed: the next tick looks again
            continue
    registered = set(context.instance.get_dynamic_partitions(documents_partitions.name))
    added = [k for k in current if k not in registered]
    removed = sorted(registered - set(current))
    cache = ExtractionCache(warehouse.cache_path)
    run_requests = [
        dg.RunRequest(partition_key=key, run_key=f"{key}:{sha256}", tags={"budget/sha256": sha256})
        for key, (_, _, sha256) in current.items()
        if (key not in seen or seen[key][2] != sha256) and not cache.has(sha256)
    ]
    requests = []
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
