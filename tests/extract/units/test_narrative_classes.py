"""extract.narrative_classes: an amount stated for a function class is read with its names and
the table the text says it restates."""

from __future__ import annotations

from decimal import Decimal

from extract.narrative_classes import (
    ALL_FUNDS,
    FISCAL_GRANT,
    GENERAL_PUBLIC,
    chain_segments,
    read_narrative_class_amounts,
)

# shpt_finance_bureau_2024_final.pdf p.21 (ONLYOFFICE: the figures on lines of their own).
SHANGHAI_FINAL = (
    "（二）一般公共预算财政拨款支出决算结构情况\r\n一般公共预算财政拨款支出\r\n2940.05\r\n万元，主要用于以下方面：\r\n"
    "一般公共服务支出（类）\r\n2106.66\r\n万元，占\r\n71.73%\r\n；社会保障和就业支出（类）\r\n326.72\r\n万元，占\r\n11.11%；"
)
# js_cppcc_office_2017_budget_text.pdf pp.7, 9: a 类 of all funds, then 项 under a 类 heading.
JIANGSU = (
    "（二）支出预算总计 9,146.79 万元。包括：\r\n1. 一般公共服务（类）支出 6,543.55 万元，主要用于单位\r\n"
    "行政运行。与上年相比减少 108.56 万元，下降 1.63%。\r\n"
    "五、财政拨款支出预算表情况说明\r\n其中：\r\n（一）一般公共服务支出（类）\r\n"
    "1. 政协事务（款）行政运行（项）支出 3,233.03 万元，"
    "与上年相比减少 108.56 万元。2.政协事务（款）一般行政管理事务（项）支出 1,577.82 万元。"
)
# shpt_wanli_subdistrict_2025_dept_budget.pdf p.6, quoted.
SHANGHAI_BUDGET = (
    "财政拨款支出主要内容如下：\r\n1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目43.83万元，"
    "主要用于统计信息事务统计管理。"
)


def _read(*pages: str):
    return [
        (s.class_name, s.subclass_name, s.item_name, s.level, s.amount_yuan, s.restates, s.source_page)
        for s in read_narrative_class_amounts(list(pages), set())
    ]


def test_a_class_amount_is_read_with_the_table_it_restates():
    assert _read(SHANGHAI_FINAL) == [
        ("一般公共服务支出", None, None, 1, Decimal("21066600.00"), GENERAL_PUBLIC, 1),
        ("社会保障和就业支出", None, None, 1, Decimal("3267200.00"), GENERAL_PUBLIC, 1),
    ]


def test_an_item_takes_the_class_of_the_heading_it_is_listed_under():
    assert _read(JIANGSU) == [
        ("一般公共服务", None, None, 1, Decimal("65435500.00"), ALL_FUNDS, 1),
        ("一般公共服务支出", "政协事务", "行政运行", 3, Decimal("32330300.00"), FISCAL_GRANT, 1),
        ("一般公共服务支出", "政协事务", "一般行政管理事务", 3, Decimal("15778200.00"), FISCAL_GRANT, 1),
    ]


def test_a_chain_may_be_quoted_and_its_amount_called_a_subject():
    ((text, *_),) = [(s.text, s.amount_decimals) for s in read_narrative_class_amounts([SHANGHAI_BUDGET], set())]
    assert text == "1.一般公共服务支出(类)统计信息事务(款)专项普查活动(项)科目43.83万元"
    assert _read(SHANGHAI_BUDGET)[0][:5] == (
        "一般公共服务支出",
        "统计信息事务",
        "专项普查活动",
        3,
        Decimal("438300.00"),
    )


def test_a_chain_without_its_amount_right_after_it_is_not_read():
    # Worded as shpt_finance_bureau_2024_final.pdf p.22 (figures made up): the amount comes later.
    text = (
        "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费。"
        "年初预算为100.00万元，支出决算为99.00万元"
    )
    assert _read(text) == []


def test_economic_classes_and_chains_out_of_order_are_not_read():
    # js_cppcc_office_2017_budget_text.pdf p.12; js_npc_office_2018_budget.pdf p.25 (a 款 printed 类).
    economic = "支出1,131.92万元商品和服务支出（类）1,131.92万元（1）办公费（款）支出110万元。"
    misprinted = "（二）社会保障和就业（类）1.行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）256.76万元，"
    assert _read(economic) == []
    assert _read(misprinted) == []


def test_a_chain_is_read_as_its_names_by_level_without_ordinals():
    assert chain_segments("1.一般公共服务支出(类)党委办公厅(室)及相关机构事务(款)行政运行(项)") == [
        (1, "一般公共服务支出"),
        (2, "党委办公厅(室)及相关机构事务"),
        (3, "行政运行"),
    ]
    assert chain_segments("(一)公共安全(类)检察(款)") == [(1, "公共安全"), (2, "检察")]


def test_the_pages_of_tables_are_not_read():
    assert read_narrative_class_amounts([SHANGHAI_FINAL], {1}) == []


def test_a_name_printed_with_qita_reads_as_the_tables():
    # shpt_finance_bureau_2025_dept_budget.pdf p.7 prints 其它 where its tables print 其他.
    text = "8.“社会保障和就业支出（类）行政事业单位养老支出（款）其它行政事业单位养老支出（项）”0.96万元，"
    assert _read(text)[0][:5] == (
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "其他行政事业单位养老支出",
        3,
        Decimal("9600.00"),
    )
