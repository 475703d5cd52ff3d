"""The warehouse's accounting identities, evaluated on a document's printed lines in Python.

dbt computes the identities (``dbt_project/models/intermediate/identities`` and
``marts.fct_identity_check``); this module is the project's one independent oracle of them,
mirroring check for check the same identity names, subjects, sides, sign of the difference and
rounding tolerance (per document and unit, as ``int_documents__rounding``). It exists because two
answers are needed without a warehouse: the generator must say which catalogued identities a
deliberate misprint breaks, and exactly what the warehouse must report for it, when it writes
the breakers' truth; and the extractor's tests check documents that have no truth file at all
(the shared real and office PDFs) for sums that stop adding up. Nothing else re-implements the
identities: tests that have a warehouse compare ``marts.fct_identity_check`` with the truth's
expected failures. tests/expectations/test_identity_breakers.py holds this module and dbt to the
same answer.

It reads only the lines given, i.e. the truth lines of the tables that carry them: a table the
truth does not itemise (the 绩效目标表) is invisible here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from extract.model import BudgetLine

ZERO = Decimal(0)
CENT = Decimal("0.01")
WAN_YUAN = "万元"

# The catalogue (dbt_project/seeds/identity_catalog.csv), in its order.
REVENUE_EXPENDITURE_BALANCE = "revenue_expenditure_balance"
SUMMARY_INCOME_GRAND_TOTAL = "summary_income_grand_total"
SUMMARY_INCOME_ITEMS_SUM = "summary_income_items_sum"
SUMMARY_FUNCTION_ITEMS_SUM = "summary_function_items_sum"
SUMMARY_ECONOMIC_ITEMS_SUM = "summary_economic_items_sum"
SUMMARY_EXPENDITURE_GRAND_TOTAL = "summary_expenditure_grand_total"
EXPENDITURE_SUMMARY_ROW_SUM = "expenditure_summary_row_sum"
GENERAL_PUBLIC_EXPENDITURE_ROW_SUM = "general_public_expenditure_row_sum"
GOVERNMENT_FUND_EXPENDITURE_ROW_SUM = "government_fund_expenditure_row_sum"
STATE_CAPITAL_EXPENDITURE_ROW_SUM = "state_capital_expenditure_row_sum"
GENERAL_PUBLIC_BASIC_EXPENDITURE_ROW_SUM = "general_public_basic_expenditure_row_sum"
TOTAL_ROW_SUM = "total_row_sum"
FUNCTION_CLASS_SUM = "function_class_sum"
FUNCTION_SECTION_SUM = "function_section_sum"
ECONOMIC_CLASS_SUM = "economic_class_sum"
THREE_PUBLIC_TOTAL_SUM = "three_public_total_sum"
THREE_PUBLIC_VEHICLE_SUM = "three_public_vehicle_sum"
THREE_PUBLIC_WITH_MEETINGS_TRAINING_SUM = "three_public_with_meetings_training_sum"
SUMMARY_FUNCTION_VS_EXPENDITURE_SUMMARY = "summary_function_vs_expenditure_summary"
EXPENDITURE_SUMMARY_TOTAL_VS_SUMMARY = "expenditure_summary_total_vs_summary"
BASIC_EXPENDITURE_TOTAL_VS_GENERAL_PUBLIC = "basic_expenditure_total_vs_general_public"
FISCAL_GRANT_FUNCTION_VS_FUND_TABLES = "fiscal_grant_function_vs_fund_tables"
REVENUE_SUMMARY_VS_SUMMARY = "revenue_summary_vs_summary"
REVENUE_SUMMARY_ROW_SUM = "revenue_summary_row_sum"
BASIC_EXPENDITURE_ECONOMIC_SPLIT = "basic_expenditure_economic_split"
FISCAL_GRANT_SUMMARY_ROW_SUM = "fiscal_grant_summary_row_sum"
REVENUE_SUMMARY_VS_FISCAL_GRANT_INCOME = "revenue_summary_vs_fiscal_grant_income"
REVENUE_SUMMARY_VS_EXPENDITURE_SUMMARY = "revenue_summary_vs_expenditure_summary"

IDENTITIES = (
    REVENUE_EXPENDITURE_BALANCE,
    SUMMARY_INCOME_GRAND_TOTAL,
    SUMMARY_INCOME_ITEMS_SUM,
    SUMMARY_FUNCTION_ITEMS_SUM,
    SUMMARY_ECONOMIC_ITEMS_SUM,
    SUMMARY_EXPENDITURE_GRAND_TOTAL,
    EXPENDITURE_SUMMARY_ROW_SUM,
    GENERAL_PUBLIC_EXPENDITURE_ROW_SUM,
    GOVERNMENT_FUND_EXPENDITURE_ROW_SUM,
    STATE_CAPITAL_EXPENDITURE_ROW_SUM,
    GENERAL_PUBLIC_BASIC_EXPENDITURE_ROW_SUM,
    TOTAL_ROW_SUM,
    FUNCTION_CLASS_SUM,
    FUNCTION_SECTION_SUM,
    ECONOMIC_CLASS_SUM,
    THREE_PUBLIC_TOTAL_SUM,
    THREE_PUBLIC_VEHICLE_SUM,
    THREE_PUBLIC_WITH_MEETINGS_TRAINING_SUM,
    SUMMARY_FUNCTION_VS_EXPENDITURE_SUMMARY,
    EXPENDITURE_SUMMARY_TOTAL_VS_SUMMARY,
    BASIC_EXPENDITURE_TOTAL_VS_GENERAL_PUBLIC,
    FISCAL_GRANT_FUNCTION_VS_FUND_TABLES,
    REVENUE_SUMMARY_VS_SUMMARY,
    REVENUE_SUMMARY_ROW_SUM,
    BASIC_EXPENDITURE_ECONOMIC_SPLIT,
    FISCAL_GRANT_SUMMARY_ROW_SUM,
    REVENUE_SUMMARY_VS_FISCAL_GRANT_INCOME,
    REVENUE_SUMMARY_VS_EXPENDITURE_SUMMARY,
)

SUMMARIES = ("revenue_expenditure_summary", "fiscal_grant_summary")
ROW_SUMS = (
    (
        EXPENDITURE_SUMMARY_ROW_SUM,
        "expenditure_summary",
        ("basic", "project", "business", "subsidy_to_affiliates", "remit_to_superior", "unit_reserve_fund"),
    ),
    (GENERAL_PUBLIC_EXPENDITURE_ROW_SUM, "general_public_expenditure", ("basic", "project", "unit_reserve_fund")),
    (GOVERNMENT_FUND_EXPENDITURE_ROW_SUM, "government_fund_expenditure", ("basic", "project", "unit_reserve_fund")),
    (STATE_CAPITAL_EXPENDITURE_ROW_SUM, "state_capital_expenditure", ("basic", "project", "unit_reserve_fund")),
    (GENERAL_PUBLIC_BASIC_EXPENDITURE_ROW_SUM, "general_public_basic_expenditure", ("personnel", "public_operating")),
)
# 收入预算总表's income-source columns (int_identities__revenue_summary_row_sum).
REVENUE_SOURCES = (
    "carried_over",
    "fiscal_grant",
    "general_public_budget",
    "government_fund_budget",
    "state_capital_budget",
    "special_account_funds",
    "public_service_income",
    "business_income",
    "superior_subsidy_income",
    "affiliate_remittance_income",
    "other_income",
)
# The fund columns of a fiscal grant: 财政拨款收支总表's expenditure side, 收入预算总表's split.
FUNDS = ("general_public_budget", "government_fund_budget", "state_capital_budget")
THREE_PUBLIC_PARTS = ("outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "official_reception")
FIRST_LEVEL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")


@dataclass(frozen=True)
class Check:
    """One row of marts.fct_identity_check, for one document."""

    identity: str
    table_kind: str
    subject: str
    measure: str
    lhs_yuan: Decimal
    rhs_yuan: Decimal
    lhs_unit: str | None
    rhs_unit: str | None
    n_lhs_terms: int
    n_terms: int
    # The rounding each printed cell of a side carries, in 元 (``_rounding``); None for a side
    # in a unit the document does not print, which adds nothing, as the warehouse's coalesce.
    lhs_rounding_yuan: Decimal | None = None
    rhs_rounding_yuan: Decimal | None = None

    @property
    def diff_yuan(self) -> Decimal:
        return self.lhs_yuan.quantize(CENT) - self.rhs_yuan.quantize(CENT)

    @property
    def tolerance_yuan(self) -> Decimal:
        """macros/rounding_tolerance.sql ``identity_tolerance``."""
        return (self.lhs_rounding_yuan or ZERO) * self.n_lhs_terms + (self.rhs_rounding_yuan or ZERO) * self.n_terms

    @property
    def passed(self) -> bool:
        return abs(self.diff_yuan) <= self.tolerance_yuan


def _rounding(lines: list[BudgetLine]) -> dict[str | None, Decimal]:
    """int_documents__rounding: per unit, the half-unit of rounding of a printed cell in 元: 50 for
    万元; for 元, 0.5 when every 元 cell is a whole number (printed to the 元), else 0.005."""
    units: dict[str, bool] = {}
    for ln in lines:
        units[ln.unit] = units.get(ln.unit, True) and ln.amount_yuan == ln.amount_yuan.to_integral_value()
    return {
        unit: Decimal(50) if unit == WAN_YUAN else Decimal("0.5") if whole else Decimal("0.005")
        for unit, whole in units.items()
    }


def evaluate(lines: Iterable[BudgetLine], *, final_account: bool = False) -> list[Check]:
    """Every identity check the warehouse makes on a document printing ``lines``; a few hold
    in budgets only, so the document's kind is needed too."""
    printed = list(lines)
    marked = [_Line(ln, is_total) for ln, is_total in zip(printed, _total_columns(printed), strict=True)]
    out: list[Check] = []
    out += _balance(marked)
    out += _summary_income(marked)
    out += _summary_expenditure(marked)
    for identity, kind, parts in ROW_SUMS:
        out += _row_sum(identity, kind, parts, marked)
    out += _total_row_sum(marked)
    out += _hierarchy(FUNCTION_CLASS_SUM, "function", 3, 5, marked)
    out += _hierarchy(FUNCTION_SECTION_SUM, "function", 5, 7, marked)
    out += _hierarchy(ECONOMIC_CLASS_SUM, "economic", 3, 5, marked)
    out += _three_public(marked)
    out += _class_match(
        SUMMARY_FUNCTION_VS_EXPENDITURE_SUMMARY, "revenue_expenditure_summary", ("expenditure_summary",), marked
    )
    out += _expenditure_summary_total_vs_summary(marked)
    out += _cell_match(
        BASIC_EXPENDITURE_TOTAL_VS_GENERAL_PUBLIC,
        "基本支出表合计 = 一般公共预算支出表合计行基本支出",
        "general_public_basic_expenditure",
        lambda ln: ln.code is None and ln.line_key == "total" and ln.measure == "total",
        "general_public_expenditure",
        lambda ln: ln.code is None and ln.line_key == "total" and ln.measure == "basic",
        marked,
    )
    out += _class_match(
        FISCAL_GRANT_FUNCTION_VS_FUND_TABLES,
        "fiscal_grant_summary",
        ("general_public_expenditure", "government_fund_expenditure", "state_capital_expenditure"),
        marked,
    )
    out += _revenue_summary_vs_summary(marked)
    out += _row_sum(REVENUE_SUMMARY_ROW_SUM, "revenue_summary", REVENUE_SOURCES, marked)
    out += _basic_expenditure_economic_split(marked)
    out += _row_sum(FISCAL_GRANT_SUMMARY_ROW_SUM, "fiscal_grant_summary", FUNDS, marked, classification="function")
    out += _revenue_summary_vs_fiscal_grant_income(marked)
    if not final_account:
        out += _revenue_summary_vs_expenditure_summary(marked)
    rounding = _rounding(printed)
    return [
        replace(c, lhs_rounding_yuan=rounding.get(c.lhs_unit), rhs_rounding_yuan=rounding.get(c.rhs_unit)) for c in out
    ]


