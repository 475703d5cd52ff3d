"""Column header text -> measure (the warehouse's name for a column)."""

from __future__ import annotations

import re

from .text_norm import fold

# Checked in order: the specific wording before the generic one (人员经费 before 基本支出,
# because a spanning "一般公共预算基本支出" header sits above the 人员经费 column).
_MEASURES: tuple[tuple[str, str], ...] = (
    (r"人员经费|人员支出", "personnel"),
    (r"公用经费|公用支出", "public_operating"),
    (r"经营支出", "business"),
    (r"附属单位补助", "subsidy_to_affiliates"),
    (r"上缴上级", "remit_to_superior"),
    (r"项目支出", "project"),
    (r"基本支出", "basic"),
    (r"单位预留机动经费|预留机动", "unit_reserve_fund"),
    (r"结转下年", "carried_to_next_year"),
    (r"年初结转和结余|年初结转结余", "opening_balance"),
    (r"年末结转和结余|年末结转结余", "closing_balance"),
    (r"上年结转", "carried_over"),
    (r"财政拨款收入|^财政拨款$", "fiscal_grant"),
    (r"上级补助收入", "superior_subsidy_income"),
    (r"事业单位经营收入|经营收入", "business_income"),
    (r"附属单位上缴收入", "affiliate_remittance_income"),
    (r"事业收入", "public_service_income"),
    (r"其他收入", "other_income"),
    (r"一般公共预算", "general_public_budget"),
    (r"政府性基金", "government_fund_budget"),
    (r"国有资本经营", "state_capital_budget"),
    (r"财政专户", "special_account_funds"),
    # 机关运行经费支出: the one amount column of Jiangsu's 一般公共预算机关运行经费支出预算表.
    (
        r"合计|预算数|小计|^金额$|决算数|^总计$|预算金额|收入预算|支出预算|^数额$|^金额\(万元\)$|^金额\(元\)$"
        r"|^机关运行经费支出$",
        "total",
    ),
    (r"本年收入", "income"),
    (r"本年支出|^支出$", "expenditure"),
)
_COMPILED = tuple((re.compile(p), name) for p, name in _MEASURES)

LABEL_HEADER = re.compile(r"编码|代码|科目|名称|^项目$|^项目名称$|^项目\(|^类$|^款$|^项$|^栏次$|^行次$|^序号$")
ROW_NUMBER_HEADER = re.compile(r"^(?:行次|栏次|序号)$")


def measure_of(text: str) -> str | None:
    s = fold(text).replace("其中:", "").replace("其中", "")
    if not s:
        return None
    for pattern, name in _COMPILED:
        if pattern.search(s):
            return name
    return None


def measure_from_header(own_lines: list[str], parents: list[str]) -> str | None:
    """Measure of a column from its header cell lines (top to bottom) and spanning headers above it.

    The lowest lines are tried first and grown upwards, so that a wrapped cell
    (``事业单位经`` / ``营支出``) is read whole and a spanning header over several columns
    (``支出预算``, ``一般公共预算基本支出``) only decides when the cell itself says nothing.
    """
    for k in range(1, len(own_lines) + 1):
        found = measure_of("".join(own_lines[-k:]))
        if found:
            return found
    for parent in reversed(parents):
        found = measure_of(parent + "".join(own_lines))
        if found:
            return found
    return None


def is_label_header(text: str) -> bool:
    s = fold(text)
    return bool(s) and bool(LABEL_HEADER.search(s)) and measure_of(s) is None
