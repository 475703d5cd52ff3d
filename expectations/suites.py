"""The expectation suites: which frame each validates, what it expects, how severe a failure is.

Severity, set on each expectation, is the enforcement policy. An accounting identity that
fails, or a table missing from a disclosure, is a warning: the document stays loaded and is
flagged. A structural failure is critical: it blocks publishing the warehouse.

Every suite reads a mart (``marts.*``), never the raw tables. What dbt already tests on the same
mart (vocabularies such as table_kind and classification, code formats, not-null columns: see
fct_budget_line.yml and dim_document.yml) is not repeated here. The structure suites keep only
the keys publishing relies on, unique and present, so that ``budget-etl check`` still refuses a
damaged warehouse file on its own, where no dbt test runs; and what dbt does not check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from expectations.catalog import load_identities, load_review_rules

if TYPE_CHECKING:
    import great_expectations as gx
    from great_expectations.expectations.metadata_types import FailureSeverity

# GX's FailureSeverity is a str enum and takes these strings: typed as it, without importing GX here.
WARNING, CRITICAL = cast("FailureSeverity", "warning"), cast("FailureSeverity", "critical")


@dataclass(frozen=True)
class SuiteSpec:
    name: str  # also the name of its dataframe asset in expectations/gx/great_expectations.yml
    table: str  # the mart it validates (where Dagster attaches the check)
    description: str
    expectations: Callable[[], list[gx.expectations.Expectation]]
    # Columns naming a failing row in reports and Data Docs (the document, the identity, both sides).
    report_columns: tuple[str, ...]
    # The frame to validate, when the table alone lacks what a report needs: it reads the
    # table as ``{rows}`` (expectations/validate.py, read_frame, scopes them).
    query: str | None = None
    # Its table is incremental by document (dbt_project.yml) and every expectation judges a
    # document's rows by themselves (a budget_line_id starts with its document's id, so it is
    # unique across documents when it is within each): a load validates only the documents its
    # build rewrote (expectations/validate.py, read_frame).
    per_document: bool = False


def _accounting_identities() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    identities = load_identities()
    per_identity: list[gx.expectations.Expectation] = [
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="passed",
            value_set=[True],
            row_condition=f'identity=="{identity.name}"',
            condition_parser="pandas",
            severity=WARNING,
            description=f"{identity.name}: {identity.description_zh} / {identity.description_en} "
            f"Tolerance: {identity.tolerance_rule}",
            meta={"identity": identity.name},
        )
        for identity in identities
    ]
    return [
        *per_identity,
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="identity",
            value_set=[identity.name for identity in identities],
            severity=WARNING,
            description="Every identity evaluated is in the catalogue (dbt_project/seeds/identity_catalog.csv).",
        ),
    ]


def _table_completeness() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    return [
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="is_complete",
            value_set=[True],
            severity=WARNING,
            description="Each loaded disclosure has every table its kind requires (a budget eight, "
            "a 决算 nine; an empty one stated in words counts), every table found was read (or is "
            "stated empty), and every table of coded rows, budget or final account, has its "
            "printed 合计 row read (marts.fct_table_completeness: finding table_absent, "
            "table_unread or total_row_missing, with the pages).",
        )
    ]


def _narrative_restatements() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    return [
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="passed",
            value_set=[True],
            severity=WARNING,  # null (no table cell to check against) is not a failure: GX skips nulls
            description="Each total the narrative restates (情况说明: 收支总预算, 基本支出, “三公”经费 ...) equals "
            "the table cell it restates, within half a unit of the narrative's last digit plus the cell's rounding "
            "(totals whose cell the disclosure does not print are kept, not checked).",
        )
    ]


def _document_review() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    return [
        gx.expectations.ExpectColumnValuesToNotBeInSet(
            column="rule",
            value_set=[rule.name],
            severity=cast("FailureSeverity", rule.severity),
            description=f"{rule.name}: {rule.description_zh} / {rule.description_en}",
            meta={"review_rule": rule.name},
        )
        for rule in load_review_rules()
        if rule.model == "fct_review_finding"
    ]


def _budget_line_structure() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    E = gx.expectations
    return [
        E.ExpectColumnValuesToBeUnique(column="budget_line_id", severity=CRITICAL),
        E.ExpectColumnValuesToNotBeNull(column="budget_line_id", severity=CRITICAL),
        # A warning: a real document may skip a 款 row; an extraction error shows here too.
        E.ExpectColumnValuesToMatchRegex(
            column="hierarchy_ok",
            regex=r"^true$",
            severity=WARNING,
            description="A 7-digit 项 starts with its 5-digit 款, which starts with its 3-digit 类: "
            "a function code's printed parent rows (where printed) are its prefixes.",
        ),
        E.ExpectColumnValuesToBeBetween(column="source_page", min_value=1, severity=CRITICAL),
    ]


def _document_structure() -> list[gx.expectations.Expectation]:
    import great_expectations as gx  # here, not at import: loading the Dagster definitions stays fast

    E = gx.expectations
    return [
        E.ExpectColumnValuesToBeUnique(column="document_id", severity=CRITICAL),
        E.ExpectColumnValuesToNotBeNull(column="document_id", severity=CRITICAL),
        E.ExpectColumnValuesToBeBetween(
            column="fiscal_year",
            min_value=2000,
            max_value=2100,
            severity=CRITICAL,
            description="Fiscal years are plausible.",
        ),
    ]


SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        name="accounting_identities",
        table="marts.fct_identity_check",
        description="Each accounting identity of marts.fct_identity_check holds within its rounding tolerance.",
        expectations=_accounting_identities,
        report_columns=(
            "identity_check_id",
            "source_file",
            "identity",
            "subject",
            "lhs_yuan",
            "rhs_yuan",
            "diff_yuan",
            "tolerance_yuan",
        ),
        query="""
            select c.*, d.source_file
            from {rows} c join marts.dim_document d using (document_id)
            order by d.source_file, c.identity, c.subject
        """,
        per_document=True,
    ),
    SuiteSpec(
        name="narrative_restatements",
        table="marts.fct_narrative_check",
        description="Each total restated by a narrative agrees with its table.",
        expectations=_narrative_restatements,
        report_columns=(
            "source_file",
            "total_key",
            "phrase",
            "narrative_yuan",
            "table_yuan",
            "diff_yuan",
            "tolerance_yuan",
        ),
        query="""
            select c.*, d.source_file
            from {rows} c join marts.dim_document d using (document_id)
            order by d.source_file, c.total_key
        """,
        per_document=True,
    ),
    SuiteSpec(
        name="table_completeness",
        table="marts.fct_table_completeness",
        description="Each loaded disclosure has the required tables, and each coded table its total row.",
        expectations=_table_completeness,
        report_columns=("source_files", "department_name", "fiscal_year", "table_kind", "finding", "pages"),
        query="select * from {rows} order by source_files, table_kind",
    ),
    SuiteSpec(
        name="document_review",
        table="marts.fct_review_finding",
        description="No loaded document breaks a rule of a disclosure reviewer's checklist (review_rule_catalog).",
        expectations=_document_review,
        report_columns=("source_file", "rule", "table_kind", "page", "evidence", "expected", "printed"),
        query="select * from {rows} order by source_file, rule, page",
    ),
    SuiteSpec(
        name="budget_line_structure",
        table="marts.fct_budget_line",
        description="Budget lines have unique keys, pages from 1, and codes under their printed parent rows.",
        expectations=_budget_line_structure,
        report_columns=("budget_line_id", "document_id", "table_kind", "code", "measure", "amount_yuan"),
        # A printed 款 or 类 row of the same table must be a prefix of the code it contains:
        # a code whose parent row exists elsewhere with another prefix is malformed.
        query="""
            select l.*,
                case when l.classification <> 'function' or l.code is null or length(l.code) = 3 then 'true'
                     when exists (
                         select 1 from {rows} p
                         where p.document_id = l.document_id and p.table_kind = l.table_kind
                           and p.classification = 'function' and p.code = left(l.code, length(l.code) - 2)
                     ) or not exists (
                         select 1 from {rows} p
                         where p.document_id = l.document_id and p.table_kind = l.table_kind
                           and p.classification = 'function' and length(p.code) = length(l.code) - 2
                     ) then 'true'
                     else 'false' end as hierarchy_ok
            from {rows} l
        """,
        per_document=True,
    ),
    SuiteSpec(
        name="document_structure",
        table="marts.dim_document",
        description="Documents have unique keys and a plausible year.",
        expectations=_document_structure,
        report_columns=("document_id", "source_file", "status", "status_reason", "fiscal_year"),
    ),
)
