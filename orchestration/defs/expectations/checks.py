"""The GX suites as Dagster asset checks on the marts they validate.

dagster-ge targets GX 0.x, so the checks are written by hand: each runs one suite over a
frame read (read-only) from the warehouse, and renders Data Docs beside it. A suite whose
failures are all warnings (an accounting identity, a missing table) gives a WARN: the
document stays loaded and flagged. A critical failure (structure) gives an ERROR, and the
check is blocking, so that nothing downstream (publishing) runs on a malformed warehouse.
"""

from pathlib import Path

import dagster as dg

from expectations.context import default_data_docs_dir, open_context
from expectations.suites import CRITICAL, SUITES, SuiteSpec
from expectations.validate import read_frame, validate_frame
from orchestration.resources import WarehouseResource


def _check_for(spec: SuiteSpec) -> dg.AssetChecksDefinition:
    schema, table = spec.table.split(".")
    has_critical = any(e.severity == CRITICAL for e in spec.expectations())

    @dg.asset_check(
        asset=dg.AssetKey([schema, table]),
        name=f"gx_{spec.name}",
        description=spec.description,
        blocking=has_critical,
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            frame = read_frame(con, spec)
        data_docs = default_data_docs_dir(Path(warehouse.warehouse_path))
        outcome = validate_frame(spec, frame, open_context(data_docs))
        failures = {
            f.expectation: {"severity": f.severity, "unexpected": f.unexpected_count, "rows": f.failing_rows}
            for f in outcome.failures
        }
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR if outcome.blocking else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_checked": outcome.rows_checked,
                "expectations": len(outcome.expectations),
                "failed_expectations": len(outcome.failures),
                "failures": dg.MetadataValue.json(failures),
                "data_docs": dg.MetadataValue.path(str(data_docs / "index.html")),
            },
        )

    return _check


gx_checks = [_check_for(spec) for spec in SUITES]
