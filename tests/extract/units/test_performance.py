"""extract.tables.performance: the 部门整体支出绩效目标表's funding block in, its amounts out."""

from __future__ import annotations

from decimal import Decimal

from extract import model as m
from extract.regions import Part, TableRegion
from extract.tables.performance import PerformanceReader
from tests.extract.units.pagekit import line, page


def _department_form():
    # The seed's 表9: the header says 单位：元, the body 万元; 占比 prints 100 on every row.
    lines = [
        line(40, ("2021年部门整体支出绩效目标表", 20)),
        line(60, ("单位：元", 400)),
        line(80, ("部门名称", 20), ("武汉市硚口区大数据中心", 120)),
        line(100, ("项目", 20), ("当年预算收支(单位：万元)", 120), ("占比", 280), ("2019年", 340), ("2020年", 420)),
        line(120, ("收入构成", 20), ("财政拨款", 70), ("2120.2", 140), ("100", 285), ("29", 345), ("207.4", 425)),
        line(140, ("其他资金", 70), ("0", 140), ("100", 285), ("254.6", 345), ("397", 425)),
        line(160, ("合计", 70), ("2120.2", 140), ("100", 285), ("283.6", 345), ("604.4", 425)),
        line(180, ("支出构成", 20), ("基本支出", 70), ("231.7", 140), ("100", 285)),
        line(200, ("项目支出", 70), ("1888.5", 140), ("100", 285)),
        line(220, ("合计", 70), ("2120.2", 140), ("100", 285)),
        line(260, ("年度绩效指标", 20)),
    ]
    p = page(lines)
    return TableRegion(m.PERFORMANCE_TARGETS, lines[0].text, "元", [Part(p, 0, p.height, True)])


def test_the_funding_block_is_read_by_year_column_in_the_unit_its_body_names():
    got = {(ln.line_key, ln.measure): ln.amount_yuan for ln in PerformanceReader().read(_department_form())}
    w = Decimal(10000)
    assert got == {
        ("income_fiscal_grant", "total"): Decimal("2120.2") * w,
        ("income_fiscal_grant", "two_years_before"): 29 * w,
        ("income_fiscal_grant", "previous_year"): Decimal("207.4") * w,
        ("income_other", "total"): 0 * w,
        ("income_other", "two_years_before"): Decimal("254.6") * w,
        ("income_other", "previous_year"): 397 * w,
        ("income_total", "total"): Decimal("2120.2") * w,
        ("income_total", "two_years_before"): Decimal("283.6") * w,
        ("income_total", "previous_year"): Decimal("604.4") * w,
        ("expenditure_basic", "total"): Decimal("231.7") * w,
        ("expenditure_project", "total"): Decimal("1888.5") * w,
        ("expenditure_total", "total"): Decimal("2120.2") * w,
    }  # 占比 (100 on every row) is no amount


def test_funding_totals_are_subtotals_and_every_line_is_in_wan_yuan():
    lines = PerformanceReader().read(_department_form())
    assert {ln.unit for ln in lines} == {"万元"}
    assert {ln.line_key for ln in lines if ln.is_subtotal} == {"income_total", "expenditure_total"}
    assert {ln.classification for ln in lines} == {"other"}
