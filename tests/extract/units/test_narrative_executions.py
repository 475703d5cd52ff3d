"""extract.narrative_executions: a 决算's execution statements, with their subject and word."""

from __future__ import annotations

from decimal import Decimal

from extract.narrative_executions import ABOVE, BELOW, FLAT, ROUGHLY_FLAT, read_narrative_executions

# shpt_planning_resources_bureau_2024_final.pdf p.21, as PDFium reads it.
TOTAL_AND_ITEMS = (
    "（三）一般公共预算财政拨款支出决算具体情况\r\n一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50\r\n"
    "万元，完成年初预算的 95.45%。决算数小于预算数的主要原因：城乡社区支出（类）未完成年初预期。其中：\r\n"
    "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：行政单位退休人员支出。"
    "年初预算为 54.53 万元，支出决算为 54.53 万元，完成年初预算的100.00%。决算数同预算数持平。\r\n"
    "5、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）。主要用于：退休人员"
    "开展活动支出。年初预算为 0.88 万元，支出决算为 0.88 万元。完成年初预算的 100.00%。决算数同预算数持平。"
)
# Its p.25: the 三公 items print no 年初预算; the word after them is the total's.
THREE_PUBLIC = (
    "（一）“三公”经费财政拨款支出决算总体情况说明。\r\n“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元，"
    "完成预算的 13.68%，其中：因公出国（境）费决算为 0.00 万元，完成预算的 0.00%；公务接待费支出决算为 0.39 万元，"
    "完成预算的 13.68%。2024 年度“三公”经费支出决算数小于预算数的主要原因：严格落实中央八项规定。"
)
# shpt_finance_bureau_2024_final.pdf p.22 (ONLYOFFICE: no rate, 基本持平).
NO_RATE = (
    "2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。"
    "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"
    "3、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90万元，"
    "支出决算为135.25万元。决算数小于预算数的主要原因：因产业政策扶持资金管理系统项目进度，调减相关经费。"
)


def _read(*pages: str):
    return [
        (e.subject, e.budgeted_yuan, e.final_yuan, e.percent, e.word, e.wording)
        for e in read_narrative_executions(list(pages), set())
    ]


def test_a_total_and_its_items_are_read_with_their_subject_rate_and_word():
    assert _read(TOTAL_AND_ITEMS) == [
        (
            "一般公共预算财政拨款支出",
            Decimal("102103400.00"),
            Decimal("97465000.00"),
            Decimal("95.45"),
            BELOW,
            "决算数小于预算数",
        ),
        (
            "社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)",
            Decimal("545300.00"),
            Decimal("545300.00"),
            Decimal("100.00"),
            FLAT,
            "决算数同预算数持平",
        ),
        (
            "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位退休人员活动费支出(项)",
            Decimal("8800.00"),
            Decimal("8800.00"),
            Decimal("100.00"),
            FLAT,
            "决算数同预算数持平",
        ),
    ]
    first = read_narrative_executions([TOTAL_AND_ITEMS], set())[0]
    assert (first.unit, first.amount_decimals, first.source_page) == ("万元", 2, 1)


def test_a_chain_subject_is_read_as_its_names_and_other_subjects_as_none():
    assert [
        (e.class_name, e.subclass_name, e.item_name) for e in read_narrative_executions([TOTAL_AND_ITEMS], set())
    ] == [
        (None, None, None),
        ("社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休"),
        ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位退休人员活动费支出"),
    ]
    # No 类 to look the row up by: not a chain subject.
    below = "行政事业单位养老支出（款）行政单位离退休（项）。年初预算为1.00万元，支出决算为1.00万元，完成年初预算的100.00%。"
    assert [e.class_name for e in read_narrative_executions([below], set())] == [None]


def test_items_without_their_budget_are_read_with_their_rate_and_no_word():
    assert _read(THREE_PUBLIC) == [
        ("三公经费财政拨款支出", Decimal("28500.00"), Decimal("3900.00"), Decimal("13.68"), BELOW, "决算数小于预算数"),
        ("因公出国(境)费", None, Decimal("0.00"), Decimal("0.00"), None, None),
        ("公务接待费", None, Decimal("3900.00"), Decimal("13.68"), None, None),
    ]


def test_a_statement_without_a_rate_is_read_with_its_word():
    assert [(subject, word) for subject, *_, word, _ in _read(NO_RATE)] == [
        ("一般公共服务支出(类)财政事务(款)一般行政管理事务(项)", ROUGHLY_FLAT),
        ("一般公共服务支出(类)财政事务(款)信息化建设(项)", BELOW),
    ]


def test_a_word_is_not_taken_from_past_the_next_statement_or_too_far():
    text = "本年支出年初预算为5.00万元，支出决算为6.00万元。项目支出年初预算为3.00万元，支出决算为2.00万元。决算数超过预算数。"
    assert [(s, w) for s, *_, w, _ in _read(text)] == [("本年支出", None), ("项目支出", ABOVE)]
    far = "项目支出年初预算为3.00万元，支出决算为2.00万元。" + "其他情况说明。" * 50 + "决算数大于预算数。"
    assert [w for *_, w, _ in _read(far)] == [None]


def test_a_statement_mixing_units_or_with_a_final_alone_is_not_read():
    assert _read("年初预算为5.00万元，支出决算为60000元，完成年初预算的120%。") == []
    assert _read("公务接待费支出决算为0.39万元。") == []


def test_the_pages_of_tables_are_not_read():
    assert read_narrative_executions([TOTAL_AND_ITEMS], {1}) == []
