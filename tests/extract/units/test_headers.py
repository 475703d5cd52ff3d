"""extract.headers: the words of a column header in, the warehouse's measure out."""

from __future__ import annotations

import pytest

from extract.headers import is_label_header, measure_from_header, measure_of


@pytest.mark.parametrize(
    "text, measure",
    [
        ("合计", "total"),
        ("预算数", "total"),
        ("小计", "total"),
        ("决算数", "total"),
        ("基本支出", "basic"),
        ("其中：基本支出", "basic"),
        ("项目支出", "project"),
        ("人员经费", "personnel"),
        ("日常公用经费", "public_operating"),
        ("事业单位经营支出", "business"),
        ("对附属单位补助支出", "subsidy_to_affiliates"),
        ("上缴上级支出", "remit_to_superior"),
        ("单位预留机动经费", "unit_reserve_fund"),
        ("年初结转和结余", "opening_balance"),
        ("年末结转和结余", "closing_balance"),
        ("财政拨款收入", "fiscal_grant"),
        ("事业收入", "public_service_income"),
        ("事业单位经营收入", "business_income"),
        ("一般公共预算", "general_public_budget"),
        ("政府性基金", "government_fund_budget"),
        ("国有资本经营", "state_capital_budget"),
        ("科目名称", None),
        ("项目", None),
        ("", None),
        ("其中：", None),
    ],
)
def test_measure_of_a_header_cell(text, measure):
    assert measure_of(text) == measure


def test_the_specific_wording_wins_over_the_generic_one():
    # 一般公共预算基本支出 spans 人员经费: the cell itself decides.
    assert measure_from_header(["人员经费"], ["一般公共预算基本支出"]) == "personnel"


def test_a_wrapped_cell_is_read_whole():
    assert measure_from_header(["事业单位经", "营支出"], []) == "business"
    assert measure_from_header(["对附属单位", "补助支出"], []) == "subsidy_to_affiliates"


def test_a_silent_cell_takes_its_spanning_header():
    assert measure_from_header([], ["一般公共预算"]) == "general_public_budget"
    assert measure_from_header(["其中："], ["项目支出"]) == "project"
    assert measure_from_header([], []) is None


@pytest.mark.parametrize(
    "text, is_label",
    [
        ("科目编码", True),
        ("科目名称", True),
        ("项目", True),
        ("类", True),
        ("行次", True),
        ("合计", False),
        ("基本支出", False),
        ("", False),
    ],
)
def test_label_headers(text, is_label):
    assert is_label_header(text) is is_label