def failures(lines: Iterable[BudgetLine], *, final_account: bool = False) -> list[Check]:
    return [c for c in evaluate(lines, final_account=final_account) if not c.passed]


def broken(lines: Iterable[BudgetLine], first: Sequence[str] = (), *, final_account: bool = False) -> list[str]:
    """The identities that fail on ``lines``: those of ``first`` that fail, then the others in
    catalogue order."""
    failed = {c.identity for c in failures(lines, final_account=final_account)}
    return [i for i in first if i in failed] + [i for i in IDENTITIES if i in failed and i not in first]


# --- helpers ----------------------------------------------------------------------------------


class _Line:
    """A printed line with int_budget_lines__current's is_total_column."""

    __slots__ = (  # noqa: RUF023 (not sorted: __init__ copies all but the last from the BudgetLine)
        "table_kind",
        "classification",
        "code",
        "line_key",
        "line_label",
        "measure",
        "amount_yuan",
        "unit",
        "is_total_column",
    )
    table_kind: str
    classification: str
    code: str | None
    line_key: str | None
    line_label: str
    measure: str
    amount_yuan: Decimal
    unit: str
    is_total_column: bool

    def __init__(self, line: BudgetLine, is_total_column: bool) -> None:
        for name in self.__slots__[:-1]:
            setattr(self, name, getattr(line, name))
        self.is_total_column = is_total_column


