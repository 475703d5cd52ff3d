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
