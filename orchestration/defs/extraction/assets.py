"""The extraction layer: PDFs in the landing folder -> the raw tables of the warehouse."""

from collections import Counter
from pathlib import Path

import dagster as dg

from orchestration.defs.extraction.landing import extract_landing, landing_files
from orchestration.resources import WarehouseResource
from warehouse.extraction_cache import ExtractionCache
from warehouse.raw_tables import replace_raw_tables

RAW_TABLES = ("documents", "tables_found", "budget_lines")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["raw", table],
            group_name="extract",
            kinds={"python", "duckdb"},
            description=f"raw.{table}: extraction results of every PDF in the landing folder.",
        )
        for table in RAW_TABLES
    ],
    pool="duckdb_writer",
)
def raw_extractions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Extract every PDF of the landing folder (unchanged ones from the cache) into raw.*."""
    landing = Path(warehouse.landing_dir)
    if not landing.is_dir():
        raise dg.Failure(f"The landing folder {landing} does not exist.")
    files = landing_files(landing)
    results = extract_landing(
        files, ExtractionCache(warehouse.cache_path), warehouse.workers, progress=context.log.info
    )
    with warehouse.connect() as con:
        replace_raw_tables(con, [(r.extraction, r.extracted_at) for r in results])

    statuses = Counter(r.extraction.status for r in results)
    rejected = {r.extraction.source_file: r.extraction.status_reason for r in results if r.extraction.status == "rejected"}
    lines = sum(len(r.extraction.lines) for r in results)
    extracted = sum(not r.from_cache for r in results)
    common = {"documents_loaded": statuses["loaded"], "documents_rejected": statuses["rejected"], "pdfs_read": extracted}
    yield dg.MaterializeResult(
        asset_key=["raw", "documents"],
        metadata={**common, "rejections": dg.MetadataValue.json(rejected)},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "tables_found"],
        metadata={"tables": sum(len(r.extraction.tables) for r in results)},
    )
    yield dg.MaterializeResult(asset_key=["raw", "budget_lines"], metadata={"lines": lines})
