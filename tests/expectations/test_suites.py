"""The GX suites on a warehouse loaded from the generated corpus: what passes, what fails, what blocks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import duckdb
import pytest
import yaml

from expectations.catalog import load_identities
from expectations.context import GX_ROOT, store_dir
from expectations.suites import SUITES
from expectations.validate import validate_warehouse
from tests.paths import REPO


def check(warehouse, data_docs):
    return subprocess.run(
        [sys.executable, "-m", "budget_etl.cli", "check", "--warehouse", str(warehouse), "--data-docs", str(data_docs)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )


@pytest.fixture(scope="module")
def outcomes(sample_warehouse, tmp_path_factory):
    docs = tmp_path_factory.mktemp("data_docs")
    return {o.suite: o for o in validate_warehouse(sample_warehouse[0], docs)}, docs


def test_the_broken_document_fails_its_identity_as_a_warning(outcomes, sample_corpus):
    results, _ = outcomes
    broken = [d for d in sample_corpus[1] if d.broken]
    identities = results["accounting_identities"]
    assert not identities.success and not identities.blocking
    failed = {row["source_file"]: row for f in identities.failures for row in f.failing_rows}
    for document in broken:
        row = failed[document.file_name]
        assert {"identity", "lhs_yuan", "rhs_yuan", "diff_yuan", "tolerance_yuan"} <= set(row)


def test_structure_passes_on_the_sample(outcomes):
    results, _ = outcomes
    assert results["budget_line_structure"].success, results["budget_line_structure"].failures
    assert results["document_structure"].success, results["document_structure"].failures


def test_the_sample_disclosures_are_complete(outcomes):
    """Every required table found and every coded table's 合计 row read (fct_table_completeness)."""
    results, _ = outcomes
    completeness = results["table_completeness"]
    assert completeness.table == "marts.fct_table_completeness"
    assert completeness.success, completeness.failures
    assert completeness.rows_checked >= 6 * 6  # six required tables of each sample budget


def test_every_evaluated_identity_is_catalogued(outcomes):
    results, _ = outcomes
    catch_all = [e for e in results["accounting_identities"].expectations if e.expectation.endswith("(identity)")]
    assert catch_all and catch_all[0].success


def test_data_docs_show_the_failing_document_and_identity(outcomes, sample_corpus):
    _, docs = outcomes
    assert (docs / "index.html").exists()
    pages = "".join(p.read_text(encoding="utf-8") for p in docs.glob("validations/accounting_identities/**/*.html"))
    broken = next(d for d in sample_corpus[1] if d.broken)
    assert broken.file_name in pages
    assert broken.broken[0] in pages


def test_check_exits_0_on_warnings_and_1_on_a_structural_failure(sample_warehouse, tmp_path):
    committed = sorted((GX_ROOT / "gx").rglob("*"))
    run = check(sample_warehouse[0], tmp_path / "docs")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "accounting_identities" in run.stdout and "no critical failure" in run.stdout
    # What GX writes (suites, checkpoints, results) goes beside the site, never into the checkout.
    assert sorted((GX_ROOT / "gx").rglob("*")) == committed
    assert list((store_dir(tmp_path / "docs") / "validations").rglob("*.json"))

    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(sample_warehouse[0], damaged)
    con = duckdb.connect(str(damaged))
    con.execute("insert into marts.fct_budget_line select * from marts.fct_budget_line limit 1")
    con.close()
    run = check(damaged, tmp_path / "docs2")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "expect_column_values_to_be_unique(budget_line_id)" in run.stdout
    assert "critical failures in budget_line_structure" in run.stdout


def test_check_of_a_file_that_is_not_a_current_warehouse_is_a_clear_error(sample_warehouse, tmp_path):
    old = tmp_path / "old.duckdb"
    shutil.copy(sample_warehouse[0], old)
    con = duckdb.connect(str(old))
    con.execute("drop table marts.fct_table_completeness")
    con.close()
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("not a database", encoding="utf-8")
    for path, says in ((old, "fct_table_completeness"), (not_duckdb, "is not a DuckDB warehouse")):
        run = check(path, tmp_path / "docs")
        assert run.returncode == 2, run.stdout + run.stderr
        assert says in run.stderr and "Traceback" not in run.stderr


def test_the_committed_context_declares_an_asset_per_suite():
    config = yaml.safe_load((GX_ROOT / "gx" / "great_expectations.yml").read_text(encoding="utf-8"))
    assert config["analytics_enabled"] is False
    assets = config["fluent_datasources"]["warehouse"]["assets"]
    assert {spec.name for spec in SUITES} <= set(assets)


def test_the_catalogue_names_are_unique_and_described():
    identities = load_identities()
    assert len({i.name for i in identities}) == len(identities) >= 2
    assert all(i.description_zh and i.description_en and i.tolerance_rule for i in identities)


def test_the_identity_docs_are_current():
    from expectations.identity_docs import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m expectations.identity_docs"


def test_suites_read_marts_only():
    """GX validates what users read: the marts, never raw.* or dbt's intermediate models."""
    for spec in SUITES:
        assert spec.table.startswith("marts."), spec.name
        read = re.findall(r"\b(?:from|join)\s+([\w.]+)", spec.query or "", re.IGNORECASE)
        assert all(name.startswith("marts.") for name in read), (spec.name, read)
