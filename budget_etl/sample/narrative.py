"""The text parts of a fictional disclosure, written from its tables.

Like real 情况说明 it restates the main totals in 万元, rounded half-up, without separators,
so a reader (or a check) can compare them with the tables. ``Narrative.totals`` records which
totals it states and what it prints for them, under extract.narrative.NARRATIVE_KEYS keys.
"""

from __future__ import annotations

from decimal import Decimal

from budget_etl.sample.budget import (
    BUSINESS_INCOME,
    CARRIED_OVER,
    GENERAL_PUBLIC,
    GOVERNMENT_FUND,
    OPERATING_INCOME,
    OTHER_INCOME,
    STATE_CAPITAL,
    Narrative,
    PublishedBudget,
    Section,
)
from budget_etl.sample.money import ZERO, percent_text, wan, wan_text

INCOME_NAMES = (
    (GENERAL_PUBLIC, "一般公共预算财政拨款收入"),
    (GOVERNMENT_FUND, "政府性基金预算财政拨款收入"),
    (STATE_CAPITAL, "国有资本经营预算财政拨款收入"),
    (BUSINESS_INCOME, "事业收入"),
    (OPERATING_INCOME, "事业单位经营收入"),
    (OTHER_INCOME, "其他收入"),
    (CARRIED_OVER, "上年结转"),
)

GLOSSARY = (
    "（一）财政拨款收入：指本级财政当年拨付的资金，包括一般公共预算财政拨款和政府性基金预算财政拨款。",
    "（二）事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "（三）上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
    "（四）基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "（五）项目支出：指在基本支出之外为完成特定的行政任务和事业发展目标所发生的支出。",
    "（六）“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "（七）机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
)


class _Said:
    """Writes an amount the way the narrative prints it and remembers, for each total it states,
    the first figure printed: the one a reader of the text takes."""

    def __init__(self) -> None:
        self.totals: dict[str, Decimal] = {}

    def __call__(self, amount_yuan: Decimal, *keys: str) -> str:
        text = wan_text(amount_yuan)
        for key in keys:
            self.totals.setdefault(key, wan(text))
        return text


def compose(budget: PublishedBudget, duties: tuple[str, ...]) -> Narrative:
    said = _Said()
    return Narrative(
        overview=_overview(budget, duties),
        explanation=_explanation(budget, said),
        glossary=(Section(None, GLOSSARY),),
        closing=f"咨询电话：{budget.contact.phone}",
        totals=said.totals,
    )


def compose_final_account(account: PublishedBudget, duties: tuple[str, ...]) -> Narrative:
    """The text parts of a 决算: the same 概况, and a 情况说明 restating the year's totals as
    spent (and, for 三公, the 年初预算 beside the 决算, as real 决算 say it)."""
    said = _Said()
    return Narrative(
        overview=_overview(account, duties),
        explanation=_final_explanation(account, said),
        glossary=(Section(None, GLOSSARY),),
        closing=f"咨询电话：{account.contact.phone}",
        totals=said.totals,
    )


def _final_explanation(account: PublishedBudget, said: _Said) -> tuple[Section, ...]:
    year, s, total_row = account.fiscal_year, account.summary, account.expenditure[0]
    basic, project = total_row.amount("basic"), total_row.amount("project")
    spent, budgeted = account.three_public, account.three_public_budgeted or account.three_public
    return (
        Section(
            "一、收入支出决算总体情况说明",
            (f"{year}年度收入、支出决算总计{said(s.income_grand_total, 'revenue_total', 'expenditure_total')}万元。",),
        ),
        Section(
            "二、支出决算情况说明",
            (
                f"{year}年度本年支出合计{said(s.expenditure_total, 'current_year_expenditure')}万元，其中：基本支出"
                f"{said(basic, 'basic_expenditure')}万元，占{percent_text(basic, s.expenditure_total)}%；项目支出"
                f"{said(project, 'project_expenditure')}万元，占{percent_text(project, s.expenditure_total)}%。",
            ),
        ),
        Section(
            "三、一般公共预算财政拨款“三公”经费支出决算情况说明",
            (
                f"{year}年度“三公”经费年初预算为{wan_text(budgeted.total)}万元，支出决算为"
                f"{said(spent.total, 'three_public_total')}万元，"
                + (f"完成预算的{percent_text(spent.total, budgeted.total)}%，" if budgeted.total else "")
                + _execution_word(wan(wan_text(spent.total)) - wan(wan_text(budgeted.total))),
            ),
        ),
    )


