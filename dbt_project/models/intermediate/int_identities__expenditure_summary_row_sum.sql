-- 支出预算总表, every row: 合计 = 基本支出 + 项目支出 + 事业单位经营支出 + 对附属单位补助支出
-- + 上缴上级支出. Blank cells print nothing and count as zero.
with lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where table_kind = 'expenditure_summary'
),

rows as (
    select
        document_id,
        coalesce(code, line_key) as row_key,
        any_value(line_label) as line_label,
        max(amount_yuan) filter (where measure = 'total') as total_yuan,
        coalesce(sum(amount_yuan) filter (
            where measure in ('basic', 'project', 'business', 'subsidy_to_affiliates', 'remit_to_superior')
        ), 0) as parts_yuan,
        count(*) filter (
            where measure in ('basic', 'project', 'business', 'subsidy_to_affiliates', 'remit_to_superior')
        ) as n_terms,
        any_value(unit) as unit,
        min(source_page) as source_page
    from lines
    group by document_id, coalesce(code, line_key)
)

select
    document_id,
    'expenditure_summary_row_sum' as identity,
    'expenditure_summary' as table_kind,
    row_key || ' ' || line_label as subject,
    total_yuan as lhs_yuan,
    parts_yuan as rhs_yuan,
    n_terms,
    unit,
    source_page
from rows
where total_yuan is not null
