"""Operating the pipeline (`budget-etl load` / `backfill`, in-process Dagster) on a small
landing folder of real sample PDFs: failed runs leave the published warehouse as it was,
a reader holding it open blocks nothing, a changed file replaces its rows, a removed one is
marked, a backfill re-extracts one year.

The fixtures run in a chain (first load -> failed runs -> changes -> backfill), each load
once, so that the module costs a handful of loads.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from budget_etl.load import LoadSummary, run_load
from orchestration.definitions import build_definitions
from orchestration.defs.dbt.assets import build_warehouse_models
from orchestration.defs.dbt.project import DBT_PROJECT_DIR, dbt_resource, prepared
from orchestration.defs.extraction.documents import Reextract
from orchestration.defs.operations.alerts import WEBHOOK_ENV
from tests.orchestration.webhook import local_webhook
from tests.paths import REPO
from warehouse import publish as publishing

SEED = "qiaokou_bigdata_center_2021_budget.pdf"


@dataclass
class Site:
    corpus: Path
    landing: Path
    warehouse: Path
    documents: dict  # file name -> SampleDocument
    first: LoadSummary
    dbt_folders_left: set[Path]  # the first load's dbt target folders left in the project


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def site(sample_corpus, tmp_path_factory):
    corpus, documents = sample_corpus
    by_name = {d.file_name: d for d in documents}
    assert SEED in by_name
    landing = tmp_path_factory.mktemp("ops_landing")
    for name in (
        SEED,
        "beihu_renminlu_subdistrict_2020_budget.pdf",
        "xiling_justice_bureau_2019_budget.pdf",
        "encrypted_budget.pdf",
    ):
        shutil.copy(corpus / name, landing / name)
    warehouse = tmp_path_factory.mktemp("ops_warehouse") / "budget.duckdb"
    before = set((DBT_PROJECT_DIR / "target").glob("warehouse_models-*"))
    first = run_load(landing, warehouse, workers=2)
    left = set((DBT_PROJECT_DIR / "target").glob("warehouse_models-*")) - before
    return Site(corpus, landing, warehouse, by_name, first, left)


def test_the_first_load_publishes(site):
    assert site.first.run_succeeded, site.first.failure
    assert site.first.published and site.first.pdfs_read == 4
    assert site.warehouse.exists() and not publishing.previous_path(site.warehouse).exists()
    parquet = publishing.parquet_dir(site.warehouse)
    assert (parquet / "fct_budget_line.parquet").exists() and (parquet / "dim_document.parquet").exists()
    assert query(site.warehouse, "select count(*) from marts.dim_document")[0][0] == 4
    # nothing is left beside it but the published file, its Parquet and the cache
    assert not list(site.warehouse.parent.glob(f"*{publishing.BUILD_INFIX}*"))
    # nor in the dbt project: a run's target folder (20 MB) is removed once its build passed
    assert site.dbt_folders_left == set()


# -- failed runs ------------------------------------------------------------------------------


def broken_dbt_project(tmp: Path) -> Path:
    copy = tmp / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    (copy / "models" / "staging" / "stg_raw__documents.sql").write_text("select * from raw.no_such_table\n")
    return copy


@dg.asset_check(asset=dg.AssetKey(["marts", "dim_document"]), name="always_fails", blocking=True)
def always_fails() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.ERROR, metadata={"why": "a test"})


@pytest.fixture(scope="module")
def failed_runs(site, tmp_path_factory):
    """A load whose dbt build fails, then one whose ERROR check fails, each forced to rebuild."""
    published, previous = site.warehouse, publishing.previous_path(site.warehouse)
    before = sha(published), previous.exists()
    copy = broken_dbt_project(tmp_path_factory.mktemp("broken"))
    project = prepared(copy)  # dbt parse: the copy's manifest
    broken = build_definitions(models=build_warehouse_models(project), dbt=dbt_resource(project))
    saved = os.environ.get(WEBHOOK_ENV)
    try:
        with local_webhook() as (url, posted):
            os.environ[WEBHOOK_ENV] = url
            broken_dbt = run_load(site.landing, published, workers=2, rebuild=True, definitions=broken)
            after_dbt = sha(published), previous.exists()
            failing = build_definitions(extra_checks=(always_fails,))
            failed_check = run_load(site.landing, published, workers=2, rebuild=True, definitions=failing)
            after_check = sha(published), previous.exists()
    finally:
        if saved is None:
            os.environ.pop(WEBHOOK_ENV, None)
        else:
            os.environ[WEBHOOK_ENV] = saved
    return before, (broken_dbt, after_dbt), (failed_check, after_check), posted


def test_a_failing_dbt_build_leaves_the_published_warehouse_as_it_was(site, failed_runs, tmp_path_factory):
    before, (summary, after), _, _ = failed_runs
    assert not summary.run_succeeded and not summary.published
    assert "warehouse_models" in summary.failure
    assert after == before  # same bytes, and no previous publication appeared
    assert "left as it was" in summary.render()
    assert summary.loaded == 3  # the summary describes the published warehouse
    # The failed build's dbt target folder is kept, with the log its error names.
    base = tmp_path_factory.getbasetemp()
    assert list(base.glob("broken*/dbt_project/target/warehouse_models-*/dbt.log"))
    assert not list(site.warehouse.parent.glob(f"*{publishing.BUILD_INFIX}*"))


def test_a_failing_error_check_blocks_publishing(failed_runs):
    before, _, (summary, after), _ = failed_runs
    assert not summary.run_succeeded and not summary.published
    assert ("always_fails", False, "ERROR") in summary.checks
    assert after == before


def test_each_failed_load_is_posted_to_the_webhook(failed_runs):
    *_, posted = failed_runs
    assert len(posted) == 2
    assert all("FAILED" in p["text"] for p in posted)
    assert any(s["step"] == "warehouse_models" for s in posted[0]["failed_steps"])


# -- changes, with a BI reader holding the published file -------------------------------------

READER = """
import duckdb, sys
con = duckdb.connect(sys.argv[1], read_only=True)
count = lambda: con.execute("select count(*) from marts.dim_document").fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


