"""Where a run's steps execute, chosen by the run's config, the definitions unchanged.

Every job of the project has the executor ``step_executor(default)``: in this process
(``in_process``), a process per step (``multiprocess``), or a Celery worker per step, on any
machine listening to the broker (``celery``, dagster-celery's executor, the extra
``budget-etl[celery]``). A run picks one under ``execution: config:``, e.g. with
deploy/celery/run_config.yaml; without it a job runs as it always did. Whichever runs the
steps, the DuckDB writers stay in the pool ``duckdb_writer`` (orchestration/dagster.yaml): the
run queue holds a second load back whatever executor the first one uses.
"""

from __future__ import annotations

from collections.abc import Mapping

import dagster as dg

IN_PROCESS = "in_process"
MULTIPROCESS = "multiprocess"
CELERY = "celery"
CELERY_EXTRA = "pip install 'budget-etl[celery]'"


def _celery_config_schema():
    """dagster-celery's own schema for its executor, or, without the package, any mapping: a
    run asking for Celery then fails saying what to install rather than that the key is unknown."""
    try:
        from dagster_celery.executor import CELERY_CONFIG
    except ImportError:
        return dg.Field(dg.Permissive(), is_required=False)
    return CELERY_CONFIG


def _requirements(config: Mapping[str, object]):
    # Steps in other processes need a job they can load again and an instance they share.
    return [] if IN_PROCESS in config else dg.multiple_process_executor_requirements()


def step_executor(default: str) -> dg.ExecutorDefinition:
    """The executor of a job whose runs execute ``default`` (``in_process`` or ``multiprocess``)
    unless their config says otherwise."""

    @dg.executor(
        name="step_executor",
        config_schema=dg.Field(
            dg.Selector(
                {
                    IN_PROCESS: dg.multi_or_in_process_executor.config_schema.config_type.fields[IN_PROCESS],
                    MULTIPROCESS: dg.multi_or_in_process_executor.config_schema.config_type.fields[MULTIPROCESS],
                    CELERY: _celery_config_schema(),
                }
            ),
            default_value={default: {}},
        ),
        requirements=_requirements,
    )
    def _executor(init_context: dg.InitExecutorContext) -> dg.Executor:
        config = init_context.executor_config
        if CELERY not in config:
            return dg.multi_or_in_process_executor.executor_creation_fn(init_context)
        try:
            from dagster_celery import celery_executor
        except ImportError:
            raise dg.DagsterInvariantViolationError(
                f"This run asks for the Celery executor, and dagster-celery is not installed: {CELERY_EXTRA}."
            ) from None
        return celery_executor.executor_creation_fn(init_context._replace(executor_config=config[CELERY]))

    return _executor
