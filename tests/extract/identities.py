"""Internal consistency of extracted lines: the accounting identities a table must satisfy.

Used by the tests on documents without a truth file: if the extractor put an amount in the
wrong column or row, or rebuilt a code wrongly, these sums stop adding up.

Tolerance: every printed cell is rounded on its own, so ``parent = Σ n children`` may be off
by half a printed unit per term: 50·(n+1) 元 for a 万元 table, 0.005·(n+1) 元 for a table
printed in 元 to the fen (0.5·(n+1) when the table prints whole 元).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from extract.model import BudgetLine

CODED_KINDS = {
    "expenditure_summary",
    "general_public_expenditure",
    "government_fund_expenditure",
    "general_public_basic_expenditure",
    "state_capital_expenditure",
}
_NOT_COMPONENTS = {"total"}


@dataclass
class Failure:
    table_kind: str
    identity: str
    where: str
    lhs: Decimal
    rhs: Decimal
    tolerance: Decimal

    def __str__(self) -> str:
        return (f"{self.table_kind} {self.identity} {self.where}: {self.lhs} vs {self.rhs} "
                f"(diff {self.lhs - self.rhs}, tolerance {self.tolerance})")


def _half_unit(lines: list[BudgetLine]) -> Decimal:
    if lines and lines[0].unit == "万元":
        return Decimal(50)
    whole = all(ln.amount_yuan == ln.amount_yuan.to_integral_value() for ln in lines)
    return Decimal("0.5") if whole and len(lines) > 5 else Decimal("0.005")


def check_coded_table(lines: list[BudgetLine]) -> tuple[int, list[Failure]]:
    """Row identity (合计 = Σ columns), hierarchy (类 = Σ款 = Σ项) and 合计 = Σ类, per measure."""
    if not lines:
        return 0, []
    kind = lines[0].table_kind
    half = _half_unit(lines)
    rows: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    for ln in lines:
        key = ("total",) if ln.line_key == "total" else ("code", ln.code) if ln.code else ("key", ln.line_key)
        rows[key][ln.measure] = ln.amount_yuan
    checks = 0
    failures: list[Failure] = []

    def compare(identity: str, where: str, lhs: Decimal, terms: list[Decimal]) -> None:
        nonlocal checks
        checks += 1
        tol = half * (len(terms) + 1)
        rhs = sum(terms, Decimal(0))
        if abs(lhs - rhs) > tol:
            failures.append(Failure(kind, identity, where, lhs, rhs, tol))

    for key, measures in rows.items():
        parts = [v for ms, v in measures.items() if ms not in _NOT_COMPONENTS and not ms.startswith("budgeted_")]
        if "total" in measures and parts:
            compare("row", str(key[-1]), measures["total"], parts)
    codes = {k[1]: v for k, v in rows.items() if k[0] == "code"}
    for code, measures in codes.items():
        width = len(code)
        child_width = {3: 5, 5: 7}.get(width)
        if child_width is None:
            continue
        children = [c for c in codes if len(c) == child_width and c.startswith(code)]
        if not children:
            continue
        for ms, value in measures.items():
            compare("hierarchy", f"{code}.{ms}", value, [codes[c].get(ms, Decimal(0)) for c in children])
    if ("total",) in rows:
        classes = [c for c in codes if len(c) == 3]
        if classes:
            for ms, value in rows[("total",)].items():
                compare("total_of_classes", ms, value, [codes[c].get(ms, Decimal(0)) for c in classes])
    return checks, failures


def check_summary_table(lines: list[BudgetLine]) -> tuple[int, list[Failure]]:
    """收支总表: each expenditure group's items add up to its 本年支出合计; 收入总计 = 支出总计."""
    if not lines:
        return 0, []
    kind = lines[0].table_kind
    half = _half_unit(lines)
    checks = 0
    failures: list[Failure] = []
    for cls in ("function", "economic"):
        group = [ln for ln in lines if ln.classification == cls and ln.measure == "total"]
        items = [ln.amount_yuan for ln in group if ln.code]
        total = [ln.amount_yuan for ln in group if ln.line_key == "expenditure_total"]
        if items and total:
            checks += 1
            tol = half * (len(items) + 1)
            if abs(sum(items) - total[0]) > tol:
                failures.append(Failure(kind, f"{cls}_items_sum", cls, total[0], sum(items), tol))
    income = [ln.amount_yuan for ln in lines if ln.line_key == "income_grand_total" and ln.measure == "total"]
    spent = [ln.amount_yuan for ln in lines if ln.line_key == "expenditure_grand_total" and ln.measure == "total"]
    if income and spent:
        for value in spent:
            checks += 1
            if abs(income[0] - value) > half * 2:
                failures.append(Failure(kind, "balance", "grand totals", income[0], value, half * 2))
    return checks, failures


def check_extraction(lines: list[BudgetLine]) -> tuple[int, list[Failure]]:
    by_kind: dict[str, list[BudgetLine]] = defaultdict(list)
    for ln in lines:
        by_kind[ln.table_kind].append(ln)
    checks = 0
    failures: list[Failure] = []
    for kind, group in by_kind.items():
        if kind in CODED_KINDS or (kind == "revenue_summary" and any(ln.code for ln in group)):
            n, f = check_coded_table(group)
        elif kind in ("revenue_expenditure_summary", "fiscal_grant_summary"):
            n, f = check_summary_table(group)
        else:
            continue
        checks += n
        failures.extend(f)
    return checks, failures
