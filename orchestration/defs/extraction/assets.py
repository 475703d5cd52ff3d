"""The extraction layer: PDFs in the landing folder -> the extraction cache -> the raw tables.

``document_extraction`` has one partition per PDF (orchestration/defs/extraction/documents.py).
It reads the PDFs whose bytes are not cached yet (or that a backfill asks for again) and
writes only the cache, keyed by content hash: its partitions can run in parallel, in one
run (a process pool over the run's partitions, `budget-etl load` and the nightly load) or
in many (the landing sensor's runs, a backfill in the UI, a cluster's executor).

``raw_extractions`` writes the raw tables of this run's build file from the cache alone, for
every PDF in the landing folder at that moment (warehouse/raw_update.py): it reads no PDF (one
without a cached extraction fails the step, by name), writes only the rows of new and changed
documents, a batch at a time, and deletes those of the documents that left; a file removed from
the landing folder leaves raw.documents for raw.removed_documents.
In a run of the job `load_warehouse` (the nightly load, `budget-etl load`), when none of its
inputs changed since the published warehouse was built (same files, same extractions, same
code), it materializes nothing: the models, checks and publishing downstream are skipped
and the published warehouse stays as it is.
"""

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from orchestration.defs.extraction.documents import (
    FULL_REFRESH_TAG,
    REBUILD_TAG,
    Reextract,
    documents_partitions,
    is_true_tag,
    landing_documents,
)
from orchestration.fingerprint import code_digest, inputs_fingerprint
from orchestration.resources import WarehouseResource, build_run_id
from warehouse import publish as publishing
from warehouse.extraction_cache import ExtractionCache
from warehouse.landing import Outcome, extract_landing, scan_landing
from warehouse.raw_tables import RAW_TABLES, raw_summary, removed_documents, replace_removed_documents
from warehouse.raw_update import MissingExtractions, landing_entries, update_raw_tables

# The metadata entry of each raw table's row count (raw.documents says more).
RAW_COUNTS = {
    "tables_found": "tables",
    "budget_lines": "lines",
    "department_names": "aliases",
    "performance_indicators": "indicators",
    "narrative_totals": "totals",
    "narrative_shares": "shares",
    "narrative_changes": "changes",
    "narrative_years": "years",
    "narrative_executions": "executions",
    "narrative_class_amounts": "class_amounts",
    "placeholders": "placeholders",
    "pages": "pages",
}
LOAD_JOB = "load_warehouse"  # orchestration.jobs
REMOVED_TABLE = "removed_documents"
MAX_LISTED = 50  # documents named in one metadata entry


def _landing(warehouse: WarehouseResource) -> Path:
    landing = Path(warehouse.landing_dir)
    if not landing.is_dir():
        raise dg.Failure(f"The landing folder {landing} does not exist.")
    return landing


def _listed(names: list[str]) -> list[str]:
    return names[:MAX_LISTED] + ([f"... and {len(names) - MAX_LISTED} more"] if len(names) > MAX_LISTED else [])


def _crashed(outcomes: list[Outcome]) -> dict[str, str]:
    """The documents the extractor itself failed on, with the error."""
    return {o.source_file: o.status_reason or "" for o in outcomes if o.reject_kind == "extractor_error"}


