"""extract.tables.coded_table, summary_table and three_public: one small table's lines in, BudgetLines out.

Amounts are placed by the x-position of their column's header, never by their order in the
line: the tests print rows whose empty cells leave nothing, as the disclosures do.
"""

from __future__ import annotations

from decimal import Decimal

from extract import model as m
from extract.layout import Rule, TextLine, Token
from extract.regions import Part, TableRegion
from extract.tables.coded_table import parse_coded_table
from extract.tables.summary_table import parse_summary_table
from extract.tables.three_public import parse_three_public
from tests.extract.units.pagekit import SIZE, line, page


def _region(kind: str, lines, unit="万元", **kw) -> TableRegion:
    p = page(lines, **kw)
    return TableRegion(kind, lines[0].text, unit, [Part(p, 0, p.height, True)])


def _facts(lines) -> set[tuple]:
    return {(ln.code, ln.line_key, ln.classification, ln.measure, ln.amount_yuan, ln.is_subtotal) for ln in lines}


def _general_public(rows):
    return [
        line(40, ("2021年一般公共预算支出表", 20)),
        line(60, ("单位：万元", 380)),
        line(80, ("科目编码", 20), ("科目名称", 80), ("合计", 220), ("基本支出", 300), ("项目支出", 380)),
        *rows,
    ]


def test_coded_rows_become_lines_per_filled_column():
    rows = [
        line(100, ("合计", 80), ("2,120.19", 220), ("231.69", 300), ("1,888.50", 380)),
        line(120, ("201", 20), ("一般公共服务支出", 80), ("157.44", 220), ("157.44", 300)),
        line(140, ("2010250", 20), ("事业运行", 80), ("14.42", 220), ("14.42", 300)),
        line(160, ("215", 20), ("资源勘探工业信息等支出", 80), ("1,888.50", 220), ("1,888.50", 380)),
    ]
    result = parse_coded_table(_region(m.GENERAL_PUBLIC_EXPENDITURE, _general_public(rows)), "万元")
    y = Decimal(10000)
    assert _facts(result.lines) == {
        (None, "total", "function", "total", Decimal("2120.19") * y, True),
        (None, "total", "function", "basic", Decimal("231.69") * y, True),
        (None, "total", "function", "project", Decimal("1888.50") * y, True),
        ("201", None, "function", "total", Decimal("157.44") * y, True),
        ("201", None, "function", "basic", Decimal("157.44") * y, True),
        ("2010250", None, "function", "total", Decimal("14.42") * y, False),
        ("2010250", None, "function", "basic", Decimal("14.42") * y, False),
        ("215", None, "function", "total", Decimal("1888.50") * y, True),
        ("215", None, "function", "project", Decimal("1888.50") * y, True),
    }
    assert result.empty_note is None
    by_code = {(ln.code, ln.measure): ln for ln in result.lines}
    assert by_code[("2010250", "total")].line_label == "事业运行"
    assert by_code[("2010250", "total")].source_page == 1
    assert by_code[("2010250", "basic")].amount_box == (300, 140, 330, 150)  # "14.42": 5 chars of 6 pt


def test_a_code_split_over_columns_is_joined_and_a_wrapped_name_stitched():
    lines = [
        line(40, ("2021年一般公共预算支出表", 20)),
        line(80, ("类", 20), ("款", 45), ("项", 70), ("科目名称", 100), ("合计", 260)),
        line(100, ("201", 20), ("一般公共服务支出", 100), ("157.44", 260)),
        line(120, ("03", 45), ("政府办公厅（室）及相关", 100), ("143.02", 260)),
        line(134, ("机构事务", 100)),
        line(150, ("50", 70), ("事业运行", 100), ("143.02", 260)),
    ]
    result = parse_coded_table(_region(m.GENERAL_PUBLIC_EXPENDITURE, lines), "万元")
    assert [(ln.code, ln.line_label, ln.amount_yuan, ln.is_subtotal) for ln in result.lines] == [
        ("201", "一般公共服务支出", Decimal("1574400.00"), True),
        ("20103", "政府办公厅（室）及相关机构事务", Decimal("1430200.00"), True),
        ("2010350", "事业运行", Decimal("1430200.00"), False),
    ]


def test_basic_expenditure_rows_are_economic():
    lines = [
        line(40, ("2021年一般公共预算基本支出表", 20)),
        line(80, ("科目编码", 20), ("科目名称", 80), ("合计", 220), ("人员经费", 300), ("日常公用经费", 380)),
        line(100, ("301", 20), ("工资福利支出", 80), ("213.81", 220), ("213.81", 300)),
        line(120, ("30201", 20), ("办公费", 80), ("5.00", 220), ("5.00", 380)),
    ]
    result = parse_coded_table(_region(m.GENERAL_PUBLIC_BASIC_EXPENDITURE, lines), "万元")
    assert {(ln.code, ln.classification, ln.measure, ln.is_subtotal) for ln in result.lines} == {
        ("301", "economic", "total", True),
        ("301", "economic", "personnel", True),
        ("30201", "economic", "total", False),
        ("30201", "economic", "public_operating", False),
    }


