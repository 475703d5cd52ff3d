"""The standard tables of a budget disclosure (eight, or nine with 国有资本经营预算支出表), laid out
in a template and a style.

Every amount cell carries its truth (a BudgetLine in the vocabulary of ``extract.model``),
so the truth is exactly what is printed: a blank cell has none, a printed 0.00 has one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from budget_etl.sample.budget import (
    BUSINESS_INCOME,
    CARRIED_OVER,
    GENERAL_PUBLIC,
    GOVERNMENT_FUND,
    OPERATING_INCOME,
    OTHER_INCOME,
    STATE_CAPITAL,
    PublishedBudget,
    Row,
    Summary,
)
from budget_etl.sample.codes import (
    HUBEI_COVID_BOND_LABEL,
    HUBEI_ECONOMIC_LABELS,
    HUBEI_FUNCTION_LABELS,
    NATIONAL_CLASSES,
    NATIONAL_COVID_BOND_CLASS,
    NATIONAL_STATE_CAPITAL_CLASS,
    chinese_number,
    covid_bond_year,
)
from budget_etl.sample.grid import CENTER, RIGHT, Cell, Column, PrintedTable, header_grid
from budget_etl.sample.money import ZERO, printed
from budget_etl.sample.style import HUBEI, NATIONAL, Style
from extract.model import (
    EXPENDITURE_SUMMARY,
    FISCAL_GRANT_SUMMARY,
    GENERAL_PUBLIC_BASIC_EXPENDITURE,
    GENERAL_PUBLIC_EXPENDITURE,
    GOVERNMENT_FUND_EXPENDITURE,
    REVENUE_EXPENDITURE_SUMMARY,
    REVENUE_SUMMARY,
    STATE_CAPITAL_EXPENDITURE,
    THREE_PUBLIC_EXPENSES,
    BudgetLine,
)

FUNCTION, ECONOMIC, REVENUE, THREE_PUBLIC, OTHER = "function", "economic", "revenue", "three_public", "other"

TITLES = {  # table_kind -> (hubei title, national title)
    REVENUE_EXPENDITURE_SUMMARY: ("收支预算总表", "部门收支总表"),
    REVENUE_SUMMARY: ("收入预算总表", "部门收入总表"),
    EXPENDITURE_SUMMARY: ("支出预算总表", "部门支出总表"),
    FISCAL_GRANT_SUMMARY: ("财政拨款收支预算总表", "财政拨款收支总表"),
    GENERAL_PUBLIC_EXPENDITURE: ("一般公共预算支出表", "一般公共预算支出表"),
    GENERAL_PUBLIC_BASIC_EXPENDITURE: ("一般公共预算基本支出表", "一般公共预算基本支出表"),
    GOVERNMENT_FUND_EXPENDITURE: ("政府性基金预算支出表", "政府性基金预算支出表"),
    STATE_CAPITAL_EXPENDITURE: ("国有资本经营预算支出表", "国有资本经营预算支出表"),
    THREE_PUBLIC_EXPENSES: ('财政拨款"三公"经费支出表', "一般公共预算“三公”经费支出表"),
}
# A final account (决算) prints the national 决算 titles whatever its budget template.
FINAL_ACCOUNT_TITLES = {
    REVENUE_EXPENDITURE_SUMMARY: "收入支出决算总表",
    REVENUE_SUMMARY: "收入决算表",
    EXPENDITURE_SUMMARY: "支出决算表",
    FISCAL_GRANT_SUMMARY: "财政拨款收入支出决算总表",
    GENERAL_PUBLIC_EXPENDITURE: "一般公共预算财政拨款支出决算表",
    GENERAL_PUBLIC_BASIC_EXPENDITURE: "一般公共预算财政拨款基本支出决算表",
    GOVERNMENT_FUND_EXPENDITURE: "政府性基金预算财政拨款支出决算表",
    STATE_CAPITAL_EXPENDITURE: "国有资本经营预算财政拨款支出决算表",
    THREE_PUBLIC_EXPENSES: "一般公共预算财政拨款“三公”经费支出决算表",
}
# The 三公 table of Style.three_public_office_operating, as Shanghai titles it.
OFFICE_OPERATING_TITLE = "“三公”经费和机关运行经费预算表"

# Income rows: label as printed, line_key (the label without its ordinal), sources summed, is_subtotal.
IncomeSpec = tuple[str, str, tuple[str, ...], bool]
HUBEI_FISCAL_INCOME: tuple[IncomeSpec, ...] = (
    ("一.财政拨款（补助）", "财政拨款（补助）", (GENERAL_PUBLIC, GOVERNMENT_FUND), True),
    ("（一）公共预算财政拨款（补助）", "公共预算财政拨款（补助）", (GENERAL_PUBLIC,), True),
    ("1.经费拨款（补助）", "经费拨款（补助）", (GENERAL_PUBLIC,), False),
    ("2.行政事业单位资产收益拨款", "行政事业单位资产收益拨款", (), False),
    ("3.其他纳入预算管理的非税拨款", "其他纳入预算管理的非税拨款", (), False),
    ("4.上级专项转移支付补助", "上级专项转移支付补助", (), False),
    ("（二）政府性基金预算财政拨款", "政府性基金预算财政拨款", (GOVERNMENT_FUND,), True),
    ("1.政府性基金财政拨款", "政府性基金财政拨款", (GOVERNMENT_FUND,), False),
    ("2.政府性基金专项转移支付", "政府性基金专项转移支付", (), False),
)
HUBEI_OTHER_INCOME: tuple[IncomeSpec, ...] = (
    ("二.事业收入", "事业收入", (BUSINESS_INCOME,), True),
    ("1.其他事业收入", "其他事业收入", (BUSINESS_INCOME,), False),
    ("2.专户管理的事业收入", "专户管理的事业收入", (), False),
    ("三.事业单位经营收入", "事业单位经营收入", (OPERATING_INCOME,), False),
    ("四.上级补助收入", "上级补助收入", (), False),
    ("五.附属单位上缴收入", "附属单位上缴收入", (), False),
    ("六.其他收入", "其他收入", (OTHER_INCOME,), False),
    ("七.动用事业基金", "动用事业基金", (), False),
)
HUBEI_CARRY_OVER: tuple[IncomeSpec, ...] = (
    ("八.上年结余（转）", "carried_over", (CARRIED_OVER,), True),
    ("上年财政拨款结余（转）", "上年财政拨款结余（转）", (CARRIED_OVER,), False),
    ("其他结余（转）", "其他结余（转）", (), False),
)
NATIONAL_INCOME: tuple[IncomeSpec, ...] = (
    ("一、一般公共预算拨款收入", "一般公共预算拨款收入", (GENERAL_PUBLIC,), False),
    ("二、政府性基金预算拨款收入", "政府性基金预算拨款收入", (GOVERNMENT_FUND,), False),
    ("三、国有资本经营预算拨款收入", "国有资本经营预算拨款收入", (STATE_CAPITAL,), False),
    ("四、财政专户管理资金收入", "财政专户管理资金收入", (), False),
    ("五、事业收入", "事业收入", (BUSINESS_INCOME,), False),
    ("六、事业单位经营收入", "事业单位经营收入", (OPERATING_INCOME,), False),
    ("七、上级补助收入", "上级补助收入", (), False),
    ("八、附属单位上缴收入", "附属单位上缴收入", (), False),
    ("九、其他收入", "其他收入", (OTHER_INCOME,), False),
)

# Columns of the function-coded tables, per template: (header text, measure).
EXPENDITURE_PARTS = {
    HUBEI: (
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("事业单位经营支出", "business"),
        ("对附属单位补助支出", "subsidy_to_affiliates"),
        ("上缴上级支出", "remit_to_superior"),
    ),
    NATIONAL: (
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("事业单位经营支出", "business"),
        ("上缴上级支出", "remit_to_superior"),
        ("对附属单位补助支出", "subsidy_to_affiliates"),
    ),
}
BASIC_AND_PROJECT = (("基本支出", "basic"), ("项目支出", "project"))
# The 部门收入总表's columns: (header text, income source of the budget, measure the warehouse
# reads it as, extract/headers.py).
REVENUE_MATRIX = (
    ("合计", "total", "total"),
    ("上年结转", CARRIED_OVER, "carried_over"),
    ("一般公共预算拨款收入", GENERAL_PUBLIC, "general_public_budget"),
    ("政府性基金预算拨款收入", GOVERNMENT_FUND, "government_fund_budget"),
    ("事业收入", BUSINESS_INCOME, "public_service_income"),
    ("事业单位经营收入", OPERATING_INCOME, "business_income"),
    ("其他收入", OTHER_INCOME, "other_income"),
)

# The 部门收入总表 column of a department with 国有资本经营预算 income, after the fund column.
STATE_CAPITAL_COLUMN = ("国有资本经营预算拨款收入", STATE_CAPITAL, "state_capital_budget")

Pair = tuple[Cell, Cell]


class TableMaker:
    """Lays out one department's standard tables in one style."""

    def __init__(self, budget: PublishedBudget, style: Style) -> None:
        self.budget = budget
        self.style = style
        self.hubei = style.template == HUBEI
        self.year = budget.fiscal_year
        self.final = budget.document_kind == "final_account"
        # The amount column's heading: 预算数 in a budget, 决算数 in a final account.
        self.amount_heading = "决算数" if self.final else "预算数"
        # A 决算 prints the nine tables of its template, 国有资本经营 included (domain.md §1.3),
        # whatever its department's budgets print.
        missing_capital = self.final and STATE_CAPITAL_EXPENDITURE not in style.order
        self.order = (*style.order, STATE_CAPITAL_EXPENDITURE) if missing_capital else style.order

    def tables(self) -> list[PrintedTable]:
        makers: dict[str, Callable[[int], PrintedTable]] = {
            REVENUE_EXPENDITURE_SUMMARY: self.revenue_expenditure_summary,
            REVENUE_SUMMARY: self.revenue_summary,
            EXPENDITURE_SUMMARY: self.expenditure_summary,
            FISCAL_GRANT_SUMMARY: self.fiscal_grant_summary,
            GENERAL_PUBLIC_EXPENDITURE: self.general_public_expenditure,
            GENERAL_PUBLIC_BASIC_EXPENDITURE: self.basic_expenditure,
            GOVERNMENT_FUND_EXPENDITURE: self.fund_expenditure,
            STATE_CAPITAL_EXPENDITURE: self.state_capital_expenditure,
            THREE_PUBLIC_EXPENSES: self.three_public,
        }
        return [makers[kind](n) for n, kind in enumerate(self.order, 1)]

    # --- cells -------------------------------------------------------------------------

    def amount(
        self,
        kind: str,
        classification: str,
        code: str | None,
        key: str | None,
        label: str,
        measure: str,
        amount: Decimal,
        subtotal: bool,
    ) -> Cell:
        """An amount cell: blank for zero unless the style prints 0.00; with its truth line."""
        if not amount and not self.style.zero_cells:
            return Cell()
        text = printed(amount, self.style.unit, self.style.thousands)
        line = BudgetLine(kind, classification, code, key, label, measure, amount, subtotal, 0, self.style.unit)
        return Cell(text, RIGHT, line=line)

    def frame(
        self,
        kind: str,
        n: int,
        columns: Sequence[Column],
        rows,
        *,
        print_header: bool = True,
        name: str | None = None,
        **extra,
    ) -> PrintedTable:
        name = name or (FINAL_ACCOUNT_TITLES[kind] if self.final else TITLES[kind][0 if self.hubei else 1])
        title, number_line = self.style.title(self.style.number(n), name, self.year, self.budget.department_name)
        header, widths = header_grid(tuple(columns))
        return PrintedTable(
            kind=kind,
            title=title,
            unit=self.style.unit,
            widths=widths,
            header=header if print_header else (),
            rows=tuple(rows),
            number_line=number_line,
            unit_left=self.style.unit_line_left(n, self.budget.department_name),
            landscape=self.style.landscape,
            **extra,
        )

    # --- coded tables (支出预算总表, 一般公共预算支出表, 政府性基金, 基本支出) -----------------

    def code_columns(self, economic: bool) -> list[Column]:
        label = "科目编码" if self.hubei else ("经济分类科目编码" if economic else "功能分类科目编码")
        if not self.style.split_codes:
            return [Column(label, 1.0)]
        parts = ("类", "款") if economic else ("类", "款", "项")
        return [Column(label, children=tuple(Column(p, 0.45) for p in parts))]

    def code_width(self, economic: bool) -> int:
        return (2 if economic else 3) if self.style.split_codes else 1

    def code_cells(self, row: Row, economic: bool) -> list[Cell]:
        """The code as printed: one column, or 类 | 款 | 项 with 款 rows showing only their 款 digits."""
        n = self.code_width(economic)
        if row.code is None:
            return [Cell() for _ in range(n)]
        if not self.style.split_codes:
            return [Cell(row.code)]
        code = row.code
        if len(code) == 3:
            parts = [code] + [""] * (n - 1)
        elif len(code) == 5 and not economic:
            parts = ["", code[3:5], ""]
        else:
            parts = [code[:3], code[3:5], code[5:7]][:n]
        return [Cell(p, CENTER) for p in parts]

    def coded_rows(self, kind: str, rows: Sequence[Row], measures: Sequence[str], economic: bool):
        classification = ECONOMIC if economic else FUNCTION
        n_code = self.code_width(economic)
        for row in rows:
            if row.code is None:
                # The Wuhan template prints 合计 in the code column, the national one in the name column.
                lead = (
                    [Cell("合计", CENTER, span=n_code), Cell()]
                    if self.hubei
                    else [*(Cell() for _ in range(n_code)), Cell("合计", CENTER)]
                )
                subtotal, key = True, "total"
            else:
                lead = [*self.code_cells(row, economic), Cell(row.name)]
                subtotal = len(row.code) == 3 if economic else len(row.code) < 7
                key = None
            label = row.name if row.code else "合计"
            amounts = [
                self.amount(kind, classification, row.code, key, label, m, row.amount(m), subtotal) for m in measures
            ]
            yield tuple(lead + amounts)

    def function_table(self, kind: str, n: int, rows: Sequence[Row], parts, total_text: str, **extra):
        measures = ["total"] + [m for _, m in parts]
        name_label = "科目名称" if self.hubei else "功能分类科目名称"
        parts_columns = tuple(Column(text) for text, _ in parts)
        if self.hubei:
            amount_columns = [Column(total_text), Column("其中：", children=parts_columns)]
        else:
            amount_columns = [Column(total_text), *parts_columns]
        columns = [*self.code_columns(False), Column(name_label, 2.6), *amount_columns]
        return self.frame(kind, n, columns, self.coded_rows(kind, rows, measures, False), **extra)

    def expenditure_summary(self, n: int) -> PrintedTable:
        parts = EXPENDITURE_PARTS[self.style.template]
        return self.function_table(EXPENDITURE_SUMMARY, n, self.budget.expenditure, parts, "合计")

    def general_public_expenditure(self, n: int) -> PrintedTable:
        total = self.amount_heading if self.hubei else "合计"
        return self.function_table(GENERAL_PUBLIC_EXPENDITURE, n, self.budget.general_public, BASIC_AND_PROJECT, total)

    def fund_expenditure(self, n: int) -> PrintedTable:
        rows = self.budget.government_fund
        note = None if rows else self.budget.fund_empty_note
        if not self.hubei:
            return self.function_table(GOVERNMENT_FUND_EXPENDITURE, n, rows, BASIC_AND_PROJECT, "合计", empty_note=note)
        # The seed's header: 功能科目分类 over 科目编码 | 科目名称, then 合计, 其中：基本支出 | 项目支出.
        codes = self.code_columns(False)
        columns = [
            Column("功能科目分类", children=(*codes, Column("科目名称", 2.6))),
            Column("合计"),
            Column("其中：", children=tuple(Column(t) for t, _ in BASIC_AND_PROJECT)),
        ]
        measures = ["total", "basic", "project"]
        return self.frame(
            GOVERNMENT_FUND_EXPENDITURE,
            n,
            columns,
            self.coded_rows(GOVERNMENT_FUND_EXPENDITURE, rows, measures, False),
            empty_note=note,
        )

    def state_capital_expenditure(self, n: int) -> PrintedTable:
        rows = self.budget.state_capital
        note = None if rows else self.budget.state_capital_empty_note
        return self.function_table(STATE_CAPITAL_EXPENDITURE, n, rows, BASIC_AND_PROJECT, "合计", empty_note=note)

    def basic_expenditure(self, n: int) -> PrintedTable:
        kind = GENERAL_PUBLIC_BASIC_EXPENDITURE
        measures = ["total", "personnel", "public_operating"]
        codes = self.code_columns(True)
        if self.hubei:
            columns = [
                *codes,
                Column("科目名称", 2.6),
                Column(self.amount_heading),
                Column("其中：", children=(Column("人员经费"), Column("日常公用经费"))),
            ]
        else:
            columns = [
                Column("部门预算支出经济分类科目", children=(*codes, Column("科目名称", 2.6))),
                Column("本年一般公共预算基本支出", children=(Column("合计"), Column("人员经费"), Column("公用经费"))),
            ]
        return self.frame(kind, n, columns, self.coded_rows(kind, self.budget.basic_economic, measures, True))

    # --- summaries (收支预算总表, 收入预算总表, 财政拨款收支预算总表) --------------------------

    def income_pairs(self, kind: str, summary: Summary, specs: Sequence[IncomeSpec]) -> list[Pair]:
        pairs = []
        for label, key, sources, subtotal in specs:
            amount = sum((summary.source(s) for s in sources), ZERO)
            pairs.append((Cell(label), self.amount(kind, REVENUE, None, key, label, "total", amount, subtotal)))
        return pairs

    def total_pair(
        self,
        kind: str,
        classification: str,
        key: str,
        label: str,
        amount: Decimal,
        subtotal: bool = True,
    ) -> Pair:
        return Cell(label), self.amount(kind, classification, None, key, label, "total", amount, subtotal)

    def group_pairs(self, kind: str, classification: str, labels, amounts) -> list[Pair]:
        return [
            (Cell(label), self.amount(kind, classification, code, None, label, "total", amounts.get(code, ZERO), False))
            for label, code in labels
        ]

    def hubei_function_labels(self) -> tuple[tuple[str, str], ...]:
        return HUBEI_FUNCTION_LABELS + ((HUBEI_COVID_BOND_LABEL,) if covid_bond_year(self.year) else ())

    def hubei_summary(self, kind: str, n: int, summary: Summary, fiscal: bool) -> PrintedTable:
        income = self.income_pairs(kind, summary, HUBEI_FISCAL_INCOME)
        if not fiscal:
            # The seed leaves one empty row between the 财政拨款 block and 二.事业收入.
            income += [(Cell(), Cell()), *self.income_pairs(kind, summary, HUBEI_OTHER_INCOME)]
        groups = [
            income,
            self.group_pairs(kind, ECONOMIC, HUBEI_ECONOMIC_LABELS, summary.economic),
            self.group_pairs(kind, FUNCTION, self.hubei_function_labels(), summary.function),
        ]
        expenditure_total = [
            self.total_pair(kind, c, "expenditure_total", "本年支出合计", summary.expenditure_total)
            for c in (ECONOMIC, FUNCTION)
        ]
        year_end = [
            self.total_pair(kind, c, "year_end_balance", "年终结余", summary.year_end_balance, False)
            for c in (ECONOMIC, FUNCTION)
        ]
        grand = [
            self.total_pair(kind, c, "expenditure_grand_total", "本年支出总计", summary.expenditure_grand_total)
            for c in (ECONOMIC, FUNCTION)
        ]
        blank = (Cell(), Cell())
        income_total = self.total_pair(kind, REVENUE, "income_total", "本年收入合计", summary.income_total)
        grand_label = "本年收入总计" if fiscal else self.style.income_grand_label
        income_grand = self.total_pair(kind, REVENUE, "income_grand_total", grand_label, summary.income_grand_total)
        if fiscal:
            bottom = [[income_total, *expenditure_total], [blank, *year_end], [income_grand, *grand]]
        else:
            carry, carry_fiscal, carry_other = self.income_pairs(kind, summary, HUBEI_CARRY_OVER)
            bottom = [
                [income_total, *expenditure_total],
                [carry, blank, blank],
                [carry_fiscal, *year_end],
                [carry_other, blank, blank],
                [income_grand, *grand],
            ]
        columns = [
            Column("收入", children=(Column("项目", 2.2), Column(self.amount_heading, 1.0))),
            Column("经济分类支出", children=(Column("项目", 1.9), Column(self.amount_heading, 1.0))),
            Column("功能分类支出", children=(Column("科目", 2.2), Column(self.amount_heading, 1.0))),
        ]
        return self.frame(kind, n, columns, side_by_side(groups) + [flatten(r) for r in bottom])

    def national_classes(self) -> tuple[tuple[str, str], ...]:
        """The 类 of the national 收支总表, in code order; 223 where a 国有资本经营预算支出表 is printed."""
        if STATE_CAPITAL_EXPENDITURE not in self.order:
            return NATIONAL_CLASSES
        return tuple(sorted((*NATIONAL_CLASSES, NATIONAL_STATE_CAPITAL_CLASS)))

    def national_summary(self, kind: str, n: int) -> PrintedTable:
        summary = self.budget.summary
        income = self.income_pairs(kind, summary, NATIONAL_INCOME)
        if self.style.all_classes:
            classes = self.national_classes() + ((NATIONAL_COVID_BOND_CLASS,) if covid_bond_year(self.year) else ())
        else:
            classes = tuple((c, name) for c, name in self.national_classes() if summary.function.get(c))
        labels = [(f"{chinese_number(i)}、{name}", code) for i, (code, name) in enumerate(classes, 1)]
        function = self.group_pairs(kind, FUNCTION, labels, summary.function)
        bottom = [
            [
                self.total_pair(kind, REVENUE, "income_total", "本年收入合计", summary.income_total),
                self.total_pair(kind, FUNCTION, "expenditure_total", "本年支出合计", summary.expenditure_total),
            ],
            [
                self.total_pair(kind, REVENUE, "carried_over", "上年结转结余", summary.carried_over, False),
                self.total_pair(kind, FUNCTION, "year_end_balance", "年末结转结余", summary.year_end_balance, False),
            ],
            [
                self.total_pair(kind, REVENUE, "income_grand_total", "收入总计", summary.income_grand_total),
                self.total_pair(kind, FUNCTION, "expenditure_grand_total", "支出总计", summary.expenditure_grand_total),
            ],
        ]
        columns = [
            Column("收入", children=(Column("项目", 2.4), Column(self.amount_heading, 1.0))),
            Column("支出", children=(Column("项目", 2.4), Column(self.amount_heading, 1.0))),
        ]
        return self.frame(kind, n, columns, side_by_side([income, function]) + [flatten(r) for r in bottom])

    def revenue_expenditure_summary(self, n: int) -> PrintedTable:
        if self.hubei:
            return self.hubei_summary(REVENUE_EXPENDITURE_SUMMARY, n, self.budget.summary, fiscal=False)
        return self.national_summary(REVENUE_EXPENDITURE_SUMMARY, n)

    def fiscal_grant_summary(self, n: int) -> PrintedTable:
        if self.hubei:
            return self.hubei_summary(FISCAL_GRANT_SUMMARY, n, self.budget.fiscal_summary, fiscal=True)
        return self.national_fiscal_summary(n)

    def national_fiscal_summary(self, n: int) -> PrintedTable:
        """财政拨款收支总表 with one expenditure column per fund (measures as extract/headers.py reads them)."""
        kind, summary = FISCAL_GRANT_SUMMARY, self.budget.fiscal_summary
        income = self.income_pairs(kind, summary, NATIONAL_INCOME[:3])
        # One column per fund: 一般公共预算, 政府性基金预算 (and 国有资本经营预算 where there is any).
        funds = [
            ("一般公共预算", "general_public_budget", self.budget.general_public),
            ("政府性基金预算", "government_fund_budget", self.budget.government_fund),
        ]
        if self.budget.state_capital:
            funds.append(("国有资本经营预算", "state_capital_budget", self.budget.state_capital))
        measures = ("total", *(measure for _, measure, _ in funds))
        by_fund = [{r.code: r.amount("total") for r in rows if r.code and len(r.code) == 3} for *_, rows in funds]
        fund_totals = [sum(classes.values(), ZERO) for classes in by_fund]
        expenditure = []
        for i, (code, name) in enumerate(((c, m) for c, m in self.national_classes() if summary.function.get(c)), 1):
            label = f"{chinese_number(i)}、{name}"
            amounts = (summary.function[code], *(classes.get(code, ZERO) for classes in by_fund))
            expenditure.append(
                (
                    Cell(label),
                    *(
                        self.amount(kind, FUNCTION, code, None, label, measure, a, False)
                        for measure, a in zip(measures, amounts, strict=True)
                    ),
                )
            )
        rows = side_by_side([income, expenditure])
        totals = (
            (
                "income_total",
                "本年收入合计",
                summary.income_total,
                "expenditure_total",
                "本年支出合计",
                summary.expenditure_total,
            ),
            (
                "income_grand_total",
                "收入总计",
                summary.income_grand_total,
                "expenditure_grand_total",
                "支出总计",
                summary.expenditure_grand_total,
            ),
        )
        for income_key, income_label, income_amount, spend_key, spend_label, spend_amount in totals:
            rows.append(
                (
                    *self.total_pair(kind, REVENUE, income_key, income_label, income_amount),
                    Cell(spend_label),
                    *(
                        self.amount(kind, FUNCTION, None, spend_key, spend_label, measure, a, True)
                        for measure, a in zip(measures, (spend_amount, *fund_totals), strict=True)
                    ),
                )
            )
        columns = [
            Column("收入", children=(Column("项目", 2.2), Column(self.amount_heading))),
            Column("支出", children=(Column("项目", 2.2), Column("合计"), *(Column(name) for name, *_ in funds))),
        ]
        return self.frame(kind, n, columns, rows)

    def revenue_summary(self, n: int) -> PrintedTable:
        if not self.hubei:
            return self.revenue_matrix(n)
        kind, summary = REVENUE_SUMMARY, self.budget.summary
        pairs = self.income_pairs(kind, summary, HUBEI_FISCAL_INCOME + HUBEI_OTHER_INCOME)
        if self.style.revenue_summary_top_blank:
            pairs[0] = (pairs[0][0], Cell())
        carry = self.income_pairs(kind, summary, HUBEI_CARRY_OVER)
        rows = [
            *pairs,
            self.total_pair(kind, REVENUE, "income_total", "本年收入合计", summary.income_total),
            *carry,
            self.total_pair(
                kind, REVENUE, "income_grand_total", self.style.income_grand_label, summary.income_grand_total
            ),
        ]
        # The seed prints this table without any header row.
        return self.frame(kind, n, [Column("", 3.0), Column("", 1.0)], rows, print_header=False)

    def revenue_matrix(self, n: int) -> PrintedTable:
        """部门收入总表: income by function code (合计, 类, 款, 项) and source column."""
        kind = REVENUE_SUMMARY
        matrix = list(REVENUE_MATRIX)
        if self.budget.state_capital:
            fund_column = next(i for i, (_, source, _) in enumerate(matrix) if source == GOVERNMENT_FUND)
            matrix.insert(fund_column + 1, STATE_CAPITAL_COLUMN)
        rows = []
        for row in self.budget.revenue_by_function:
            lead = [*self.code_cells(row, False), Cell(row.name if row.code else "合计")]
            key, label = (None, row.name) if row.code else ("total", "合计")
            subtotal = row.code is None or len(row.code) < 7
            rows.append(
                tuple(
                    lead
                    + [
                        self.amount(kind, FUNCTION, row.code, key, label, measure, row.amount(source), subtotal)
                        for _, source, measure in matrix
                    ]
                )
            )
        columns = [*self.code_columns(False), Column("功能分类科目名称", 2.4), *(Column(text) for text, *_ in matrix)]
        return self.frame(kind, n, columns, rows)

    # --- "三公" -----------------------------------------------------------------------------

    def three_public(self, n: int) -> PrintedTable:
        if self.final:
            return self.three_public_final(n)
        kind, tp = THREE_PUBLIC_EXPENSES, self.budget.three_public
        if self.style.three_public_meetings_training and (self.style.three_public_list or self.hubei):
            raise ValueError("会议费 and 培训费 are laid out in the national 三公 grid only")
        if self.style.three_public_office_operating and (
            self.style.three_public_list or self.style.three_public_meetings_training
        ):
            raise ValueError("机关运行经费 is laid out beside the 三公 grid without 会议费 and 培训费 only")
        below_fund = (
            self.style.three_public_below_fund
            and self.order.index(kind) == self.order.index(GOVERNMENT_FUND_EXPENDITURE) + 1
        )

        def cell(key: str, label: str, amount: Decimal, subtotal: bool = False) -> Cell:
            return self.amount(kind, THREE_PUBLIC, None, key, label, "total", amount, subtotal)

        if self.style.three_public_list:
            items = (
                ("total", "合计", tp.total, True),
                ("outbound_travel", "1.因公出国（境）费", tp.outbound_travel, False),
                ("vehicle_total", "2.公务用车购置及运行维护费", tp.vehicle_total, True),
                ("vehicle_purchase", "其中：公务用车购置费", tp.vehicle_purchase, False),
                ("vehicle_operation", "公务用车运行维护费", tp.vehicle_operation, False),
                ("official_reception", "3.公务接待费", tp.official_reception, False),
            )
            rows = [(Cell(label), cell(key, label, amount, sub)) for key, label, amount, sub in items]
            return self.frame(
                kind, n, [Column("项目", 3.0), Column(self.amount_heading, 1.2)], rows, continue_on_page=below_fund
            )
        if self.hubei:
            # The seed's order: 运行维护费 before 购置费, 公务接待费 last.
            vehicle = Column(
                "公务用车购置及运行维护费",
                children=(Column("小计"), Column("其中：公务用车运行维护费"), Column("公务用车购置费")),
            )
            # The seed's first header row is the merged caption "三公"经费支出表.
            columns = [
                Column(
                    '"三公"经费支出表',
                    children=(Column("合计"), Column("因公出国（境）费"), vehicle, Column("公务接待费")),
                )
            ]
            cells = [
                cell("total", "合计", tp.total, True),
                cell("outbound_travel", "因公出国（境）费", tp.outbound_travel),
                cell("vehicle_total", "小计", tp.vehicle_total, True),
                cell("vehicle_operation", "其中：公务用车运行维护费", tp.vehicle_operation),
                cell("vehicle_purchase", "公务用车购置费", tp.vehicle_purchase),
                cell("official_reception", "公务接待费", tp.official_reception),
            ]
        else:
            vehicle = Column(
                "公务用车购置及运行费", children=(Column("小计"), Column("公务用车购置费"), Column("公务用车运行费"))
            )
            columns = [Column("合计"), Column("因公出国（境）费"), Column("公务接待费"), vehicle]
            cells = [
                cell("total", "合计", tp.total, True),
                cell("outbound_travel", "因公出国（境）费", tp.outbound_travel),
                cell("official_reception", "公务接待费", tp.official_reception),
                cell("vehicle_total", "小计", tp.vehicle_total, True),
                cell("vehicle_purchase", "公务用车购置费", tp.vehicle_purchase),
                cell("vehicle_operation", "公务用车运行费", tp.vehicle_operation),
            ]
            if self.style.three_public_meetings_training:
                # 合计 of all five, then the 三公 under their own 小计, then 会议费 and 培训费.
                columns = [
                    Column("合计"),
                    Column("“三公”经费", children=(Column("小计"), *columns[1:])),
                    Column("会议费"),
                    Column("培训费"),
                ]
                cells = [
                    cell("total_with_meetings_training", "合计", tp.total_with_meetings_training, True),
                    cell("total", "小计", tp.total, True),
                    *cells[1:],
                    cell("meetings", "会议费", tp.meetings),
                    cell("training", "培训费", tp.training),
                ]
        if self.style.three_public_office_operating:
            office = self.budget.basic_economic[0].amount("public_operating")
            columns = [*columns, Column("机关运行经费")]
            # Not a 三公 item: classified as the extractor classifies it.
            cells = [
                *cells,
                self.amount(kind, OTHER, None, "office_operating_expenses", "机关运行经费", "total", office, False),
            ]
            return self.frame(
                kind, n, columns, [tuple(cells)], continue_on_page=below_fund, name=OFFICE_OPERATING_TITLE
            )
        return self.frame(kind, n, columns, [tuple(cells)], continue_on_page=below_fund)

    def three_public_final(self, n: int) -> PrintedTable:
        """The 决算 三公 table: 预算数 | 决算数 under every item (the national 决算 template)."""
        kind, spent, budgeted = THREE_PUBLIC_EXPENSES, self.budget.three_public, self.budget.three_public_budgeted
        if budgeted is None:
            raise ValueError("a final account's 三公 table prints the year's budget beside what was spent")

        def pair(caption: str, caption_rows: int = 1) -> Column:
            return Column(caption, children=(Column("预算数"), Column("决算数")), caption_rows=caption_rows)

        items = (
            ("total", "合计", True),
            ("outbound_travel", "因公出国（境）费", False),
            ("vehicle_total", "小计", True),
            ("vehicle_purchase", "公务用车购置费", False),
            ("vehicle_operation", "公务用车运行费", False),
            ("official_reception", "公务接待费", False),
        )
        columns = [
            pair("合计", 2),
            pair("因公出国（境）费", 2),
            Column("公务用车购置及运行费", children=(pair("小计"), pair("公务用车购置费"), pair("公务用车运行费"))),
            pair("公务接待费", 2),
        ]
        cells = []
        for key, label, subtotal in items:
            for measure, amounts in (("budgeted_total", budgeted), ("total", spent)):
                amount = getattr(amounts, key)
                cells.append(self.amount(kind, THREE_PUBLIC, None, key, label, measure, amount, subtotal))
        return self.frame(kind, n, columns, [tuple(cells)])


def side_by_side(groups: Sequence[Sequence[tuple[Cell, ...]]]) -> list[tuple[Cell, ...]]:
    """Column groups of different lengths printed next to each other, as in 收支预算总表; a group
    that has run out of rows leaves its cells blank."""
    height = max(len(g) for g in groups)
    blanks = [(Cell(),) * len(g[0]) for g in groups]
    return [
        tuple(c for g, blank in zip(groups, blanks, strict=True) for c in (g[i] if i < len(g) else blank))
        for i in range(height)
    ]


def flatten(pairs: Sequence[Pair]) -> tuple[Cell, ...]:
    return tuple(c for pair in pairs for c in pair)
