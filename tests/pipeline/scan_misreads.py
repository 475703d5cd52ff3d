"""The amounts OCR misread in a loaded scan of a generated disclosure, and whether the warehouse
flags each (issue 15: never silently wrong)."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from budget_etl.sample.truth import SampleDocument


def misread_amounts(warehouse, document: SampleDocument) -> list[tuple]:
    """(table_kind, classification, code, line_key, measure, amount_yuan, flagged) of every amount
    of ``document`` in ``warehouse`` that its truth prints otherwise in the same row and column.
    Flagged: a cell a failed identity adds up (marts.fct_identity_check_line), or one a review
    finding names (marts.fct_review_finding.budget_line_id)."""
    printed: dict[tuple, set[Decimal]] = {}
    for ln in document.lines:
        printed.setdefault((ln.table_kind, ln.classification, ln.code, ln.line_key, ln.measure), set()).add(
            ln.amount_yuan
        )
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            """select l.table_kind, l.classification, l.code, l.line_key, l.measure, l.amount_yuan,
                      l.budget_line_id in (
                          select c.budget_line_id from marts.fct_identity_check_line c
                          join marts.fct_identity_check k using (identity_check_id) where not k.passed
                          union all
                          select budget_line_id from marts.fct_review_finding where budget_line_id is not null
                      ) as flagged
               from marts.fct_budget_line l join marts.dim_document d using (document_id)
               where d.source_file = ?""",
            [document.file_name],
        ).fetchall()
    finally:
        con.close()
    return [r for r in rows if r[:5] in printed and r[5] not in printed[r[:5]]]
