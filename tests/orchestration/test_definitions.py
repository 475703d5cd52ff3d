"""The Definitions that `dagster dev` loads: the whole lineage from PDF to mart, checks, schedule."""

from __future__ import annotations

import dagster as dg

from orchestration.definitions import defs


def test_the_lineage_runs_from_the_pdfs_to_the_marts():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"raw/documents", "raw/budget_lines", "raw/tables_found"} <= keys
    assert {"marts/dim_document", "marts/fct_budget_line", "marts/fct_identity_check"} <= keys
    upstream = graph.get(dg.AssetKey(["staging", "stg_raw__budget_lines"])).parent_keys
    assert dg.AssetKey(["raw", "budget_lines"]) in upstream


def test_expectations_are_asset_checks_on_the_marts():
    checks = {(c.asset_key.to_user_string(), c.name) for c in defs.resolve_asset_graph().asset_check_keys}
    assert ("marts/fct_identity_check", "gx_accounting_identities") in checks
    assert ("marts/fct_budget_line", "gx_budget_line_structure") in checks
    assert ("marts/dim_document", "gx_document_structure") in checks
    # dbt tests come along as checks too
    assert any(name.startswith("unique_fct_budget_line") for _, name in checks)


def test_a_job_and_a_nightly_schedule_load_the_warehouse():
    assert defs.resolve_job_def("load_warehouse") is not None
    schedule = defs.resolve_schedule_def("nightly_load")
    assert schedule.cron_schedule == "0 2 * * *"


def test_one_partition_per_document_and_the_models_unpartitioned():
    graph = defs.resolve_asset_graph()
    extraction = graph.get(dg.AssetKey("document_extraction"))
    assert isinstance(extraction.partitions_def, dg.DynamicPartitionsDefinition)
    assert extraction.partitions_def.name == "documents"
    assert graph.get(dg.AssetKey(["raw", "documents"])).parent_keys == {dg.AssetKey("document_extraction")}
    assert graph.get(dg.AssetKey(["marts", "fct_budget_line"])).partitions_def is None
    assert dg.AssetKey(["raw", "removed_documents"]) in graph.get_all_asset_keys()


def test_every_duckdb_writer_shares_one_pool():
    graph = defs.resolve_asset_graph()
    for key in (["raw", "documents"], ["marts", "fct_budget_line"], ["published", "warehouse"]):
        assert graph.get(dg.AssetKey(key)).pools == {"duckdb_writer"}, key
    assert not graph.get(dg.AssetKey("document_extraction")).pools  # extraction runs in parallel


def test_publishing_comes_after_the_marts_and_their_expectations():
    graph = defs.resolve_asset_graph()
    published = graph.get(dg.AssetKey(["published", "warehouse"]))
    assert {dg.AssetKey(["marts", "dim_document"]), dg.AssetKey(["marts", "fct_budget_line"])} <= published.parent_keys
    gx = [graph.get_check_spec(k) for k in graph.asset_check_keys if k.name.startswith("gx_")]
    assert gx and all(spec.blocking for spec in gx)


def test_sensors_watch_the_landing_folder_publish_its_extractions_and_report_failures():
    assert defs.resolve_sensor_def("landing_sensor").job_name == "extract_documents"
    load = defs.resolve_sensor_def("load_after_extraction")
    assert load.job_name == "load_warehouse" and load.default_status == dg.DefaultSensorStatus.RUNNING
    assert defs.resolve_sensor_def("report_run_failures") is not None
    assert defs.resolve_job_def("extract_documents") is not None
