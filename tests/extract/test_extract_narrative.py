"""The totals the narrative (情况说明) restates: as the generator wrote them, and in agreement
with the tables of the same disclosure in the office and real corpora.

A restated figure agrees with its table cell when they differ by no more than half a unit of
the last digit the narrative printed: 0.005 万元 (50 元) for "2120.19万元", the cross-unit
bound of design/domain.md §2.1, and 0.5 万元 for Shanghai's "17,192万元", which rounds a
table printed in 元 to the 万元.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import model as m
from extract.narrative import NARRATIVE_KEYS, read_narrative_totals
from tests.extract.conftest import office_truth_entries, real_manifest_rows
from tests.extract.narrative_checks import agrees, table_cells, table_figure


def test_every_key_has_its_table_cell():
    assert table_cells().keys() == NARRATIVE_KEYS.keys()


def disagreements(totals: list[m.NarrativeTotal], lines: list[m.BudgetLine]) -> dict[str, str]:
    """{key: what differs} for the restated totals their table cell contradicts."""
    return {
        t.key: f"narrative {t.text} p{t.source_page}, table {table_figure(lines, t.key)} 元"
        for t in totals
        if agrees(t, lines) is False
    }


def unchecked(totals: list[m.NarrativeTotal], lines: list[m.BudgetLine]) -> list[str]:
    return [t.key for t in totals if agrees(t, lines) is None]


def _well_formed(ex: m.Extraction) -> None:
    keys = [t.key for t in ex.narrative_totals]
    assert len(keys) == len(set(keys)), "one statement per key"
    table_pages = {p for t in ex.tables for p in t.pages}
    for t in ex.narrative_totals:
        assert t.key in NARRATIVE_KEYS and t.unit in ("万元", "元")
        assert 1 <= t.source_page <= ex.page_count and t.source_page not in table_pages
        assert t.amount_yuan == t.amount_yuan.quantize(Decimal("0.01")) and t.amount_yuan >= 0


# Generated corpus -------------------------------------------------------------------------


def test_sample_narrative_totals_as_the_generator_wrote_them(sample_extractions):
    problems = []
    for name, (doc, ex) in sample_extractions.items():
        if doc.expect != "loaded" or ex.status != "loaded":
            continue
        _well_formed(ex)
        got = {t.key: t.amount_yuan for t in ex.narrative_totals}
        if got != doc.narrative_totals:
            diff = {
                k: (got.get(k), doc.narrative_totals.get(k))
                for k in got.keys() | doc.narrative_totals.keys()
                if got.get(k) != doc.narrative_totals.get(k)
            }
            problems.append(f"{name}: (read, written) {diff}")
    assert not problems, "\n".join(problems)


# Office corpus ----------------------------------------------------------------------------

OFFICE_LOADED = [e for e in office_truth_entries() if e["expect"] == "loaded"]
# Every total a budget's 情况说明 restates in the office template (决算 wording aside).
OFFICE_KEYS = set(NARRATIVE_KEYS) - {"current_year_revenue", "current_year_expenditure"}


def _office_params():
    if not OFFICE_LOADED:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/office is absent"))]
    return [pytest.param(e, id=e["file"]) for e in OFFICE_LOADED]


@pytest.mark.parametrize("entry", _office_params())
def test_office_narrative_restates_the_tables(entry, office_extractions):
    ex = office_extractions[entry["file"]]
    _well_formed(ex)
    assert {t.key for t in ex.narrative_totals} == OFFICE_KEYS
    # Their 三公 tables print no 机关运行经费 row: the text's is kept unchecked.
    assert set(unchecked(ex.narrative_totals, ex.lines)) <= {"office_operating_expenses"}
    # The broken document's misprint is inside 一般公共预算基本支出表 (30102), not in a total.
    assert not disagreements(ex.narrative_totals, ex.lines)


# Real corpus ------------------------------------------------------------------------------

REAL_ROWS = real_manifest_rows()
# Restated totals the published tables contradict: errors of the documents themselves.
KNOWN_DISAGREEMENTS = {
    "js_procuratorate_2017_budget.pdf": {
        "basic_expenditure": "基本支出预算数为12323.46万元, where both tables and the narrative a page later say 12,323.48",
    },
    "shpt_finance_bureau_2024_final.pdf": {
        "fiscal_grant_total": "财政拨款收入支出总计0.3万元, against 总计 2,961.68 in 财政拨款收入支出决算总表",
    },
    "shpt_planning_resources_bureau_2024_final.pdf": {
        "personnel_expenses": "人员经费4896.98万元, against 人员经费合计 4,884.09 in the 基本支出决算表, which does "
        "not add up to the 基本支出 5,377.64 of the 支出决算表 and the narrative (the file "
        "is filed under samples/bad in its source repository)",
    },
}
# office_operating_expenses: the social welfare home's is 0 (无机关运行经费).
SHANGHAI_BUDGET = {
    "revenue_total",
    "expenditure_total",
    "fiscal_grant_revenue",
    "general_public_expenditure",
    "three_public_total",
    "outbound_travel",
    "vehicle_total",
    "official_reception",
    "office_operating_expenses",
}
FINAL_ACCOUNT = {
    "revenue_total",
    "current_year_revenue",
    "current_year_expenditure",
    "fiscal_grant_revenue",
    "basic_expenditure",
    "project_expenditure",
    "general_public_expenditure",
    "personnel_expenses",
    "public_operating_expenses",
    "three_public_total",
    "outbound_travel",
    "vehicle_total",
    "official_reception",
    "office_operating_expenses",
}
# Jiangsu restates no 三公 total, only its items with their shares.
JIANGSU_BUDGET = {
    "revenue_total",
    "expenditure_total",
    "current_year_revenue",
    "current_year_expenditure",
    "basic_expenditure",
    "project_expenditure",
    "general_public_expenditure",
    "personnel_expenses",
    "public_operating_expenses",
    "outbound_travel",
    "vehicle_total",
    "official_reception",
    "office_operating_expenses",
}


def _minimum(name: str) -> set[str]:
    if name.endswith("_budget_tables.pdf"):
        return set()  # the tables half of a Jiangsu disclosure
    if name.endswith("_final.pdf"):
        return FINAL_ACCOUNT
    return JIANGSU_BUDGET if name.startswith("js_") else SHANGHAI_BUDGET


def _tables_of(name: str, extractions: dict[str, m.Extraction]) -> m.Extraction:
    """Jiangsu publishes a narrative PDF and a tables PDF of the same disclosure."""
    return extractions.get(name.replace("_budget_text.pdf", "_budget_tables.pdf"), extractions[name])


def _real_params():
    if not REAL_ROWS:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/real is absent"))]
    return [pytest.param(r["local_file"], id=r["local_file"]) for r in REAL_ROWS]


@pytest.mark.parametrize("name", _real_params())
def test_real_narrative_restates_the_tables(name, real_extractions):
    ex = real_extractions[name]
    lines = _tables_of(name, real_extractions).lines
    _well_formed(ex)
    found = {t.key for t in ex.narrative_totals}
    print(f"{name}: {sorted(found)}; no table cell for {unchecked(ex.narrative_totals, lines)}")
    assert _minimum(name) <= found
    assert disagreements(ex.narrative_totals, lines).keys() == KNOWN_DISAGREEMENTS.get(name, {}).keys()


# The reader on its own ----------------------------------------------------------------------


def _read(*pages: str, table_pages: frozenset[int] = frozenset()) -> dict[str, tuple[Decimal, int]]:
    return {t.key: (t.amount_yuan, t.source_page) for t in read_narrative_totals(list(pages), set(table_pages))}


def test_changes_and_narrower_totals_are_not_taken():
    found = _read(
        "2021 年部门收支总预算 2120.19 万元。比 2020 年预算增加 1515.79 万元，增长 250.79%。\n"
        "主要原因是基本支出增加人员经费1408.29万元。\n"
        "2021年度财政拨款基本支出预算5,836.27万元，其中：（一）人员经费4,704.35万元。\n"
        "2021年部门收入预算2120.19万元，其中:一般公共预算财政拨款收入2000.00万元。"
    )
    assert found == {
        "revenue_total": (Decimal("21201900.00"), 1),
        "expenditure_total": (Decimal("21201900.00"), 1),
        "personnel_expenses": (Decimal("47043500.00"), 1),
    }


def test_the_first_statement_of_a_key_is_kept():
    found = _read(
        "2021年部门支出预算1663.96万元，其中基本支出857.98万元，占51.56%；项目支出805.98万元，占48.44%。",
        "2、项目支出580.57万元，其中：（1）群众文化活动108.61万元；XX项目支出12.00万元。",
    )
    assert found["project_expenditure"] == (Decimal("8059800.00"), 1)


def test_a_sentence_may_cross_a_page_but_not_a_table():
    found = _read(
        "2022年财政拨款〝三公〞经费预算数 0.6 万元，其中：（1）因公出国（境）费 0 万元；（3）公务用\n- 3 -",
        "车购置及运行维护费 32.00 万元，其中：公务用车购置费 22.41 万元，",
        "合计 公务接待费 0.60 万元",
        "公务接待费 0.6 万元。",
        table_pages=frozenset({3}),
    )
    assert found == {
        "three_public_total": (Decimal("6000.00"), 1),
        "outbound_travel": (Decimal("0.00"), 1),
        "vehicle_total": (Decimal("320000.00"), 1),
        "vehicle_purchase": (Decimal("224100.00"), 2),
        "official_reception": (Decimal("6000.00"), 4),
    }


def test_a_final_account_keeps_the_final_figure():
    found = _read("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.30万元，完成预算的31.58%。")
    assert found == {"three_public_total": (Decimal("3000.00"), 1)}
