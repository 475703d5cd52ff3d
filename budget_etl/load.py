"""`budget-etl load`: the Dagster job run in-process over one landing folder, and its summary."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.defs.extraction.landing import PROGRESS_LOGGER


@dataclass
class LoadSummary:
    warehouse: Path
    run_succeeded: bool
    failure: str | None = None
    pdfs_read: int | None = None  # PDFs extracted in this run; the others came from the cache
    loaded: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    lines: int = 0
    identities_passed: int = 0
    identities_failed: list[tuple] = field(default_factory=list)  # (file, identity, subject, lhs, rhs, diff)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)  # (check, passed, severity)

    def render(self) -> str:
        out = [f"Warehouse: {self.warehouse}"]
        if not self.run_succeeded:
            out.append(f"The run FAILED: {self.failure}")
        total = self.loaded + len(self.rejected)
        out.append(f"Documents: {self.loaded} loaded, {len(self.rejected)} rejected"
                   + (f" ({self.pdfs_read} PDF(s) read, {total - self.pdfs_read} unchanged)" if self.pdfs_read is not None else ""))
        out += [f"  rejected  {name}: {reason}" for name, reason in self.rejected]
        out.append(f"Budget lines loaded: {self.lines}")
        out.append(f"Identities: {self.identities_passed} passed, {len(self.identities_failed)} failed")
        out += [
            f"  failed    {name}: {identity} [{subject}] {lhs} vs {rhs} (diff {diff} 元)"
            for name, identity, subject, lhs, rhs, diff in self.identities_failed
        ]
        if self.checks:
            out.append("Checks: " + ", ".join(
                f"{name} {'passed' if passed else 'FAILED (' + severity + ')'}" for name, passed, severity in self.checks
            ))
        return "\n".join(out)


def _connect_read_only(path: Path, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    # A dbt process that failed may still be exiting, holding the write lock for a moment.
    for _ in range(attempts - 1):
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            time.sleep(0.5)
    return duckdb.connect(str(path), read_only=True)


def _read_summary(summary: LoadSummary) -> None:
    con = _connect_read_only(summary.warehouse)
    try:
        summary.loaded = con.execute("select count(*) from marts.dim_document where status = 'loaded'").fetchone()[0]
        summary.rejected = con.execute(
            "select source_file, status_reason from marts.dim_document where status = 'rejected' order by source_file"
        ).fetchall()
        summary.lines = con.execute("select count(*) from marts.fct_budget_line").fetchone()[0]
        summary.identities_passed = con.execute("select count(*) from marts.fct_identity_check where passed").fetchone()[0]
        summary.identities_failed = con.execute(
            """select d.source_file, c.identity, c.subject, c.lhs_yuan, c.rhs_yuan, c.diff_yuan
               from marts.fct_identity_check c join marts.dim_document d using (document_id)
               where not c.passed order by d.source_file, c.identity, c.subject"""
        ).fetchall()
    finally:
        con.close()


def run_load(landing: Path, warehouse: Path, workers: int = 0, verbose: bool = False) -> LoadSummary:
    """Run the `load_warehouse` job over ``landing`` into ``warehouse`` and summarise it."""
    # The definitions read their paths from the environment (see orchestration.resources).
    os.environ["BUDGET_LANDING"] = str(landing)
    os.environ["BUDGET_WAREHOUSE"] = str(warehouse)
    if workers:
        os.environ["BUDGET_EXTRACT_WORKERS"] = str(workers)
    warehouse.parent.mkdir(parents=True, exist_ok=True)

    import dagster as dg

    from orchestration.definitions import defs

    job = defs.resolve_job_def("load_warehouse")
    run_config = {"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}}}
    # Quiet by default: the progress of extraction, and dbt's output only when it failed.
    captured = io.StringIO()
    progress = logging.getLogger(PROGRESS_LOGGER)
    handler = logging.StreamHandler(sys.stderr)
    if not verbose:
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    try:
        with dg.DagsterInstance.ephemeral() as instance, (
            contextlib.nullcontext() if verbose else contextlib.redirect_stdout(captured)
        ):
            result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)
    finally:
        progress.removeHandler(handler)
    if not result.success and captured.getvalue():
        sys.stderr.write(captured.getvalue()[-20000:])

    summary = LoadSummary(warehouse=warehouse, run_succeeded=result.success)
    if not result.success:
        failures = [e for e in result.all_events if e.is_step_failure]
        summary.failure = "; ".join(
            f"{e.step_key}: {e.step_failure_data.error.message.strip() if e.step_failure_data.error else 'failed'}"
            for e in failures
        ) or "see the log above"
    for materialization in result.asset_materializations_for_node("raw_extractions"):
        if materialization.asset_key == dg.AssetKey(["raw", "documents"]):
            summary.pdfs_read = materialization.metadata["pdfs_read"].value
    for evaluation in result.get_asset_check_evaluations():
        summary.checks.append((evaluation.check_name, evaluation.passed, evaluation.severity.value))
    summary.checks = [c for c in summary.checks if c[0].startswith("gx_") or not c[1]]
    if warehouse.exists():
        try:
            _read_summary(summary)
        except duckdb.Error as exc:
            if summary.run_succeeded:
                raise
            # The run failed before the marts were complete: the failure line says why.
            summary.failure = f"{summary.failure} (the warehouse could not be summarised: {exc})"
    return summary
