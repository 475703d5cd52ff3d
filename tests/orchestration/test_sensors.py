"""The landing sensor, the sensor that loads after extractions, the nightly schedule and the
run-failure sensor, evaluated as the Dagster daemon would, on a real instance and real PDFs of
the sample corpus."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime

import dagster as dg
import pytest

from extract import extract_document
from orchestration.defs.extraction.assets import document_extraction
from orchestration.defs.extraction.documents import (
    all_documents_tags,
    documents_partitions,
)
from orchestration.defs.operations import sensors
from orchestration.defs.operations.alerts import (
    WEBHOOK_ENV,
    FailureReport,
    notify_failure,
)
from orchestration.defs.operations.sensors import (
    landing_sensor,
    load_after_extraction,
    report_run_failures,
)
from orchestration.jobs import (
    DOCUMENT_EXTRACTION,
    extract_documents_job,
    load_request,
    load_warehouse_job,
    nightly_load,
)
from orchestration.resources import WarehouseResource
from tests.orchestration.webhook import local_webhook
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import file_sha256


@pytest.fixture
def setup(sample_corpus, tmp_path):
    corpus, documents = sample_corpus
    landing = tmp_path / "landing"
    landing.mkdir()
    loaded = [d.file_name for d in documents if d.expect == "loaded"]
    warehouse = WarehouseResource(
        landing_dir=str(landing),
        warehouse_path=str(tmp_path / "budget.duckdb"),
        cache_dir=str(tmp_path / "cache"),
        extract_workers=1,
    )
    return corpus, landing, loaded, warehouse


def evaluate(instance, warehouse, cursor=None) -> dg.SensorResult:
    with dg.build_sensor_context(instance=instance, cursor=cursor, resources={"warehouse": warehouse}) as context:
        result = landing_sensor(context)
    for request in result.dynamic_partitions_requests:  # what the daemon does with them
        if isinstance(request, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
        else:
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)
    return result


def land_and_extract(instance, warehouse, definitions, corpus, landing, names, cursor=None) -> str:
    """Files land; the landing sensor asks for their extraction, one run each, which runs as the
    daemon would launch it (the job extract_documents). Returns the landing sensor's cursor."""
    for name in names:
        shutil.copy(corpus / name, landing / name)
    result = evaluate(instance, warehouse, cursor)
    assert sorted(r.partition_key for r in result.run_requests) == sorted(names)
    job = definitions.resolve_job_def(extract_documents_job.name)
    for request in result.run_requests:
        assert job.execute_in_process(instance=instance, partition_key=request.partition_key, tags=request.tags).success
    return result.cursor


def evaluate_load(instance, warehouse, definitions, cursor=None) -> tuple[list[dg.RunRequest], str | None]:
    """The sensor load_after_extraction's requests and its new cursor (the old one when it skipped)."""
    with dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"warehouse": warehouse}, definitions=definitions
    ) as context:
        result = load_after_extraction(context)
    if isinstance(result, dg.SkipReason):
        return [], cursor
    return result.run_requests, result.cursor


def unfinished_run(instance, job_name: str) -> dg.DagsterRun:
    run = dg.DagsterRun(job_name=job_name, run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED)
    instance.add_run(run)
    return run


