"""Fresh in minutes: a PDF that lands reaches the published warehouse through the sensors'
runs (landing_sensor -> extract_documents -> load_after_extraction -> load_warehouse), first
with the runs executed as the daemon would launch them, then with the Dagster daemon itself
running the project's definitions on a real instance (orchestration/dagster.yaml)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.definitions import build_definitions
from orchestration.jobs import DOCUMENT_EXTRACTION, load_warehouse_job
from orchestration.resources import WarehouseResource
from tests.orchestration.test_sensors import evaluate_load, land_and_extract
from tests.paths import REPO

FRESH_WITHIN_SECONDS = 300  # issue 14: queryable within five minutes of landing


def published_files(warehouse: Path) -> set[str]:
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {row[0] for row in con.execute("select source_file from marts.dim_document").fetchall()}
    finally:
        con.close()


def loaded_names(documents) -> list[str]:
    return [d.file_name for d in documents if d.expect == "loaded"]


def test_landed_pdfs_are_published_by_the_sensors_runs(sample_corpus, tmp_path, monkeypatch):
    corpus, documents = sample_corpus
    names = loaded_names(documents)
    landing, warehouse_file = tmp_path / "landing", tmp_path / "budget.duckdb"
    landing.mkdir()
    monkeypatch.setenv("BUDGET_LANDING", str(landing))
    monkeypatch.setenv("BUDGET_WAREHOUSE", str(warehouse_file))
    monkeypatch.setenv("BUDGET_EXTRACT_WORKERS", "1")
    definitions = build_definitions()
    warehouse = WarehouseResource(landing_dir=str(landing), warehouse_path=str(warehouse_file), extract_workers=1)
    load = definitions.resolve_job_def(load_warehouse_job.name)
    with dg.instance_for_test() as instance:
        landing_cursor, load_cursor, landed = None, None, set()
        for batch in (names[:2], names[2:3]):
            landing_cursor = land_and_extract(instance, warehouse, definitions, corpus, landing, batch, landing_cursor)
            requests, load_cursor = evaluate_load(instance, warehouse, definitions, load_cursor)
            assert len(requests) == 1
            request = requests[0]
            # all extracted already: the load is everything downstream of the extraction
            assert DOCUMENT_EXTRACTION not in request.asset_selection
            assert dg.AssetKey(["published", "warehouse"]) in request.asset_selection
            result = load.execute_in_process(
                instance=instance, tags=request.tags, asset_selection=request.asset_selection, raise_on_error=False
            )
            assert result.success
            landed |= set(batch)
            assert published_files(warehouse_file) == landed
        # the load's run asked for nothing more
        assert evaluate_load(instance, warehouse, definitions, load_cursor)[0] == []


@pytest.fixture
def daemon(tmp_path):
    """`dagster-daemon run` over the project's definitions, with the project's instance settings
    in a temporary DAGSTER_HOME; yields (landing folder, published warehouse file)."""
    home, landing, warehouse = tmp_path / "dagster_home", tmp_path / "landing", tmp_path / "warehouse" / "budget.duckdb"
    home.mkdir()
    landing.mkdir()
    shutil.copy(REPO / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    env = os.environ | {
        "DAGSTER_HOME": str(home),
        "BUDGET_LANDING": str(landing),
        "BUDGET_WAREHOUSE": str(warehouse),
        "BUDGET_EXTRACT_WORKERS": "1",
    }
    log = (tmp_path / "daemon.log").open("w")
    daemon_bin = Path(sys.executable).parent / "dagster-daemon"
    process = subprocess.Popen(
        [str(daemon_bin), "run", "-m", "orchestration.definitions"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield landing, warehouse, tmp_path / "daemon.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_with_the_daemon_running_a_landed_pdf_is_published_within_five_minutes(sample_corpus, daemon):
    corpus, documents = sample_corpus
    landing, warehouse, log = daemon
    name = loaded_names(documents)[0]
    landed = time.monotonic()
    shutil.copy(corpus / name, landing / name)
    while name not in published_files(warehouse):
        elapsed = time.monotonic() - landed
        assert elapsed < FRESH_WITHIN_SECONDS, f"not published after {elapsed:.0f} s:\n{log.read_text()[-5000:]}"
        time.sleep(5)
    print(f"published {time.monotonic() - landed:.0f} s after landing")
