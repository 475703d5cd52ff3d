"""The deployment files under deploy/ are valid for Dagster's own schemas: the Kubernetes instance
(K8sRunLauncher, the run queue, PostgreSQL storage), the run configs that choose the
k8s_job_executor or the celery_executor for the project's jobs, and the Celery workers' config;
each with a deliberately misspelt key is refused, so the validation is not vacuous."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from dagster._config import validate_config
from dagster._core.errors import DagsterInvalidConfigError
from dagster._core.instance.config import dagster_instance_config
from dagster._serdes.config_class import class_from_code_pointer

from tests.paths import REPO

dagster_k8s = pytest.importorskip("dagster_k8s", reason="dagster-k8s is not installed: pip install -e '.[dev]'")
dagster_celery = pytest.importorskip(
    "dagster_celery", reason="dagster-celery is not installed: pip install -e '.[dev]'"
)

K8S = REPO / "deploy" / "k8s"
CELERY = REPO / "deploy" / "celery"
JOBS = ("load_warehouse", "extract_documents")


@pytest.fixture(autouse=True)
def celery_environment(monkeypatch):
    """The environment the Celery files read their broker from (values are never checked here)."""
    monkeypatch.setenv("BUDGET_CELERY_BROKER", "redis://:secret@127.0.0.1:6379/0")
    monkeypatch.setenv("BUDGET_CELERY_BACKEND", "redis://:secret@127.0.0.1:6379/1")


@pytest.fixture(scope="module")
def definitions():
    from orchestration.definitions import defs

    return defs


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def errors(schema, value) -> list[str]:
    result = validate_config(schema, value)
    return [] if result.success else [e.message for e in result.errors]


# --- the Kubernetes instance -------------------------------------------------------------------


def check_instance(config: dict, folder: Path) -> list[str]:
    """What Dagster says of an instance file: its own schema, then the run launcher's and the
    run coordinator's config against their classes' schemas."""
    (folder / "dagster.yaml").write_text(yaml.safe_dump(config))
    try:
        dagster_instance_config(str(folder))
    except DagsterInvalidConfigError as exc:
        return [str(exc)]
    found = []
    for part in ("run_launcher", "run_coordinator"):
        cls = class_from_code_pointer(config[part]["module"], config[part]["class"])
        found += errors(cls.config_type(), config[part].get("config", {}))
    return found


def test_the_kubernetes_instance_is_valid(tmp_path):
    config = load(K8S / "dagster.yaml")
    assert check_instance(config, tmp_path) == []
    launcher = class_from_code_pointer(config["run_launcher"]["module"], config["run_launcher"]["class"])
    assert launcher is dagster_k8s.K8sRunLauncher
    # The same pools as on one machine: one DuckDB writer at a time.
    assert config["concurrency"] == load(REPO / "orchestration" / "dagster.yaml")["concurrency"]


def test_the_volume_every_pod_mounts_is_read_write_many():
    claim = load(K8S / "volume.yaml")
    launcher = load(K8S / "dagster.yaml")["run_launcher"]["config"]
    assert claim["kind"] == "PersistentVolumeClaim" and claim["spec"]["accessModes"] == ["ReadWriteMany"]
    assert [v["persistentVolumeClaim"]["claimName"] for v in launcher["volumes"]] == [claim["metadata"]["name"]]


# --- run configs: the project's jobs, with the executor they choose ----------------------------


def k8s_executor_config(run_config: dict) -> dict:
    return run_config["execution"]["config"]["k8s"]


@pytest.mark.parametrize("path", [K8S / "run_config.yaml", CELERY / "run_config.yaml"], ids=["k8s", "celery"])
def test_the_run_configs_are_valid_for_every_job(definitions, path):
    import dagster as dg

    run_config = load(path)
    for job in JOBS:
        assert dg.validate_run_config(definitions.resolve_job_def(job), run_config)


def k8s_executor_errors(run_config: dict) -> list[str]:
    """What the k8s_job_executor's own schema says of the executor config of a run config."""
    schema = dagster_k8s.k8s_job_executor.config_schema.as_field().config_type
    return errors(schema, k8s_executor_config(run_config))


def test_the_kubernetes_run_config_is_the_k8s_job_executors():
    assert k8s_executor_errors(load(K8S / "run_config.yaml")) == []


def test_the_celery_workers_config_is_valid():
    from dagster_celery.cli import get_validated_config

    config = get_validated_config(str(CELERY / "worker.yaml"))
    assert config["broker"].startswith("redis://")  # read from the environment, as the runs' is


# --- a wrong key is refused by each validation -------------------------------------------------


def misspelt(config: dict, path: tuple[str, ...]) -> dict:
    wrong = copy.deepcopy(config)
    node = wrong
    for key in path:
        node = node[key]
    node["job_namespce"] = "budget-etl"  # sic
    return wrong


def run_config_errors(definitions, run_config: dict) -> list[str]:
    import dagster as dg

    try:
        dg.validate_run_config(definitions.resolve_job_def("load_warehouse"), run_config)
    except DagsterInvalidConfigError as exc:
        return [str(exc)]
    return []


def worker_errors(config: dict, folder: Path) -> list[str]:
    from dagster_celery.cli import get_validated_config

    (folder / "worker.yaml").write_text(yaml.safe_dump(config))
    try:
        get_validated_config(str(folder / "worker.yaml"))
    except DagsterInvalidConfigError as exc:
        return [str(exc)]
    return []


CASES: dict[str, tuple[Path, tuple[str, ...], Callable]] = {
    "instance": (K8S / "dagster.yaml", (), lambda c, d, tmp: check_instance(c, tmp)),
    "run_launcher": (K8S / "dagster.yaml", ("run_launcher", "config"), lambda c, d, tmp: check_instance(c, tmp)),
    "k8s_executor": (K8S / "run_config.yaml", ("execution", "config", "k8s"), lambda c, d, tmp: k8s_executor_errors(c)),
    "k8s_run_config": (
        K8S / "run_config.yaml",
        ("execution", "config", "k8s", "step_k8s_config"),
        lambda c, d, tmp: run_config_errors(d, c),
    ),
    "celery_run_config": (
        CELERY / "run_config.yaml",
        ("execution", "config", "celery"),
        lambda c, d, tmp: run_config_errors(d, c),
    ),
    "celery_worker": (CELERY / "worker.yaml", ("execution", "config"), lambda c, d, tmp: worker_errors(c, tmp)),
}


@pytest.mark.parametrize("case", CASES)
def test_a_misspelt_key_is_refused(case, definitions, tmp_path):
    path, where, check = CASES[case]
    config = load(path)
    assert check(config, definitions, tmp_path) == []
    found = check(misspelt(config, where), definitions, tmp_path)
    assert found and any("job_namespce" in message for message in found), found
