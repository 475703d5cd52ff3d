-- 支出预算总表 合计 (column 合计) = 收支预算总表 本年支出合计 (of the 功能分类 group; of the
-- 经济分类 group when the table prints no function group). Evaluated where both are printed.
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where code is null and is_total_column
        and (
            (table_kind = 'expenditure_summary' and line_key = 'total')
            or (table_kind = 'revenue_expenditure_summary' and line_key = 'expenditure_total'
                and classification in ('function', 'economic'))
        )
),

lhs as (
    select document_id, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms,
        min(unit) as unit, min(source_page) as source_page, {{ line_nos() }} as lhs_line_nos
    from lines
    where table_kind = 'expenditure_summary'
    group by document_id
),

rhs as (
    select
        document_id,
        coalesce(
            sum(amount_yuan) filter (where classification = 'function'),
            sum(amount_yuan) filter (where classification = 'economic')
        ) as rhs_yuan,
        coalesce(
            nullif(count(*) filter (where classification = 'function'), 0),
            count(*) filter (where classification = 'economic')
        ) as n_terms,
        min(unit) as unit,
        case when bool_or(classification = 'function') then {{ line_nos("classification = 'function'") }}
            else {{ line_nos("classification = 'economic'") }} end as rhs_line_nos
    from lines
    where table_kind = 'revenue_expenditure_summary'
    group by document_id
)

select
    lhs.document_id,
    'expenditure_summary_total_vs_summary' as identity,
    'expenditure_summary' as table_kind,
    'revenue_expenditure_summary' as rhs_table_kind,
    '支出预算总表合计 = 收支预算总表本年支出合计' as subject,
    'total' as measure,
    lhs.lhs_yuan,
    rhs.rhs_yuan,
    lhs.unit as lhs_unit,
    rhs.unit as rhs_unit,
    lhs.n_lhs_terms,
    rhs.n_terms,
    lhs.source_page,
    lhs.lhs_line_nos,
    rhs.rhs_line_nos
from lhs
inner join rhs using (document_id)
