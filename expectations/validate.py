"""Running the suites over a warehouse file and saying what failed, row by row."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations.suites import SUITES, SuiteSpec


@dataclass
class ExpectationOutcome:
    expectation: str  # e.g. expect_column_values_to_be_unique(budget_line_id)
    success: bool
    unexpected_count: int
    failing_rows: list[dict] = field(default_factory=list)  # the spec's report columns, at most 50


@dataclass
class SuiteOutcome:
    suite: str
    table: str
    severity: str
    rows_checked: int
    expectations: list[ExpectationOutcome]

    @property
    def success(self) -> bool:
        return all(e.success for e in self.expectations)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]


MAX_REPORTED_ROWS = 50


def _context() -> gx.data_context.AbstractDataContext:
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _describe(config) -> str:
    column = config.kwargs.get("column")
    return f"{config.type}({column})" if column else config.type


def validate_frame(spec: SuiteSpec, frame: pd.DataFrame, context=None) -> SuiteOutcome:
    context = context or _context()
    batch = (
        context.data_sources.add_or_update_pandas(f"warehouse_{spec.name}")
        .add_dataframe_asset(spec.name)
        .add_batch_definition_whole_dataframe("whole_table")
    )
    suite = context.suites.add_or_update(gx.ExpectationSuite(name=spec.name, expectations=spec.expectations()))
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    result = validation.run(batch_parameters={"dataframe": frame}, result_format="COMPLETE")
    outcomes = []
    for r in result.results:
        indexes = (r.result or {}).get("unexpected_index_list") or []
        rows = frame.loc[indexes[:MAX_REPORTED_ROWS], [c for c in spec.report_columns if c in frame.columns]]
        outcomes.append(
            ExpectationOutcome(
                expectation=_describe(r.expectation_config),
                success=bool(r.success),
                unexpected_count=int((r.result or {}).get("unexpected_count") or 0),
                failing_rows=[{k: (None if pd.isna(v) else str(v)) for k, v in row.items()} for row in rows.to_dict("records")],
            )
        )
    return SuiteOutcome(spec.name, spec.table, spec.severity, len(frame), outcomes)


def read_frame(con: duckdb.DuckDBPyConnection, spec: SuiteSpec) -> pd.DataFrame:
    """The suite's frame, with DECIMAL columns as exact strings (pandas would make them floats)."""
    relation = con.sql(spec.query or f"select * from {spec.table}")
    columns = [
        f'cast("{name}" as varchar) as "{name}"' if str(kind).startswith("DECIMAL") else f'"{name}"'
        for name, kind in zip(relation.columns, relation.types)
    ]
    return relation.project(", ".join(columns)).df()


def validate_warehouse(warehouse_path: Path, suites: tuple[SuiteSpec, ...] = SUITES) -> list[SuiteOutcome]:
    """Validate every suite against the warehouse file, opened read-only."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        frames = {spec.name: read_frame(con, spec) for spec in suites}
    finally:
        con.close()
    context = _context()
    return [validate_frame(spec, frames[spec.name], context) for spec in suites]
