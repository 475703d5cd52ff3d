"""`budget-etl load` and `budget-etl backfill`: the Dagster job `load_warehouse` run in-process
over one landing folder, and its summary.

The run goes through an ephemeral Dagster instance: the landing folder's PDFs are registered
as the partitions of ``document_extraction`` and the job runs once over those from the first to
the last PDF still to extract (a single-run range; all of them for a backfill), or without that
step when every PDF is extracted already. The warehouse
file is the published one: the run builds beside it and publishes at its end, so a failed
run leaves it as it was (warehouse/publish.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.landing import PROGRESS_LOGGER, REFUSED


@dataclass
class LoadSummary:
    warehouse: Path
    run_succeeded: bool
    failure: str | None = None
    pdfs_read: int | None = None  # PDFs extracted in this run; the others came from the cache
    reextracted: int | None = None  # of which re-extracted on request (a backfill)
    unchanged: bool = False  # nothing changed since the published warehouse was built: not rebuilt
    published: bool = False  # this run published the warehouse
    loaded: int = 0
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (file, the file that supersedes it)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    refused: int = 0  # of the rejected, entries never read (warehouse.landing: links out, folders, pipes)
    lines: int = 0
    identities_passed: int = 0
    identities_failed: list[tuple] = field(default_factory=list)  # (file, identity, subject, lhs, rhs, diff)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)  # (check, passed, severity)

    def render(self) -> str:
        out = [f"Warehouse: {self.warehouse}"]
        if not self.run_succeeded:
            out.append(f"The run FAILED: {self.failure}")
            out.append(
                "The warehouse was published (a step after publishing failed); what follows describes it."
                if self.published
                else "The published warehouse was left as it was; what follows describes it."
            )
        elif self.unchanged:
            out.append("Nothing changed since the last load: the published warehouse stays as it was.")
        if self.reextracted is not None:
            out.append(f"Re-extracted on request: {self.reextracted} document(s)")
        total = self.loaded + len(self.superseded) + len(self.rejected)
        out.append(
            f"Documents: {total} in the landing folder: {self.loaded} loaded, {len(self.superseded)} superseded, "
            f"{len(self.rejected)} rejected"
        )
        if self.pdfs_read is not None:
            cached = total - self.pdfs_read - self.refused
            out.append(
                f"  {self.pdfs_read} PDF(s) read, {cached} taken from the cache (bytes read before)"
                + (f", {self.refused} not read (refused)" if self.refused else "")
            )
        out += [f"  superseded {name}: by {newer}" for name, newer in self.superseded]
        out += [f"  rejected  {name}: {reason}" for name, reason in self.rejected]
        out.append(f"Budget lines loaded: {self.lines}")
        out.append(f"Identities: {self.identities_passed} passed, {len(self.identities_failed)} failed")
        out += [
            f"  failed    {name}: {identity} [{subject}] {lhs} vs {rhs} (diff {diff} 元)"
            for name, identity, subject, lhs, rhs, diff in self.identities_failed
        ]
        if self.checks:
            out.append(
                "Checks: "
                + ", ".join(
                    f"{name} {'passed' if passed else 'FAILED (' + severity + ')'}"
                    for name, passed, severity in self.checks
                )
            )
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
        summary.loaded = con.execute("select count(*) from marts.dim_document where status = 'loaded'").fetchone()[0]  # type: ignore[index]  # count(*) returns one row
        summary.superseded = con.execute(
            """select d.source_file, newer.source_file from marts.dim_document d
               join marts.dim_document newer on newer.document_id = d.superseded_by_document_id
               where d.status = 'superseded' order by d.source_file"""
        ).fetchall()
        summary.rejected = con.execute(
            "select source_file, status_reason from marts.dim_document where status = 'rejected' order by source_file"
        ).fetchall()
        summary.refused = con.execute(  # type: ignore[index]  # count(*) returns one row
            "select count(*) from marts.dim_document where reject_kind = ?", [REFUSED]
        ).fetchone()[0]
        summary.lines = con.execute("select count(*) from marts.fct_budget_line").fetchone()[0]  # type: ignore[index]  # count(*) returns one row
        summary.identities_passed = con.execute(
            "select count(*) from marts.fct_identity_check where passed"
        ).fetchone()[0]  # type: ignore[index]  # count(*) returns one row
        summary.identities_failed = con.execute(
            """select d.source_file, c.identity, c.subject, c.lhs_yuan, c.rhs_yuan, c.diff_yuan
               from marts.fct_identity_check c join marts.dim_document d using (document_id)
               where not c.passed order by d.source_file, c.identity, c.subject"""
        ).fetchall()
    finally:
        con.close()


def _configured_warehouse(definitions, run_config: dict):
    """The ``warehouse`` resource as a run with ``run_config`` gets it."""
    import dagster as dg

    resource = definitions.get_repository_def().get_top_level_resources()["warehouse"]
    resource_config = {"warehouse": run_config["resources"]["warehouse"]}
    with dg.build_resources({"warehouse": resource}, resource_config=resource_config) as built:
        return built.warehouse


def _definitions(definitions=None):
    if definitions is None:
        from orchestration.definitions import defs as definitions
    return definitions


def select_for_backfill(landing: Path, warehouse: Path, reextract, definitions=None) -> list[Path]:
    """The landing files a backfill re-extracts (the job selects them again, the same way)."""
    from warehouse.extraction_cache import ExtractionCache
    from warehouse.landing import landing_files

    definitions = _definitions(definitions)
    configured = _configured_warehouse(definitions, run_config(definitions, landing, warehouse))
    return reextract.select(landing_files(landing), ExtractionCache(configured.cache_path))


def run_config(
    definitions,
    landing: Path,
    warehouse: Path,
    workers: int = 0,
    verbose: bool = False,
    postgres_url: str | None = None,
) -> dict:
    """The config of a load's run: its paths are the ``warehouse`` resource's config, so that
    every process that executes a step of it (whatever the executor) reads them from the run."""
    from orchestration.resources import resource_run_config, warehouse_settings

    defined = definitions.get_repository_def().get_top_level_resources()
    resources = {
        "warehouse": resource_run_config(defined["warehouse"], warehouse_settings(landing, warehouse, workers))
    }
    if postgres_url:
        resources["postgres"] = resource_run_config(defined["postgres"], {"url": postgres_url})
    return {
        "loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}},
        "resources": resources,
    }


def run_load(
    landing: Path,
    warehouse: Path,
    workers: int = 0,
    verbose: bool = False,
    reextract=None,
    rebuild: bool = False,
    definitions=None,
    postgres_url: str | None = None,
    full_refresh: bool = False,
) -> LoadSummary:
    """Run the `load_warehouse` job over ``landing`` into ``warehouse`` and summarise it.

    ``reextract`` (orchestration.defs.extraction.documents.Reextract) makes it a backfill;
    ``rebuild`` rebuilds and publishes even when nothing changed; ``full_refresh`` does too,
    every dbt model whole (not only the changed documents' rows); ``postgres_url`` serves the
    publication from that PostgreSQL database (instead of BUDGET_POSTGRES_URL's);
    ``definitions`` replaces the project's Definitions (tests). What the run does is what the
    nightly schedule would ask for (orchestration.jobs.load_request), with the run's config
    pointing the resources at these arguments.
    """
    warehouse.parent.mkdir(parents=True, exist_ok=True)

    import dagster as dg

    from orchestration.defs.extraction.documents import FULL_REFRESH_TAG, REBUILD_TAG
    from orchestration.defs.operations.alerts import (
        FailureReport,
        notify_failure,
        step_failures,
    )
    from orchestration.jobs import load_request
    from warehouse import publish as publishing

    definitions = _definitions(definitions)
    job = definitions.resolve_job_def("load_warehouse")
    config = run_config(definitions, landing, warehouse, workers, verbose, postgres_url)
    # Quiet by default: the progress of extraction, and dbt's output only when it failed.
    captured = io.StringIO()
    progress = logging.getLogger(PROGRESS_LOGGER)
    handler = logging.StreamHandler(sys.stderr)
    if not verbose:
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
    try:
        with (
            dg.DagsterInstance.ephemeral() as instance,
            contextlib.nullcontext() if verbose else contextlib.redirect_stdout(captured),
        ):
            request = load_request(
                instance,
                _configured_warehouse(definitions, config),
                lambda: definitions.resolve_asset_graph().get_all_asset_keys(),
                extract=reextract is not None,
            )
            if isinstance(request, dg.SkipReason):
                raise ValueError(request.skip_message)
            tags = dict(request.tags)
            if reextract is not None:
                tags.update(reextract.tags())
            if rebuild:
                tags[REBUILD_TAG] = "true"
            if full_refresh:
                tags[FULL_REFRESH_TAG] = "true"
            result = job.execute_in_process(
                instance=instance,
                run_config=config,
                raise_on_error=False,
                tags=tags,
                asset_selection=request.asset_selection,
            )
    finally:
        progress.removeHandler(handler)
    published = dg.AssetKey(["published", "warehouse"])
    summary = LoadSummary(warehouse=warehouse, run_succeeded=result.success)
    summary.published = any(e.is_step_materialization and e.asset_key == published for e in result.all_events)
    # dbt's output says why a build failed; after publishing (serving failed) it says nothing.
    if not result.success and not summary.published and captured.getvalue():
        sys.stderr.write(captured.getvalue()[-20000:])

    if not result.success:
        failed_steps = step_failures(e for e in result.all_events if e.is_step_failure)
        summary.failure = "; ".join(f"{s['step']}: {s['error']}" for s in failed_steps) or "see the log above"
        # The build is kept by runs of a persistent instance (re-execution); this one is gone.
        publishing.discard_build(publishing.build_path(warehouse, result.run_id))
        notify_failure(FailureReport(result.run_id, "load_warehouse (budget-etl)", "the run failed", failed_steps))

    extraction = result.asset_materializations_for_node("document_extraction")
    if extraction:  # one event per partition, the same metadata on each
        summary.pdfs_read = extraction[0].metadata["pdfs_read"].value
        if reextract is not None:
            summary.reextracted = extraction[0].metadata["reextracted"].value
    raw_documents = dg.AssetKey(["raw", "documents"])
    for event in result.all_events:
        if event.asset_key != raw_documents:
            continue
        if event.is_step_materialization:
            metadata = event.step_materialization_data.materialization.metadata
        elif event.event_type_value == "ASSET_OBSERVATION":
            metadata = event.event_specific_data.asset_observation.metadata
        else:
            continue
        summary.pdfs_read = (summary.pdfs_read or 0) + metadata["pdfs_read"].value
        summary.unchanged = bool(metadata["unchanged"].value)
    for evaluation in result.get_asset_check_evaluations():
        summary.checks.append((evaluation.check_name, evaluation.passed, evaluation.severity.value))
    summary.checks = [c for c in summary.checks if c[0].startswith("gx_") or not c[1]]
    if warehouse.exists():
        try:
            _read_summary(summary)
        except duckdb.Error as exc:
            if summary.run_succeeded:
                raise
            summary.failure = f"{summary.failure} (the published warehouse could not be summarised: {exc})"
    return summary
