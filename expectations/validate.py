"""Running the suites over a warehouse file and saying what failed, row by row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from expectations.context import checkpoint_for, default_data_docs_dir, rendering
from expectations.suites import CRITICAL, SUITES, SuiteSpec

MAX_REPORTED_ROWS = 50
# The documents whose rows a build (re)wrote: every document in a build from nothing
# (dbt_project/models/intermediate/documents/int_documents__changed.sql).
CHANGED_DOCUMENTS = "intermediate.int_documents__changed"
MAX_LITERAL_DOCUMENTS = 1000


@dataclass
class ExpectationOutcome:
    expectation: str  # e.g. expect_column_values_to_be_unique(budget_line_id)
    description: str | None
    severity: str  # warning | critical
    success: bool
    unexpected_count: int
    failing_rows: list[dict] = field(default_factory=list)  # the suite's report columns, at most 50


@dataclass
class SuiteOutcome:
    suite: str
    table: str
    rows_checked: int
    expectations: list[ExpectationOutcome]

    @property
    def success(self) -> bool:
        return all(e.success for e in self.expectations)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]

    @property
    def blocking(self) -> bool:
        """A critical expectation failed: the warehouse must not be published."""
        return any(e.severity == CRITICAL for e in self.failures)


def _describe(config) -> str:
    column = config.kwargs.get("column")
    condition = config.kwargs.get("row_condition")
    if isinstance(condition, dict):  # GX keeps a pandas condition as a pass-through filter
        condition = condition.get("pass_through_filter")
    return f"{config.type}({column}{' where ' + condition if condition else ''})" if column else config.type


def _plain(value) -> str | None:
    # Reports go to JSON (Dagster metadata) and text: numpy scalars and NaN/NA do not.
    return None if value is None or pd.isna(value) else str(value)


def _rows(result: dict, columns: tuple[str, ...]) -> list[dict]:
    rows = result.get("unexpected_index_list") or []
    return [
        {k: _plain(v) for k, v in row.items() if k in columns}
        for row in rows[:MAX_REPORTED_ROWS]
        if isinstance(row, dict)
    ]


def validate_frame(spec: SuiteSpec, frame: pd.DataFrame, context) -> SuiteOutcome:
    checkpoint = checkpoint_for(context, spec)
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    (validation,) = run.run_results.values()
    outcomes = [
        ExpectationOutcome(
            expectation=_describe(r.expectation_config),
            description=r.expectation_config.description,
            severity=str(getattr(r.expectation_config.severity, "value", r.expectation_config.severity)),
            success=bool(r.success),
            unexpected_count=int((r.result or {}).get("unexpected_count") or 0),
            failing_rows=_rows(r.result or {}, spec.report_columns),
        )
        for r in validation.results
    ]
    return SuiteOutcome(spec.name, spec.table, len(frame), outcomes)


def read_frame(con: duckdb.DuckDBPyConnection, spec: SuiteSpec, changed_only: bool = False) -> pd.DataFrame:
    """The suite's frame, with DECIMAL columns as exact strings (pandas would make them floats).

    ``changed_only``: of a per-document suite, only the rows of the documents the build wrote
    (a load's build; the others were carried over from the published warehouse, built by the
    same code, where they were validated); the whole table otherwise.
    """
    rows = spec.table
    if changed_only and spec.per_document:
        # A few documents as constants, which DuckDB pushes into the scan (and into both sides
        # of a suite that joins its table with itself): a subquery is joined after every row
        # was read, which only pays when most documents changed (a first load).
        changed = [row[0] for row in con.execute(f"select document_id from {CHANGED_DOCUMENTS}").fetchall()]
        documents = (
            ", ".join("'" + str(d).replace("'", "''") + "'" for d in changed) or "null"
            if len(changed) <= MAX_LITERAL_DOCUMENTS
            else f"select document_id from {CHANGED_DOCUMENTS}"
        )
        rows = f"(select * from {spec.table} where document_id in ({documents}))"
    relation = con.sql((spec.query or "select * from {rows}").format(rows=rows))
    columns = [
        f'cast("{name}" as varchar) as "{name}"' if str(kind).startswith("DECIMAL") else f'"{name}"'
        for name, kind in zip(relation.columns, relation.types, strict=True)
    ]
    return relation.project(", ".join(columns)).df()


class UnreadableWarehouse(Exception):
    """The file is not a warehouse these suites can read: not DuckDB, or built without a mart."""


def read_frames(warehouse_path: Path, suites: tuple[SuiteSpec, ...]) -> dict[str, pd.DataFrame]:
    try:
        con = duckdb.connect(str(warehouse_path), read_only=True)
    except duckdb.Error as error:
        raise UnreadableWarehouse(f"{warehouse_path} is not a DuckDB warehouse ({error})") from error
    try:
        return {spec.name: read_frame(con, spec) for spec in suites}
    except duckdb.CatalogException as error:
        first_line = str(error).splitlines()[0]
        raise UnreadableWarehouse(
            f"{warehouse_path} lacks a table the checks read ({first_line}): it was built by an older "
            "version or by something else; rebuild it with `budget-etl load`"
        ) from error
    finally:
        con.close()


def validate_warehouse(
    warehouse_path: Path, data_docs_dir: Path | None = None, suites: tuple[SuiteSpec, ...] = SUITES
) -> list[SuiteOutcome]:
    """Validate every suite against the warehouse file (opened read-only) and render Data Docs."""
    frames = read_frames(warehouse_path, suites)
    with rendering(data_docs_dir or default_data_docs_dir(warehouse_path)) as context:
        return [validate_frame(spec, frames[spec.name], context) for spec in suites]
