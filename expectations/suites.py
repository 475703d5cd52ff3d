"""The expectation suites: which mart each validates, what it expects, how severe a failure is.

Severity is the enforcement policy: an identity failure (``warn``) flags the document and
loads it all the same; a structural failure (``error``) blocks publishing the warehouse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import great_expectations as gx

TABLE_KINDS = [
    "revenue_expenditure_summary", "revenue_summary", "expenditure_summary", "fiscal_grant_summary",
    "general_public_expenditure", "general_public_basic_expenditure", "government_fund_expenditure",
    "three_public_expenses", "state_capital_expenditure", "performance_targets",
]


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    table: str  # schema.table in the warehouse
    severity: str  # warn | error
    description: str
    expectations: Callable[[], list[gx.expectations.Expectation]]
    # Columns that identify a failing row in reports (the document, the identity, both sides).
    report_columns: tuple[str, ...]
    # The frame to validate, when the table alone lacks what a report needs (the file name).
    query: str | None = None


def _accounting_identities() -> list[gx.expectations.Expectation]:
    return [
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="passed",
            value_set=[True],
            description="Every accounting identity holds within its rounding tolerance.",
        )
    ]


def _budget_line_structure() -> list[gx.expectations.Expectation]:
    E = gx.expectations
    return [
        E.ExpectColumnValuesToBeUnique(column="budget_line_id"),
        E.ExpectColumnValuesToNotBeNull(column="budget_line_id"),
        E.ExpectColumnValuesToNotBeNull(column="document_id"),
        E.ExpectColumnValuesToNotBeNull(column="amount_yuan"),
        E.ExpectColumnValuesToNotBeNull(column="measure"),
        E.ExpectColumnValuesToBeInSet(column="table_kind", value_set=TABLE_KINDS),
        E.ExpectColumnValuesToBeInSet(
            column="classification", value_set=["function", "economic", "revenue", "three_public", "other"]
        ),
        # 类 3 digits, 款 5, 项 7; nulls (lines without a code) are not checked.
        E.ExpectColumnValuesToMatchRegex(column="code", regex=r"^[0-9]{3}(?:[0-9]{2}){0,2}$"),
        E.ExpectColumnValuesToBeBetween(column="source_page", min_value=1),
    ]


def _document_structure() -> list[gx.expectations.Expectation]:
    E = gx.expectations
    return [
        E.ExpectColumnValuesToBeUnique(column="document_id"),
        E.ExpectColumnValuesToNotBeNull(column="document_id"),
        E.ExpectColumnValuesToBeInSet(column="status", value_set=["loaded", "rejected", "superseded"]),
        # Every rejection carries its reason.
        E.ExpectColumnValuesToNotBeNull(
            column="status_reason", row_condition='status=="rejected"', condition_parser="pandas"
        ),
        E.ExpectColumnValuesToBeBetween(column="fiscal_year", min_value=2000, max_value=2100),
    ]


SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        name="accounting_identities",
        table="marts.fct_identity_check",
        severity="warn",
        description="Each identity of marts.fct_identity_check passed (收支平衡, 合计 = 基本 + 项目 per row, ...).",
        expectations=_accounting_identities,
        report_columns=("source_file", "identity", "subject", "lhs_yuan", "rhs_yuan", "diff_yuan", "tolerance_yuan"),
        query="""
            select c.*, d.source_file
            from marts.fct_identity_check c join marts.dim_document d using (document_id)
            order by d.source_file, c.identity, c.subject
        """,
    ),
    SuiteSpec(
        name="budget_line_structure",
        table="marts.fct_budget_line",
        severity="error",
        description="Budget lines have unique keys, amounts, known vocabularies and well-formed codes.",
        expectations=_budget_line_structure,
        report_columns=("budget_line_id", "document_id", "table_kind", "code", "measure", "amount_yuan"),
    ),
    SuiteSpec(
        name="document_structure",
        table="marts.dim_document",
        severity="error",
        description="Documents have unique keys, known statuses, a reason for every rejection, a plausible year.",
        expectations=_document_structure,
        report_columns=("document_id", "source_file", "status", "status_reason", "fiscal_year"),
    ),
)
