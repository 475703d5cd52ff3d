"""绩效目标表: the 部门整体支出绩效目标表 and one 部门项目支出绩效目标表 (项目申报表) per project.

These are forms rather than tables, printed in 元 even in a 万元 document. Their amounts are not
part of the truth lines (the contract has no vocabulary for them yet); ``SampleDocument``
carries each project's 项目当年预算 / 项目总预算 instead.
"""

from __future__ import annotations

from decimal import Decimal

from budget_etl.sample.budget import (
    BUSINESS_INCOME,
    CARRIED_OVER,
    FISCAL_SOURCES,
    ProjectSheet,
    PublishedBudget,
)
from budget_etl.sample.grid import CENTER, RIGHT, Cell, PrintedTable
from budget_etl.sample.money import YUAN
from budget_etl.sample.style import Style
from extract.model import PERFORMANCE_TARGETS

WIDTHS = (1.0,) * 8  # an 8-column grid; every form row spans it with its own cells


def _money(amount: Decimal) -> str:
    """Form amounts: 17006699.00, and a bare 0 for nothing, as the seed prints them."""
    return f"{amount:.2f}" if amount else "0"


def _row(*cells: tuple[str, int] | Cell) -> tuple[Cell, ...]:
    return tuple(c if isinstance(c, Cell) else Cell(c[0], span=c[1]) for c in cells)


def _band(text: str) -> tuple[Cell, ...]:
    return (Cell(text, CENTER, span=8),)


def department_table(budget: PublishedBudget, style: Style, n: int) -> PrintedTable:
    sheet = budget.department_sheet
    assert sheet is not None  # performance_tables asks only when there is one
    year = budget.fiscal_year
    rows = [
        _row(("部门名称", 2), (budget.department_name, 6)),
        _row(("填报人", 2), (sheet.reporter, 2), ("联系电话", 2), (budget.contact.phone, 2)),
        _row(
            ("部门总体资金情况（万元）", 3),
            ("当年预算收支(单位：万元)", 2),
            ("占比", 1),
            (f"{year - 2} 年", 1),
            (f"{year - 1} 年", 1),
        ),
    ]
    for i, (label, current, share, before, last) in enumerate(sheet.funding):
        group = ("收入构成" if i == 0 else "支出构成" if i == 3 else "", 1)
        rows.append(
            _row(group, (label, 2), Cell(current, RIGHT, 2), Cell(share, RIGHT), Cell(before, RIGHT), Cell(last, RIGHT))
        )
    rows += [
        _row(("部门职能概述", 2), (sheet.overview, 6)),
        _row(("年度工作任务", 2), (sheet.tasks, 6)),
        _row(("整体绩效目标", 2), ("长期目标", 3), ("年度目标", 3)),
        _row(("", 2), (sheet.long_term_goal, 3), ("\n".join(sheet.annual_goals), 3)),
        _band("年度绩效指标"),
        _row(("一级指标", 2), ("二级指标", 2), ("指标名称", 2), ("指标值", 2)),
        *(_row((a, 2), (b, 2), (c, 2), (d, 2)) for a, b, c, d in sheet.indicators),
    ]
    title, number_line = style.title(
        style.number(n), "部门整体支出绩效目标表", year, budget.department_name, year_word=False
    )
    return PrintedTable(
        kind=PERFORMANCE_TARGETS,
        title=title,
        unit=YUAN,
        widths=WIDTHS,
        header=(),
        rows=tuple(rows),
        number_line=number_line,
        unit_left=style.unit_line_left(n, budget.department_name),
        truth_complete=False,
    )


