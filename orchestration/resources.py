"""Resources: where the landing folder, the warehouse and the extraction cache are.

Configured from the environment (BUDGET_LANDING, BUDGET_WAREHOUSE; optionally BUDGET_CACHE,
by default ``extractions/`` beside the warehouse, and BUDGET_EXTRACT_WORKERS, by default one
per core), which is
how `budget-etl load`, `dagster dev` and the tests point the same definitions at their own
files. The defaults are the quick start's.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

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

    @contextmanager
    def connect(self, read_only: bool = False):
        Path(self.warehouse_path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.warehouse_path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()


def warehouse_resource() -> WarehouseResource:
    optional = {}
    if os.environ.get("BUDGET_CACHE"):
        optional["cache_dir"] = dg.EnvVar("BUDGET_CACHE")
    if os.environ.get("BUDGET_EXTRACT_WORKERS"):
        optional["extract_workers"] = dg.EnvVar.int("BUDGET_EXTRACT_WORKERS")
    return WarehouseResource(
        landing_dir=dg.EnvVar("BUDGET_LANDING"),
        warehouse_path=dg.EnvVar("BUDGET_WAREHOUSE"),
        **optional,
    )


def set_default_environment() -> None:
    """Fill the environment with the quick start's paths where the user set none."""
    os.environ.setdefault("BUDGET_LANDING", str(Path(DEFAULT_LANDING).resolve()))
    os.environ.setdefault("BUDGET_WAREHOUSE", str(Path(DEFAULT_WAREHOUSE).resolve()))
