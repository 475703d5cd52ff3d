"""What `budget-etl extract` prints for a person: facts, tables found, performance projects, the
totals the narrative restates, lines, or the rejection."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from extract.model import PERFORMANCE_TARGETS, Extraction

_PROJECT_BUDGETS = ("project_current_year_budget", "project_total_budget")


def _amount(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


def render_extraction(ex: Extraction, indicators: bool = False) -> str:
    """``indicators`` lists every 绩效指标 under its project; otherwise they are counted."""
    out = [f"{ex.source_file}  ({ex.page_count if ex.page_count is not None else '?'} pages, sha256 {ex.sha256[:12]}…)"]
    if ex.status == "rejected":
        out.append(f"  REJECTED ({ex.reject_kind}): {ex.status_reason}")
        return "\n".join(out)
    f = ex.facts
    out.append(
        f"  department: {f.department_name or '?'} | year: {f.fiscal_year or '?'} | "
        f"kind: {f.document_kind or '?'} | scope: {f.document_scope or '?'}"
    )
    if f.department_aliases:
        out.append(f"  also printed as: {' | '.join(f.department_aliases)}")
    if f.authorized_staff is not None or f.actual_staff is not None:
        out.append(
            f"  staff: 编制 {f.authorized_staff if f.authorized_staff is not None else '?'}, "
            f"在职实有 {f.actual_staff if f.actual_staff is not None else '?'}"
        )
    out.append(f"  tables found: {len(ex.tables)}")
    for t in ex.tables:
        pages = ",".join(map(str, t.pages))
        note = f"  [empty: {t.empty_note}]" if t.empty_note else ""
        count = sum(ln.table_kind == t.table_kind for ln in ex.lines)
        out.append(f"    {t.table_kind:<34} p.{pages:<8} {t.unit:<3} {count:>4} lines  {t.title}{note}")
    out.extend(_performance(ex, indicators))
    out.extend(_narrative(ex))
    out.append(f"  lines: {len(ex.lines)}")
    for ln in ex.lines:
        key = ln.code or ln.line_key or ""
        out.append(
            f"    p.{ln.source_page:<3} {ln.table_kind:<34} {ln.classification:<12} {key:<22} "
            f"{ln.measure:<22} {_amount(ln.amount_yuan):>20}  {ln.line_label}"
        )
    return "\n".join(out)


def _performance(ex: Extraction, indicators: bool) -> list[str]:
    """One row per 项目支出绩效目标表 (a project may have indicators but no amount read, or the
    reverse), then the 部门整体 form's indicators."""
    budgets: dict[str, dict[str, Decimal]] = {}
    pages: dict[str | None, int] = {}
    for ln in ex.lines:
        if ln.table_kind == PERFORMANCE_TARGETS and ln.line_key in _PROJECT_BUDGETS:
            budgets.setdefault(ln.line_label, {})[ln.line_key] = ln.amount_yuan
            pages.setdefault(ln.line_label, ln.source_page)
    for ind in ex.indicators:
        pages.setdefault(ind.project, ind.source_page)
    counts = Counter(ind.project for ind in ex.indicators)
    projects = [name for name in pages if name is not None]
    if not projects and None not in counts:
        return []
    out = [f"  performance projects: {len(projects)}  (项目支出绩效目标表, amounts in 元)"]
    if projects:
        out.append(f"    {'page':<6}{'当年预算':>16}{'总预算':>19}  {'indicators':>10}  project")
    for name in projects:
        amounts = budgets.get(name, {})
        out.append(
            f"    p.{pages[name]:<4}{_amount(amounts.get('project_current_year_budget')):>20}"
            f"{_amount(amounts.get('project_total_budget')):>22}  {counts[name]:>10}  {name}"
        )
        if indicators:
            out.extend(_indicator_rows(ex, name))
    if None in counts:
        out.append(f"  部门整体支出绩效目标表: {counts[None]} indicators")
        if indicators:
            out.extend(_indicator_rows(ex, None))
    return out


def _indicator_rows(ex: Extraction, project: str | None) -> list[str]:
    return [
        f"        p.{ind.source_page:<4}{ind.level1} / {ind.level2} / {ind.level3}: {ind.target}"
        for ind in ex.indicators
        if ind.project == project
    ]


def _narrative(ex: Extraction) -> list[str]:
    if not ex.narrative_totals:
        return ["  narrative totals: none read"]
    out = [f"  narrative totals: {len(ex.narrative_totals)}  (restated by the 情况说明, in 元)"]
    for t in ex.narrative_totals:
        out.append(f"    p.{t.source_page:<4}{t.key:<28}{_amount(t.amount_yuan):>20}  {t.text}")
    if ex.narrative_shares:
        out.append(
            f"  narrative shares: {len(ex.narrative_shares)}  (占x%, each with the total it is a share of, if said)"
        )
    for s in ex.narrative_shares:
        out.append(f"    p.{s.source_page:<4}{s.percent:>7}% of {_amount(s.base_yuan)}  {s.text}")
    if ex.narrative_changes:
        out.append(f"  narrative changes: {len(ex.narrative_changes)}  (from last year, each with its amount)")
    for c in ex.narrative_changes:
        out.append(f"    p.{c.source_page:<4}{c.direction:<9} of {_amount(c.amount_yuan)}  {c.text}")
    if ex.narrative_years:
        counts = Counter(f"比{y.year}年" if y.compares else f"{y.year}年" for y in ex.narrative_years)
        said = ", ".join(f"{year} ×{n}" for year, n in sorted(counts.items()))
        out.append(f"  narrative years: {len(ex.narrative_years)}  (of figures, and compared with: {said})")
    if ex.narrative_executions:
        out.append(
            f"  narrative executions: {len(ex.narrative_executions)}  (决算 against 年初预算, with the word said)"
        )
    for e in ex.narrative_executions:
        budgeted = _amount(e.budgeted_yuan) if e.budgeted_yuan is not None else "-"
        out.append(
            f"    p.{e.source_page:<4}{e.word or '-':<13}{_amount(e.final_yuan)} of {budgeted}  {e.subject}  {e.text}"
        )
    if ex.narrative_class_amounts:
        out.append(f"  narrative class amounts: {len(ex.narrative_class_amounts)}  (of a 类, 款 or 项, by its names)")
    for k in ex.narrative_class_amounts:
        out.append(f"    p.{k.source_page:<4}{_amount(k.amount_yuan)}  {k.text}")
    return out
