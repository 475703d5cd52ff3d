"""The generated sample corpus (budget_etl.sample): every document as its truth says."""

from __future__ import annotations

from collections import Counter

import pytest


def _key(line) -> tuple:
    return (line.table_kind, line.classification, line.code, line.line_key, line.measure, line.amount_yuan)


def test_every_sample_document_as_its_truth_says(sample_extractions):
    problems = []
    for name, (doc, ex) in sample_extractions.items():
        if (ex.status, ex.reject_kind) != (doc.expect, doc.reject_kind):
            problems.append(
                f"{name}: {ex.status}/{ex.reject_kind} ({ex.status_reason}), want {doc.expect}/{doc.reject_kind}"
            )
            continue
        if doc.expect != "loaded" or doc.text_source == "ocr":  # the scan: tests/extract/test_extract_ocr.py
            continue
        for kind in sorted({ln.table_kind for ln in doc.lines}):
            want = Counter(_key(ln) for ln in doc.lines if ln.table_kind == kind)
            got = Counter(_key(ln) for ln in ex.lines if ln.table_kind == kind)
            if want != got:
                problems.append(
                    f"{name} {kind}: {sum((want & got).values())}/{sum(want.values())} exact; "
                    f"missing {list((want - got).elements())[:3]}; extra {list((got - want).elements())[:3]}"
                )
    assert not problems, "\n".join(problems)


def test_sample_facts(sample_extractions):
    for name, (doc, ex) in sample_extractions.items():
        if doc.expect != "loaded":
            continue
        facts = ex.facts
        assert (facts.department_name, facts.fiscal_year) == (doc.department_name, doc.fiscal_year), name
        assert (facts.authorized_staff, facts.actual_staff) == (doc.authorized_staff, doc.actual_staff), name
        assert ex.page_count == doc.page_count, name


def test_sample_lines_carry_their_source(sample_extractions):
    loaded = [(doc, ex) for doc, ex in sample_extractions.values() if doc.expect == "loaded"]
    if not loaded:
        pytest.skip("the sample corpus has no loaded document")
    for _doc, ex in loaded:
        for ln in ex.lines:
            assert ln.unit in ("万元", "元") and 1 <= ln.source_page <= ex.page_count