def _total_columns(lines: list[BudgetLine]) -> list[bool]:
    """The column holding a row's total: 合计 / 预算数 (measure total) or, where a table's group
    prints no such column, 本年支出 (measure expenditure)."""
    with_total = {(ln.table_kind, ln.classification) for ln in lines if ln.measure == "total"}
    return [
        ln.measure == "total" or (ln.measure == "expenditure" and (ln.table_kind, ln.classification) not in with_total)
        for ln in lines
    ]


def _sum(lines: Iterable[_Line]) -> Decimal:
    return sum((ln.amount_yuan for ln in lines), ZERO)


def _min(values: Iterable):
    values = [v for v in values if v is not None]
    return min(values) if values else None


def _group(lines: Iterable[_Line], key) -> dict:
    groups: dict = defaultdict(list)
    for ln in lines:
        groups[key(ln)].append(ln)
    return groups


# --- 收支总表 ----------------------------------------------------------------------------------


def _balance(lines: list[_Line]) -> list[Check]:
    out = []
    for kind in SUMMARIES:
        table = [ln for ln in lines if ln.table_kind == kind and ln.is_total_column]
        revenue = [ln for ln in table if ln.classification == "revenue"]
        if not revenue:
            continue
        income = _first_of(revenue, ("income_grand_total", "income_total"))
        for group in ("economic", "function"):
            members = [ln for ln in table if ln.classification == group]
            if not members or income is None:
                continue
            spent = _first_of(members, ("expenditure_grand_total", "expenditure_total"))
            if spent is None:
                continue
            out.append(
                Check(
                    REVENUE_EXPENDITURE_BALANCE,
                    kind,
                    f"income grand total = {group} expenditure grand total",
                    "total",
                    income,
                    spent,
                    _min(ln.unit for ln in revenue),
                    _min(ln.unit for ln in members),
                    1,
                    1,
                )
            )
    return out


