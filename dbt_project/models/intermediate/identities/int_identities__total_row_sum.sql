-- Every coded table (支出总表, 一般公共预算支出表, 基本支出表, 基金 and 国有资本 tables, a 收入总表
-- by function, Jiangsu's 机关运行经费支出预算表), every column: the 合计 row = Σ the 类 rows
-- (3-digit function or economic codes).
-- Evaluated where the table prints both a 合计 row and at least one 类 row.
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind not in ('revenue_expenditure_summary', 'fiscal_grant_summary', 'three_public_expenses')
),

total_rows as (
    select document_id, table_kind, measure,
        sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms, min(unit) as unit,
        min(source_page) as source_page, min(line_label) as line_label, {{ line_nos() }} as lhs_line_nos
    from lines
    where code is null and line_key = 'total'
    group by all
),

class_rows as (
    select document_id, table_kind, measure,
        sum(amount_yuan) as rhs_yuan, count(*) as n_terms, min(unit) as unit, {{ line_nos() }} as rhs_line_nos
    from lines
    where length(code) = 3 and classification in ('function', 'economic')
    group by all
),

tables as (
    -- Tables that print both a 合计 row and 类 rows, with the page of the 合计 row.
    select document_id, table_kind, min(unit) as unit, min(source_page) as source_page
    from lines
    where code is null and line_key = 'total'
        and exists (
            select 1 from class_rows
            where class_rows.document_id = lines.document_id and class_rows.table_kind = lines.table_kind
        )
    group by all
),

cells as (
    select
        coalesce(t.document_id, c.document_id) as document_id,
        coalesce(t.table_kind, c.table_kind) as table_kind,
        coalesce(t.measure, c.measure) as measure,
        coalesce(t.lhs_yuan, 0) as lhs_yuan,
        coalesce(t.n_lhs_terms, 0) as n_lhs_terms,
        coalesce(c.rhs_yuan, 0) as rhs_yuan,
        coalesce(c.n_terms, 0) as n_terms,
        c.unit as class_unit,
        coalesce(t.lhs_line_nos, {{ no_lines() }}) as lhs_line_nos,
        coalesce(c.rhs_line_nos, {{ no_lines() }}) as rhs_line_nos
    from total_rows as t
    full outer join class_rows as c
        on t.document_id = c.document_id and t.table_kind = c.table_kind and t.measure = c.measure
)

select
    cells.document_id,
    'total_row_sum' as identity,
    cells.table_kind,
    cast(null as varchar) as rhs_table_kind,
    '合计 = Σ类 [' || cells.measure || ']' as subject,
    cells.measure,
    cells.lhs_yuan,
    cells.rhs_yuan,
    tables.unit as lhs_unit,
    coalesce(cells.class_unit, tables.unit) as rhs_unit,
    cells.n_lhs_terms,
    cells.n_terms,
    tables.source_page,
    cells.lhs_line_nos,
    cells.rhs_line_nos
from cells
inner join tables on cells.document_id = tables.document_id and cells.table_kind = tables.table_kind
