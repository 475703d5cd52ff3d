-- 收支平衡: in 收支预算总表 the income grand total equals the grand total of each
-- expenditure group (功能分类, and 经济分类 where the table prints it).
with lines as (
    select * from {{ ref('stg_raw__budget_lines') }}
    where table_kind = 'revenue_expenditure_summary' and measure = 'total'
),

income as (
    -- 收入总计 where printed, else 本年收入合计 (a table without carry-over may print only that).
    select
        document_id,
        coalesce(
            max(amount_yuan) filter (where line_key = 'income_grand_total'),
            max(amount_yuan) filter (where line_key = 'income_total')
        ) as income_yuan,
        any_value(unit) as unit,
        min(source_page) as source_page
    from lines
    where classification = 'revenue'
    group by document_id
),

expenditure as (
    select
        document_id,
        classification,
        coalesce(
            max(amount_yuan) filter (where line_key = 'expenditure_grand_total'),
            max(amount_yuan) filter (where line_key = 'expenditure_total')
        ) as expenditure_yuan
    from lines
    where classification in ('function', 'economic')
    group by document_id, classification
)

select
    income.document_id,
    'revenue_expenditure_balance' as identity,
    'revenue_expenditure_summary' as table_kind,
    'income grand total = ' || expenditure.classification || ' expenditure grand total' as subject,
    income.income_yuan as lhs_yuan,
    expenditure.expenditure_yuan as rhs_yuan,
    1 as n_terms,
    income.unit,
    income.source_page
from income
inner join expenditure using (document_id)
where income.income_yuan is not null and expenditure.expenditure_yuan is not null