def test_office_operating_rows_are_economic_with_their_total():
    # js_high_court_2018_budget.pdf p.14: one amount column, 机关运行经费支出, under the 合计 row.
    lines = [
        line(40, ("十一、2018年度江苏省高级人民法院一般公共预算机关运行经费支出预算表", 20)),
        line(60, ("单位：万元", 380)),
        line(80, ("科目编码", 20), ("科目名称", 80), ("机关运行经费支出", 300)),
        line(100, ("合计", 80), ("3,407.38", 300)),
        line(120, ("302", 20), ("商品和服务支出", 80), ("3,407.38", 300)),
        line(140, ("30201", 20), ("办公费", 80), ("350.00", 300)),
        line(160, ("30231", 20), ("公务用车运行维护费", 80), ("266.80", 300)),
    ]
    result = parse_coded_table(_region(m.OFFICE_OPERATING_EXPENDITURE, lines), "万元")
    assert _facts(result.lines) == {
        (None, "total", "economic", "total", Decimal("34073800.00"), True),
        ("302", None, "economic", "total", Decimal("34073800.00"), True),
        ("30201", None, "economic", "total", Decimal("3500000.00"), False),
        ("30231", None, "economic", "total", Decimal("2668000.00"), False),
    }
    assert {ln.table_kind for ln in result.lines} == {m.OFFICE_OPERATING_EXPENDITURE}


def test_a_stated_empty_table_yields_its_note_and_no_lines():
    lines = [
        line(40, ("2021年政府性基金预算支出表", 20)),
        line(80, ("科目编码", 20), ("科目名称", 80), ("合计", 220), ("基本支出", 300), ("项目支出", 380)),
        line(100, ("本单位2021年无政府性基金预算。", 20)),
    ]
    result = parse_coded_table(_region(m.GOVERNMENT_FUND_EXPENDITURE, lines), "万元")
    assert result.lines == [] and result.empty_note == "本单位2021年无政府性基金预算。"


def _three_public(data_cells):
    # Columns: 合计 | 因公出国（境）费 | 公务用车 小计 | 运行维护费 | 购置费 | 公务接待费 (the seed's order).
    xs = (10, 70, 170, 240, 310, 380, 470)
    vehicle = Token("公务用车购置及运行维护费", 175, 375, 80, 80 + SIZE, SIZE)
    lines = [
        line(40, ("2021年财政拨款“三公”经费支出表", 20)),
        TextLine(
            [
                Token("合计", 20, 32, 80, 90, SIZE),
                Token("因公出国（境）费", 75, 123, 80, 90, SIZE),
                vehicle,
                Token("公务接待费", 390, 420, 80, 90, SIZE),
            ]
        ),
        line(100, ("小计", 180), ("运行维护费", 245), ("购置费", 315)),
        line(120, *data_cells),
    ]
    return _region(m.THREE_PUBLIC_EXPENSES, lines, vrules=[Rule(x, 75, 135) for x in xs])


def test_three_public_cells_are_read_by_header_position():
    lines, note = parse_three_public(_three_public([("0.60", 20), ("0.60", 400)]), "万元")
    assert [(ln.line_key, ln.measure, ln.amount_yuan, ln.is_subtotal) for ln in lines] == [
        ("total", "total", Decimal("6000.00"), True),
        ("official_reception", "total", Decimal("6000.00"), False),
    ]
    assert note is None and {ln.classification for ln in lines} == {"three_public"}


def test_three_public_vehicle_columns_follow_their_header_order():
    cells = [("1.60", 20), ("1.00", 180), ("1.00", 245), ("0.60", 400)]
    lines, _ = parse_three_public(_three_public(cells), "万元")
    assert [(ln.line_key, ln.amount_yuan) for ln in lines] == [
        ("total", Decimal("16000.00")),
        ("vehicle_total", Decimal("10000.00")),
        ("vehicle_operation", Decimal("10000.00")),
        ("official_reception", Decimal("6000.00")),
    ]


def test_summary_groups_side_by_side_are_read_by_their_header_span():
    # 收入 | 支出（按功能分类）: the function group has a row more, printed alone on its line.
    lines = [
        line(40, ("2021年部门收支预算总表", 20)),
        TextLine([Token("收入", 20, 180, 80, 90, SIZE), Token("支出（按功能分类）", 200, 370, 80, 90, SIZE)]),
        line(100, ("项目", 20), ("预算数", 120), ("项目", 200), ("预算数", 310)),
        line(120, ("一、财政拨款", 20), ("2,120.19", 120), ("一、一般公共服务支出", 200), ("157.44", 310)),
        line(140, ("二、事业收入", 20), ("0.00", 120), ("二、资源勘探工业信息等支出", 200), ("1,888.50", 310)),
        line(160, ("三、住房保障支出", 200), ("74.25", 310)),
        line(180, ("本年收入合计", 20), ("2,120.19", 120), ("本年支出合计", 200), ("2,120.19", 310)),
    ]
    region = _region(m.REVENUE_EXPENDITURE_SUMMARY, lines, vrules=[Rule(x, 75, 195) for x in (10, 110, 190, 300, 380)])
    got = [
        (ln.classification, ln.code, ln.line_key, ln.amount_yuan, ln.is_subtotal)
        for ln in parse_summary_table(region, "万元")
    ]
    assert got == [
        ("revenue", None, "财政拨款", Decimal("21201900.00"), False),
        ("revenue", None, "事业收入", Decimal("0.00"), False),
        ("revenue", None, "income_total", Decimal("21201900.00"), True),
        ("function", "201", None, Decimal("1574400.00"), False),
        ("function", "215", None, Decimal("18885000.00"), False),
        ("function", "221", None, Decimal("742500.00"), False),
        ("function", None, "expenditure_total", Decimal("21201900.00"), True),
    ]