def _execution_word(overspent: Decimal) -> str:
    """What a 决算 says of its 决算数 against its 预算数, as printed."""
    if overspent > 0:
        return "决算数大于预算数的主要原因是公务接待任务增加。"
    if overspent < 0:
        return "决算数小于预算数的主要原因是厉行节约、压减公务接待。"
    return "决算数与预算数持平。"


def _overview(budget: PublishedBudget, duties: tuple[str, ...]) -> tuple[Section, ...]:
    name, staff = budget.short_name, budget.staffing
    kind = "行政" if staff.administrative else "事业"
    word = "决算" if budget.document_kind == "final_account" else "预算"
    return (
        Section("一、部门主要职能", duties),
        Section(
            f"二、部门{word}单位构成",
            (f"纳入{name}{budget.fiscal_year}年部门{word}编制范围的{word}单位包括：{name}本级。",),
        ),
        Section(
            f"三、部门{word}单位人员构成",
            (
                f"{name}总编制人数{staff.authorized}人，其中：{kind}编制{staff.authorized}人。"
                f"在职实有人数{staff.actual}人，其中：{kind}{staff.actual}人。离退休人员{staff.retirees}人。",
            ),
        ),
    )


def _explanation(budget: PublishedBudget, said: _Said) -> tuple[Section, ...]:
    year, name, s, f = budget.fiscal_year, budget.short_name, budget.summary, budget.fiscal_summary
    total_row = budget.expenditure[0]
    total = s.income_grand_total
    basic, project = total_row.amount("basic"), total_row.amount("project")
    incomes = [(label, s.source(key)) for key, label in INCOME_NAMES if s.source(key)]
    classes = [r.name for r in budget.expenditure if r.code and len(r.code) == 3]
    general_total = budget.general_public[0].amount("total")
    general_project = budget.general_public[0].amount("project")
    # Its 类 rows, restated by name in the section on the 一般公共预算支出表, without a share.
    general_classes = "；".join(
        f"{r.name}（类）{wan_text(r.amount('total'))}万元" for r in budget.general_public if r.code and len(r.code) == 3
    )
    fund_total = budget.government_fund[0].amount("total") if budget.government_fund else ZERO
    basic_rows = budget.basic_economic[0]
    tp = budget.three_public

    spending = [
        f"基本支出{said(basic, 'basic_expenditure')}万元，占{percent_text(basic, total)}%",
        f"项目支出{said(project, 'project_expenditure')}万元，占{percent_text(project, total)}%",
    ]
    for measure, label in (("business", "事业单位经营支出"), ("subsidy_to_affiliates", "对附属单位补助支出")):
        if total_row.amount(measure):
            amount = total_row.amount(measure)
            spending.append(f"{label}{wan_text(amount)}万元，占{percent_text(amount, total)}%")
    projects = "；".join(f"{p.name}{wan_text(p.current_budget)}万元" for p in budget.project_sheets)
    fund_text = (
        f"{year}年政府性基金预算支出{wan_text(fund_total)}万元，全部为项目支出。"
        if fund_total
        else f"本部门{year}年无政府性基金预算安排的支出。"
    )
    state_total = budget.state_capital[0].amount("total") if budget.state_capital else ZERO
    state_text = (f"{year}年国有资本经营预算支出{wan_text(state_total)}万元，全部为项目支出。",) if state_total else ()
    state_income = (
        f"、国有资本经营预算财政拨款{wan_text(f.source(STATE_CAPITAL))}万元" if f.source(STATE_CAPITAL) else ""
    )
    return (
        Section(
            "一、本部门预算收支情况总体说明",
            (
                f"按照综合预算的原则，{name}所有收入和支出均纳入部门预算管理。收入包括："
                f"{'、'.join(label for label, _ in incomes)}。支出包括：{'、'.join(classes)}。",
                f"{year}年部门收支总预算{said(total, 'revenue_total', 'expenditure_total')}万元。",
            ),
        ),
        Section(
            "二、部门预算收入情况说明",
            (
                f"{year}年部门收入预算{said(total, 'revenue_total')}万元，其中："
                + "；".join(f"{label}{wan_text(a)}万元，占{percent_text(a, total)}%" for label, a in incomes)
                + "。",
            ),
        ),
        Section(
            "三、部门预算支出情况说明",
            (f"{year}年部门支出预算{said(total, 'expenditure_total')}万元，其中" + "；".join(spending) + "。",),
        ),
        Section(
            "四、财政拨款收支预算情况说明",
            (
                f"{year}年财政拨款收支总预算{said(f.income_grand_total, 'fiscal_grant_total')}万元。"
                "收入包括：一般公共预算财政拨款"
                f"{wan_text(f.source(GENERAL_PUBLIC))}万元、政府性基金预算财政拨款{wan_text(f.source(GOVERNMENT_FUND))}万元"
                f"{state_income}。",
            ),
        ),
        Section(
            "五、一般公共预算支出安排情况说明",
            (
                f"{year}年一般公共预算支出预算数为{said(general_total, 'general_public_expenditure')}万元。具体安排情况如下：",
                f"1、基本支出{said(basic, 'basic_expenditure')}万元，主要用于人员经费和公用经费。",
                f"2、项目支出{said(general_project, 'project_expenditure')}万元。本部门项目包括：{projects}。",
                *((f"按支出功能分类：{general_classes}。",) if general_classes else ()),
            ),
        ),
        Section(
            "六、一般公共预算基本支出安排情况说明",
            (
                f"{year}年一般公共预算基本支出{wan_text(basic_rows.amount('total'))}万元。其中：人员经费"
                f"{said(basic_rows.amount('personnel'), 'personnel_expenses')}万元，主要包括基本工资、津贴补贴、社会保障缴费、"
                f"住房公积金等；公用经费{said(basic_rows.amount('public_operating'), 'public_operating_expenses')}万元，"
                "主要包括办公费、差旅费、工会经费、福利费等。",
            ),
        ),
        Section("七、政府性基金预算支出安排情况说明", (fund_text, *state_text)),
        Section(
            "八、财政拨款“三公”经费预算安排情况说明",
            (
                f"{year}年财政拨款“三公”经费预算数{said(tp.total, 'three_public_total')}万元，其中：（1）因公出国(境)费"
                f"{said(tp.outbound_travel, 'outbound_travel')}万元；（2）公务接待费"
                f"{said(tp.official_reception, 'official_reception')}万元；（3）公务用车购置及运行维护费"
                f"{said(tp.vehicle_total, 'vehicle_total')}万元，"
                f"其中公务用车购置费{said(tp.vehicle_purchase, 'vehicle_purchase')}"
                f"万元、公务用车运行维护费{said(tp.vehicle_operation, 'vehicle_operation')}万元。",
            ),
        ),
        Section(
            "九、其他重要事项的情况说明",
            (
                "（一）机关运行经费安排情况",
                f"{year}年本部门的机关运行经费{said(basic_rows.amount('public_operating'), 'office_operating_expenses')}万元。",
                "（二）预算绩效管理情况",
                f"{year}年本部门设置了{len(budget.project_sheets)}个项目支出绩效目标，涉及预算资金"
                f"{wan_text(sum((p.current_budget for p in budget.project_sheets), Decimal(0)))}万元。",
            ),
        ),
    )
