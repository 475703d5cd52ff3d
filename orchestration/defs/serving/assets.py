"""Serving from PostgreSQL: after each publication, the published marts and BI layer copied into
the database of the ``postgres`` resource (warehouse/serving/postgres.py); off by default, when
the asset is skipped (not materialised) and connects to nothing."""

import dagster as dg

from orchestration.resources import PostgresServingResource, WarehouseResource
from warehouse.serving import postgres as serving

PUBLISHED = dg.AssetKey(["published", "warehouse"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["published", "postgres"],
            deps=[PUBLISHED],
            group_name="publish",
            kinds={"postgres"},
            skippable=True,
            description=(
                f"The published marts and BI layer served from PostgreSQL (schemas {', '.join(serving.SERVED_SCHEMAS)}, "
                f"swapped in by one transaction; read-only role {serving.READER_ROLE}); skipped unless the postgres "
                f"resource has a URL ({serving.URL_VARIABLE} or `budget-etl load --postgres URL`)."
            ),
        )
    ],
)
def published_postgres(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, postgres: PostgresServingResource
):
    if not postgres.enabled:
        context.log.info("Serving from PostgreSQL is off (the postgres resource has no URL): nothing copied.")
        return
    try:
        copy = serving.serve(warehouse.published_path, postgres.url, reader=postgres.reader_role, log=context.log.debug)
    except serving.ServingError as exc:
        # The DuckDB publication stands; the run fails so that the failure is reported.
        raise dg.Failure(description=f"Serving from PostgreSQL failed: {exc}", allow_retries=False) from None
    context.log.info(copy.render())
    yield dg.MaterializeResult(
        asset_key=["published", "postgres"],
        metadata={
            "database": copy.url,
            "tables": dg.MetadataValue.json(copy.tables),
            "rows": sum(copy.tables.values()),
            "publication": copy.publication or "unknown",
            "seconds": round(copy.seconds, 1),
        },
    )