def project_table(budget: PublishedBudget, style: Style, number: str, sheet: ProjectSheet) -> PrintedTable:
    year, contact, name = budget.fiscal_year, budget.contact, budget.department_name

    def paid_by(*sources: str) -> Decimal:
        return sheet.current_budget if sheet.source in sources else Decimal(0)

    sources = (
        ("1.财政拨款收入", paid_by(*FISCAL_SOURCES)),
        ("其中申请当年预算拨款", paid_by(*FISCAL_SOURCES)),
        ("2.事业收入", paid_by(BUSINESS_INCOME)),
        ("3.上级补助收入", Decimal(0)),
        ("4.附属单位上缴收入", Decimal(0)),
        ("5.事业单位经营收入", Decimal(0)),
        ("6.其他收入", Decimal(0)),
        ("7.用事业基金弥补收支差额", Decimal(0)),
        ("8.上年结转", paid_by(CARRIED_OVER)),
        ("其中：使用上年度财政拨款结余结转", paid_by(CARRIED_OVER)),
    )
    rows = [
        _row(("项目名称", 2), (sheet.name, 6)),
        _row(("项目主管部门", 2), (name, 2), ("项目执行单位", 2), (name, 2)),
        _row(("项目负责人", 2), (contact.project_lead, 2), ("联系电话", 2), (contact.phone, 2)),
        _row(("单位地址", 2), (contact.address, 2), ("邮政编码", 2), (contact.postcode, 2)),
        _row(("项目类型", 2), (sheet.project_type, 6)),
    ]
    if sheet.basis:
        rows.append(_row(("项目立项依据", 2), (sheet.basis, 6)))
    rows += [
        _row(("项目实施方案", 2), (sheet.plan, 6)),
        _row(
            ("项目总预算", 2),
            Cell(_money(sheet.total_budget), RIGHT, 2),
            ("项目当年预算", 2),
            Cell(_money(sheet.current_budget), RIGHT, 2),
        ),
        _row(("年度", 2), ("预算数", 2), ("执行数", 2), ("执行率", 2)),
        _row((f"{year - 2} 年", 2), ("", 2), ("", 2), ("", 2)),
        _row((f"{year - 1} 年", 2), ("", 2), ("", 2), ("", 2)),
        _row((f"{year} 年变动说明", 2), (sheet.change_note, 6)),
        _band("项目资金来源"),
        _row(("资金来源项目", 4), ("金额", 4)),
        *(_row((label, 4), Cell(_money(amount), RIGHT, 4)) for label, amount in sources),
        _band("项目支出明细测算"),
        _row(("经济科目", 2), ("金额", 2), ("测算依据及说明", 3), ("备注", 1)),
        *(
            _row((econ, 2), Cell(_money(amount), RIGHT, 2), (basis, 3), ("", 1))
            for econ, amount, basis in sheet.details
        ),
    ]
    if sheet.purchases:
        rows += [
            _band("项目采购"),
            _row(("采购品名", 4), ("采购数量", 2), ("金额", 2)),
            *(
                _row((item, 4), Cell(qty, CENTER, 2), Cell(_money(amount), RIGHT, 2))
                for item, qty, amount in sheet.purchases
            ),
        ]
    rows += [
        _row(("项目绩效总目标", 2), (sheet.goal, 6)),
        _band("年度绩效目标表"),
        _row(("一级指标", 2), ("二级指标", 2), ("指标内容", 2), ("指标值", 2)),
        *(_row((a, 2), (b, 2), (c, 2), (d, 2)) for a, b, c, d in sheet.indicators),
    ]
    title, number_line = style.title(number, "部门项目支出绩效目标表", year, name, year_word=False)
    return PrintedTable(
        kind=PERFORMANCE_TARGETS,
        title=title,
        unit=YUAN,
        widths=WIDTHS,
        header=(),
        rows=tuple(rows),
        number_line=number_line,
        subtitles=("项目申报表",),
        truth_complete=False,
    )


def performance_tables(budget: PublishedBudget, style: Style, n: int) -> list[PrintedTable]:
    """The 绩效目标表 numbered from ``n``: the department sheet (when there is one), then the projects."""
    tables = []
    if budget.department_sheet:
        tables.append(department_table(budget, style, n))
        n += 1
    tables += [
        project_table(budget, style, style.project_number(n, i), sheet)
        for i, sheet in enumerate(budget.project_sheets, 1)
    ]
    return tables
