"""The office-made corpus: every file loaded or rejected as truth.json says, every coded line exact."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from budget_etl.sample import identities
from tests.extract.conftest import office_truth_entries

ENTRIES = office_truth_entries()
LOADED = [e for e in ENTRIES if e["expect"] == "loaded"]
# Table kinds whose lines truth.json lists; for 收支预算总表 it lists the 功能分类 column only.
TRUTH_CLASSIFICATIONS = {"revenue_expenditure_summary": {"function"}}


def _params(entries):
    if not entries:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/office is absent"))]
    return [pytest.param(e, id=e["file"]) for e in entries]


def _truth_key(line: dict) -> tuple:
    return (
        line["table_kind"],
        line["classification"],
        line["code"],
        line["line_key"],
        line["measure"],
        Decimal(line["amount_yuan"]),
    )


def _key(line) -> tuple:
    return (line.table_kind, line.classification, line.code, line.line_key, line.measure, line.amount_yuan)


def _comparable(line) -> bool:
    """Lines of the kind truth.json lists: coded rows and 三公 items (合计 rows are in table_totals)."""
    allowed = TRUTH_CLASSIFICATIONS.get(line.table_kind, {"function", "economic", "three_public"})
    if line.classification not in allowed:
        return False
    return line.code is not None or line.classification == "three_public"


@pytest.mark.parametrize("entry", _params(ENTRIES))
def test_loaded_or_rejected_as_truth_says(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    if entry["reject_kind"] == "no_text_layer" and ex.status == "loaded":
        # truth.json predates OCR: the scan it expects rejected is now read by OCR, every line marked.
        assert ex.text_source == "ocr" and ex.ocr_pages
        assert all(ln.text_source == "ocr" and ln.ocr_confidence is not None for ln in ex.lines)
        return
    assert ex.status == entry["expect"], ex.status_reason
    assert ex.reject_kind == entry["reject_kind"]
    assert len(ex.sha256) == 64
    if ex.status == "rejected":
        assert ex.status_reason and ex.status_reason.endswith("."), "a rejection says why in a sentence"
        assert not ex.lines and not ex.tables
    else:
        assert ex.status_reason is None
        assert ex.page_count == entry["page_count"]


@pytest.mark.parametrize("entry", _params(LOADED))
def test_every_truth_line_reproduced_exactly(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    kinds = sorted({ln["table_kind"] for ln in entry["lines"]})
    report = []
    for kind in kinds:
        want = Counter(_truth_key(ln) for ln in entry["lines"] if ln["table_kind"] == kind)
        got = Counter(_key(ln) for ln in ex.lines if ln.table_kind == kind and _comparable(ln))
        if want != got:
            matched = sum((want & got).values())
            report.append(
                f"{kind}: {matched}/{sum(want.values())} exact; missing {list((want - got).elements())[:5]}; "
                f"extra {list((got - want).elements())[:5]}"
            )
    assert not report, "\n".join(report)


@pytest.mark.parametrize("entry", _params(LOADED))
def test_total_rows_match_table_totals(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    for kind, totals in entry["table_totals"].items():
        got = {ln.measure: ln.amount_yuan for ln in ex.lines if ln.table_kind == kind and ln.line_key == "total"}
        assert got == {ms: Decimal(v) for ms, v in totals.items()}, kind
        assert all(
            ln.code is None and ln.is_subtotal for ln in ex.lines if ln.table_kind == kind and ln.line_key == "total"
        )


@pytest.mark.parametrize("entry", _params(LOADED))
def test_tables_found_on_their_pages(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    pages: dict[str, set[int]] = {}
    for table in ex.tables:
        pages.setdefault(table.table_kind, set()).update(table.pages)
    for kind, want in entry["pages"].items():
        assert pages.get(kind) == set(want), kind
    for table in ex.tables:
        if table.table_kind != "performance_targets":
            assert table.unit == entry["unit"], table


@pytest.mark.parametrize("entry", _params(LOADED))
def test_document_facts(entry, office_extractions):
    facts = office_extractions[entry["file"]].facts
    assert facts.department_name in [entry["department_name"], *entry["department_aliases"]]
    assert facts.fiscal_year == entry["fiscal_year"]
    assert facts.document_kind == entry["document_kind"]
    assert facts.document_scope == "department"
    assert facts.authorized_staff and facts.actual_staff and facts.actual_staff <= facts.authorized_staff


@pytest.mark.parametrize("entry", _params(LOADED))
def test_lines_are_well_formed(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    assert ex.lines
    for ln in ex.lines:
        assert isinstance(ln.amount_yuan, Decimal)
        if ln.table_kind != "performance_targets":  # 绩效 forms print 元 (表9: 万元) whatever the tables do
            assert ln.unit == entry["unit"]
        assert 1 <= ln.source_page <= ex.page_count
        assert ln.line_label and ln.line_label == " ".join(ln.line_label.split())
        assert (ln.code is None) != (ln.line_key is None) or ln.classification == "three_public"
        if (
            ln.code
            and ln.classification == "function"
            and ln.table_kind not in ("revenue_expenditure_summary", "fiscal_grant_summary")
        ):
            assert ln.is_subtotal == (len(ln.code) in (3, 5))


def test_empty_fund_tables_are_stated_not_missing(office_extractions):
    if not office_extractions:
        pytest.skip("../shared/corpus/office is absent")
    notes = {
        name: [t for t in ex.tables if t.table_kind == "government_fund_expenditure"]
        for name, ex in office_extractions.items()
        if ex.status == "loaded"
    }
    empty = {name: tables[0].empty_note for name, tables in notes.items() if tables and tables[0].empty_note}
    assert empty, "the corpus has empty 政府性基金 tables with a note"
    for name, note in empty.items():
        assert "无" in note
        assert not [ln for ln in office_extractions[name].lines if ln.table_kind == "government_fund_expenditure"]


@pytest.mark.parametrize("entry", _params(LOADED))
def test_identities_hold_except_where_the_document_is_broken(entry, office_extractions):
    lines = office_extractions[entry["file"]].lines
    failures = identities.failures(lines)
    assert len(identities.evaluate(lines)) > 50
    if not entry["broken"]:
        assert not failures, "\n".join(map(str, failures))
    else:
        # The misprint: 30102 津贴补贴 prints 人员经费 5.00 万元 too high, so its row and 301's
        # 人员经费 hierarchy fail, and nothing else does.
        assert sorted((f.identity, f.subject, f.diff_yuan) for f in failures) == [
            ("economic_class_sum", "301 工资福利支出 [personnel]", Decimal("-50000.00")),
            ("general_public_basic_expenditure_row_sum", "30102 津贴补贴", Decimal("-50000.00")),
        ]
