"""The accounting identities of a disclosure, computed from its truth lines alone.

Each check is (identity, subject, lhs, rhs, n_terms); the tolerance is the one of domain.md
§2.1: every printed 万元 cell carries up to ±50 元 of rounding, so a sum of n printed terms may
differ from its printed total by 50·(n+1) 元. The fictional documents are built exactly and are
checked with no tolerance at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

ZERO = Decimal(0)
FUNCTION_TABLES = ("expenditure_summary", "general_public_expenditure", "government_fund_expenditure")
ROW_PARTS = {
    "expenditure_summary": ("basic", "project", "business", "subsidy_to_affiliates", "remit_to_superior"),
    "general_public_expenditure": ("basic", "project"),
    "government_fund_expenditure": ("basic", "project"),
    "general_public_basic_expenditure": ("personnel", "public_operating"),
}
SUMMARIES = ("revenue_expenditure_summary", "fiscal_grant_summary")


@dataclass(frozen=True)
class Check:
    identity: str
    subject: str
    lhs: Decimal
    rhs: Decimal
    n_terms: int

    def passed(self, rounding: bool) -> bool:
        tolerance = Decimal(50) * (self.n_terms + 1) if rounding else ZERO
        return abs(self.lhs - self.rhs) <= tolerance


def _rows(lines, kind):
    """(code or line_key) -> measure -> amount for one table; blank cells are absent."""
    rows: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for ln in lines:
        if ln.table_kind == kind:
            rows[ln.code or ln.line_key][ln.measure] = ln.amount_yuan
    return rows


def checks(document) -> list[Check]:
    lines = document.lines
    out: list[Check] = []
    for kind, parts in ROW_PARTS.items():
        rows = _rows(lines, kind)
        for key, r in rows.items():
            if "total" in r:
                terms = [r.get(m, ZERO) for m in parts]
                out.append(Check(f"{kind}_row_sum", key, r["total"], sum(terms, ZERO), len(parts)))
        out += _hierarchy(kind, rows, economic=kind == "general_public_basic_expenditure")
    for kind in SUMMARIES:
        out += _summary(kind, [ln for ln in lines if ln.table_kind == kind])
    out += _cross_tables(lines)
    out += _three_public(_rows(lines, "three_public_expenses"))
    return out


def _hierarchy(kind, rows, economic):
    """类 = Σ款 = Σ项 (economic: 类 = Σ款) and 合计 = Σ类, for every measure printed."""
    out = []
    codes = [c for c in rows if c != "total"]
    levels = (3, 5) if economic else (3, 5, 7)
    parents = [("total", [c for c in codes if len(c) == 3])]
    for parent_len, child_len in pairwise(levels):
        for parent in (c for c in codes if len(c) == parent_len):
            children = [c for c in codes if len(c) == child_len and c.startswith(parent)]
            if children:
                parents.append((parent, children))
    for parent, children in parents:
        if parent not in rows:
            continue
        for measure in {m for c in [parent, *children] for m in rows[c]}:
            total = sum((rows[c].get(measure, ZERO) for c in children), ZERO)
            out.append(Check(f"{kind}_hierarchy", f"{parent} {measure}", rows[parent].get(measure, ZERO),
                             total, len(children)))
    return out


def _summary(kind, lines):
    """收支平衡 and the sums of each column group of 收支预算总表 / 财政拨款收支预算总表."""
    if not lines:
        return []
    out = []
    revenue = [ln for ln in lines if ln.classification == "revenue"]
    by_key = {ln.line_key: ln.amount_yuan for ln in revenue}
    grand = by_key.get("income_grand_total", by_key.get("income_total"))
    leaves = [ln.amount_yuan for ln in revenue if not ln.is_subtotal]
    out.append(Check(f"{kind}_income_items", "Σ income items = 收入总计", grand, sum(leaves, ZERO), len(leaves)))
    for group in ("function", "economic"):
        members = [ln for ln in lines if ln.classification == group]
        if not members:
            continue
        totals = {ln.line_key: ln.amount_yuan for ln in members if ln.line_key}
        items = [ln.amount_yuan for ln in members if ln.code]
        out.append(Check(f"{kind}_{group}_items", "Σ items = 本年支出合计", totals["expenditure_total"],
                         sum(items, ZERO), len(items)))
        spent = totals.get("expenditure_grand_total", totals["expenditure_total"])
        balance = totals["expenditure_total"] + totals.get("year_end_balance", ZERO)
        out.append(Check(f"{kind}_{group}_grand_total", "支出总计 = 本年支出合计 + 年终结余", spent, balance, 2))
        out.append(Check(f"{kind}_balance", f"收入总计 = {group} 支出总计", grand, spent, 1))
    return out


def _cross_tables(lines):
    """收支预算总表 function 类 = 支出预算总表 类 rows; 收入预算总表 = 收支预算总表 income side;
    基本支出表 合计 = 一般公共预算支出表 基本支出."""
    out = []
    summary = {ln.code: ln.amount_yuan for ln in lines
               if ln.table_kind == "revenue_expenditure_summary" and ln.classification == "function" and ln.code}
    expenditure = _rows(lines, "expenditure_summary")
    for code in {c for c in expenditure if len(c) == 3} | set(summary):
        out.append(Check("summary_function_vs_expenditure_summary", code, summary.get(code, ZERO),
                         expenditure.get(code, {}).get("total", ZERO), 1))
    income = {ln.line_key: ln.amount_yuan for ln in lines
              if ln.table_kind == "revenue_expenditure_summary" and ln.classification == "revenue"}
    for ln in lines:
        if ln.table_kind == "revenue_summary":
            out.append(Check("revenue_summary_vs_summary", ln.line_key, ln.amount_yuan,
                             income.get(ln.line_key, ZERO), 1))
    basic = _rows(lines, "general_public_basic_expenditure").get("total", {}).get("total")
    general = _rows(lines, "general_public_expenditure").get("total", {}).get("basic")
    if basic is not None and general is not None:
        out.append(Check("basic_vs_general_public", "合计", basic, general, 1))
    return out


def _three_public(rows):
    if not rows:
        return []
    amount = {key: r.get("total", ZERO) for key, r in rows.items()}
    return [
        Check("three_public_total", "total", amount.get("total", ZERO),
              amount.get("outbound_travel", ZERO) + amount.get("vehicle_total", ZERO)
              + amount.get("official_reception", ZERO), 3),
        Check("three_public_vehicle", "vehicle_total", amount.get("vehicle_total", ZERO),
              amount.get("vehicle_purchase", ZERO) + amount.get("vehicle_operation", ZERO), 2),
    ]


def failures(document, rounding: bool = False) -> list[Check]:
    return [c for c in checks(document) if not c.passed(rounding)]
