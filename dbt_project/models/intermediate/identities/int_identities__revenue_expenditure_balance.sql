-- 收支平衡: in 收支预算总表 (and 财政拨款收支预算总表) the income grand total equals the grand
-- total of each expenditure group (功能分类, and 经济分类 where the table prints it).
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind in ('revenue_expenditure_summary', 'fiscal_grant_summary') and is_total_column
),

income as (
    -- 收入总计 where printed, else 本年收入合计 (a table without carry-over may print only that).
    select
        document_id,
        table_kind,
        coalesce(
            max(amount_yuan) filter (where line_key = 'income_grand_total'),
            max(amount_yuan) filter (where line_key = 'income_total')
        ) as income_yuan,
        coalesce(
            arg_max(line_no, amount_yuan) filter (where line_key = 'income_grand_total'),
            arg_max(line_no, amount_yuan) filter (where line_key = 'income_total')
        ) as income_line_no,
        min(unit) as unit,
        min(source_page) as source_page
    from lines
    where classification = 'revenue'
    group by document_id, table_kind
),

expenditure as (
    select
        document_id,
        table_kind,
        classification,
        coalesce(
            max(amount_yuan) filter (where line_key = 'expenditure_grand_total'),
            max(amount_yuan) filter (where line_key = 'expenditure_total')
        ) as expenditure_yuan,
        coalesce(
            arg_max(line_no, amount_yuan) filter (where line_key = 'expenditure_grand_total'),
            arg_max(line_no, amount_yuan) filter (where line_key = 'expenditure_total')
        ) as expenditure_line_no,
        min(unit) as unit
    from lines
    where classification in ('function', 'economic')
    group by document_id, table_kind, classification
)

select
    income.document_id,
    'revenue_expenditure_balance' as identity,
    income.table_kind,
    cast(null as varchar) as rhs_table_kind,
    'income grand total = ' || expenditure.classification || ' expenditure grand total' as subject,
    'total' as measure,
    income.income_yuan as lhs_yuan,
    expenditure.expenditure_yuan as rhs_yuan,
    income.unit as lhs_unit,
    expenditure.unit as rhs_unit,
    1 as n_lhs_terms,
    1 as n_terms,
    income.source_page,
    [income.income_line_no] as lhs_line_nos,
    [expenditure.expenditure_line_no] as rhs_line_nos
from income
inner join expenditure using (document_id, table_kind)
where income.income_yuan is not null and expenditure.expenditure_yuan is not null
