"""The plain-text summary of a validation, as `budget-etl check` prints it."""

from __future__ import annotations

from expectations.validate import SuiteOutcome


def render_outcomes(outcomes: list[SuiteOutcome]) -> str:
    out = []
    for o in outcomes:
        passed = len(o.expectations) - len(o.failures)
        verdict = "passed" if o.success else ("FAILED (blocks publishing)" if o.severity == "error" else "failed (warning)")
        out.append(f"{o.suite} on {o.table} [{o.severity}]: {verdict}: "
                   f"{passed}/{len(o.expectations)} expectations, {o.rows_checked} rows")
        for f in o.failures:
            out.append(f"  {f.expectation}: {f.unexpected_count} unexpected row(s)")
            for row in f.failing_rows:
                out.append("    " + ", ".join(f"{k}={v}" for k, v in row.items()))
    errors = [o.suite for o in outcomes if o.severity == "error" and not o.success]
    out.append("Result: " + (f"ERROR in {', '.join(errors)}" if errors else "no blocking failure"))
    return "\n".join(out)
