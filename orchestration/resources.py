"""Resources: where the landing folder, the warehouse and the extraction cache are.

Their defaults come from the environment (BUDGET_LANDING, BUDGET_WAREHOUSE; optionally
BUDGET_CACHE, by default ``extractions/`` beside the warehouse, and BUDGET_EXTRACT_WORKERS, by
default one per core; BUDGET_EXPORTS_DIR turns on the exports after publishing,
BUDGET_POSTGRES_URL the copy into PostgreSQL), which is how `dagster dev`, the daemon and
their runs' processes point the definitions at their files; where it says nothing, the quick
start's paths. A run may override any of them in its config (``resources: warehouse: config:``),
which is how `budget-etl load` points the same definitions at its arguments: the run's config
goes with the run to every process that executes a step of it. Nothing here writes the
environment.

BUDGET_WAREHOUSE is the *published* file, which BI tools read and no step ever writes: each
run builds its own file beside it and publishes it at the end (warehouse/publish.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from warehouse import publish as publishing
from warehouse.serving import postgres as serving

DEFAULT_LANDING = "data/landing"
DEFAULT_WAREHOUSE = "warehouse/budget.duckdb"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file and the extraction cache beside it."""

    landing_dir: str
    warehouse_path: str
    cache_dir: str = ""
    extract_workers: int = 0  # 0: one per core

    @property
    def cache_path(self) -> Path:
        # Kept outside the warehouse file so that rebuilding the warehouse never re-reads PDFs.
        return Path(self.cache_dir) if self.cache_dir else Path(self.warehouse_path).parent / "extractions"

    @property
    def workers(self) -> int:
        return self.extract_workers or os.cpu_count() or 1

    @property
    def published_path(self) -> Path:
        return Path(self.warehouse_path)

    def build_path(self, run: dg.DagsterRun) -> Path:
        """The file this run builds (see ``build_run_id``)."""
        return publishing.build_path(self.published_path, build_run_id(run))

    def readable_path(self, run: dg.DagsterRun) -> Path:
        """What a check reads: this run's build, or the published warehouse when the run
        built nothing (a check launched alone)."""
        build = self.build_path(run)
        return build if build.exists() else self.published_path

    @contextmanager
    def connect(self, path: Path | None = None, read_only: bool = False):
        """A connection to ``path`` (default: the published file, which only reads)."""
        path = Path(path or self.published_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), read_only=read_only)
        try:
            yield con
        finally:
            con.close()


class ExportsResource(dg.ConfigurableResource):
    """The exports refreshed after each publication (orchestration/defs/exports): off unless
    enabled; one subfolder per format under ``out_dir`` (default: exports/ beside the warehouse)."""

    enabled: bool = False
    out_dir: str = ""
    formats: list[str] = ["csv", "parquet", "fdp"]  # noqa: RUF012 (a pydantic field: copied per instance)
    bom: bool = False  # a UTF-8 byte order mark on CSV files, for Excel

    def folder(self, published: Path) -> Path:
        return Path(self.out_dir) if self.out_dir else published.parent / "exports"


class PostgresServingResource(dg.ConfigurableResource):
    """The PostgreSQL database the published marts and BI layer are copied into after each
    publication (warehouse/serving/postgres.py): off while ``url`` is empty."""

    url: str = ""
    reader_role: str = serving.READER_ROLE

    @property
    def enabled(self) -> bool:
        return bool(self.url)


def build_run_id(run: dg.DagsterRun) -> str:
    """Which build a run works on: the runs of one backfill share theirs (the backfill daemon
    may split the models and publishing over several runs), and so do the re-executions of a
    failed run (its root run's)."""
    return run.tags.get("dagster/backfill") or run.root_run_id or run.run_id


def _path_setting(variable: str, default: str) -> str:
    """An environment variable's value, read where the resource is initialized (in each
    process of a run), or the quick start's path when the variable is unset."""
    return dg.EnvVar(variable) if os.environ.get(variable) else str(Path(default).resolve())


def warehouse_resource() -> WarehouseResource:
    optional: dict[str, Any] = {}
    if os.environ.get("BUDGET_CACHE"):
        optional["cache_dir"] = dg.EnvVar("BUDGET_CACHE")
    if os.environ.get("BUDGET_EXTRACT_WORKERS"):
        optional["extract_workers"] = dg.EnvVar.int("BUDGET_EXTRACT_WORKERS")
    return WarehouseResource(
        landing_dir=_path_setting("BUDGET_LANDING", DEFAULT_LANDING),
        warehouse_path=_path_setting("BUDGET_WAREHOUSE", DEFAULT_WAREHOUSE),
        **optional,
    )


def warehouse_settings(landing: Path, warehouse: Path, workers: int = 0) -> dict:
    """The ``warehouse`` resource's config values that point a run at ``landing`` and
    ``warehouse`` (and ``workers`` extraction processes, when given)."""
    values: dict = {"landing_dir": str(landing), "warehouse_path": str(warehouse)}
    if workers:
        values["extract_workers"] = workers
    return values


def resource_run_config(resource: dg.ResourceDefinition, values: Mapping) -> dict:
    """A run's config of ``resource`` that sets ``values`` and keeps the rest as the
    definitions configure it (a run's config replaces a resource's config whole; an
    environment variable stays one, read where the run executes)."""
    field = resource.config_schema.as_field()
    return {"config": {**(field.default_value if field.default_provided else {}), **values}}


def exports_resource() -> ExportsResource:
    """Off unless BUDGET_EXPORTS_DIR names the folder to write into (so that the nightly load,
    which takes the resources as defined, can refresh them); a run may also enable it in its
    resource config."""
    if os.environ.get("BUDGET_EXPORTS_DIR"):
        return ExportsResource(enabled=True, out_dir=dg.EnvVar("BUDGET_EXPORTS_DIR"))
    return ExportsResource()


def postgres_resource() -> PostgresServingResource:
    """Off unless BUDGET_POSTGRES_URL names the database (read when the run starts, so that the
    URL and its password stay out of the run's stored config); `budget-etl load --postgres URL`
    sets ``url`` in the run's resource config instead."""
    if os.environ.get(serving.URL_VARIABLE):
        return PostgresServingResource(url=dg.EnvVar(serving.URL_VARIABLE))
    return PostgresServingResource()