def _first_of(lines: list[_Line], keys: Sequence[str]) -> Decimal | None:
    """coalesce(max(amount) filter (where line_key = k) for k in keys)."""
    for key in keys:
        amounts = [ln.amount_yuan for ln in lines if ln.line_key == key]
        if amounts:
            return max(amounts)
    return None


def _summary_income(lines: list[_Line]) -> list[Check]:
    out = []
    revenue = [ln for ln in lines if ln.table_kind in SUMMARIES and ln.classification == "revenue"]
    for (kind, measure), cell in sorted(_group(revenue, lambda ln: (ln.table_kind, ln.measure)).items()):
        unit = _min(ln.unit for ln in cell)
        grand = [ln for ln in cell if ln.line_key == "income_grand_total"]
        total = [ln for ln in cell if ln.line_key == "income_total"]
        carried = [ln for ln in cell if ln.line_key == "carried_over"]
        items = [ln for ln in cell if _is_first_level_income_item(ln)]
        if grand and total:
            out.append(
                Check(
                    SUMMARY_INCOME_GRAND_TOTAL,
                    kind,
                    f"收入总计 = 本年收入合计 + 上年结转 [{measure}]",
                    measure,
                    _sum(grand),
                    _sum(total) + _sum(carried),
                    unit,
                    unit,
                    len(grand),
                    len(total) + len(carried),
                )
            )
        if total and items:
            out.append(
                Check(
                    SUMMARY_INCOME_ITEMS_SUM,
                    kind,
                    f"本年收入合计 = Σ一级收入项目 [{measure}]",
                    measure,
                    _sum(total),
                    _sum(items),
                    unit,
                    unit,
                    len(total),
                    len(items),
                )
            )
    return out


