"""extract.narrative: the 机关运行经费 the narrative states, read from the text of real pages."""

from __future__ import annotations

from decimal import Decimal

from extract.narrative import read_narrative_totals


def _office_operating(*pages: str) -> list[tuple[str, Decimal, int]]:
    return [
        (t.text, t.amount_yuan, t.source_page)
        for t in read_narrative_totals(list(pages), set())
        if t.key == "office_operating_expenses"
    ]


def test_a_shanghai_budget_states_it_with_its_scope_in_front():
    # shpt_commerce_2025_dept_budget.pdf p.22; the 三公 table beside it prints 171.01.
    page = (
        "二、机关运行经费预算\r\n2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为171.01万元。\r\n"
        "三、政府采购预算情况\r\n"
    )
    assert _office_operating(page) == [("机关运行经费预算为171.01万元", Decimal("1710100.00"), 1)]


def test_a_jiangsu_budget_states_it_before_its_change():
    # js_npc_office_2018_budget.pdf p.29: the table's description names it first, without an amount.
    page = (
        "十一、一般公共预算机关运行经费支出预算情况说明\r\n本预算反映部门年度一般公共预算机关运行经费支出预算安排情况。"
        "2018年本部门一般公共预算机关运行经费预算支出1579.38万元，与上年相比减少4039.93万元，减少71.89%。"
        "主要原因是今年与去年机关运行经费支出口径有所变动，不再包含项目支出中的运行经费，仅为基本支出中机关运行经费。\r\n"
    )
    assert _office_operating(page) == [("机关运行经费预算支出1579.38万元", Decimal("15793800.00"), 1)]


def test_thousands_separators_and_支出预算():
    # js_cppcc_office_2017_budget_text.pdf p.17.
    page = "江苏省政协办公厅2017年一般公共预算机关运行经费支出预算3,348.98万元,比2016年增加2,173.13万元,增长184.81%。"
    assert _office_operating(page) == [("机关运行经费支出预算3,348.98万元", Decimal("33489800.00"), 1)]


def test_a_final_account_states_what_was_spent():
    # shpt_finance_bureau_2024_final.pdf pp.23-24: the heading ends one page, the sentence opens the next.
    pages = (
        "十一、其他重要事项的情况说明\r\n（一）机关运行经费支出情况\r\n23\r\n",
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境。\r\n",
    )
    assert _office_operating(*pages) == [("机关运行经费支出184.65万元", Decimal("1846500.00"), 2)]


def test_none_stated_is_a_zero_in_the_unit_of_the_amounts_around_it():
    # shpt_social_welfare_home_2024_unit_budget.pdf p.16; its 三公 table (p.15) prints 0.
    page = (
        "（三）公务接待费0.00万元。与2023年预算持平，主要原因是无公务接待事项支出。\r\n"
        "二、机关运行经费预算\r\n2024年上海市普陀区社会福利院无机关运行经费。\r\n"
    )
    (total,) = [t for t in read_narrative_totals([page], set()) if t.key == "office_operating_expenses"]
    assert (total.text, total.amount_yuan, total.unit, total.source_page) == ("无机关运行经费", Decimal(0), "万元", 1)


def test_definitions_and_last_year_are_not_read():
    # shpt_social_welfare_home_2024_unit_budget.pdf p.5 (its glossary); a change's amount, and
    # last year's, are another figure than this year's, and so is last year's absence.
    pages = (
        "（四）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
        "本年比上年机关运行经费增加2.55万元；上年同期机关运行经费182.10万元。",
        "上年无机关运行经费。",
    )
    assert _office_operating(*pages) == []
