"""Every catalogued identity, through the real pipeline: it fails on a generated disclosure with a
single deliberate misprint, with exactly the subject and difference the misprint implies, and
it passes on a clean document of the sample corpus.

The breakers (``budget_etl.sample.write_identity_breakers``) are loaded once, into their own
warehouse; the clean documents are those of the session's sample warehouse.
"""

from __future__ import annotations

from collections import Counter

import duckdb
import pytest

from budget_etl.sample.breakers import BREAKERS, NARRATIVE_BREAKERS, NOT_IN_BUDGETS, REVIEW_BREAKERS
from expectations.catalog import load_identities, load_review_rules

CATALOGUED = [i.name for i in load_identities()]
# An OCR doubt needs a scan, and no born-digital breaker has one: ocr_cell_unconfirmed is held to
# its cells by the unit test of int_ocr_cells__unconfirmed and, on real scans, by
# tests/pipeline/test_load_shared_corpus.py.
REVIEW_RULES = [r.name for r in load_review_rules() if r.family != "ocr"]


def query(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def breakers(tmp_path_factory):
    """(warehouse, LoadSummary, {targeted identity, review rule or narrative total:
    SampleDocument}) of the breakers, loaded once."""
    from budget_etl.load import run_load
    from budget_etl.sample import write_identity_breakers

    landing = tmp_path_factory.mktemp("breakers_landing")
    documents = write_identity_breakers(landing)
    warehouse = tmp_path_factory.mktemp("breakers_warehouse") / "budget.duckdb"
    summary = run_load(landing, warehouse, workers=2)
    return warehouse, summary, {(d.broken or d.review_rules or d.narrative_failures)[0]: d for d in documents}


def failed_checks(warehouse, file_name):
    return query(
        warehouse,
        """select identity, table_kind, subject, diff_yuan from marts.fct_identity_check
           join marts.dim_document using (document_id)
           where source_file = ? and not passed""",
        [file_name],
    )


def test_every_breaker_loads(breakers):
    warehouse, summary, documents = breakers
    assert summary.run_succeeded, summary.failure
    assert summary.rejected == []
    assert summary.loaded == len(documents)
    status = dict(query(warehouse, "select source_file, status from marts.dim_document"))
    assert status == {d.file_name: "loaded" for d in documents.values()}


def test_the_warehouse_holds_what_each_breaker_prints(breakers):
    """The misprinted cell included: an identity result is only as good as the lines read."""
    warehouse, _, documents = breakers
    misread = {}
    for document in documents.values():
        want = Counter(
            (ln.table_kind, ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan)
            for ln in document.lines
        )
        got = Counter(
            query(
                warehouse,
                """select table_kind, classification, code, line_key, measure, amount_yuan
               from marts.fct_budget_line join marts.dim_document using (document_id)
               where source_file = ? and table_kind in (select unnest(?))""",
                [document.file_name, document.truth_kinds],
            )
        )
        if want != got:
            misread[document.file_name] = {
                "missing": list((want - got).elements())[:5],
                "unexpected": list((got - want).elements())[:5],
            }
    assert not misread


@pytest.mark.parametrize("identity", CATALOGUED)
def test_the_breaker_fails_its_identity_with_the_exact_difference(breakers, identity):
    warehouse, summary, documents = breakers
    if identity in NOT_IN_BUDGETS:
        pytest.skip(NOT_IN_BUDGETS[identity])
    assert summary.run_succeeded, summary.failure
    assert identity in documents, f"no breaker for the catalogued identity {identity}"
    document = documents[identity]
    failed = sorted(failed_checks(warehouse, document.file_name))
    expected = sorted((f.identity, f.table_kind, f.subject, f.diff_yuan) for f in document.expected_failures)
    targeted = [f for f in expected if f[0] == identity]
    assert targeted, f"{document.file_name} names no expected failure of {identity}"
    # The targeted identity, exactly: which check (table and subject) and by how much.
    assert [f for f in failed if f[0] == identity] == targeted, document.notes
    # Nothing fails that the misprint does not break, and all it breaks does fail.
    assert {f[0] for f in failed} == set(document.broken), document.notes
    assert failed == expected, document.notes


@pytest.mark.parametrize("identity", CATALOGUED)
def test_the_identity_passes_on_a_clean_sample_document(sample_warehouse, sample_corpus, identity):
    if identity in NOT_IN_BUDGETS:
        pytest.skip(NOT_IN_BUDGETS[identity])
    warehouse, summary = sample_warehouse
    assert summary.run_succeeded, summary.failure
    # The scan is left out: OCR misreads there fail identities by design (they flag it), and
    # tests/extract/test_extract_ocr.py holds its accuracy.
    clean = [
        d.file_name for d in sample_corpus[1] if d.expect == "loaded" and not d.broken and d.text_source == "text_layer"
    ]
    outcomes = query(
        warehouse,
        """select source_file, passed, count(*) from marts.fct_identity_check
           join marts.dim_document using (document_id)
           where identity = ? and source_file in (select unnest(?))
           group by all""",
        [identity, clean],
    )
    assert [o for o in outcomes if not o[1]] == [], f"{identity} fails on a clean document"
    assert [o for o in outcomes if o[1]], f"{identity} is evaluated on no clean document of the sample corpus"


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda b: b.identity)
def test_the_evidence_of_a_breaker_boxes_exactly_the_misprinted_cell(breakers, breaker):
    """The failed check of the targeted identity names its lines on both sides; exactly one
    of them is the misprinted cell, and the page cropped at its box reads the misprint."""
    import pdfplumber

    from evidence import lookup
    from tests.extract.boxes import printed_amount, read_back

    warehouse, summary, documents = breakers
    assert summary.run_succeeded, summary.failure
    document = documents[breaker.identity]
    landing = next(warehouse.parent.parent.glob("breakers_landing*"))  # the fixture's landing folder
    checks = query(
        warehouse,
        """select identity_check_id from marts.fct_identity_check join marts.dim_document using (document_id)
           where source_file = ? and identity = ? and not passed""",
        [document.file_name, breaker.identity],
    )
    assert checks
    con = lookup.connect(warehouse)
    try:
        evidence = [lookup.identity(con, check_id) for (check_id,) in checks]
    finally:
        con.close()
    misprint = breaker.misprint
    cells = {c.budget_line_id: c for ev in evidence for c in ev.cells}
    keyed = query(
        warehouse,
        "select budget_line_id, classification, code, line_key from marts.fct_budget_line "
        "where budget_line_id in (select unnest(?))",
        [list(cells)],
    )
    hit = [
        cells[i]
        for i, classification, code, key in keyed
        if cells[i].table_kind == misprint.table_kind
        and cells[i].measure == misprint.measure
        and code == misprint.code
        and key == misprint.line_key
        and misprint.classification in (None, classification)
    ]
    assert len(hit) == 1, (document.notes, [c.line_label for c in cells.values()])
    cell = hit[0]
    assert all(ev.cells for ev in evidence) and cell.box is not None
    pdf_file = lookup.pdf_path(landing, evidence[0].document)
    with pdfplumber.open(pdf_file) as pdf:
        got = read_back(pdf.pages[cell.page - 1], cell.box)
    assert got == printed_amount(next(ln for ln in document.lines if misprint.matches(ln)))


