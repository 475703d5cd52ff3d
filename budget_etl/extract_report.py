"""What `budget-etl extract` prints for a person: facts, tables found, lines, or the rejection."""

from __future__ import annotations

from extract.model import Extraction


def _amount(value) -> str:
    return f"{value:,.2f}"


def render_extraction(ex: Extraction) -> str:
    out = [f"{ex.source_file}  ({ex.page_count if ex.page_count is not None else '?'} pages, sha256 {ex.sha256[:12]}…)"]
    if ex.status == "rejected":
        out.append(f"  REJECTED ({ex.reject_kind}): {ex.status_reason}")
        return "\n".join(out)
    f = ex.facts
    out.append(
        f"  department: {f.department_name or '?'} | year: {f.fiscal_year or '?'} | "
        f"kind: {f.document_kind or '?'} | scope: {f.document_scope or '?'}"
    )
    if f.authorized_staff is not None or f.actual_staff is not None:
        out.append(f"  staff: 编制 {f.authorized_staff if f.authorized_staff is not None else '?'}, "
                   f"在职实有 {f.actual_staff if f.actual_staff is not None else '?'}")
    out.append(f"  tables found: {len(ex.tables)}")
    for t in ex.tables:
        pages = ",".join(map(str, t.pages))
        note = f"  [empty: {t.empty_note}]" if t.empty_note else ""
        count = sum(ln.table_kind == t.table_kind for ln in ex.lines)
        out.append(f"    {t.table_kind:<34} p.{pages:<8} {t.unit:<3} {count:>4} lines  {t.title}{note}")
    out.append(f"  lines: {len(ex.lines)}")
    for ln in ex.lines:
        key = ln.code or ln.line_key or ""
        out.append(
            f"    p.{ln.source_page:<3} {ln.table_kind:<34} {ln.classification:<12} {key:<22} "
            f"{ln.measure:<22} {_amount(ln.amount_yuan):>20}  {ln.line_label}"
        )
    return "\n".join(out)