@pytest.fixture(scope="module")
def changed(site, failed_runs):
    """One file's bytes replaced by another disclosure's, one loaded file removed, and the
    load run while another process holds the published warehouse open read-only."""
    changed_name, new_bytes = "beihu_renminlu_subdistrict_2020_budget.pdf", "zhangwan_culture_tourism_2023_budget.pdf"
    removed_name = "xiling_justice_bureau_2019_budget.pdf"
    old_sha = sha(site.landing / changed_name)
    published_before = sha(site.warehouse)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(site.warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        held = int(reader.stdout.readline())
        shutil.copy(site.corpus / new_bytes, site.landing / changed_name)
        (site.landing / removed_name).unlink()
        # verbose: dbt's lines, which dagster-dbt prints, pass through (else the load keeps them)
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            summary = run_load(site.landing, site.warehouse, workers=2, verbose=True)
        out, _ = reader.communicate("\n", timeout=60)
    finally:
        reader.kill()
    return (
        summary,
        changed_name,
        new_bytes,
        removed_name,
        old_sha,
        published_before,
        (held, int(out)),
        printed.getvalue(),
    )


def test_a_reader_holding_the_warehouse_blocks_no_load(changed):
    summary, *_, (held, still), _ = changed
    assert summary.run_succeeded, summary.failure
    assert summary.published
    assert held == still == 4  # it kept reading the version it opened, whole


def test_a_load_s_dbt_parses_only_what_changed(changed):
    """dbt builds every run's build at one path (warehouse.publish.dbt_path) and starts from the
    last run's parse: after the loads before it, nothing in the project changed to parse again."""
    printed = changed[-1]
    assert "Found 7" in printed  # dbt's project summary: its lines were captured
    assert "Unable to do partial parsing" not in printed


def test_a_changed_file_replaces_its_rows(site, changed):
    summary, changed_name, new_bytes, _, old_sha, _, _, _ = changed
    assert summary.pdfs_read == 1  # only the changed file was read
    rows = query(
        site.warehouse,
        "select sha256, status, document_id from marts.dim_document where source_file = ?",
        [changed_name],
    )
    assert len(rows) == 1 and rows[0][0] == sha(site.landing / changed_name) != old_sha
    truth = site.documents[new_bytes]
    got = Counter(
        query(
            site.warehouse,
            """select classification, code, line_key, measure, amount_yuan, source_page from marts.fct_budget_line
           where document_id = ? and table_kind = 'expenditure_summary'""",
            [rows[0][2]],
        )
    )
    expected = Counter(
        (ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan, ln.source_page)
        for ln in truth.lines
        if ln.table_kind == "expenditure_summary"
    )
    assert got == expected
    # no line of the old bytes is left, and no document twice
    assert query(site.warehouse, "select count(*) from raw.documents where sha256 = ?", [old_sha]) == [(0,)]
    assert query(site.warehouse, "select count(*) - count(distinct source_file) from raw.documents") == [(0,)]
    stale = (
        "select count(*) from marts.fct_budget_line where document_id not in (select document_id from raw.documents)"
    )
    assert query(site.warehouse, stale) == [(0,)]


def test_a_removed_file_is_marked_not_kept_current(site, changed):
    _, _, _, removed_name, _, _, _, _ = changed
    removed = query(site.warehouse, "select source_file, sha256 from raw.removed_documents")
    assert removed == [(removed_name, sha(site.corpus / removed_name))]
    marked = query(
        site.warehouse, "select status, status_reason from marts.dim_document where source_file = ?", [removed_name]
    )
    assert len(marked) == 1 and marked[0][0] == "removed"
    assert marked[0][1].startswith("The file was removed from the landing folder on ")
    lines = query(
        site.warehouse,
        "select count(*) from marts.fct_budget_line join marts.dim_document using (document_id) where source_file = ?",
        [removed_name],
    )
    assert lines == [(0,)]
    assert query(site.warehouse, "select count(*) from raw.documents where source_file = ?", [removed_name]) == [(0,)]


def test_the_replaced_publication_is_kept_for_rollback(site, changed):
    *_, published_before, _, _ = changed
    assert sha(publishing.previous_path(site.warehouse)) == published_before


# -- a backfill ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backfilled(site, changed):
    extracted = lambda: dict(query(site.warehouse, "select source_file, extracted_at from raw.documents"))  # noqa: E731
    before = extracted()
    summary = run_load(site.landing, site.warehouse, workers=2, reextract=Reextract(year=2021))
    return summary, before, extracted()


def test_a_backfill_reextracts_the_documents_of_one_year_only(backfilled):
    summary, before, after = backfilled
    assert summary.run_succeeded, summary.failure
    assert summary.reextracted == 1 and summary.pdfs_read == 1
    assert "Re-extracted on request: 1" in summary.render()
    assert {name for name in after if after[name] != before[name]} == {SEED}


def test_a_backfill_selects_by_department_from_the_cached_facts(site, backfilled):
    from budget_etl.load import select_for_backfill

    name, department = query(
        site.warehouse,
        "select source_file, department_name from marts.dim_document where status = 'loaded' and source_file <> ?",
        [SEED],
    )[0]
    selected = select_for_backfill(site.landing, site.warehouse, Reextract(department=f" {department} "))
    assert [p.name for p in selected] == [name]
    everything = select_for_backfill(site.landing, site.warehouse, Reextract(everything=True))
    assert len(everything) == len(list(site.landing.glob("*.pdf")))


def test_backfill_on_the_command_line_refuses_what_matches_nothing(site, backfilled):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "budget_etl.cli",
            "backfill",
            "--year",
            "1999",
            "--landing",
            str(site.landing),
            "--warehouse",
            str(site.warehouse),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert run.returncode == 2
    assert "fiscal year 1999" in run.stderr and "Traceback" not in run.stderr
