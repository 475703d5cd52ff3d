"""The corpus as a whole: its files, their expected outcomes, determinism, truth.json, scale."""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from budget_etl.sample import read_truth, write_sample_corpus
from extract.model import REJECT_KINDS

BAD_INPUTS = {
    "encrypted_budget.pdf": "encrypted",
    "truncated_budget.pdf": "corrupt",
    "empty.pdf": "empty_file",
    "meeting_notice_2023.pdf": "not_budget",
}


def test_the_corpus_holds_the_seed_five_fictional_departments_the_scan_and_the_bad_inputs(corpus):
    folder, documents = corpus
    loaded = [d for d in documents.values() if d.expect == "loaded"]
    assert len(loaded) == 7
    assert [d.file_name for d in loaded if d.text_source == "ocr"] == ["scanned_budget.pdf"]
    assert {d.fiscal_year for d in loaded} == {2019, 2020, 2021, 2022, 2023, 2024}
    assert {d.document_kind for d in loaded} == {"budget"}
    assert {name: d.reject_kind for name, d in documents.items() if d.expect == "rejected"} == BAD_INPUTS
    assert set(BAD_INPUTS.values()) <= set(REJECT_KINDS)
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(documents)
    for document in loaded:
        assert document.lines and document.tables and document.page_count
        assert document.unit in ("万元", "元")
        assert {ln.source_page for ln in document.lines} <= set(range(1, document.page_count + 1))


def test_exactly_one_document_is_broken_and_it_says_how(corpus):
    _, documents = corpus
    broken = [d for d in documents.values() if d.broken]
    # One misprinted 项 合计 of the 支出预算总表: its row sum fails, and so do its 款's Σ项
    # (function_section_sum) and the same 项 of the 收入预算总表, which prints it clean.
    assert [d.file_name for d in broken] == ["xigong_agriculture_2024_budget.pdf"]
    assert [d.broken for d in broken] == [
        ["expenditure_summary_row_sum", "function_section_sum", "revenue_summary_vs_expenditure_summary"]
    ]
    assert [(f.identity, f.subject, f.diff_yuan) for f in broken[0].expected_failures] == [
        ("expenditure_summary_row_sum", "2130108 病虫害控制", Decimal("50000.00")),
        ("function_section_sum", "21301 农业农村 [total]", Decimal("-50000.00")),
        ("revenue_summary_vs_expenditure_summary", "2130108 病虫害控制", Decimal("-50000.00")),
    ]


def test_the_same_call_writes_the_same_bytes(corpus, tmp_path):
    folder, documents = corpus
    again = write_sample_corpus(tmp_path)
    assert [d.file_name for d in again] == list(documents)
    for name in [*documents, "truth.json"]:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_truth_json_reads_back_as_the_returned_documents(corpus):
    folder, documents = corpus
    assert read_truth(folder / "truth.json") == list(documents.values())


def test_departments_adds_that_many_consistent_synthetic_documents(corpus, tmp_path):
    _, documents = corpus
    more = write_sample_corpus(tmp_path, departments=3)
    added = [d for d in more if d.file_name not in documents]
    assert len(more) == len(documents) + 3
    assert [d.expect for d in added] == ["loaded"] * 3
    assert all(d.lines and not d.broken for d in added)
    loaded = [d for d in more if d.expect == "loaded"]
    assert len({(d.department_name, d.fiscal_year) for d in loaded}) == len(loaded)


def test_synthetic_departments_are_distinct_and_reproducible():
    from budget_etl.sample.departments import synthetic

    plans = [synthetic(i) for i in range(300)]
    assert len({(p.department_name, p.fiscal_year) for p in plans}) == 300
    assert synthetic(7) == synthetic(7)
    assert Counter(p.style.template for p in plans).keys() == {"hubei", "national"}


def test_the_generator_reads_nothing_under_shared(tmp_path):
    """Audit every file the generator opens: none may come from the shared research folder."""
    opened: list[str] = []

    def hook(event, args):
        if event == "open" and recording and isinstance(args[0], str | Path):
            opened.append(str(args[0]))

    recording = True
    sys.addaudithook(hook)
    try:
        write_sample_corpus(tmp_path)
    finally:
        recording = False  # an audit hook cannot be removed; this one goes quiet instead
    assert opened, "the audit hook saw no file being opened"
    assert not [p for p in opened if "/shared/" in p]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_inputs_have_no_truth_lines(corpus, name):
    _, documents = corpus
    document = documents[name]
    assert document.lines == [] and document.tables == [] and document.department_name is None