def _is_first_level_income_item(ln: _Line) -> bool:
    """macros/identities.sql is_first_level_income_item: carry-over and its sub-items
    (carried_over.一般公共预算财政拨款 ...) sit below 本年收入合计."""
    return (
        (ln.line_key or "") not in ("income_total", "income_grand_total")
        and not (ln.line_key or "").startswith("carried_over")
        and FIRST_LEVEL.match(ln.line_label) is not None
    )


def _summary_expenditure(lines: list[_Line]) -> list[Check]:
    out = []
    spending = [ln for ln in lines if ln.table_kind in SUMMARIES and ln.classification in ("function", "economic")]
    groups = _group(spending, lambda ln: (ln.table_kind, ln.classification, ln.measure))
    for (kind, group, measure), cell in sorted(groups.items()):
        unit = _min(ln.unit for ln in cell)

        def keyed(key: str, cell=cell) -> list[_Line]:
            return [ln for ln in cell if ln.line_key == key and ln.code is None]

        total, grand, balance = keyed("expenditure_total"), keyed("expenditure_grand_total"), keyed("year_end_balance")
        items = [ln for ln in cell if ln.code is not None]
        name = "功能分类" if group == "function" else "经济分类"
        if total and items:
            out.append(
                Check(
                    f"summary_{group}_items_sum",
                    kind,
                    f"本年支出合计 = Σ{name}类 [{measure}]",
                    measure,
                    _sum(total),
                    _sum(items),
                    unit,
                    unit,
                    len(total),
                    len(items),
                )
            )
        if grand and total:
            out.append(
                Check(
                    SUMMARY_EXPENDITURE_GRAND_TOTAL,
                    kind,
                    f"支出总计 = 本年支出合计 + 年终结余 ({group}) [{measure}]",
                    measure,
                    _sum(grand),
                    _sum(total) + _sum(balance),
                    unit,
                    unit,
                    len(grand),
                    len(total) + len(balance),
                )
            )
    return out


# --- one table ---------------------------------------------------------------------------------


def _row_sum(
    identity: str, kind: str, parts: Sequence[str], lines: list[_Line], classification: str | None = None
) -> list[Check]:
    table = [ln for ln in lines if ln.table_kind == kind and classification in (None, ln.classification)]
    if not any(ln.measure == "total" for ln in table) or not any(ln.measure in parts for ln in table):
        return []
    out = []
    for key, row in _group(table, lambda ln: ln.code or ln.line_key).items():
        total = [ln for ln in row if ln.measure == "total"]
        terms = [ln for ln in row if ln.measure in parts]
        if not total and not terms:
            continue
        unit = _min(ln.unit for ln in row)
        out.append(
            Check(
                identity,
                kind,
                f"{key} {_min(ln.line_label for ln in row)}",
                "total",
                _sum(total),
                _sum(terms),
                unit,
                unit,
                len(total),
                len(terms),
            )
        )
    return out


