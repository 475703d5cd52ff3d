-- 收入预算总表 every income item (and total) = the same item of the 收支预算总表 income side,
-- matched on line_key and column; items printed in one table only are not compared.
with t2 as (
    select document_id, line_key, measure, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms,
        min(line_label) as line_label, min(unit) as unit, min(source_page) as source_page,
        {{ line_nos() }} as lhs_line_nos
    from {{ ref('int_budget_lines__current') }}
    where table_kind = 'revenue_summary' and classification = 'revenue' and line_key is not null
    group by all
),

t1 as (
    select document_id, line_key, measure, sum(amount_yuan) as rhs_yuan, count(*) as n_terms, min(unit) as unit,
        {{ line_nos() }} as rhs_line_nos
    from {{ ref('int_budget_lines__current') }}
    where table_kind = 'revenue_expenditure_summary' and classification = 'revenue' and line_key is not null
    group by all
)

select
    t2.document_id,
    'revenue_summary_vs_summary' as identity,
    'revenue_summary' as table_kind,
    'revenue_expenditure_summary' as rhs_table_kind,
    t2.line_key || ' ' || t2.line_label || ' [' || t2.measure || ']' as subject,
    t2.measure,
    t2.lhs_yuan,
    t1.rhs_yuan,
    t2.unit as lhs_unit,
    t1.unit as rhs_unit,
    t2.n_lhs_terms,
    t1.n_terms,
    t2.source_page,
    t2.lhs_line_nos,
    t1.rhs_line_nos
from t2
inner join t1 using (document_id, line_key, measure)
