"""Build the dbt project on raw tables filled from extraction records, into a scratch warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import duckdb

from extract.model import Extraction
from warehouse.raw_tables import replace_raw_tables

REPO = Path(__file__).resolve().parents[2]
DBT_PROJECT = REPO / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"


def dbt(args: Sequence[str], warehouse: Path, scratch: Path) -> subprocess.CompletedProcess:
    """Run dbt in the project with this warehouse; target/ and logs/ go to ``scratch`` so that
    concurrent runs (other tests, a developer's dagster dev) never share them."""
    env = {**os.environ, "BUDGET_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [
            str(DBT),
            *args,
            "--profiles-dir",
            ".",
            "--target-path",
            str(scratch / "target"),
            "--log-path",
            str(scratch / "logs"),
        ],
        cwd=DBT_PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build(extractions: Sequence[tuple[Extraction, datetime]], scratch: Path) -> Path:
    """Fill the raw tables of a new warehouse under ``scratch`` and `dbt build` it; fail loudly."""
    warehouse = scratch / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse))
    try:
        replace_raw_tables(con, extractions)
    finally:
        con.close()
    result = dbt(["build"], warehouse, scratch)
    if result.returncode != 0:
        raise AssertionError(f"dbt build failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    return warehouse