def _total_row_sum(lines: list[_Line]) -> list[Check]:
    lines = [ln for ln in lines if ln.table_kind not in (*SUMMARIES, "three_public_expenses")]
    totals = _group(
        [ln for ln in lines if ln.code is None and ln.line_key == "total"], lambda ln: (ln.table_kind, ln.measure)
    )
    classes = _group(
        [
            ln
            for ln in lines
            if ln.code is not None and len(ln.code) == 3 and ln.classification in ("function", "economic")
        ],
        lambda ln: (ln.table_kind, ln.measure),
    )
    kinds = {k for k, _ in totals} & {k for k, _ in classes}
    out = []
    for kind, measure in sorted(set(totals) | set(classes)):
        if kind not in kinds:
            continue
        table_unit = _min(ln.unit for (k, _), cell in totals.items() if k == kind for ln in cell)
        lhs, rhs = totals.get((kind, measure), []), classes.get((kind, measure), [])
        class_unit = _min(ln.unit for ln in rhs)
        out.append(
            Check(
                TOTAL_ROW_SUM,
                kind,
                f"合计 = Σ类 [{measure}]",
                measure,
                _sum(lhs),
                _sum(rhs),
                table_unit,
                class_unit or table_unit,
                len(lhs),
                len(rhs),
            )
        )
    return out


def _hierarchy(
    identity: str, classification: str, parent_length: int, child_length: int, lines: list[_Line]
) -> list[Check]:
    lines = [
        ln
        for ln in lines
        if ln.classification == classification
        and ln.code is not None
        and len(ln.code) in (parent_length, child_length)
        and ln.table_kind not in SUMMARIES
    ]
    parents = _group([ln for ln in lines if len(ln.code or "") == parent_length], lambda ln: (ln.table_kind, ln.code))
    children = _group(
        [ln for ln in lines if len(ln.code or "") == child_length], lambda ln: (ln.table_kind, ln.code[:parent_length])
    )
    out = []
    for (kind, code), parent_lines in sorted(parents.items()):
        child_lines = children.get((kind, code))
        if not child_lines:
            continue
        label, unit = _min(ln.line_label for ln in parent_lines), _min(ln.unit for ln in parent_lines)
        by_measure_parent = _group(parent_lines, lambda ln: ln.measure)
        by_measure_child = _group(child_lines, lambda ln: ln.measure)
        for measure in sorted(set(by_measure_parent) | set(by_measure_child)):
            lhs, rhs = by_measure_parent.get(measure, []), by_measure_child.get(measure, [])
            out.append(
                Check(
                    identity,
                    kind,
                    f"{code} {label} [{measure}]",
                    measure,
                    _sum(lhs),
                    _sum(rhs),
                    unit,
                    _min(ln.unit for ln in rhs) or unit,
                    len(lhs),
                    len(rhs),
                )
            )
    return out


def _three_public(lines: list[_Line]) -> list[Check]:
    lines = [ln for ln in lines if ln.table_kind == "three_public_expenses" and ln.classification == "three_public"]
    keys = {ln.line_key for ln in lines}
    out = []
    for measure, cell in sorted(_group(lines, lambda ln: ln.measure).items()):
        unit = _min(ln.unit for ln in cell)

        def part(key: str, cell=cell) -> tuple[Decimal, int]:
            found = [ln for ln in cell if ln.line_key == key]
            return _sum(found), len(found)

        total, n_total = part("total")
        travel, n_travel = part("outbound_travel")
        reception, n_reception = part("official_reception")
        vehicle, n_vehicle = part("vehicle_total")
        purchase, n_purchase = part("vehicle_purchase")
        operation, n_operation = part("vehicle_operation")
        meetings, n_meetings = part("meetings")
        training, n_training = part("training")
        with_both, n_with_both = part("total_with_meetings_training")
        if n_total and keys & set(THREE_PUBLIC_PARTS):
            cars, n_cars = (vehicle, n_vehicle) if n_vehicle else (purchase + operation, n_purchase + n_operation)
            out.append(
                Check(
                    THREE_PUBLIC_TOTAL_SUM,
                    "three_public_expenses",
                    f"合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费 [{measure}]",
                    measure,
                    total,
                    travel + reception + cars,
                    unit,
                    unit,
                    n_total,
                    n_travel + n_reception + n_cars,
                )
            )
        if n_vehicle and keys & {"vehicle_purchase", "vehicle_operation"}:
            out.append(
                Check(
                    THREE_PUBLIC_VEHICLE_SUM,
                    "three_public_expenses",
                    f"公务用车购置及运行维护费 = 购置费 + 运行维护费 [{measure}]",
                    measure,
                    vehicle,
                    purchase + operation,
                    unit,
                    unit,
                    n_vehicle,
                    n_purchase + n_operation,
                )
            )
        if n_with_both:
            out.append(
                Check(
                    THREE_PUBLIC_WITH_MEETINGS_TRAINING_SUM,
                    "three_public_expenses",
                    f"含会议费、培训费的合计 = 合计 + 会议费 + 培训费 [{measure}]",
                    measure,
                    with_both,
                    total + meetings + training,
                    unit,
                    unit,
                    n_with_both,
                    n_total + n_meetings + n_training,
                )
            )
    return out


