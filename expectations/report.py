"""The plain-text summary of a validation, as `budget-etl check` prints it."""

from __future__ import annotations

from expectations.validate import SuiteOutcome


def render_outcomes(outcomes: list[SuiteOutcome], data_docs: str | None = None) -> str:
    out = []
    for o in outcomes:
        passed = len(o.expectations) - len(o.failures)
        verdict = "passed" if o.success else ("FAILED, blocks publishing" if o.blocking else "failed (warnings)")
        out.append(
            f"{o.suite} on {o.table}: {verdict}: {passed}/{len(o.expectations)} expectations, {o.rows_checked} rows"
        )
        for f in o.failures:
            out.append(f"  [{f.severity}] {f.expectation}: {f.unexpected_count} unexpected row(s)")
            for row in f.failing_rows:
                out.append("    " + ", ".join(f"{k}={v}" for k, v in row.items()))
    blocking = [o.suite for o in outcomes if o.blocking]
    out.append("Result: " + (f"critical failures in {', '.join(blocking)}" if blocking else "no critical failure"))
    if data_docs:
        out.append(f"Data Docs: {data_docs}")
    return "\n".join(out)