@dg.asset(
    partitions_def=documents_partitions,
    # One run covers a whole backfill (its documents extracted by a process pool), instead of
    # one run per document.
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="extract",
    kinds={"pdf", "python"},
    description=(
        "One partition per PDF of the landing folder (keyed by file name): its extraction, "
        "kept in the cache by the SHA-256 of its bytes. Unchanged bytes are never read again, "
        "unless the run's tags ask for a re-extraction (budget/reextract=all, "
        "budget/reextract_year=YYYY, budget/reextract_department=NAME)."
    ),
)
def document_extraction(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    landing = _landing(warehouse)
    by_key = landing_documents(landing)
    keys = context.partition_keys
    files = [by_key[k] for k in keys if k in by_key]
    gone = [k for k in keys if k not in by_key]
    if gone:
        context.log.warning(
            f"{len(gone)} document(s) left the landing folder since they were registered: {_listed(gone)}"
        )
    cache = ExtractionCache(warehouse.cache_path)
    reextract = Reextract.from_tags(context.run.tags)
    force = reextract.select(files, cache) if reextract else []
    if reextract:
        context.log.info(f"Re-extracting {reextract.describe()}: {len(force)} of this run's {len(files)} document(s).")
    # Only the outcomes of what is read come back: cached entries are not even opened.
    read = extract_landing(files, cache, warehouse.workers, progress=context.log.info, force=force)

    crashed = _crashed(read)
    for name, reason in crashed.items():
        context.log.error(f"{name}: {reason}")
    statuses = Counter(o.status for o in read)
    return dg.MaterializeResult(
        metadata={
            "documents": len(files),
            "pdfs_read": len(read),
            "unchanged": len(files) - len(read),
            "reextracted": len(force),
            "read_loaded": statuses["loaded"],
            "read_rejected": statuses["rejected"],
            "read": dg.MetadataValue.json(_listed(sorted(o.source_file for o in read))),
            "extractor_errors": dg.MetadataValue.json(crashed),
        }
    )


def _must_rebuild(context: dg.AssetExecutionContext) -> bool:
    """Whether to rebuild although nothing changed: asked for (budget/rebuild), or any run but
    a plain `load_warehouse` one (the nightly load, `budget-etl load`): a materialization or
    backfill launched from the UI always does what it says."""
    tags = context.run.tags
    return (
        is_true_tag(tags, REBUILD_TAG)
        or is_true_tag(tags, FULL_REFRESH_TAG)
        or context.run.job_name != LOAD_JOB
        or "dagster/backfill" in tags
    )


def _removed(names: set[str], previous: publishing.PublishedState, now: datetime) -> list[tuple[str, str, datetime]]:
    return removed_documents(previous.documents, previous.removed, names, now)


@dg.multi_asset(
    specs=[
        *(
            dg.AssetSpec(
                ["raw", table],
                group_name="extract",
                kinds={"python", "duckdb"},
                description=f"raw.{table}: extraction results of every PDF in the landing folder.",
                deps=[dg.AssetDep(document_extraction, partition_mapping=dg.AllPartitionMapping())],
                skippable=True,
            )
            for table in RAW_TABLES
        ),
        dg.AssetSpec(
            ["raw", REMOVED_TABLE],
            group_name="extract",
            kinds={"python", "duckdb"},
            description=(
                "raw.removed_documents: files loaded before and no longer in the landing folder "
                "(source_file, sha256, removed_at), kept out of the other raw tables."
            ),
            deps=[dg.AssetDep(document_extraction, partition_mapping=dg.AllPartitionMapping())],
            skippable=True,
        ),
    ],
    check_specs=[
        dg.AssetCheckSpec(
            "extractor_did_not_crash",
            asset=["raw", "documents"],
            description="No document was rejected because the extractor itself failed (a bug to report).",
        )
    ],
    pool="duckdb_writer",
)
def raw_extractions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The raw tables of this run's build, from the cache alone (see warehouse/raw_update.py)."""
    scan = scan_landing(_landing(warehouse))
    cache = ExtractionCache(warehouse.cache_path)
    published = warehouse.published_path
    previous = publishing.read_published(published)
    entries = landing_entries(scan, cache)  # each file hashed at most once, and not at all when unchanged
    missing = [e.name for e in entries if e.missing]
    if missing:
        raise dg.Failure(
            str(MissingExtractions(missing)), metadata={"missing": dg.MetadataValue.json(_listed(missing))}
        )
    inputs = inputs_fingerprint([e.fingerprint_item for e in entries])

    # Decided before any cached extraction is read: a rerun with nothing new costs a stat per file.
    if inputs == previous.fingerprint and not _must_rebuild(context):
        context.log.info("Nothing changed since the published warehouse was built: it stays as it is.")
        context.log_event(
            dg.AssetObservation(
                asset_key=["raw", "documents"],
                metadata={"pdfs_read": 0, "unchanged": True, "inputs_fingerprint": previous.fingerprint},
            )
        )
        yield dg.AssetCheckResult(
            check_name="extractor_did_not_crash",
            asset_key=["raw", "documents"],
            passed=not any((e.stamp or "").startswith("error:") for e in entries),
            severity=dg.AssetCheckSeverity.WARN,
        )
        return

    now = datetime.now(UTC).replace(tzinfo=None)
    removed = _removed({e.name for e in entries}, previous, now)

    # The build starts from the published warehouse when that was built by the same code, so
    # that only the changed documents' raw rows are written and the incremental dbt models
    # replace only theirs; from nothing when the code changed (its models may compute other
    # rows) or a full refresh is asked for.
    code = code_digest()
    incremental = previous.code_digest == code and not is_true_tag(context.run.tags, FULL_REFRESH_TAG)
    build = publishing.start_build(published, build_run_id(context.run), from_published=incremental)
    context.log.info(f"Build {build}: {'a copy of the published warehouse' if incremental else 'from nothing'}.")
    with warehouse.connect(build) as con:
        try:
            update = update_raw_tables(con, entries, cache, now)
        except MissingExtractions as exc:
            raise dg.Failure(str(exc), metadata={"missing": dg.MetadataValue.json(_listed(exc.names))}) from None
        replace_removed_documents(con, removed)
        publishing.record_build(con, context.run.run_id, inputs, len(scan.files), now, code)
        summary = raw_summary(con)
    context.log.info(f"Raw tables: {update.written} document(s) written, {update.kept} unchanged kept as they were.")

    check = dg.AssetCheckResult(
        check_name="extractor_did_not_crash",
        asset_key=["raw", "documents"],
        passed=not summary.crashed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"documents": dg.MetadataValue.json(summary.crashed)},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "documents"],
        metadata={
            "documents_loaded": summary.statuses.get("loaded", 0),
            "documents_rejected": summary.statuses.get("rejected", 0),
            "pdfs_read": 0,  # the extraction step reads them
            "documents_written": update.written,
            "documents_kept": update.kept,
            "unchanged": False,
            "rejections": dg.MetadataValue.json(summary.rejections),
            "build": dg.MetadataValue.path(str(build)),
            "build_from": "published warehouse" if incremental else "nothing",
            "inputs_fingerprint": inputs,
        },
    )
    for table, name in RAW_COUNTS.items():
        yield dg.MaterializeResult(asset_key=["raw", table], metadata={name: summary.rows[table]})
    newly = [name for name, _, at in removed if at == now]
    yield dg.MaterializeResult(
        asset_key=["raw", REMOVED_TABLE],
        metadata={"removed": len(removed), "removed_by_this_load": dg.MetadataValue.json(_listed(newly))},
    )
    yield check
