"""extract.narrative_changes: a change from last year is read with the amount printed before it."""

from __future__ import annotations

from decimal import Decimal

from extract.narrative_changes import DECREASE, FLAT, INCREASE, read_narrative_changes

# js_cppcc_office_2017_budget_text.pdf p.7, as PDFium reads it.
JIANGSU = (
    "江苏省政协办公厅 2017 年度收入、支出预算总计 9,146.79\r\n万元，与上年相比收、支预算总计各增加 498.72 万元，"
    "增长 5.77%。\r\n主要原因是政策性增资、住房公积金和提租补贴基数及比例调整\r\n等。\r\n"
    "（一）收入预算总计 9,146.79 万元。包括：\r\n"
    "2.其他资金收入预算总计 80 万元。与上年数一致。\r\n（二）支出预算总计 9,146.79 万元。包括：\r\n"
    "1. 一般公共服务（类）支出 6,543.55 万元，主要用于单位\r\n行政运行、一般行政管理事务、政协会议和委员视察等。与上年\r\n"
    "相比减少 108.56 万元，下降 1.63%。主要原因是本年在职人员和\r\n商品服务公用定额数减少等。"
)
# Its p.8: the change opens the sentence after its amount's.
NEXT_SENTENCE = (
    "此外，基本支出预算数为 5,916.27 万元。与上年相比增加\r\n498.72 万元，增长 9.21%。主要原因是政策性增资。"
)
# shpt_wanli_subdistrict_2023_dept_budget.pdf pp.6-7: last year's amount printed, and 持平.
SHANGHAI = (
    "一般公共\r\n预算拨款支出预算16497.86万元，比2022年预算增加1421.25万元；政府性基金拨款支出预算0万元，"
    "比2022年预算增加1421.25万元；国\r\n有资本经营预算拨款支出预算0万元，比2022年预算持平。\r\n"
    "1. “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计管理。2022年当年预算执行数为1.48\r\n"
    "万元，2023年预算安排2.63万元，比2022年预算执行数增加77.70 %。主要原因是：统计管理经费增加。"
)


def _changes(*pages: str):
    return [
        (c.text, c.amount_yuan, c.direction, c.change_yuan, c.percent, c.rate_direction, c.previous_yuan)
        for c in read_narrative_changes(list(pages), set())
    ]


def test_a_change_is_read_with_its_amount_change_and_rate():
    assert _changes(JIANGSU) == [
        (
            "江苏省政协办公厅2017年度收入、支出预算总计9,146.79万元,与上年相比收、支预算总计各增加498.72万元,增长5.77%",
            Decimal("91467900.00"),
            INCREASE,
            Decimal("4987200.00"),
            Decimal("5.77"),
            INCREASE,
            None,
        ),
        (
            "1.一般公共服务(类)支出6,543.55万元,主要用于单位行政运行、一般行政管理事务、政协会议和委员视察等。"
            "与上年相比减少108.56万元,下降1.63%",
            Decimal("65435500.00"),
            DECREASE,
            Decimal("1085600.00"),
            Decimal("1.63"),
            DECREASE,
            None,
        ),
    ]


def test_a_change_may_open_the_sentence_after_its_amount():
    ((text, amount, *_),) = _changes("封面", NEXT_SENTENCE)
    assert (text, amount) == (
        "基本支出预算数为5,916.27万元。与上年相比增加498.72万元,增长9.21%",
        Decimal("59162700.00"),
    )


def test_last_year_s_amount_and_flat_are_read_as_printed():
    changes = read_narrative_changes([SHANGHAI], set())
    assert [(c.amount_yuan, c.direction, c.change_yuan, c.percent, c.previous_yuan) for c in changes] == [
        (Decimal("164978600.00"), INCREASE, Decimal("14212500.00"), None, None),
        (Decimal("0"), INCREASE, Decimal("14212500.00"), None, None),
        (Decimal("0"), FLAT, None, None, None),
        (Decimal("26300.00"), INCREASE, None, Decimal("77.70"), Decimal("14800.00")),
    ]
    assert [c.amount_decimals for c in changes] == [2, 0, 0, 2]
    assert changes[-1].text == "2022年当年预算执行数为1.48万元,2023年预算安排2.63万元,比2022年预算执行数增加77.70%"


def test_a_change_without_its_amount_right_before_it_is_not_read():
    # js_high_court_2017_budget.pdf p.24: the second change is of another scope than the amount
    # before it, and the text says so only in words.
    text = (
        "2017 年本部门一般公共预算机关运行经费预算支出 9193.40 万\r\n元，比 2016 年增加 5503.07 万元，增长 149.12%。"
        "主要原因是本年\r\n机关运行经费统计口径与上年不一致。\r\n"
        "按与上年统计口径一致相比，本年比上年减少 161.96 万元，下\r\n降了 4.39%，主要原因为在编人员减少。"
    )
    assert [(c.amount_yuan, c.percent) for c in read_narrative_changes([text], set())] == [
        (Decimal("91934000.00"), Decimal("149.12"))
    ]
    assert _changes("2019年三公经费预算比2018年减少0.25万元，主要是严格落实过紧日子要求。") == []


def test_a_figure_printed_with_a_minus_keeps_it():
    ((*_, change, percent, _, _),) = _changes("支出预算100万元，比上年增加-5万元，增长-4.76%。")
    assert (change, percent) == (Decimal("-50000"), Decimal("-4.76"))


def test_the_pages_of_tables_are_not_read():
    assert read_narrative_changes([JIANGSU], {1}) == []
