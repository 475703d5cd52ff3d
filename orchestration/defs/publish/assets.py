"""Publishing: the run's build becomes the warehouse BI tools read, with its marts as Parquet.

It runs after the marts are built and every expectation check on them has finished; an
ERROR result (a blocking check) or a failed dbt build or test stops the run before it, so
the published warehouse is only ever replaced by a build that passed. See warehouse/publish.py
for the files and the rollback.
"""

import dagster as dg

from orchestration.resources import WarehouseResource, build_run_id
from warehouse import publish as publishing


def published_models(models: dg.AssetsDefinition) -> list[dg.AssetKey]:
    """What a publication exports of the dbt ``models``: the marts and the dashboards' BI layer
    (warehouse/publish.py)."""
    return sorted((k for k in models.keys if k.path[0] in publishing.PARQUET_SCHEMAS), key=lambda k: k.to_user_string())


def build_published_warehouse(models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """The publication, after the dbt ``models`` it publishes (known once their manifest is
    read, when the definitions are built)."""

    @dg.asset(
        key=["published", "warehouse"],
        deps=published_models(models),
        group_name="publish",
        kinds={"duckdb", "parquet"},
        pool="duckdb_writer",
        description=(
            "The published warehouse (BUDGET_WAREHOUSE) and its marts and BI tables as Parquet: this run's build, "
            "swapped in atomically once every check passed; the one it replaced is kept as *.previous."
        ),
    )
    def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        published = warehouse.published_path
        build = publishing.ensure_build(published, build_run_id(context.run))
        if not build.exists():
            raise dg.Failure(f"This run built no warehouse to publish ({build} does not exist).")
        publication = publishing.publish(build, published, context.run.run_id)
        previous = f" (previous: {publication.previous})" if publication.previous else ""
        context.log.info(f"Published {published}{previous}")
        return dg.MaterializeResult(
            metadata={
                "warehouse": dg.MetadataValue.path(str(published)),
                "previous": dg.MetadataValue.path(str(publication.previous)) if publication.previous else "none",
                "parquet": dg.MetadataValue.path(str(publication.parquet)),
                "tables": dg.MetadataValue.json(publication.tables),
            }
        )

    return published_warehouse
