"""Every document's truth satisfies the accounting identities, except the one broken on purpose.

The identities are those of ``budget_etl.sample.identities``, the project's one Python oracle
of the warehouse's checks (tests/expectations/test_identity_breakers.py holds it to dbt).
"""

from __future__ import annotations

from decimal import Decimal

from budget_etl.sample import identities

SEED_FILE = "qiaokou_bigdata_center_2021_budget.pdf"
FAMILIES = {
    "expenditure_summary_row_sum",
    "function_class_sum",
    "general_public_basic_expenditure_row_sum",
    "revenue_expenditure_balance",
    "summary_function_items_sum",
    "summary_function_vs_expenditure_summary",
    "three_public_total_sum",
    "basic_expenditure_total_vs_general_public",
}


def loaded(documents):
    return [d for d in documents.values() if d.expect == "loaded"]


def off_by_anything(lines) -> list[identities.Check]:
    """Checks whose sides differ at all, however small the difference: the fictional documents
    are built exactly, so even the rounding every printed cell is allowed must not show."""
    return [c for c in identities.evaluate(lines) if c.diff_yuan != 0]


def test_every_identity_family_is_evaluated(corpus):
    _, documents = corpus
    for document in loaded(documents):
        assert {c.identity for c in identities.evaluate(document.lines)} >= FAMILIES, document.file_name


def test_fictional_documents_hold_every_identity_to_the_fen(corpus):
    _, documents = corpus
    for document in loaded(documents):
        if document.file_name != SEED_FILE and not document.broken:
            assert off_by_anything(document.lines) == [], document.file_name


def test_the_seed_holds_every_identity_within_the_rounding_of_its_printed_cells(corpus):
    _, documents = corpus
    seed = documents[SEED_FILE]
    assert identities.failures(seed.lines) == []
    # ... and it is the seed's own rounding, not ours: 合计 2,120.19 against Σ类 2,120.20.
    off = {(c.identity, c.table_kind, c.subject): c.diff_yuan for c in off_by_anything(seed.lines)}
    assert off[("total_row_sum", "expenditure_summary", "合计 = Σ类 [total]")] == Decimal("-100.00")
    assert off[("economic_class_sum", "general_public_basic_expenditure", "301 工资福利支出 [total]")] == Decimal(
        "-200.00"
    )


def test_the_broken_document_breaks_one_row_by_five_wan_and_keeps_its_balance(corpus):
    _, documents = corpus
    (document,) = [d for d in documents.values() if d.broken]
    failed = identities.failures(document.lines)
    rows = [c for c in failed if c.identity == "expenditure_summary_row_sum"]
    assert len(rows) == 1 and len(rows[0].subject.split(" ")[0]) == 7
    assert rows[0].diff_yuan == Decimal("50000.00")
    # The 款 row above it is consistent with its other columns, so only its 合计 disagrees with Σ项;
    # the 收入预算总表 prints the 项 clean.
    assert {c.identity for c in failed} == {
        "expenditure_summary_row_sum",
        "function_section_sum",
        "revenue_summary_vs_expenditure_summary",
    }
    assert {c.identity for c in failed} == set(document.broken)


def test_synthetic_documents_hold_every_identity_to_the_fen():
    from budget_etl.sample.corpus import disclosures
    from budget_etl.sample.document import render

    for disclosure in list(disclosures(40))[6:]:
        assert off_by_anything(render(disclosure).lines) == [], disclosure.file_name