def review_findings(warehouse, files):
    """The review rules' findings: fct_review_finding's, and the required tables that
    fct_table_completeness finds absent (the rule required_table_absent)."""
    return query(
        warehouse,
        """select source_file, rule, table_kind, page, expected, printed from marts.fct_review_finding
           where source_file in (select unnest(?))
           union all
           select source_file, 'required_table_absent', table_kind, null, null, null
           from marts.fct_table_completeness, unnest(string_split(source_files, ', ')) as files(source_file)
           where finding = 'table_absent' and source_file in (select unnest(?))
           order by all""",
        [files, files],
    )


@pytest.mark.parametrize("rule", REVIEW_RULES)
def test_the_review_breaker_breaks_exactly_its_rule(breakers, rule):
    """One finding, of its rule, on the table its fault concerns; its amounts stay clean."""
    warehouse, summary, documents = breakers
    assert summary.run_succeeded, summary.failure
    assert rule in documents, f"no breaker for the review rule {rule}"
    document = documents[rule]
    (breaker,) = [b for b in REVIEW_BREAKERS if b.rule == rule]
    findings = review_findings(warehouse, [document.file_name])
    assert [(f[1], f[2]) for f in findings] == [(rule, breaker.table_kind)], findings
    assert failed_checks(warehouse, document.file_name) == []


@pytest.mark.parametrize("breaker", NARRATIVE_BREAKERS, ids=lambda b: b.total_key)
def test_the_narrative_breaker_fails_exactly_its_total(breakers, breaker):
    """fct_narrative_check fails its one misstated total, by what the narrative says beyond the
    table's cell; no identity fails and no review rule finds anything."""
    warehouse, _, documents = breakers
    document = documents[breaker.total_key]
    (cell,) = [ln.amount_yuan for ln in document.lines if ln.line_key == breaker.total_key]
    checks = query(
        warehouse,
        """select total_key, table_kind, table_yuan, diff_yuan, passed from marts.fct_narrative_check
           join marts.dim_document using (document_id) where source_file = ?""",
        [document.file_name],
    )
    assert [c for c in checks if c[-1] is False] == [
        (
            breaker.total_key,
            "three_public_expenses",
            cell,
            document.narrative_totals[breaker.total_key] - cell,
            False,
        )
    ]
    assert failed_checks(warehouse, document.file_name) == []
    assert review_findings(warehouse, [document.file_name]) == []


def test_no_review_finding_on_the_identity_breakers(breakers):
    warehouse, _, documents = breakers
    assert review_findings(warehouse, [d.file_name for d in documents.values() if not d.review_rules]) == []


def test_no_review_finding_on_the_sample_corpus(sample_warehouse, sample_corpus):
    """Misprinted amounts included: the sample corpus has no fault of make-up."""
    warehouse, summary = sample_warehouse
    assert summary.run_succeeded, summary.failure
    loaded = [d.file_name for d in sample_corpus[1] if d.expect == "loaded"]
    assert loaded
    assert review_findings(warehouse, loaded) == []
