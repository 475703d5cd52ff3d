"""The seed department reproduced: its truth and what pdfplumber reads back from its PDF."""

from __future__ import annotations

from decimal import Decimal

import pdfplumber
import pytest

SEED_FILE = "qiaokou_bigdata_center_2021_budget.pdf"

# 支出预算总表, every 项 row of the seed: code -> (合计, 基本支出, 项目支出) in 元.
SEED_ITEMS = {
    "2010250": ("144200.00", "144200.00", None),
    "2010350": ("1430200.00", "1430200.00", None),
    "2080505": ("176200.00", "176200.00", None),
    "2101102": ("95800.00", "95800.00", None),
    "2101103": ("164600.00", "164600.00", None),
    "2101199": ("7700.00", "7700.00", None),
    "2150502": ("18885000.00", None, "18885000.00"),
    "2210201": ("246900.00", "246900.00", None),
    "2210202": ("51400.00", "51400.00", None),
}


@pytest.fixture(scope="module")
def seed(corpus):
    return corpus[1][SEED_FILE]


def amounts(seed, kind, key):
    return {
        ln.measure: ln.amount_yuan for ln in seed.lines if ln.table_kind == kind and (ln.code or ln.line_key) == key
    }


def test_seed_facts(seed):
    assert (seed.department_name, seed.fiscal_year, seed.unit) == ("武汉市硚口区大数据中心", 2021, "万元")
    assert (seed.authorized_staff, seed.actual_staff) == (18, 12)
    assert seed.broken == []


def test_seed_expenditure_summary_totals(seed):
    assert amounts(seed, "expenditure_summary", "total") == {
        "total": Decimal("21201900.00"),
        "basic": Decimal("2316900.00"),
        "project": Decimal("18885000.00"),
    }


def test_every_seed_item_row(seed):
    items = {ln.code for ln in seed.lines if ln.table_kind == "expenditure_summary" and ln.code and len(ln.code) == 7}
    assert items == set(SEED_ITEMS)
    for code, (total, basic, project) in SEED_ITEMS.items():
        expected = {m: Decimal(v) for m, v in (("total", total), ("basic", basic), ("project", project)) if v}
        assert amounts(seed, "expenditure_summary", code) == expected, code
        assert amounts(seed, "general_public_expenditure", code) == expected, code


def test_seed_summary_basic_and_three_public_tables(seed):
    summary = {
        (ln.classification, ln.code or ln.line_key): ln.amount_yuan
        for ln in seed.lines
        if ln.table_kind == "revenue_expenditure_summary"
    }
    assert summary == {
        ("revenue", "财政拨款（补助）"): Decimal("21201900.00"),
        ("revenue", "公共预算财政拨款（补助）"): Decimal("21201900.00"),
        ("revenue", "经费拨款（补助）"): Decimal("21201900.00"),
        ("revenue", "income_total"): Decimal("21201900.00"),
        ("revenue", "income_grand_total"): Decimal("21201900.00"),
        ("economic", "301"): Decimal("2138100.00"),
        ("economic", "302"): Decimal("18455100.00"),
        ("economic", "310"): Decimal("608700.00"),
        ("economic", "expenditure_total"): Decimal("21201900.00"),
        ("economic", "expenditure_grand_total"): Decimal("21201900.00"),
        ("function", "201"): Decimal("1574400.00"),
        ("function", "208"): Decimal("176200.00"),
        ("function", "210"): Decimal("268100.00"),
        ("function", "215"): Decimal("18885000.00"),
        ("function", "221"): Decimal("298300.00"),
        ("function", "expenditure_total"): Decimal("21201900.00"),
        ("function", "expenditure_grand_total"): Decimal("21201900.00"),
    }
    assert amounts(seed, "general_public_basic_expenditure", "total") == {
        "total": Decimal("2316900.00"),
        "personnel": Decimal("2138100.00"),
        "public_operating": Decimal("178800.00"),
    }
    assert amounts(seed, "general_public_basic_expenditure", "30217") == {
        "total": Decimal("6000.00"),
        "public_operating": Decimal("6000.00"),
    }
    three = {ln.line_key: ln.amount_yuan for ln in seed.lines if ln.table_kind == "three_public_expenses"}
    assert three == {"total": Decimal("6000.00"), "official_reception": Decimal("6000.00")}


def test_seed_tables_titles_and_notes(seed):
    tables = {t.table_kind: t for t in seed.tables}
    assert tables["expenditure_summary"].title == "表 3.2021 年支出预算总表"
    assert tables["revenue_expenditure_summary"].title == "表 1.2021 年收支预算总表"
    assert tables["government_fund_expenditure"].empty_note == "本单位2021年无政府性基金预算。"
    # 表7 and 表8 share a page, as in the seed.
    assert tables["government_fund_expenditure"].pages == tables["three_public_expenses"].pages
    assert not [ln for ln in seed.lines if ln.table_kind == "government_fund_expenditure"]
    projects = {p.name: (p.current_budget_yuan, p.total_budget_yuan) for p in seed.performance_projects}
    assert projects["信息化项目维护及运行"] == (Decimal("17006699.00"), Decimal("51020097.00"))
    assert sum(c for c, _ in projects.values()) == Decimal("18884988.00")


def test_pdfplumber_reads_the_seed_tables_back(corpus, seed, page_texts):
    texts = page_texts[SEED_FILE]
    (page,) = next(t for t in seed.tables if t.table_kind == "expenditure_summary").pages
    text = texts[page - 1]
    assert "表 3.2021 年支出预算总表" in text
    assert "表三 单位：万元" in text
    for token in (
        "2,120.19 231.69 1,888.50",
        "2150502 一般行政管理事务 1,888.50 1,888.50",
        "2210202 提租补贴 5.14 5.14",
    ):
        assert token in text
    assert "本年收入合计 2,120.19 本年支出合计 2,120.19 本年支出合计 2,120.19" in texts[0] + "".join(texts)
    with pdfplumber.open(corpus[0] / SEED_FILE) as pdf:
        words = {w["text"] for w in pdf.pages[page - 1].extract_words()}
    assert {"2,120.19", "2150502"} <= words
