"""The GX suites as Dagster asset checks on the marts they validate.

dagster-ge targets GX 0.x, so the checks are written by hand: each runs one suite over a
frame read (read-only) from the run's build file (the published warehouse when the run built
none: a check launched alone), and renders Data Docs beside the warehouse, offline like
`budget-etl check`'s. A suite whose failures are all warnings (an accounting identity, a
missing table) gives a WARN: the document stays loaded and flagged. A critical failure
(structure) gives an ERROR, which blocks publishing: nothing is published from a malformed
build. Every check is declared blocking, so that publishing also waits for the WARN ones to
finish reading the build; only an ERROR result stops it. A suite of a per-document mart
checks, in a load, the rows of the documents the build wrote (expectations/suites.py,
``per_document``): the other documents' rows are those of the published warehouse, checked
when they were written (their failures stay in the marts, e.g.
marts.fct_identity_check.passed, and in `budget-etl check`).
"""

import importlib
import threading
from pathlib import Path

import dagster as dg

from expectations.suites import SUITES, SuiteSpec
from orchestration.resources import WarehouseResource


def import_gx_meanwhile() -> None:
    """Import what the checks run (GX: 2.3 s) in a thread, for a step that then only waits (on
    dbt's build): the checks after it find it imported. In a process of its own, for nothing."""
    threading.Thread(target=importlib.import_module, args=("expectations.validate",), daemon=True).start()


def _check_for(spec: SuiteSpec) -> dg.AssetChecksDefinition:
    schema, table = spec.table.split(".")

    @dg.asset_check(
        asset=dg.AssetKey([schema, table]),
        name=f"gx_{spec.name}",
        description=spec.description,
        # Gates publishing on an ERROR result only (a WARN never blocks), and makes it wait.
        blocking=True,
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        # GX is imported when a check runs (or dbt builds: import_gx_meanwhile), not when the
        # definitions load (a load that has nothing to rebuild runs no check).
        from expectations.context import default_data_docs_dir, rendering
        from expectations.validate import read_frame, validate_frame

        path = warehouse.readable_path(context.run)
        if not path.exists():
            raise dg.Failure(f"There is no warehouse at {path} to check.")
        # A load's build: a per-document suite reads the documents it wrote (every one in a
        # build from nothing); a check launched alone reads the whole published warehouse.
        changed_only = path != warehouse.published_path
        with warehouse.connect(path, read_only=True) as con:
            frame = read_frame(con, spec, changed_only=changed_only)
        data_docs = default_data_docs_dir(Path(warehouse.warehouse_path))
        with rendering(data_docs) as context:
            outcome = validate_frame(spec, frame, context)
        failures = {
            f.expectation: {"severity": f.severity, "unexpected": f.unexpected_count, "rows": f.failing_rows}
            for f in outcome.failures
        }
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR if outcome.blocking else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_checked": outcome.rows_checked,
                "scope": "the documents this build wrote" if changed_only and spec.per_document else "every row",
                "expectations": len(outcome.expectations),
                "failed_expectations": len(outcome.failures),
                "failures": dg.MetadataValue.json(failures),
                "data_docs": dg.MetadataValue.path(str(data_docs / "index.html")),
                "warehouse": dg.MetadataValue.path(str(path)),
            },
        )

    return _check


gx_checks = [_check_for(spec) for spec in SUITES]
