"""What a department publishes, before any layout: the content of every table, in 元.

The seed department is written directly at this level (its printed figures carry the
publisher's own rounding, so they cannot be derived from leaves); the fictional departments
are built up to it from their line items by ``builder``. Layout (templates, units, empty
cells, code columns) is applied later, by ``tables``.

An amount absent from a row's mapping is zero: the layout decides whether a zero prints as
a blank cell or as 0.00.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from budget_etl.sample.money import ZERO

# Income sources, the keys of Summary.income; each template prints them under its own labels.
GENERAL_PUBLIC = "general_public"  # 一般公共预算拨款 / 公共预算财政拨款（补助）
GOVERNMENT_FUND = "government_fund"  # 政府性基金预算拨款
STATE_CAPITAL = "state_capital"  # 国有资本经营预算拨款
BUSINESS_INCOME = "business_income"  # 事业收入
OPERATING_INCOME = "operating_income"  # 事业单位经营收入
OTHER_INCOME = "other_income"  # 其他收入
CARRIED_OVER = "carried_over"  # 上年结转, below 本年收入合计
FISCAL_SOURCES = (GENERAL_PUBLIC, GOVERNMENT_FUND, STATE_CAPITAL)


@dataclass(frozen=True)
class Row:
    """One row of a coded table: 合计 (code None), or a 类/款/项 / economic 类/款 row."""

    code: str | None
    name: str
    amounts: Mapping[str, Decimal]  # measure -> 元

    def amount(self, measure: str) -> Decimal:
        return self.amounts.get(measure, ZERO)


@dataclass(frozen=True)
class Summary:
    """收支预算总表 (or its 财政拨款 counterpart): income by source, expenditure by economic
    and by function 类, and the totals as printed."""

    income: Mapping[str, Decimal]  # source -> 元, without CARRIED_OVER
    economic: Mapping[str, Decimal]  # economic 类 code -> 元
    function: Mapping[str, Decimal]  # function 类 code -> 元
    income_total: Decimal  # 本年收入合计
    expenditure_total: Decimal  # 本年支出合计
    carried_over: Decimal = ZERO  # 上年结转
    year_end_balance: Decimal = ZERO  # 年终结余 / 年末结转结余

    @property
    def income_grand_total(self) -> Decimal:
        return self.income_total + self.carried_over

    @property
    def expenditure_grand_total(self) -> Decimal:
        return self.expenditure_total + self.year_end_balance

    def source(self, key: str) -> Decimal:
        if key == CARRIED_OVER:
            return self.carried_over
        return self.income.get(key, ZERO)


@dataclass(frozen=True)
class ThreePublic:
    outbound_travel: Decimal = ZERO  # 因公出国（境）费
    vehicle_purchase: Decimal = ZERO  # 公务用车购置费
    vehicle_operation: Decimal = ZERO  # 公务用车运行维护费
    official_reception: Decimal = ZERO  # 公务接待费
    # Printed only by templates that add them to the 三公 table (陕西 柞水县 2020 决算, ...).
    meetings: Decimal = ZERO  # 会议费
    training: Decimal = ZERO  # 培训费

    @property
    def vehicle_total(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        return self.outbound_travel + self.vehicle_total + self.official_reception

    @property
    def total_with_meetings_training(self) -> Decimal:
        return self.total + self.meetings + self.training


@dataclass(frozen=True)
class Staffing:
    authorized: int  # 编制人数
    actual: int  # 在职实有人数
    retirees: int
    administrative: bool  # 行政编制 (else 事业编制)


@dataclass(frozen=True)
class ProjectSheet:
    """One 项目支出绩效目标表 (项目申报表); amounts in 元."""

    name: str
    total_budget: Decimal  # 项目总预算 (multi-year)
    current_budget: Decimal  # 项目当年预算
    details: tuple[tuple[str, Decimal, str], ...]  # 项目支出明细测算: economic name, amount, basis
    purchases: tuple[tuple[str, str, Decimal], ...] = ()  # 项目采购: item, quantity, amount
    project_type: str = "专项业务项目"
    basis: str = ""  # 项目立项依据
    plan: str = ""  # 项目实施方案
    change_note: str = ""  # 当年预算变动说明
    goal: str = ""  # 项目绩效总目标
    indicators: tuple[tuple[str, str, str, str], ...] = ()  # 一级指标, 二级指标, 指标内容, 指标值
    source: str = GENERAL_PUBLIC  # the income source paying for it (项目资金来源)


@dataclass(frozen=True)
class DepartmentSheet:
    """部门整体支出绩效目标表; the funding block is in 万元 with one decimal, like the seed's."""

    reporter: str
    funding: tuple[tuple[str, ...], ...]  # label, 当年, 占比, 前年, 上年
    overview: str  # 部门职能概述
    tasks: str  # 年度工作任务
    long_term_goal: str
    annual_goals: tuple[str, ...]
    indicators: tuple[tuple[str, str, str, str], ...]  # 一级指标, 二级指标, 指标名称, 指标值


@dataclass(frozen=True)
class Contact:
    phone: str
    address: str
    postcode: str
    project_lead: str


@dataclass(frozen=True)
class Section:
    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Narrative:
    """The text parts around the tables: 概况 (part one), 情况说明, 名词解释."""

    overview: tuple[Section, ...]
    explanation: tuple[Section, ...]
    glossary: tuple[Section, ...]
    closing: str = ""  # e.g. 咨询电话：83426338
    # The totals it restates, as printed (rounded, in 元), by extract.narrative.NARRATIVE_KEYS key;
    # the first statement of each, as a reader takes it.
    totals: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class PublishedBudget:
    department_name: str  # full name, as on 表9/表10 and covers (武汉市硚口区大数据中心)
    short_name: str  # as in the part headings (硚口区大数据中心)
    fiscal_year: int
    staffing: Staffing
    summary: Summary  # 收支预算总表
    fiscal_summary: Summary  # 财政拨款收支预算总表
    expenditure: tuple[Row, ...]  # 支出预算总表, 合计 first
    general_public: tuple[Row, ...]  # 一般公共预算支出表
    government_fund: tuple[Row, ...]  # 政府性基金预算支出表; () = stated empty, with fund_empty_note
    basic_economic: tuple[Row, ...]  # 一般公共预算基本支出表
    three_public: ThreePublic
    contact: Contact
    fund_empty_note: str = ""  # 本单位2021年无政府性基金预算。
    # 国有资本经营预算支出表 (printed where the style's table order has it); () = stated empty.
    state_capital: tuple[Row, ...] = ()
    state_capital_empty_note: str = ""
    # 部门收入总表 of the national template: rows by function code, one measure per source.
    revenue_by_function: tuple[Row, ...] = ()
    department_sheet: DepartmentSheet | None = None
    project_sheets: tuple[ProjectSheet, ...] = ()
    # budget (部门预算) or final_account (部门决算): a 决算 prints what was spent, and its 三公
    # table the year's budget (预算数) beside it.
    document_kind: str = "budget"
    three_public_budgeted: ThreePublic | None = None
