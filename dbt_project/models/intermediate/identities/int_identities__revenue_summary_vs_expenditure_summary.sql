-- A budget's 收入预算总表 and 支出预算总表 list the same function codes with the same 合计: what
-- a code is budgeted to receive it is budgeted to spend. Compared where both tables list the
-- code (and on their 合计 rows). Budgets only: a 决算's income and expenditure of a code differ
-- by what was carried over (the real Shanghai 决算 differ by 6.2 and 12.9 万元).
with lines as (
    select document_id, table_kind, coalesce(code, line_key) as row_key, line_label, amount_yuan, unit,
        source_page, line_no
    from {{ ref('int_budget_lines__current') }}
    where document_kind = 'budget'
        and table_kind in ('revenue_summary', 'expenditure_summary')
        and classification = 'function'
        and measure = 'total'
        and (code is not null or line_key = 'total')
),

sides as (
    select document_id, table_kind, row_key, min(line_label) as line_label, sum(amount_yuan) as amount_yuan,
        count(*) as n_cells, min(unit) as unit, min(source_page) as source_page, {{ line_nos() }} as line_nos
    from lines
    group by all
),

revenue as (select * from sides where table_kind = 'revenue_summary'),

expenditure as (select * from sides where table_kind = 'expenditure_summary')

select
    revenue.document_id,
    'revenue_summary_vs_expenditure_summary' as identity,
    'revenue_summary' as table_kind,
    'expenditure_summary' as rhs_table_kind,
    revenue.row_key || ' ' || revenue.line_label as subject,
    'total' as measure,
    revenue.amount_yuan as lhs_yuan,
    expenditure.amount_yuan as rhs_yuan,
    revenue.unit as lhs_unit,
    expenditure.unit as rhs_unit,
    revenue.n_cells as n_lhs_terms,
    expenditure.n_cells as n_terms,
    revenue.source_page,
    revenue.line_nos as lhs_line_nos,
    expenditure.line_nos as rhs_line_nos
from revenue
inner join expenditure using (document_id, row_key)
