"""Real published disclosures: every file runs, loads or is rejected with a reason, and what
was extracted is internally consistent (and matches the repo author's own table totals)."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from budget_etl.sample import identities
from extract.codes import function_class_code
from tests.extract.conftest import AUX, real_manifest_rows

ROWS = real_manifest_rows()
KIND = {"预算": "budget", "决算": "final_account"}
SCOPE = {"部门": "department", "单位": "unit"}


def _params():
    if not ROWS:
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/real is absent"))]
    return [pytest.param(r, id=r["local_file"]) for r in ROWS]


def _narrative_only(row: dict) -> bool:
    return row["local_file"].endswith("_budget_text.pdf")


@pytest.mark.parametrize("row", _params())
def test_loaded_with_facts(row, real_extractions):
    ex = real_extractions[row["local_file"]]
    assert ex.status == "loaded", ex.status_reason
    assert ex.page_count == int(row["pages"])
    assert ex.facts.fiscal_year == int(row["year"])
    assert ex.facts.document_kind == KIND[row["kind"]]
    assert ex.facts.document_scope == SCOPE[row["scope"]]
    assert ex.facts.department_name


@pytest.mark.parametrize("row", _params())
def test_tables_found(row, real_extractions):
    ex = real_extractions[row["local_file"]]
    kinds = {t.table_kind for t in ex.tables}
    if _narrative_only(row):
        # The narrative half of a Jiangsu disclosure: recognised, loaded, its tables are in
        # the companion …_budget_tables.pdf.
        assert not ex.lines and not kinds
        return
    assert {
        "revenue_expenditure_summary",
        "expenditure_summary",
        "general_public_expenditure",
        "general_public_basic_expenditure",
        "fiscal_grant_summary",
    } <= kinds
    for kind in (
        "revenue_expenditure_summary",
        "expenditure_summary",
        "general_public_expenditure",
        "general_public_basic_expenditure",
    ):
        assert any(ln.table_kind == kind for ln in ex.lines), f"no line from {kind}"
    for table in ex.tables:
        assert table.unit in ("万元", "元") and table.pages


@pytest.mark.parametrize("row", _params())
def test_internally_consistent(row, real_extractions):
    ex = real_extractions[row["local_file"]]
    failures = identities.failures(ex.lines, final_account=ex.facts.document_kind == "final_account")
    assert not failures, "\n".join(map(str, failures))
    if not _narrative_only(row):
        assert len(identities.evaluate(ex.lines)) >= 5


# The repo these Jiangsu files come from published its own extraction of 收支预算总表 (万元).
DERIVED = {
    "npc_office": {
        2017: "js_npc_office_2017_budget.pdf",
        2018: "js_npc_office_2018_budget.pdf",
        2019: "js_npc_office_2019_budget_tables.pdf",
    },
    "party_office": {y: f"js_party_office_{y}_budget_tables.pdf" for y in (2017, 2018, 2019)},
    "procuratorate": {y: f"js_procuratorate_{y}_budget.pdf" for y in (2017, 2018, 2019)},
}
COLUMNS = {
    "收入合计": ("revenue", None, "income_grand_total"),
    "当年收入小计": ("revenue", None, "income_total"),
    "支出合计": ("function", None, "expenditure_grand_total"),
    "当年支出小计": ("function", None, "expenditure_total"),
    "财政拨款": ("revenue", None, "财政拨款"),
    "一般公共预算": ("revenue", None, "一般公共预算"),
    "财政专户管理资金": ("revenue", None, "财政专户管理资金"),
    "其他资金": ("revenue", None, "其他资金"),
    "基本支出": ("other", None, "基本支出"),
    "项目支出": ("other", None, "项目支出"),
    "单位预留机动经费": ("other", None, "单位预留机动经费"),
}


@pytest.mark.parametrize("department", sorted(DERIVED))
def test_jiangsu_summary_matches_published_extraction(department, real_extractions):
    path = AUX / f"DERIVED_js_{department}_summary_2017_2019.csv"
    if not path.exists() or not real_extractions:
        pytest.skip(f"{path} is absent")
    for row in csv.DictReader(path.open(encoding="utf-8")):
        year = int(row[""][:4])
        ex = real_extractions[DERIVED[department][year]]
        got = {
            (ln.classification, ln.code, ln.line_key): ln.amount_yuan
            for ln in ex.lines
            if ln.table_kind == "revenue_expenditure_summary" and ln.measure == "total"
        }
        for column, value in row.items():
            if not column or not value:
                continue
            key = COLUMNS.get(column) or ("function", function_class_code(column), None)
            assert got.get(key) == Decimal(value) * 10000, (year, column)


# Identities a non-original file fails, and why. The previews' 三公 table prints 公务用车购置及运行费
# 小计 (36.56) under a “三公”经费预算数 span beside 合计 (37.91); the extractor reads the 小计 as
# a second 合计 (line_key total), so 合计 = 出国 + 车 + 接待 fails. An extractor bug, kept
# visible here until it is fixed (the warehouse reports the same failure).
KNOWN_AUX_FAILURES = {f"GENERATED_wanli_2025_dept_budget_preview{n}.pdf": {"three_public_total_sum"} for n in (1, 2)}


def test_non_original_material_runs():
    """Templates, generated previews and a deliberately altered copy: no exception, a clear outcome."""
    from extract import extract_document

    if not AUX.exists():
        pytest.skip(f"{AUX} is absent")
    outcomes = {}
    for path in sorted(AUX.glob("*.pdf")):
        ex = extract_document(path)
        assert ex.status in ("loaded", "rejected")
        assert ex.status == "loaded" or ex.status_reason
        outcomes[path.name] = ex
        if ex.status == "loaded":
            failed = {
                c.identity
                for c in identities.failures(ex.lines, final_account=ex.facts.document_kind == "final_account")
            }
            assert failed == KNOWN_AUX_FAILURES.get(path.name, set()), path.name
    altered = outcomes.get("shpt_finance_bureau_2024_final_TEST_MODIFIED.pdf")
    if altered is not None:
        # The altered copy lost its 支出决算表 page.
        assert altered.reject_kind == "missing_tables"
        assert altered.status_reason == "Required tables not found: 支出决算表."
    template = outcomes.get("shanghai_dept_final_account_TEMPLATE_2024.pdf")
    if template is not None:
        # The official 决算 template: its blanks (上海市XX局, XX万元 …) are found on every page of
        # text, and no real disclosure has one (test_load_shared_corpus: no review finding).
        pages = {p.source_page for p in template.placeholders}
        assert {1, 2, 4} <= pages and len(template.placeholders) >= 100
        assert template.placeholders[0].text.startswith("上海市XX局2024年度部门决算")
        assert not pages & {page for t in template.tables for page in t.pages}
