"""绩效目标表: every project's 项目当年预算 / 项目总预算 exact, the 部门整体 funding block consistent,
the indicator grids read as whole rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from tests.extract.conftest import office_truth_entries

KIND = "performance_targets"
LOADED = [e for e in office_truth_entries() if e["expect"] == "loaded"]
WITH_PROJECTS = [e for e in LOADED if e["performance_projects"]]
WITHOUT_PROJECTS = [e for e in LOADED if not e["performance_projects"]]
FUNDING_ITEMS = {
    "income": ("income_fiscal_grant", "income_other"),
    "expenditure": ("expenditure_basic", "expenditure_project"),
}


def _params(entries):
    if not entries:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/office is absent"))]
    return [pytest.param(e, id=e["file"]) for e in entries]


def _projects(ex) -> list[tuple[str, Decimal, Decimal]]:
    """(name, 项目当年预算, 项目总预算) per project form, in the order printed."""
    totals = [ln for ln in ex.lines if ln.table_kind == KIND and ln.line_key == "project_total_budget"]
    currents = [ln for ln in ex.lines if ln.table_kind == KIND and ln.line_key == "project_current_year_budget"]
    assert len(totals) == len(currents)
    for total, current in zip(totals, currents, strict=True):
        assert (total.line_label, total.source_page) == (current.line_label, current.source_page)
    return [(t.line_label, c.amount_yuan, t.amount_yuan) for t, c in zip(totals, currents, strict=True)]


def _truth_projects(entry) -> list[tuple[str, Decimal, Decimal]]:
    return [
        (p["name"], Decimal(p["current_year_budget_yuan"]), Decimal(p["total_budget_yuan"]))
        for p in entry["performance_projects"]
    ]


def _half_unit(unit: str) -> Decimal:
    return Decimal(50) if unit == "万元" else Decimal("0.005")


@pytest.mark.parametrize("entry", _params(WITH_PROJECTS))
def test_office_projects_exact(entry, office_extractions):
    got = _projects(office_extractions[entry["file"]])
    want = _truth_projects(entry)
    assert len(got) == len(want)
    assert Counter(got) == Counter(want)


@pytest.mark.parametrize("entry", _params(WITHOUT_PROJECTS))
def test_office_without_performance_tables_gives_none(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    assert not [ln for ln in ex.lines if ln.table_kind == KIND]
    assert not ex.indicators


@pytest.mark.parametrize("entry", _params(WITH_PROJECTS))
def test_office_performance_lines_well_formed(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    pages = set(entry["pages"][KIND])
    for ln in (ln for ln in ex.lines if ln.table_kind == KIND):
        assert (ln.classification, ln.code, ln.measure in ("total", "previous_year", "two_years_before")) == (
            "other",
            None,
            True,
        )
        assert isinstance(ln.amount_yuan, Decimal) and ln.source_page in pages
        assert ln.line_label == " ".join(ln.line_label.split())
        if ln.line_key.startswith("project_"):
            assert ln.unit == "元" and not ln.is_subtotal
        else:
            assert ln.unit == "万元"  # 表9's funding block, in 万元 whatever the document's tables use


@pytest.mark.parametrize("entry", _params(WITH_PROJECTS))
def test_office_project_budgets_add_up_to_expenditure_summary(entry, office_extractions):
    """t10_vs_t3: Σ 项目当年预算 = 支出预算总表 合计 row, 项目支出 column."""
    _check_projects_vs_expenditure_summary(office_extractions[entry["file"]])


def _check_projects_vs_expenditure_summary(ex) -> None:
    current = sum(c for _, c, _ in _projects(ex))
    total_row = [
        ln
        for ln in ex.lines
        if ln.table_kind == "expenditure_summary" and ln.line_key == "total" and ln.measure == "project"
    ]
    assert len(total_row) == 1, ex.source_file
    assert abs(current - total_row[0].amount_yuan) <= _half_unit(total_row[0].unit), ex.source_file


def _check_sources(ex) -> None:
    """t10_sources: Σ 项目资金来源 1.–8. = 项目当年预算, per project form that prints them."""
    sources: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for ln in ex.lines:
        if ln.table_kind == KIND and ln.line_key.startswith("project_source_"):
            sources[(ln.line_label, ln.source_page)] += ln.amount_yuan
    for ln in ex.lines:
        if ln.table_kind == KIND and ln.line_key == "project_current_year_budget":
            assert sources.get((ln.line_label, ln.source_page)) == ln.amount_yuan, (ex.source_file, ln.line_label)


def _check_funding(ex) -> None:
    """表9's block: items add up to their 合计 (0.1 万元 per printed term), and its current
    year matches 支出预算总表's 合计 rounded to 0.1 万元 (t9_sums, t9_vs_t1)."""
    lines = [ln for ln in ex.lines if ln.table_kind == KIND and not ln.line_key.startswith("project_")]
    assert lines, ex.source_file
    values = {(ln.line_key, ln.measure): ln.amount_yuan for ln in lines}
    for measure in {ln.measure for ln in lines}:
        for side, items in FUNDING_ITEMS.items():
            total = values.get((f"{side}_total", measure), values.get(("funding_total", measure)))
            parts = [values[(key, measure)] for key in items]
            assert abs(sum(parts) - total) <= Decimal(500) * (len(parts) + 1), (ex.source_file, side, measure)
    table3 = next(
        ln.amount_yuan
        for ln in ex.lines
        if ln.table_kind == "expenditure_summary" and ln.line_key == "total" and ln.measure == "total"
    )
    printed = values.get(("expenditure_total", "total"), values.get(("funding_total", "total")))
    assert abs(printed - table3) <= Decimal(550), ex.source_file


@pytest.mark.parametrize("entry", _params(WITH_PROJECTS))
def test_office_sources_and_funding_consistent(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    _check_sources(ex)
    _check_funding(ex)


@pytest.mark.parametrize("entry", _params(WITH_PROJECTS))
def test_office_indicators(entry, office_extractions):
    _check_indicators(office_extractions[entry["file"]])


def _check_indicators(ex) -> None:
    names = {name for name, _, _ in _projects(ex)}
    assert ex.indicators, ex.source_file
    assert any(i.project is not None for i in ex.indicators), ex.source_file
    for i in ex.indicators:
        assert i.level1 and i.level2 and i.level3 and i.target, i
        assert i.project is None or i.project in names, i
        assert 1 <= i.source_page <= ex.page_count


def test_sample_projects_exact(sample_extractions):
    problems = []
    for name, (doc, ex) in sample_extractions.items():
        if doc.expect != "loaded":
            continue
        want = [(p.name, p.current_budget_yuan, p.total_budget_yuan) for p in doc.performance_projects]
        got = _projects(ex)
        if Counter(got) != Counter(want):
            problems.append(f"{name}: missing {sorted(set(want) - set(got))}; extra {sorted(set(got) - set(want))}")
    assert not problems, "\n".join(problems)


def test_sample_forms_consistent(sample_extractions):
    with_projects = [
        (doc, ex) for doc, ex in sample_extractions.values() if doc.expect == "loaded" and doc.performance_projects
    ]
    if not with_projects:
        pytest.skip("the sample corpus has no document with 绩效目标表")
    for doc, ex in with_projects:
        _check_projects_vs_expenditure_summary(ex)
        _check_sources(ex)
        _check_indicators(ex)
        if any("整体" in t.title for t in doc.tables):
            _check_funding(ex)
        else:
            assert all(ln.line_key.startswith("project_") for ln in ex.lines if ln.table_kind == KIND)
