"""Every printed 合计 row is read wherever it falls: Wanli subdistrict's 支出预算总表 (and its
一般公共预算支出表, 收入预算总表) run over five pages in 2024 and 2025, and the 合计 row stands alone
at the top of the last one, in whole 元 (no decimals), before the next table's title."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import extract_document
from extract.locate import is_row_like
from tests.paths import shared_path

# (file, table kind): (pages of the table, page of its 合计 row, {measure: 元}) as printed.
PRINTED = {
    ("shpt_wanli_subdistrict_2025_dept_budget.pdf", "expenditure_summary"): (
        (14, 15, 16, 17, 18),
        18,
        {"total": 189_767_551, "basic": 101_341_746, "project": 88_425_805},
    ),
    ("shpt_wanli_subdistrict_2025_dept_budget.pdf", "general_public_expenditure"): (
        (20, 21, 22, 23, 24),
        24,
        {"total": 189_767_551, "basic": 101_341_746, "project": 88_425_805},
    ),
    ("shpt_wanli_subdistrict_2024_dept_budget.pdf", "expenditure_summary"): (
        (16, 17, 18, 19, 20),
        20,
        {"total": 156_211_123, "basic": 99_706_020, "project": 56_505_103},
    ),
    ("shpt_wanli_subdistrict_2024_dept_budget.pdf", "revenue_summary"): (
        (11, 12, 13, 14, 15),
        15,
        {"total": 156_211_123, "fiscal_grant": 156_211_123},
    ),
}


@pytest.fixture(scope="module")
def wanli():
    files = sorted({name for name, _ in PRINTED})
    return {name: extract_document(shared_path("corpus", "real", name)) for name in files}


@pytest.mark.parametrize("key", list(PRINTED), ids=[f"{n[:-4]}-{k}" for n, k in PRINTED])
def test_the_total_row_alone_on_the_last_page_is_read(wanli, key):
    name, kind = key
    pages, total_page, printed = PRINTED[key]
    ex = wanli[name]
    assert ex.status == "loaded", ex.status_reason
    (table,) = [t for t in ex.tables if t.table_kind == kind]
    assert table.pages == pages
    totals = {ln.measure: ln for ln in ex.lines if ln.table_kind == kind and ln.code is None and ln.line_key == "total"}
    assert {m: totals[m].amount_yuan for m in printed if m in totals} == {m: Decimal(v) for m, v in printed.items()}
    assert {totals[m].source_page for m in printed} == {total_page}


def test_the_total_equals_the_sum_of_its_classes(wanli):
    """The 合计 read is the one printed: it agrees with the 类 rows above it, pages earlier."""
    ex = wanli["shpt_wanli_subdistrict_2025_dept_budget.pdf"]
    lines = [ln for ln in ex.lines if ln.table_kind == "expenditure_summary" and ln.measure == "total"]
    classes = sum(ln.amount_yuan for ln in lines if ln.code and len(ln.code) == 3)
    (total,) = [ln.amount_yuan for ln in lines if ln.line_key == "total"]
    assert classes == total == Decimal(189_767_551)


def test_a_total_row_is_row_like_but_a_sentence_or_a_year_is_not():
    assert is_row_like("合计 189,767,551 101,341,746 88,425,805")
    assert is_row_like("总计 5000")
    assert not is_row_like("合计 2025年")
    assert not is_row_like("合计支出189,767,551元，比上年增加。")
