"""The GX suites as Dagster asset checks on the marts they validate.

dagster-ge targets GX 0.x, so the checks are written by hand: each runs one suite over a
frame read (read-only) from the warehouse. An accounting identity failing is a WARN: the
document stays loaded and flagged. A structural failure is an ERROR and blocking, so that
nothing downstream (publishing) runs on a malformed warehouse.
"""

import dagster as dg

from expectations.suites import SUITES, SuiteSpec
from expectations.validate import read_frame, validate_frame
from orchestration.resources import WarehouseResource


def _check_for(spec: SuiteSpec) -> dg.AssetChecksDefinition:
    schema, table = spec.table.split(".")
    severity = dg.AssetCheckSeverity.ERROR if spec.severity == "error" else dg.AssetCheckSeverity.WARN

    @dg.asset_check(
        asset=dg.AssetKey([schema, table]),
        name=f"gx_{spec.name}",
        description=spec.description,
        blocking=spec.severity == "error",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect(read_only=True) as con:
            frame = read_frame(con, spec)
        outcome = validate_frame(spec, frame)
        failures = {
            f.expectation: {"unexpected": f.unexpected_count, "rows": f.failing_rows} for f in outcome.failures
        }
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=severity,
            metadata={
                "rows_checked": outcome.rows_checked,
                "expectations": len(outcome.expectations),
                "failed_expectations": len(outcome.failures),
                "failures": dg.MetadataValue.json(failures),
            },
        )

    return _check


gx_checks = [_check_for(spec) for spec in SUITES]
