"""Each job keeps its executor unless a run's config chooses another (orchestration/executors.py);
the choice is the run's, the definitions are the same."""

from __future__ import annotations

import subprocess
import sys

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.executors import CELERY, IN_PROCESS, K8S, MULTIPROCESS
from tests.paths import REPO


def executor_config_field(job_name: str) -> dg.Field:
    job = defs.resolve_job_def(job_name)
    return job.run_config_schema.config_type.fields["execution"].config_type.fields["config"]


@pytest.mark.parametrize(
    ("job", "default"),
    [("load_warehouse", IN_PROCESS), ("extract_documents", MULTIPROCESS), ("__ASSET_JOB", MULTIPROCESS)],
)
def test_each_job_keeps_its_default_and_offers_every_executor(job, default):
    field = executor_config_field(job)
    assert field.default_value == {default: {}}
    assert set(field.config_type.fields) == {IN_PROCESS, MULTIPROCESS, CELERY, K8S}


def test_a_run_config_naming_two_executors_is_refused():
    job = defs.resolve_job_def("load_warehouse")
    with pytest.raises(dg.DagsterInvalidConfigError):
        dg.validate_run_config(job, {"execution": {"config": {IN_PROCESS: {}, CELERY: {}}}})


RUN_WITHOUT_CELERY = """
import sys
sys.modules["dagster_celery"] = None  # this interpreter cannot import it: as if not installed
import dagster as dg
from dagster._core.definitions.reconstruct import ReconstructableRepository

with dg.instance_for_test() as instance:
    job = ReconstructableRepository.for_module("orchestration.definitions", "defs").get_reconstructable_job(
        "extract_documents")
    result = dg.execute_job(job, instance, run_config={"execution": {"config": {"celery": {}}}})
    assert not result.success
    print(next(e for e in result.all_events if e.event_type_value == "PIPELINE_FAILURE").event_specific_data.error)
"""


def test_without_dagster_celery_a_celery_run_fails_saying_what_to_install():
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_CELERY], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "dagster_celery is not installed: pip install 'budget-etl[celery]'" in done.stdout
