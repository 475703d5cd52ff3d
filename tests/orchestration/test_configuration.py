"""Configuration flows as Dagster resources, never through the environment: importing the
definitions and running `budget-etl load` leave os.environ as it was, and a load's run carries
its paths in its resource config, which reaches steps executed in other processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from budget_etl.load import run_config, run_load
from tests.paths import REPO
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import file_sha256

BIN = Path(sys.executable).parent
CONFIGURATION = (
    "BUDGET_LANDING",
    "BUDGET_WAREHOUSE",
    "BUDGET_CACHE",
    "BUDGET_EXTRACT_WORKERS",
    "BUDGET_EXPORTS_DIR",
    "BUDGET_POSTGRES_URL",
)


def unconfigured_environment() -> dict[str, str]:
    """This process's environment without the project's variables: what a first `dagster dev`
    or `budget-etl load` on a fresh machine sees."""
    return {k: v for k, v in os.environ.items() if k not in CONFIGURATION}


@pytest.fixture
def landing(sample_corpus, tmp_path) -> Path:
    """Three loadable PDFs of the sample corpus."""
    corpus, documents = sample_corpus
    folder = tmp_path / "landing"
    folder.mkdir()
    for document in [d for d in documents if d.expect == "loaded"][:3]:
        shutil.copy(corpus / document.file_name, folder / document.file_name)
    return folder


def documents(warehouse: Path) -> list[str]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [r[0] for r in con.execute("select source_file from marts.dim_document order by 1").fetchall()]
    finally:
        con.close()


def test_importing_the_definitions_writes_no_environment_and_defaults_to_the_quick_start(tmp_path):
    script = (
        "import json, os\n"
        "before = dict(os.environ)\n"
        "from orchestration.definitions import defs\n"
        "warehouse = defs.get_repository_def().get_top_level_resources()['warehouse']\n"
        "print(json.dumps({'changed': sorted(k for k in set(before) | set(os.environ)\n"
        "                                    if before.get(k) != os.environ.get(k)),\n"
        "                  'config': warehouse.config_schema.as_field().default_value}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=unconfigured_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["changed"] == []  # not even PATH
    assert outcome["config"]["landing_dir"] == str(tmp_path / "data" / "landing")
    assert outcome["config"]["warehouse_path"] == str(tmp_path / "warehouse" / "budget.duckdb")


def test_a_load_leaves_the_environment_as_it_was(landing, tmp_path, monkeypatch):
    for name in CONFIGURATION:
        monkeypatch.delenv(name, raising=False)
    warehouse = tmp_path / "warehouse" / "budget.duckdb"
    before = dict(os.environ)
    summary = run_load(landing, warehouse, workers=1)
    assert summary.run_succeeded, summary.failure
    assert dict(os.environ) == before
    assert documents(warehouse) == sorted(p.name for p in landing.glob("*.pdf"))


def test_a_loads_run_config_reaches_steps_in_other_processes(landing, tmp_path, monkeypatch):
    """The load's run config, given to `dagster job execute` of the extraction (a process per
    step: the job's default) without any BUDGET_* variable: the step extracts the configured
    landing folder into the cache beside the configured warehouse, and never uses the defaults."""
    from orchestration.definitions import defs

    home, cwd = tmp_path / "dagster_home", tmp_path / "elsewhere"
    home.mkdir()
    cwd.mkdir()
    shutil.copy(REPO / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    warehouse = tmp_path / "configured" / "budget.duckdb"
    config = run_config(defs, landing, warehouse, workers=1)
    assert config["resources"]["warehouse"]["config"]["landing_dir"] == str(landing)
    assert config["resources"]["warehouse"]["config"]["warehouse_path"] == str(warehouse)
    config_file = tmp_path / "run_config.yaml"
    config_file.write_text(yaml.safe_dump(config))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        instance.add_dynamic_partitions("documents", sorted(p.name for p in landing.glob("*.pdf")))
        keys = instance.get_dynamic_partitions("documents")
    tags = {"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}
    process = subprocess.Popen(
        [
            str(BIN / "dagster"),
            "job",
            "execute",
            "-m",
            "orchestration.definitions",
            "-j",
            "extract_documents",
            "-c",
            str(config_file),
            "--tags",
            json.dumps(tags),
        ],
        cwd=cwd,
        env=unconfigured_environment() | {"DAGSTER_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, _ = process.communicate(timeout=900)
    assert process.returncode == 0, output[-5000:]
    cache = ExtractionCache(warehouse.parent / "extractions")
    assert all(cache.has(file_sha256(landing / key)) for key in keys)
    assert not (cwd / "warehouse").exists() and not (cwd / "data").exists()  # the defaults were never used
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS
        assert run.run_config["resources"]["warehouse"]["config"]["warehouse_path"] == str(warehouse)
        (start,) = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.STEP_START)
        assert start.dagster_event.pid != process.pid  # the step ran in a process of its own