def test_a_burst_of_extractions_makes_one_load_and_never_two_at_once(setup, monkeypatch):
    corpus, landing, loaded, warehouse = setup
    definitions = dg.Definitions(
        assets=[document_extraction],
        jobs=[extract_documents_job, load_warehouse_job],
        resources={"warehouse": warehouse},
    )
    with dg.instance_for_test() as instance:
        assert evaluate_load(instance, warehouse, definitions)[0] == []

        # three files land together: three extraction runs, one load of all three
        landing_cursor = land_and_extract(instance, warehouse, definitions, corpus, landing, loaded[:3])
        requests, cursor = evaluate_load(instance, warehouse, definitions)
        assert len(requests) == 1
        request = requests[0]
        # everything is extracted: the load runs without the extraction step, over the whole folder
        assert request.asset_selection is not None and DOCUMENT_EXTRACTION not in request.asset_selection
        assert request.run_key and cursor
        assert instance.get_dynamic_partitions("documents") == sorted(loaded[:3])

        # no new extraction: nothing more
        assert evaluate_load(instance, warehouse, definitions, cursor) == ([], cursor)

        # a file lands while that load runs: it waits for it to finish (one DuckDB writer)
        load = unfinished_run(instance, load_warehouse_job.name)
        landing_cursor = land_and_extract(
            instance, warehouse, definitions, corpus, landing, [loaded[3]], landing_cursor
        )
        assert evaluate_load(instance, warehouse, definitions, cursor) == ([], cursor)
        instance.report_run_failed(load)
        requests, next_cursor = evaluate_load(instance, warehouse, definitions, cursor)
        assert len(requests) == 1 and requests[0].run_key != request.run_key and next_cursor != cursor
        cursor = next_cursor

        # a file lands while the burst's other extractions still run: the load waits for them,
        # up to MAX_WAIT_SECONDS
        extraction = unfinished_run(instance, extract_documents_job.name)
        land_and_extract(instance, warehouse, definitions, corpus, landing, [loaded[4]], landing_cursor)
        assert evaluate_load(instance, warehouse, definitions, cursor) == ([], cursor)
        monkeypatch.setattr(sensors, "MAX_WAIT_SECONDS", 0)
        requests, cursor = evaluate_load(instance, warehouse, definitions, cursor)
        assert len(requests) == 1
        instance.report_run_failed(extraction)

        # a load's own extractions are published by that load: no second load for them
        (landing / loaded[5]).write_bytes((corpus / loaded[5]).read_bytes())
        evaluate(instance, warehouse)
        load_job = definitions.resolve_job_def(load_warehouse_job.name)
        assert load_job.execute_in_process(instance=instance, tags=all_documents_tags(instance)).success
        requests, after_load = evaluate_load(instance, warehouse, definitions, cursor)
        assert requests == [] and after_load != cursor  # skipped past them


def test_the_landing_sensor_registers_extracts_and_forgets_documents(setup):
    corpus, landing, loaded, warehouse = setup
    first, second = loaded[0], loaded[1]
    cache = ExtractionCache(warehouse.cache_path)
    with dg.DagsterInstance.ephemeral() as instance:
        shutil.copy(corpus / first, landing / first)
        result = evaluate(instance, warehouse)
        assert [r.partition_key for r in result.run_requests] == [first]
        assert instance.get_dynamic_partitions("documents") == [first]

        # the requested run: one partition, extracted into the cache
        run = dg.materialize(
            [document_extraction], partition_key=first, instance=instance, resources={"warehouse": warehouse}
        )
        assert run.success
        assert cache.get(file_sha256(landing / first), first) is not None
        assert run.asset_materializations_for_node("document_extraction")[0].metadata["pdfs_read"].value == 1

        # nothing new: no run; the same bytes again are not extracted again
        cursor = result.cursor
        result = evaluate(instance, warehouse, cursor)
        assert result.run_requests == [] and result.dynamic_partitions_requests == []
        again = dg.materialize(
            [document_extraction], partition_key=first, instance=instance, resources={"warehouse": warehouse}
        )
        assert again.asset_materializations_for_node("document_extraction")[0].metadata["pdfs_read"].value == 0

        # changed bytes under the same name: the same partition, extracted again
        shutil.copy(corpus / second, landing / first)
        result = evaluate(instance, warehouse, result.cursor)
        expected = [(first, f"{first}:{file_sha256(landing / first)}")]
        assert [(r.partition_key, r.run_key) for r in result.run_requests] == expected

        # a removed file: its partition goes
        (landing / first).unlink()
        result = evaluate(instance, warehouse, result.cursor)
        assert result.run_requests == []
        assert instance.get_dynamic_partitions("documents") == []


def test_a_new_file_whose_bytes_are_cached_needs_no_run(setup):
    corpus, landing, loaded, warehouse = setup
    shutil.copy(corpus / loaded[0], landing / "renamed.pdf")
    ExtractionCache(warehouse.cache_path).put(extract_document(landing / "renamed.pdf"), datetime(2026, 1, 1))
    with dg.DagsterInstance.ephemeral() as instance:
        result = evaluate(instance, warehouse)
        assert result.run_requests == []
        assert instance.get_dynamic_partitions("documents") == ["renamed.pdf"]


def test_the_nightly_schedule_loads_every_document_in_one_run(setup):
    corpus, landing, loaded, warehouse = setup
    for name in loaded[:3]:
        shutil.copy(corpus / name, landing / name)
    with dg.instance_for_test() as instance:  # a schedule's context needs an instance it can reopen
        instance.add_dynamic_partitions("documents", ["gone.pdf"])
        with dg.build_schedule_context(instance=instance, resources={"warehouse": warehouse}) as context:
            request = nightly_load(context)
        keys = sorted(loaded[:3])
        assert instance.get_dynamic_partitions("documents") == keys
        assert request.tags["dagster/asset_partition_range_start"] == keys[0]
        assert request.tags["dagster/asset_partition_range_end"] == keys[-1]
        assert documents_partitions.get_partition_keys(dynamic_partitions_store=instance) == keys


