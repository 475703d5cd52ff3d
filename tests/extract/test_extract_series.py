"""The series of the sample corpus (final accounts, budgets of the year before) read back by the
extractor exactly as their truth says: 决算 titles, 决算数 headings, and the 三公 决算 table's
预算数 | 决算数 pairs."""

from __future__ import annotations

from collections import Counter

from extract import extract_document
from tests.sample.test_sample_series import SERIES


def _key(line) -> tuple:
    return (line.table_kind, line.classification, line.code, line.line_key, line.measure, line.amount_yuan)


def test_series_documents_extract_as_their_truth_says(sample_series_corpus):
    landing, documents = sample_series_corpus
    problems = []
    for document in (d for d in documents if d.file_name in SERIES):
        extraction = extract_document(landing / document.file_name)
        facts = extraction.facts
        if (extraction.status, facts.department_name, facts.fiscal_year, facts.document_kind) != (
            "loaded",
            document.department_name,
            document.fiscal_year,
            document.document_kind,
        ):
            problems.append(f"{document.file_name}: {extraction.status} {facts}")
            continue
        for kind in sorted(set(document.truth_kinds)):
            want = Counter(_key(ln) for ln in document.lines if ln.table_kind == kind)
            got = Counter(_key(ln) for ln in extraction.lines if ln.table_kind == kind)
            if want != got:
                problems.append(
                    f"{document.file_name} {kind}: missing {list((want - got).elements())[:3]}; "
                    f"extra {list((got - want).elements())[:3]}"
                )
        if {n.key: n.amount_yuan for n in extraction.narrative_totals} != dict(document.narrative_totals):
            problems.append(f"{document.file_name}: narrative totals {extraction.narrative_totals}")
    assert not problems, "\n".join(problems)
