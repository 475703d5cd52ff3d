"""The identity breakers (``write_identity_breakers``) and the identity evaluator behind their
truth, without the pipeline: one breaker per catalogued identity, one misprinted cell each,
and ``broken`` / ``expected_failures`` as the evaluator computes them. The pipeline's answer is
checked in tests/expectations/test_identity_breakers.py."""

from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal

import pytest

from budget_etl.sample import identities, read_truth, write_identity_breakers
from budget_etl.sample.breakers import (
    BREAKERS,
    DELTA,
    NARRATIVE_BREAKERS,
    NOT_IN_BUDGETS,
    REVIEW_BREAKERS,
    breaker_disclosure,
    narrative_breaker_disclosure,
)
from budget_etl.sample.document import render
from budget_etl.sample.narrative import compose
from expectations.catalog import load_identities

CATALOGUED = [i.name for i in load_identities()]


@pytest.fixture(scope="module")
def breakers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("breakers")
    return folder, write_identity_breakers(folder)


def test_the_evaluator_mirrors_the_catalogue():
    assert list(identities.IDENTITIES) == CATALOGUED, (
        "budget_etl/sample/identities.py must evaluate exactly the identities of identity_catalog.csv"
    )


def test_every_breakable_identity_has_exactly_one_breaker():
    targeted = [b.identity for b in BREAKERS]
    assert len(targeted) == len(set(targeted))
    assert sorted(targeted + list(NOT_IN_BUDGETS)) == sorted(CATALOGUED)


def test_the_breakers_are_written_with_their_truth(breakers):
    folder, documents = breakers
    assert [d.file_name for d in documents] == [b.file_name for b in (*BREAKERS, *REVIEW_BREAKERS, *NARRATIVE_BREAKERS)]
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(d.file_name for d in documents)
    assert read_truth(folder / "truth.json") == documents
    for document in documents:
        assert document.expect == "loaded" and document.lines and document.page_count
        assert {ln.source_page for ln in document.lines} <= set(range(1, document.page_count + 1))


def test_the_breakers_are_distinct_disclosures_from_each_other_and_from_the_corpus(breakers, corpus):
    _, documents = breakers
    _, sample = corpus
    disclosures = [(d.department_name, d.fiscal_year) for d in documents]
    assert len(set(disclosures)) == len(disclosures)
    assert not set(disclosures) & {(d.department_name, d.fiscal_year) for d in sample.values()}


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.identity)
def test_a_breaker_differs_from_its_clean_disclosure_in_one_printed_amount(breaker):
    disclosure = breaker_disclosure(breaker)
    misprinted = render(disclosure)
    clean = render(dataclasses.replace(disclosure, misprints=()))
    changed_from = Counter(clean.lines) - Counter(misprinted.lines)
    changed_to = Counter(misprinted.lines) - Counter(clean.lines)
    assert sum(changed_from.values()) == sum(changed_to.values()) == 1
    (before,), (after,) = changed_from, changed_to
    assert after.amount_yuan - before.amount_yuan == DELTA
    assert dataclasses.replace(after, amount_yuan=before.amount_yuan) == before
    assert identities.failures(clean.lines) == []


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.identity)
def test_a_breaker_says_what_it_breaks_as_the_evaluator_computes_it(breaker, breakers):
    _, documents = breakers
    document = next(d for d in documents if d.file_name == breaker.file_name)
    failed = identities.failures(document.lines)
    assert document.broken[0] == breaker.identity
    assert document.broken == identities.broken(document.lines, first=[breaker.identity])
    assert sorted((f.identity, f.table_kind, f.subject, f.diff_yuan) for f in document.expected_failures) == sorted(
        (c.identity, c.table_kind, c.subject, c.diff_yuan) for c in failed
    )
    # Every failure is the one misprint, far outside any rounding tolerance.
    assert {abs(c.diff_yuan) for c in failed} == {DELTA}
    assert all(c.tolerance_yuan < DELTA / 10 for c in failed)


@pytest.mark.parametrize("breaker", NARRATIVE_BREAKERS, ids=lambda b: b.total_key)
def test_a_narrative_breaker_misstates_its_total_and_prints_it_in_a_clean_table(breaker):
    """Its narrative says a tenth more (at least 1万元) than the one cell of the tables it
    restates, which the clean narrative says; every identity holds."""
    disclosure = narrative_breaker_disclosure(breaker)
    rendered = render(disclosure)
    clean = compose(disclosure.budget, breaker.department.duties).totals
    said = disclosure.narrative.totals
    assert {k for k in said.keys() | clean.keys() if said.get(k) != clean.get(k)} == {breaker.total_key}
    (cell,) = [ln.amount_yuan for ln in rendered.lines if ln.line_key == breaker.total_key]
    assert clean[breaker.total_key] == cell
    assert said[breaker.total_key] - cell >= max(cell / 10, Decimal(10000)) - Decimal(50)
    assert identities.failures(rendered.lines) == []


def test_the_same_call_writes_the_same_breakers(breakers, tmp_path):
    folder, documents = breakers
    again = write_identity_breakers(tmp_path)
    assert again == documents
    for name in [*(d.file_name for d in documents), "truth.json"]:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_clean_documents_pass_and_together_evaluate_every_breakable_identity(corpus):
    _, documents = corpus
    evaluated = set()
    for document in documents.values():
        if document.expect != "loaded" or document.broken:
            continue
        assert identities.failures(document.lines) == [], document.file_name
        evaluated |= {c.identity for c in identities.evaluate(document.lines)}
    assert set(CATALOGUED) - set(NOT_IN_BUDGETS) - evaluated == set()


def test_the_broken_document_names_what_its_one_error_breaks(corpus):
    _, documents = corpus
    (document,) = [d for d in documents.values() if d.broken]
    assert document.broken == identities.broken(document.lines, first=["expenditure_summary_row_sum"])
    assert [f.identity for f in document.expected_failures] == document.broken
