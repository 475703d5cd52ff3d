"""Exports of the published warehouse (CSV, Parquet, Fiscal Data Package), refreshed after each
publication when the ``exports`` resource is enabled; off by default, when the asset is
skipped (not materialised) and writes nothing."""

from typing import Any

import dagster as dg

from orchestration.resources import ExportsResource, WarehouseResource
from warehouse.exports import export_warehouse

PUBLISHED = dg.AssetKey(["published", "warehouse"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["published", "exports"],
            deps=[PUBLISHED],
            group_name="publish",
            kinds={"csv", "parquet"},
            skippable=True,
            description=(
                "The published warehouse's marts as files (exports resource: formats csv / parquet / fdp, "
                "the folder); skipped unless the resource is enabled."
            ),
        )
    ],
)
def published_exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource, exports: ExportsResource):
    if not exports.enabled:
        context.log.info("Exports are off (the exports resource is not enabled): nothing written.")
        return
    metadata: dict[str, Any] = {}
    for format in exports.formats:
        out_dir = exports.folder(warehouse.published_path) / format
        result = export_warehouse(warehouse.published_path, format, out_dir, bom=exports.bom and format != "parquet")
        context.log.info(result.render())
        metadata[format] = dg.MetadataValue.path(str(out_dir))
        metadata[f"{format}_rows"] = result.rows
    yield dg.MaterializeResult(asset_key=["published", "exports"], metadata=metadata)
