"""Every document's truth satisfies the accounting identities, except the one broken on purpose."""

from __future__ import annotations

from decimal import Decimal

from tests.sample.truth_identities import checks, failures

SEED_FILE = "qiaokou_bigdata_center_2021_budget.pdf"


def loaded(documents):
    return [d for d in documents.values() if d.expect == "loaded"]


def test_every_identity_family_is_evaluated(corpus):
    _, documents = corpus
    for document in loaded(documents):
        families = {c.identity for c in checks(document)}
        assert {"expenditure_summary_row_sum", "expenditure_summary_hierarchy",
                "general_public_basic_expenditure_row_sum", "revenue_expenditure_summary_balance",
                "revenue_expenditure_summary_function_items", "summary_function_vs_expenditure_summary",
                "three_public_total", "basic_vs_general_public"} <= families, document.file_name


def test_fictional_documents_hold_every_identity_to_the_fen(corpus):
    _, documents = corpus
    for document in loaded(documents):
        if document.file_name != SEED_FILE and not document.broken:
            assert failures(document) == [], document.file_name


def test_the_seed_holds_every_identity_within_the_rounding_of_its_printed_cells(corpus):
    _, documents = corpus
    seed = documents[SEED_FILE]
    assert failures(seed, rounding=True) == []
    # ... and it is the seed's own rounding, not ours: 合计 2,120.19 against Σ类 2,120.20.
    off = {(c.identity, c.subject): c.rhs - c.lhs for c in failures(seed)}
    assert off[("expenditure_summary_hierarchy", "total total")] == Decimal("100.00")
    assert off[("general_public_basic_expenditure_hierarchy", "301 total")] == Decimal("200.00")


def test_the_broken_document_breaks_one_row_by_five_wan_and_keeps_its_balance(corpus):
    _, documents = corpus
    (document,) = [d for d in documents.values() if d.broken]
    failed = failures(document)
    rows = [c for c in failed if c.identity == "expenditure_summary_row_sum"]
    assert len(rows) == 1 and len(rows[0].subject) == 7
    assert rows[0].lhs - rows[0].rhs == Decimal("50000.00")
    # The 款 row above it is consistent with its other columns, so only its 合计 disagrees with Σ项.
    assert {c.identity for c in failed} == {"expenditure_summary_row_sum", "expenditure_summary_hierarchy"}
    assert not [c for c in failed if "balance" in c.identity]


def test_synthetic_documents_hold_every_identity_to_the_fen(tmp_path):
    from budget_etl.sample.corpus import disclosures
    from budget_etl.sample.document import render
    from budget_etl.sample.truth import SampleDocument

    for disclosure in list(disclosures(40))[6:]:
        rendered = render(disclosure)
        document = SampleDocument(disclosure.file_name, "loaded", lines=rendered.lines)
        assert failures(document) == [], disclosure.file_name