# --- across tables -----------------------------------------------------------------------------


def _class_match(identity: str, lhs_table: str, rhs_tables: Sequence[str], lines: list[_Line]) -> list[Check]:
    with_classes = {
        ln.table_kind for ln in lines if ln.classification == "function" and ln.code is not None and len(ln.code) == 3
    }
    if lhs_table not in with_classes or rhs_tables[0] not in with_classes:
        return []
    units = {kind: _min(ln.unit for ln in lines if ln.table_kind == kind) for kind in (lhs_table, rhs_tables[0])}
    classes = [
        ln
        for ln in lines
        if ln.classification == "function" and ln.code is not None and len(ln.code) == 3 and ln.is_total_column
    ]
    lhs = _group([ln for ln in classes if ln.table_kind == lhs_table], lambda ln: ln.code)
    rhs = _group([ln for ln in classes if ln.table_kind in rhs_tables], lambda ln: ln.code)
    out = []
    for code in sorted(set(lhs) | set(rhs)):
        left, right = lhs.get(code, []), rhs.get(code, [])
        label = _min(ln.line_label for ln in right if ln.table_kind == rhs_tables[0])
        if label is None:
            label = _min(ln.line_label for ln in left)
        rhs_unit = (
            (WAN_YUAN if any(ln.unit == WAN_YUAN for ln in right) else _min(ln.unit for ln in right)) if right else None
        )
        out.append(
            Check(
                identity,
                lhs_table,
                f"{code} {label}",
                "total",
                _sum(left),
                _sum(right),
                units[lhs_table],
                rhs_unit or units[rhs_tables[0]],
                len(left),
                len(right),
            )
        )
    return out


def _cell_match(
    identity: str, subject: str, lhs_table: str, lhs_where, rhs_table: str, rhs_where, lines: list[_Line]
) -> list[Check]:
    lhs = [ln for ln in lines if ln.table_kind == lhs_table and lhs_where(ln)]
    rhs = [ln for ln in lines if ln.table_kind == rhs_table and rhs_where(ln)]
    if not lhs or not rhs:
        return []
    return [
        Check(
            identity,
            lhs_table,
            subject,
            "total",
            _sum(lhs),
            _sum(rhs),
            _min(ln.unit for ln in lhs),
            _min(ln.unit for ln in rhs),
            len(lhs),
            len(rhs),
        )
    ]


def _expenditure_summary_total_vs_summary(lines: list[_Line]) -> list[Check]:
    totals = [ln for ln in lines if ln.code is None and ln.is_total_column]
    lhs = [ln for ln in totals if ln.table_kind == "expenditure_summary" and ln.line_key == "total"]
    rhs = [
        ln
        for ln in totals
        if ln.table_kind == "revenue_expenditure_summary"
        and ln.line_key == "expenditure_total"
        and ln.classification in ("function", "economic")
    ]
    if not lhs or not rhs:
        return []
    function = [ln for ln in rhs if ln.classification == "function"]
    terms = function or [ln for ln in rhs if ln.classification == "economic"]
    return [
        Check(
            EXPENDITURE_SUMMARY_TOTAL_VS_SUMMARY,
            "expenditure_summary",
            "支出预算总表合计 = 收支预算总表本年支出合计",
            "total",
            _sum(lhs),
            _sum(terms),
            _min(ln.unit for ln in lhs),
            _min(ln.unit for ln in rhs),
            len(lhs),
            len(terms),
        )
    ]