def test_the_nightly_schedule_runs_over_only_the_documents_still_to_extract(setup):
    """Not over every document: Dagster records a materialization for each partition of a run
    (10,000 of them took 25 s of a load that extracted one document)."""
    corpus, landing, loaded, warehouse = setup
    keys = sorted(loaded[:5])
    cache = ExtractionCache(warehouse.cache_path)
    for name in keys:
        shutil.copy(corpus / name, landing / name)
        if name not in (keys[1], keys[3]):
            cache.put(extract_document(landing / name), datetime(2026, 1, 1))
    with dg.instance_for_test() as instance:
        with dg.build_schedule_context(instance=instance, resources={"warehouse": warehouse}) as context:
            request = nightly_load(context)
        assert instance.get_dynamic_partitions("documents") == keys
        assert request.tags["dagster/asset_partition_range_start"] == keys[1]
        assert request.tags["dagster/asset_partition_range_end"] == keys[3]  # keys[2] between, cached
        for name in (keys[1], keys[3]):
            cache.put(extract_document(landing / name), datetime(2026, 1, 1))
        raw = dg.AssetKey(["raw", "documents"])
        request = load_request(instance, warehouse, lambda: [DOCUMENT_EXTRACTION, raw])
        assert "dagster/asset_partition_range_start" not in request.tags
        assert request.asset_selection == [raw]


def test_a_name_that_is_not_utf8_stops_neither_the_sensor_nor_the_schedule(setup):
    corpus, landing, loaded, warehouse = setup
    shutil.copy(corpus / loaded[0], os.path.join(os.fsencode(landing), b"\xff\xfebad.pdf"))
    shutil.copy(corpus / loaded[1], landing / loaded[1])
    (landing / "passwd.pdf").symlink_to("/etc/passwd")
    keys = sorted(["\\xff\\xfebad.pdf", loaded[1]])
    with dg.instance_for_test() as instance:
        result = evaluate(instance, warehouse)
        assert sorted(r.partition_key for r in result.run_requests) == keys  # the link is never read
        assert instance.get_dynamic_partitions("documents") == keys
        run = dg.materialize(
            [document_extraction], partition_key=keys[0], instance=instance, resources={"warehouse": warehouse}
        )
        assert run.success
        assert ExtractionCache(warehouse.cache_path).get(file_sha256(corpus / loaded[0]), keys[0])[0].status == "loaded"
        with dg.build_schedule_context(instance=instance, resources={"warehouse": warehouse}) as context:
            request = nightly_load(context)
        # The other file still waits for its extraction: the run is over it alone.
        assert request.tags["dagster/asset_partition_range_start"] == keys[1]
        assert request.tags["dagster/asset_partition_range_end"] == keys[1]


def failing_job():
    @dg.op
    def load_the_warehouse():
        raise dg.Failure("dbt build failed: model fct_budget_line")

    @dg.job(name="load_warehouse")
    def job():
        load_the_warehouse()

    return job


def test_the_failure_sensor_posts_the_reason_to_the_webhook(monkeypatch):
    with dg.DagsterInstance.ephemeral() as instance, local_webhook() as (url, received):
        monkeypatch.setenv(WEBHOOK_ENV, url)
        result = failing_job().execute_in_process(instance=instance, raise_on_error=False)
        assert not result.success
        context = dg.build_run_status_sensor_context(
            sensor_name="report_run_failures",
            dagster_instance=instance,
            dagster_run=result.dagster_run,
            dagster_event=result.get_run_failure_event(),
        ).for_run_failure()
        report_run_failures(context)
    assert len(received) == 1
    posted = received[0]
    assert posted["run_id"] == result.run_id and posted["job"] == "load_warehouse"
    assert posted["failed_steps"] == [
        {"step": "load_the_warehouse", "error": "dbt build failed: model fct_budget_line"}
    ]
    assert "FAILED" in posted["text"] and "left as it was" in posted["text"]


def test_without_a_webhook_the_failure_is_logged_and_an_unreachable_one_is_not_fatal(monkeypatch, caplog):
    report = FailureReport("r1", "load_warehouse", "the run failed", [{"step": "s", "error": "boom"}])
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    assert notify_failure(report) is False
    assert "r1" in caplog.text and "boom" in caplog.text
    monkeypatch.setenv(WEBHOOK_ENV, "http://127.0.0.1:9/nothing-listens-here")
    assert notify_failure(report) is False
