"""Where a run's steps execute, chosen by the run's config, the definitions unchanged.

Every job of the project has the executor ``step_executor(default)``: in this process
(``in_process``), a process per step (``multiprocess``), a Celery worker per step, on any
machine listening to the broker (``celery``: dagster-celery's ``celery_executor``, the extra
``budget-etl[celery]``), or a Kubernetes Job per step (``k8s``: dagster-k8s's
``k8s_job_executor``, the extra ``budget-etl[k8s]``). A run picks one under
``execution: config:``, e.g. with deploy/celery/run_config.yaml or deploy/k8s/run_config.yaml;
without it a job runs as it always did. Whichever runs the steps, the DuckDB writers stay in
the pool ``duckdb_writer`` (orchestration/dagster.yaml): the run queue holds a second load
back whatever executor the first one uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import dagster as dg

IN_PROCESS = "in_process"
MULTIPROCESS = "multiprocess"
CELERY = "celery"
K8S = "k8s"
# The executors of other packages: (module, executor, the extra that installs the module).
OPTIONAL = {
    CELERY: ("dagster_celery", "celery_executor", "celery"),
    K8S: ("dagster_k8s", "k8s_job_executor", "k8s"),
}


def _optional_executor(name: str) -> dg.ExecutorDefinition | None:
    module, attribute, _ = OPTIONAL[name]
    try:
        return getattr(importlib.import_module(module), attribute)
    except ImportError:
        return None


def _config_schema(name: str) -> dg.Field:
    """The package's own schema of its executor, or, without the package, any mapping: a run
    asking for that executor then fails saying what to install rather than that the key is unknown."""
    executor = _optional_executor(name)
    return executor.config_schema.as_field() if executor else dg.Field(dg.Permissive(), is_required=False)


def _requirements(config: Mapping[str, object]):
    # Steps in other processes need a job they can load again and an instance they share.
    return [] if IN_PROCESS in config else dg.multiple_process_executor_requirements()


def step_executor(default: str) -> dg.ExecutorDefinition:
    """The executor of a job whose runs execute ``default`` (``in_process`` or ``multiprocess``)
    unless their config says otherwise."""
    built_in = dg.multi_or_in_process_executor.config_schema.config_type.fields  # type: ignore[union-attr]  # a Selector

    @dg.executor(
        name="step_executor",
        config_schema=dg.Field(
            dg.Selector(
                {
                    IN_PROCESS: built_in[IN_PROCESS],
                    MULTIPROCESS: built_in[MULTIPROCESS],
                    **{name: _config_schema(name) for name in OPTIONAL},
                }
            ),
            default_value={default: {}},
        ),
        requirements=_requirements,
    )
    def _executor(init_context: dg.InitExecutorContext) -> dg.Executor:
        config = init_context.executor_config
        name = next(iter(config))
        if name not in OPTIONAL:
            return dg.multi_or_in_process_executor.executor_creation_fn(init_context)  # type: ignore[misc]  # defined
        executor = _optional_executor(name)
        if executor is None:
            module, _, extra = OPTIONAL[name]
            raise dg.DagsterInvariantViolationError(
                f"This run asks for the executor {name!r}, and {module} is not installed: "
                f"pip install 'budget-etl[{extra}]'."
            )
        return executor.executor_creation_fn(  # type: ignore[misc]  # defined for these executors
            init_context._replace(executor_config=config[name])  # type: ignore[arg-type]  # a dict of the config
        )

    return _executor