def _revenue_summary_vs_summary(lines: list[_Line]) -> list[Check]:
    def items(kind: str) -> dict:
        return _group(
            [
                ln
                for ln in lines
                if ln.table_kind == kind and ln.classification == "revenue" and ln.line_key is not None
            ],
            lambda ln: (ln.line_key, ln.measure),
        )

    t2, t1 = items("revenue_summary"), items("revenue_expenditure_summary")
    out = []
    for (key, measure), left in sorted(t2.items()):
        right = t1.get((key, measure))
        if not right:
            continue
        out.append(
            Check(
                REVENUE_SUMMARY_VS_SUMMARY,
                "revenue_summary",
                f"{key} {_min(ln.line_label for ln in left)} [{measure}]",
                measure,
                _sum(left),
                _sum(right),
                _min(ln.unit for ln in left),
                _min(ln.unit for ln in right),
                len(left),
                len(right),
            )
        )
    return out


def _basic_expenditure_economic_split(lines: list[_Line]) -> list[Check]:
    table = [ln for ln in lines if ln.table_kind == "general_public_basic_expenditure"]
    totals = _group(
        [
            ln
            for ln in table
            if ln.code is None and ln.line_key == "total" and ln.measure in ("personnel", "public_operating")
        ],
        lambda ln: ln.measure,
    )
    classes = _group(
        [
            ln
            for ln in table
            if ln.classification == "economic" and ln.code is not None and len(ln.code) == 3 and ln.is_total_column
        ],
        lambda ln: "personnel" if ln.code in ("301", "303") else "public_operating",
    )
    if not totals or not classes:
        return []
    subjects = {"personnel": "人员经费 = 301 + 303", "public_operating": "公用经费 = 302 + 310 + 其他类"}
    out = []
    for measure in sorted(set(totals) | set(classes)):
        lhs, rhs = totals.get(measure, []), classes.get(measure, [])
        out.append(
            Check(
                BASIC_EXPENDITURE_ECONOMIC_SPLIT,
                "general_public_basic_expenditure",
                subjects[measure],
                measure,
                _sum(lhs),
                _sum(rhs),
                _min(ln.unit for ln in lhs) or _min(ln.unit for ln in rhs),
                _min(ln.unit for ln in rhs) or _min(ln.unit for ln in lhs),
                len(lhs),
                len(rhs),
            )
        )
    return out


def _revenue_summary_vs_fiscal_grant_income(lines: list[_Line]) -> list[Check]:
    def income(ln: _Line) -> bool:
        return ln.classification == "revenue" and ln.measure == "total"

    # The year's income: 本年收入合计 where the 财政拨款收支总表 prints one, else its first-level items.
    prints_total = any(
        ln.table_kind == "fiscal_grant_summary" and income(ln) and ln.line_key == "income_total" for ln in lines
    )
    return _cell_match(
        REVENUE_SUMMARY_VS_FISCAL_GRANT_INCOME,
        "收入预算总表合计财政拨款 = 财政拨款收支预算总表本年收入",
        "revenue_summary",
        lambda ln: ln.code is None and ln.line_key == "total" and ln.measure in ("fiscal_grant", *FUNDS),
        "fiscal_grant_summary",
        lambda ln: income(ln) and (ln.line_key == "income_total" if prints_total else _is_first_level_income_item(ln)),
        lines,
    )


def _revenue_summary_vs_expenditure_summary(lines: list[_Line]) -> list[Check]:
    def rows(kind: str) -> dict[str, list[_Line]]:
        return _group(
            [
                ln
                for ln in lines
                if ln.table_kind == kind
                and ln.classification == "function"
                and ln.measure == "total"
                and (ln.code is not None or ln.line_key == "total")
            ],
            lambda ln: ln.code or ln.line_key,
        )

    revenue, expenditure = rows("revenue_summary"), rows("expenditure_summary")
    return [
        Check(
            REVENUE_SUMMARY_VS_EXPENDITURE_SUMMARY,
            "revenue_summary",
            f"{key} {_min(ln.line_label for ln in revenue[key])}",
            "total",
            _sum(revenue[key]),
            _sum(expenditure[key]),
            _min(ln.unit for ln in revenue[key]),
            _min(ln.unit for ln in expenditure[key]),
            len(revenue[key]),
            len(expenditure[key]),
        )
        for key in sorted(set(revenue) & set(expenditure))
    ]
