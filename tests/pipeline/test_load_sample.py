"""`budget-etl load` end to end on the generated sample corpus: what lands in the marts."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import duckdb
import pytest

from budget_etl.load import run_load
from tests.pipeline.scan_misreads import misread_amounts

SEED_DEPARTMENT = "武汉市硚口区大数据中心"


@pytest.fixture(scope="module")
def loaded(sample_corpus, tmp_path_factory):
    landing, documents = sample_corpus
    warehouse = tmp_path_factory.mktemp("warehouse") / "budget.duckdb"
    summary = run_load(landing, warehouse, workers=2)
    return warehouse, summary, {d.file_name: d for d in documents}


def query(warehouse, sql, params=()):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def doc_id(warehouse, file_name):
    return query(warehouse, "select document_id from marts.dim_document where source_file = ?", [file_name])[0][0]


def warehouse_lines(warehouse, file_name, table_kind):
    return Counter(
        query(
            warehouse,
            """select classification, code, line_key, measure, amount_yuan, source_page
               from marts.fct_budget_line join marts.dim_document using (document_id)
               where source_file = ? and table_kind = ?""",
            [file_name, table_kind],
        )
    )


def truth_lines(document, table_kind):
    return Counter(
        (ln.classification, ln.code, ln.line_key, ln.measure, ln.amount_yuan, ln.source_page)
        for ln in document.lines
        if ln.table_kind == table_kind
    )


def test_the_run_succeeds_and_reports(loaded):
    _, summary, documents = loaded
    assert summary.run_succeeded, summary.failure
    assert summary.pdfs_read == len(documents)
    assert summary.loaded == sum(d.expect == "loaded" for d in documents.values())
    assert summary.lines > 0
    assert "Documents:" in summary.render()


def test_every_file_is_loaded_or_rejected_as_expected(loaded):
    warehouse, _, documents = loaded
    rows = {
        name: (status, kind, reason)
        for name, status, kind, reason in query(
            warehouse, "select source_file, status, reject_kind, status_reason from marts.dim_document"
        )
    }
    assert set(rows) == set(documents)
    for name, document in documents.items():
        status, kind, reason = rows[name]
        assert status == document.expect, (name, reason)
        if document.expect == "rejected":
            assert kind == document.reject_kind, (name, kind, reason)
            assert reason and len(reason) > 10, name
        else:
            assert reason is None


def test_the_seed_department_totals_are_exact(loaded):
    warehouse, _, documents = loaded
    seed = next(d for d in documents.values() if d.department_name == SEED_DEPARTMENT)
    totals = dict(
        query(
            warehouse,
            """select measure, amount_yuan from marts.fct_budget_line
               where document_id = ? and table_kind = 'expenditure_summary' and line_key = 'total'""",
            [doc_id(warehouse, seed.file_name)],
        )
    )
    assert totals["total"] == Decimal("21201900.00")
    assert totals["basic"] == Decimal("2316900.00")
    assert totals["project"] == Decimal("18885000.00")
    facts = query(
        warehouse,
        "select department_name, fiscal_year, document_kind from marts.dim_document where source_file = ?",
        [seed.file_name],
    )[0]
    assert facts == (SEED_DEPARTMENT, 2021, "budget")


def test_every_seed_item_row_is_exact(loaded):
    warehouse, _, documents = loaded
    seed = next(d for d in documents.values() if d.department_name == SEED_DEPARTMENT)
    items = lambda lines: Counter({k: n for k, n in lines.items() if k[1] and len(k[1]) == 7})  # noqa: E731
    expected = items(truth_lines(seed, "expenditure_summary"))
    assert len(expected) >= 10  # 2010250 ... 2210202, with their measures
    assert items(warehouse_lines(warehouse, seed.file_name, "expenditure_summary")) == expected


@pytest.mark.parametrize("table_kind", ["expenditure_summary", "revenue_expenditure_summary"])
def test_every_loaded_document_matches_its_truth(loaded, table_kind):
    warehouse, _, documents = loaded
    mismatches = {}
    for name, document in documents.items():
        if document.expect != "loaded" or document.text_source == "ocr":  # see the scan's own test below
            continue
        expected, got = truth_lines(document, table_kind), warehouse_lines(warehouse, name, table_kind)
        if expected != got:
            mismatches[name] = {"missing": expected - got, "unexpected": got - expected}
    assert not mismatches


def test_the_broken_document_loads_with_its_identity_failed(loaded):
    warehouse, _, documents = loaded
    broken = [d for d in documents.values() if d.broken]
    assert broken, "the sample corpus must hold a deliberately broken document"
    for document in broken:
        failed = query(
            warehouse,
            """select identity, table_kind, subject, diff_yuan from marts.fct_identity_check
               where document_id = ? and not passed order by all""",
            [doc_id(warehouse, document.file_name)],
        )
        # The truth says which checks its deliberate error fails, and by how much: exactly those.
        expected = sorted((f.identity, f.table_kind, f.subject, f.diff_yuan) for f in document.expected_failures)
        assert expected and sorted(failed) == expected
        assert {identity for identity, *_ in failed} == set(document.broken)
        status = query(warehouse, "select status from marts.dim_document where source_file = ?", [document.file_name])
        assert status == [("loaded",)]


def test_the_scan_loads_by_ocr_and_no_misread_is_silent(loaded):
    # Issue 15: a scanned document loads; where OCR misread a line, an identity flags the document.
    warehouse, _, documents = loaded
    scans = [d for d in documents.values() if d.expect == "loaded" and d.text_source == "ocr"]
    assert scans
    for document in scans:
        sources = query(
            warehouse, "select text_source from marts.dim_document where source_file = ?", [document.file_name]
        )
        assert sources == [("ocr",)]
        misread = [
            kind
            for kind in {ln.table_kind for ln in document.lines}
            if truth_lines(document, kind) != warehouse_lines(warehouse, document.file_name, kind)
        ]
        failed = query(
            warehouse,
            "select count(*) from marts.fct_identity_check where document_id = ? and not passed",
            [doc_id(warehouse, document.file_name)],
        )[0][0]
        assert not misread or failed > 0, (document.file_name, misread)


def test_every_amount_the_scan_misread_is_a_cell_of_a_failed_check(loaded):
    # Issue 15, never silently wrong (the sample's scan reads whole today; the scan too poor to
    # read whole is tests/pipeline/test_load_poor_scan.py).
    warehouse, _, documents = loaded
    scans = [d for d in documents.values() if d.expect == "loaded" and d.text_source == "ocr"]
    assert scans
    for document in scans:
        misread = misread_amounts(warehouse, document)
        assert [r for r in misread if not r[6]] == [], (document.file_name, misread)


def test_clean_documents_pass_every_identity(loaded):
    warehouse, _, documents = loaded
    clean = [
        name for name, d in documents.items() if d.expect == "loaded" and not d.broken and d.text_source == "text_layer"
    ]
    failed = query(
        warehouse,
        """select source_file, identity, subject, diff_yuan from marts.fct_identity_check
           join marts.dim_document using (document_id) where not passed""",
    )
    assert [f for f in failed if f[0] in clean] == []
    evaluated = query(
        warehouse,
        """select count(distinct identity) from marts.fct_identity_check
           join marts.dim_document using (document_id) where source_file = ?""",
        [clean[0]],
    )
    assert evaluated[0][0] >= 2


def test_a_second_load_reads_no_pdf_and_changes_nothing(loaded, sample_corpus):
    warehouse, _, _ = loaded
    snapshot = lambda: (  # noqa: E731
        query(warehouse, "select * exclude (budget_line_id) from marts.fct_budget_line order by all"),
        query(warehouse, "select * from marts.fct_identity_check order by all"),
        query(warehouse, "select * from marts.dim_document order by all"),
    )
    before = snapshot()
    published = warehouse.read_bytes()
    again = run_load(sample_corpus[0], warehouse, workers=2)
    assert again.run_succeeded, again.failure
    assert again.pdfs_read == 0
    assert snapshot() == before
    # nothing changed: nothing rebuilt, the published file is the same file
    assert again.unchanged and not again.published
    assert warehouse.read_bytes() == published
