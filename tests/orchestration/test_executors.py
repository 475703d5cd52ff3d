"""Each job keeps its executor unless a run's config chooses another (orchestration/executors.py);
the choice is the run's, the definitions are the same."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.executors import CELERY, IN_PROCESS, K8S, MULTIPROCESS


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
