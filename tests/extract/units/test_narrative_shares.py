"""extract.narrative_shares: a share (占x%) is read with the whole the text says it is of, and
without one where the text does not say it."""

from __future__ import annotations

from decimal import Decimal

from extract.narrative import read_narrative_totals
from extract.narrative_shares import read_narrative_shares

# shpt_finance_bureau_2024_final.pdf p.21, as PDFium reads it.
FINAL = (
    "二、支出决算情况说明\n本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出\n"
    "603.14万元，占20.51%；\n四、财政拨款支出决算情况说明\n"
    "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出(类)2106.66万元，占71.73%；"
    "社会保障和就业支出(类)326.72万元，占11.11%。"
)
# js_cppcc_office_2018_budget_text.pdf p.14: shares of a whole the text names.
NAMED = (
    "2018年“三公”经费预算数为675.10万元，比上年减少5万元。"
    "三公经费预算支出中，因公出国（境）费支出106万元，占三公经费的15.70%；"
    "江苏省政协办公厅2018年度财政拨款预算支出10,070.48万元，占本年支出合计的99.21%。"
)


def _shares(*pages: str):
    totals = read_narrative_totals(list(pages), set())
    return [(s.text, s.percent, s.base_yuan, s.source_page) for s in read_narrative_shares(list(pages), set(), totals)]


def test_a_list_s_shares_are_of_the_amount_it_opens_with():
    assert _shares("封面", FINAL) == [
        ("基本支出2336.91万元,占79.49%", Decimal("79.49"), Decimal("29400500.00"), 2),
        ("项目支出603.14万元,占20.51%", Decimal("20.51"), Decimal("29400500.00"), 2),
        ("一般公共服务支出(类)2106.66万元,占71.73%", Decimal("71.73"), Decimal("29400500.00"), 2),
        ("社会保障和就业支出(类)326.72万元,占11.11%", Decimal("11.11"), Decimal("29400500.00"), 2),
    ]


def test_a_named_whole_is_the_figure_the_narrative_states_for_it():
    # The 三公 total is stated; 本年支出合计 is not, so the share of it is read without its whole.
    assert [(text, whole) for text, _, whole, _ in _shares(NAMED)] == [
        ("因公出国(境)费支出106万元,占三公经费的15.70%", Decimal("6751000.00")),
        ("江苏省政协办公厅2018年度财政拨款预算支出10,070.48万元,占本年支出合计的99.21%", None),
    ]


def test_a_whole_the_text_leaves_unsaid_is_no_whole():
    # shpt_planning_resources_bureau_2024_final.pdf p.25: the 三公 total is implied.
    implied = (
        "三公经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；公务接待费支出决算0.39万元，占100.00%。"
    )
    assert [(percent, whole) for _, percent, whole, _ in _shares(implied)] == [
        (Decimal("0.00"), None),
        (Decimal("100.00"), None),
    ]


def test_a_list_ends_where_an_amount_is_no_share():
    text = "本年收入合计100万元，其中：财政拨款收入80万元，占80%；其他收入20万元，占20%。上年结转10万元，占10%。"
    assert [t for t, *_ in _shares(text)] == ["财政拨款收入80万元,占80%", "其他收入20万元,占20%"]
    text = "本年收入合计100万元，其中：财政拨款收入80万元，占80%；年末结转10万元。其他收入20万元，占20%。"
    assert [(t, whole) for t, _, whole, _ in _shares(text)] == [
        ("财政拨款收入80万元,占80%", Decimal("1000000.00")),
        ("其他收入20万元,占20%", None),
    ]


def test_a_list_within_the_list_has_no_whole():
    text = "本年支出合计100万元，其中：基本支出60万元，占60%，其中：人员经费50万元，占50%；项目支出40万元，占40%。"
    assert [(t, whole) for t, _, whole, _ in _shares(text)] == [
        ("基本支出60万元,占60%", Decimal("1000000.00")),
        ("人员经费50万元,占50%", None),
        ("项目支出40万元,占40%", None),
    ]


def test_a_change_is_neither_a_share_nor_a_whole():
    text = "本年支出合计100万元，比上年增加20万元，其中：基本支出60万元，占60%。"
    assert [(t, whole) for t, _, whole, _ in _shares(text)] == [("基本支出60万元,占60%", None)]
