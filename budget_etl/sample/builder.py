"""Builds a fictional department's published budget from its plan.

Amounts are drawn only for line items (a salary line, a project's 委托业务费 ...); every table
row, subtotal and total is then added up from them, so each identity of the disclosure holds
to the fen. In a 万元 document the line items are whole multiples of 100 元, so that every
printed 万元 figure is exact too.

Money flows as in real budgets: basic expenditure is paid from the general public budget;
projects from the general budget, a 政府性基金, the 国有资本经营预算, 事业收入 or last year's
balance (上年结转);
事业单位经营支出 from operating income; 对附属单位补助支出 from 其他收入. Each economic line
is also classified by function, which is how one amount shows up in both 支出预算总表 (by
function) and 基本支出表 (by economic class), like 30108 = 2080505 in the seed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget_etl.sample.budget import (
    CARRIED_OVER,
    FISCAL_SOURCES,
    GENERAL_PUBLIC,
    GOVERNMENT_FUND,
    OPERATING_INCOME,
    OTHER_INCOME,
    STATE_CAPITAL,
    Contact,
    DepartmentSheet,
    ProjectSheet,
    PublishedBudget,
    Row,
    Staffing,
    Summary,
    ThreePublic,
)
from budget_etl.sample.codes import ECONOMIC_NAMES, function_name
from budget_etl.sample.money import WAN, WAN_YUAN, ZERO, from_fen, percent_text, wan_text
from budget_etl.sample.style import HUBEI, Style

MISPRINT = Decimal("50000.00")  # 5.00 万元, added to one 项 row's 合计 in a broken document

# Per person and year, in 元: economic 款, low, high.
SALARY = (
    ("30101", 30000, 48000),
    ("30102", 20000, 45000),
    ("30107", 18000, 42000),
    ("30108", 9000, 15000),
    ("30109", 4000, 7500),
    ("30110", 5000, 9000),
    ("30111", 1000, 3000),
    ("30112", 300, 1200),
    ("30113", 9000, 16000),
    ("30199", 1000, 6000),
)
BONUS = ("30103", 3000, 8000)  # 奖金, paid by 行政 units only
# Running costs per person; the first six appear in every department.
OPERATING = (
    ("30201", 800, 3000),
    ("30211", 800, 3000),
    ("30217", 200, 1200),
    ("30228", 600, 1200),
    ("30229", 1000, 3000),
    ("30299", 500, 3000),
    ("30202", 100, 800),
    ("30205", 100, 500),
    ("30206", 500, 2500),
    ("30207", 300, 1500),
    ("30209", 500, 3000),
    ("30213", 200, 2000),
    ("30215", 200, 1500),
    ("30216", 200, 1500),
    ("30239", 1000, 6000),
)
VEHICLE_RUNNING = ("30231", 10000, 25000)  # per vehicle
PENSION = ("30302", 30000, 60000)  # per retiree

# Economic lines that have their own function 项 (the rest go to the unit's 行政运行 / 事业运行).
PERSONNEL_FUNCTION = {"30108": "2080505", "30109": "2080506", "30111": "2101103", "30113": "2210201"}


@dataclass(frozen=True)
class ProjectPlan:
    name: str
    code: str  # function 项
    lines: tuple[tuple[str, int, int], ...]  # economic 款, amount range in 元
    source: str = GENERAL_PUBLIC
    years: int = 1  # 项目总预算 covers this many years
    goal: str = ""


@dataclass(frozen=True)
class DepartmentPlan:
    key: str  # file name stem
    department_name: str
    short_name: str
    fiscal_year: int
    administrative: bool  # 行政单位 (else 事业单位)
    run_code: str  # the 项 carrying ordinary basic expenditure: 行政运行 / 事业运行
    authorized: int
    actual: int
    retirees: int
    vehicles: int
    projects: tuple[ProjectPlan, ...]
    duties: tuple[str, ...]
    style: Style
    contact: Contact
    reporter: str
    business: tuple[tuple[str, int, int], ...] = ()  # 事业单位经营支出: function 项, range in 元
    affiliates: tuple[tuple[str, int, int], ...] = ()  # 对附属单位补助支出: function 项, range in 元
    rent_subsidy: bool = False  # 2210202 提租补贴
    misprint: str | None = None  # 项 whose 支出预算总表 合计 is printed MISPRINT too high


@dataclass(frozen=True)
class Execution:
    """How a year's budget was spent, for a final account (决算) built from the budget's plan
    and random draws: the share of each project (by name) or basic economic 款 spent (0 drops
    it; absent means spent in full), and projects added during the year."""

    spent: Mapping[str, Decimal] = field(default_factory=dict)
    added: tuple[ProjectPlan, ...] = ()


@dataclass(frozen=True)
class _Item:
    """One line item: an amount with its economic and function class and who pays for it."""

    economic: str
    function: str
    amount: Decimal
    source: str
    measure: str  # basic | project | business | subsidy_to_affiliates


class _Draw:
    def __init__(self, rng: random.Random, unit: str) -> None:
        self.rng = rng
        self.quantum = 10000 if unit == WAN_YUAN else 1  # in fen: 100 元 or 1 分

    def amount(self, low: int, high: int) -> Decimal:
        """An amount in [low, high] 元, on the unit's quantum."""
        q = self.quantum
        return from_fen(self.rng.randint(max(1, low * 100 // q), max(1, high * 100 // q)) * q)


def build(plan: DepartmentPlan, rng: random.Random, execution: Execution | None = None) -> PublishedBudget:
    """The budget of ``plan``; with ``execution``, the final account of the same year: the same
    draws (pass a generator seeded as the budget's), then spent as ``execution`` says."""
    draw = _Draw(rng, plan.style.unit)
    items = _basic_items(plan, draw)
    project_items = {
        p.name: [_Item(econ, p.code, draw.amount(lo, hi), p.source, "project") for econ, lo, hi in p.lines]
        for p in plan.projects
    }
    # In the economic group of 收支预算总表 经营支出 count as 商品和服务支出, 对附属单位补助 as 其他支出.
    tail = [_Item("30299", code, draw.amount(lo, hi), OPERATING_INCOME, "business") for code, lo, hi in plan.business]
    tail += [
        _Item("39999", code, draw.amount(lo, hi), OTHER_INCOME, "subsidy_to_affiliates")
        for code, lo, hi in plan.affiliates
    ]
    budgeted_three_public = None
    if execution is not None:
        budgeted_three_public = _three_public(items + [i for lines in project_items.values() for i in lines] + tail)
        # Added projects are drawn last, so that every budgeted amount keeps its draw.
        project_items.update(
            {
                p.name: [_Item(econ, p.code, draw.amount(lo, hi), p.source, "project") for econ, lo, hi in p.lines]
                for p in execution.added
            }
        )
        items = [_spent(i, execution.spent.get(i.economic), draw) for i in items]
        project_items = {
            name: [_spent(i, execution.spent.get(name), draw) for i in lines] for name, lines in project_items.items()
        }
        plan = replace(plan, projects=plan.projects + execution.added)
    items += [i for lines in project_items.values() for i in lines] + tail
    items = [i for i in items if i.amount]

    year = plan.fiscal_year
    expenditure = _function_rows(_leaves(items), year)
    if plan.misprint:
        expenditure = tuple(_misprinted(r) if r.code == plan.misprint else r for r in expenditure)
    general = _function_rows(_leaves(i for i in items if i.source == GENERAL_PUBLIC), year)
    fund = _function_rows(_leaves(i for i in items if i.source == GOVERNMENT_FUND), year)
    state = _function_rows(_leaves(i for i in items if i.source == STATE_CAPITAL), year)
    if len(state) > 1 and plan.style.template == HUBEI:
        raise ValueError(f"{plan.key}: the Wuhan template has no 国有资本经营预算 income row")
    basic = [i for i in items if i.measure == "basic"]
    sheets = tuple(_project_sheet(p, project_items[p.name], year) for p in plan.projects)
    budget = PublishedBudget(
        department_name=plan.department_name,
        short_name=plan.short_name,
        fiscal_year=year,
        staffing=Staffing(plan.authorized, plan.actual, plan.retirees, plan.administrative),
        summary=_summary(items, (expenditure,)),
        fiscal_summary=_summary([i for i in items if i.source in FISCAL_SOURCES], (general, fund, state)),
        expenditure=expenditure,
        general_public=general,
        government_fund=fund if len(fund) > 1 else (),
        fund_empty_note=f"本部门{year}年无政府性基金预算收支，此表为空表。" if len(fund) <= 1 else "",
        state_capital=state if len(state) > 1 else (),
        state_capital_empty_note=f"本部门{year}年无国有资本经营预算收支，此表为空表。" if len(state) <= 1 else "",
        basic_economic=_economic_rows(basic),
        three_public=_three_public(items),
        contact=plan.contact,
        revenue_by_function=_function_rows(_source_leaves(items), year),
        project_sheets=sheets,
        document_kind="budget" if execution is None else "final_account",
        three_public_budgeted=budgeted_three_public,
    )
    if plan.style.template == HUBEI and execution is None:
        return _with_department_sheet(budget, plan, rng)
    return budget


def _spent(item: _Item, share: Decimal | None, draw: _Draw) -> _Item:
    """The item as spent: ``share`` of it, on the unit's quantum (so 万元 figures stay exact)."""
    if share is None:
        return item
    fen = int(item.amount * 100 * share) // draw.quantum * draw.quantum
    return replace(item, amount=from_fen(fen))


def _basic_items(plan: DepartmentPlan, draw: _Draw) -> list[_Item]:
    staff = plan.actual
    salary = SALARY + ((BONUS,) if plan.administrative else ())
    optional = [o for o in OPERATING[6:] if draw.rng.random() < 0.6]
    lines = [(econ, lo * staff, hi * staff) for econ, lo, hi in (*salary, *OPERATING[:6], *optional)]
    if plan.vehicles:
        econ, lo, hi = VEHICLE_RUNNING
        lines.append((econ, lo * plan.vehicles, hi * plan.vehicles))
    if plan.retirees:
        econ, lo, hi = PENSION
        lines.append((econ, lo * plan.retirees, hi * plan.retirees))
    medical = "2101101" if plan.administrative else "2101102"
    retired = "2080501" if plan.administrative else "2080502"
    targets = {**PERSONNEL_FUNCTION, "30110": medical, "30302": retired}
    items = [
        _Item(econ, targets.get(econ, plan.run_code), draw.amount(lo, hi), GENERAL_PUBLIC, "basic")
        for econ, lo, hi in sorted(lines)
    ]
    if plan.rent_subsidy:
        items.append(_Item("30199", "2210202", draw.amount(800 * staff, 2400 * staff), GENERAL_PUBLIC, "basic"))
    return items


def _leaves(items: Iterable[_Item]) -> dict[str, dict[str, Decimal]]:
    """项 code -> measure -> amount, with total = the sum of the parts."""
    leaves: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for item in items:
        leaf = leaves[item.function]
        leaf[item.measure] += item.amount
        leaf["total"] += item.amount
    return leaves


def _source_leaves(items: Iterable[_Item]) -> dict[str, dict[str, Decimal]]:
    """项 code -> income source -> amount, for the national 部门收入总表."""
    leaves: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for item in items:
        leaves[item.function][item.source] += item.amount
        leaves[item.function]["total"] += item.amount
    return leaves


def _sum_rows(leaves: Mapping[str, Mapping[str, Decimal]], codes: Iterable[str]) -> dict[str, Decimal]:
    total: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for code in codes:
        for measure, amount in leaves[code].items():
            total[measure] += amount
    return dict(total)


def _function_rows(leaves: Mapping[str, Mapping[str, Decimal]], year: int) -> tuple[Row, ...]:
    """合计, then each 类 with its 款 and their 项, in code order; parents are sums of 项."""
    codes = sorted(leaves)
    rows = [Row(None, "合计", _sum_rows(leaves, codes))]
    for cls in sorted({c[:3] for c in codes}):
        rows.append(Row(cls, function_name(cls, year), _sum_rows(leaves, [c for c in codes if c[:3] == cls])))
        for kuan in sorted({c[:5] for c in codes if c[:3] == cls}):
            rows.append(Row(kuan, function_name(kuan, year), _sum_rows(leaves, [c for c in codes if c[:5] == kuan])))
            rows += [Row(c, function_name(c, year), dict(leaves[c])) for c in codes if c[:5] == kuan]
    return tuple(rows)


def _economic_rows(basic: list[_Item]) -> tuple[Row, ...]:
    """一般公共预算基本支出表: 人员经费 = 301 + 303, 日常公用经费 = 302."""
    leaves: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for item in basic:
        measure = "public_operating" if item.economic.startswith("302") else "personnel"
        leaves[item.economic][measure] += item.amount
        leaves[item.economic]["total"] += item.amount
    codes = sorted(leaves)
    rows = [Row(None, "合计", _sum_rows(leaves, codes))]
    for cls in sorted({c[:3] for c in codes}):
        rows.append(Row(cls, ECONOMIC_NAMES[cls], _sum_rows(leaves, [c for c in codes if c[:3] == cls])))
        rows += [Row(c, ECONOMIC_NAMES[c], dict(leaves[c])) for c in codes if c[:3] == cls]
    return tuple(rows)


def _misprinted(row: Row) -> Row:
    return Row(row.code, row.name, {**row.amounts, "total": row.amount("total") + MISPRINT})


def _summary(items: list[_Item], tables: tuple[tuple[Row, ...], ...]) -> Summary:
    """收支预算总表 over ``items``; its function 类 are the 类 rows of ``tables`` (支出预算总表, or
    for the 财政拨款 summary the general-budget and fund tables), so that they match exactly."""
    income: dict[str, Decimal] = defaultdict(lambda: ZERO)
    economic: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for item in items:
        income[item.source] += item.amount
        economic[item.economic[:3]] += item.amount
    function: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for table in tables:
        for row in table:
            if row.code and len(row.code) == 3:
                function[row.code] += row.amount("total")
    carried = income.pop(CARRIED_OVER, ZERO)
    spent = sum((i.amount for i in items), ZERO)
    return Summary(
        income=dict(income),
        economic=dict(economic),
        function=dict(function),
        income_total=sum(income.values(), ZERO),
        expenditure_total=spent,
        carried_over=carried,
    )


def _three_public(items: list[_Item]) -> ThreePublic:
    def paid(econ: str, measure: str) -> Decimal:
        return sum(
            (i.amount for i in items if i.economic == econ and i.measure == measure and i.source in FISCAL_SOURCES),
            ZERO,
        )

    def paid_any(econ: str) -> Decimal:
        return paid(econ, "basic") + paid(econ, "project")

    return ThreePublic(
        outbound_travel=paid("30212", "basic"),
        vehicle_purchase=paid("31013", "project"),
        vehicle_operation=paid("30231", "basic"),
        official_reception=paid("30217", "basic"),
        meetings=paid_any("30215"),
        training=paid_any("30216"),
    )


def _project_sheet(plan: ProjectPlan, items: list[_Item], year: int) -> ProjectSheet:
    current = sum((i.amount for i in items), ZERO)
    details = tuple((ECONOMIC_NAMES[i.economic], i.amount, f"按{year}年工作计划及相关标准测算。") for i in items)
    purchases = tuple(
        (ECONOMIC_NAMES[i.economic].replace("购置", "") or "设备", "1", i.amount)
        for i in items
        if i.economic.startswith("310")
    )
    goal = plan.goal or f"保障{plan.name}按计划实施，提升工作质量和服务水平。"
    return ProjectSheet(
        name=plan.name,
        total_budget=current * plan.years,
        current_budget=current,
        details=details,
        purchases=purchases,
        plan=f"按照年度工作安排实施{plan.name}，专款专用，加强过程管理。",
        change_note="持续性项目。" if plan.years > 1 else f"{year}年新增项目。",
        goal=goal,
        indicators=(
            ("产出指标", "质量指标", f"{plan.name}完成质量", "达标"),
            ("产出指标", "时效指标", "按期完成率", "100%"),
            ("效益指标", "社会效益指标", goal[:20], "有效提升"),
        ),
        source=plan.source,
    )


def _with_department_sheet(budget: PublishedBudget, plan: DepartmentPlan, rng: random.Random) -> PublishedBudget:
    """部门整体支出绩效目标表 (the Wuhan template prints one): funding in 万元 with one decimal,
    this year's from the tables, the two years before invented."""
    s = budget.summary
    total = s.income_grand_total
    fiscal = sum((s.source(k) for k in FISCAL_SOURCES), ZERO)
    basic = budget.expenditure[0].amount("basic")
    tenth = Decimal("0.1")
    before = [(total / WAN * rng.randint(60, 115) / 100).quantize(tenth) for _ in range(2)]
    before_basic = [(t * rng.randint(15, 45) / 100).quantize(tenth) for t in before]
    funding = (
        ("财政拨款", wan_text(fiscal, 1), percent_text(fiscal, total), *map(str, before)),
        ("其他资金", wan_text(total - fiscal, 1), percent_text(total - fiscal, total), "0", "0"),
        ("合计", wan_text(total, 1), "100", *map(str, before)),
        ("基本支出", wan_text(basic, 1), percent_text(basic, total), *map(str, before_basic)),
        (
            "项目支出",
            wan_text(total - basic, 1),
            percent_text(total - basic, total),
            *(str(t - b) for t, b in zip(before, before_basic, strict=True)),
        ),
        ("合计", wan_text(total, 1), "100", *map(str, before)),
    )
    sheet = DepartmentSheet(
        reporter=plan.reporter,
        funding=funding,
        overview="".join(plan.duties),
        tasks=f"围绕{plan.short_name}{budget.fiscal_year}年度重点工作，保障机构正常运转，"
        f"实施{len(plan.projects)}个项目。",
        long_term_goal=f"全面履行{plan.short_name}职能，提升公共服务水平。",
        annual_goals=tuple(f"目标 {i}：{p.name}按计划完成。" for i, p in enumerate(plan.projects, 1)),
        indicators=tuple(("产出指标", "质量指标", p.name, "100%") for p in plan.projects[:4]),
    )
    return replace(budget, department_sheet=sheet)
