-- 收入预算总表 合计 row, 财政拨款 (the 财政拨款 column, or its fund columns 一般公共预算 /
-- 政府性基金 / 国有资本经营 where the table splits it; a table prints one or the other) = the
-- 财政拨款收支预算总表's income of the year: its 本年收入合计, or where it prints none (Shanghai
-- budgets print only 收入总计) the sum of its first-level income items (一、二、…), carry-over
-- excluded, as summary_income_items_sum reads them.
with grants as (
    select document_id, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms, min(unit) as unit,
        min(source_page) as source_page, {{ line_nos() }} as lhs_line_nos
    from {{ ref('int_budget_lines__current') }}
    where table_kind = 'revenue_summary' and code is null and line_key = 'total'
        and measure in ('fiscal_grant', 'general_public_budget', 'government_fund_budget', 'state_capital_budget')
    group by all
),

income as (
    select
        *,
        {{ is_first_level_income_item() }} as is_first_level_item
    from {{ ref('int_budget_lines__current') }}
    where table_kind = 'fiscal_grant_summary' and classification = 'revenue' and measure = 'total'
),

year_income as (
    select
        document_id,
        min(unit) as unit,
        count(*) filter (where line_key = 'income_total') as n_income_total,
        coalesce(sum(amount_yuan) filter (where line_key = 'income_total'), 0) as income_total_yuan,
        count(*) filter (where is_first_level_item) as n_items,
        coalesce(sum(amount_yuan) filter (where is_first_level_item), 0) as items_yuan,
        {{ line_nos("line_key = 'income_total'") }} as income_total_line_nos,
        {{ line_nos("is_first_level_item") }} as items_line_nos
    from income
    group by document_id
    having count(*) filter (where line_key = 'income_total' or is_first_level_item) > 0
)

select
    grants.document_id,
    'revenue_summary_vs_fiscal_grant_income' as identity,
    'revenue_summary' as table_kind,
    'fiscal_grant_summary' as rhs_table_kind,
    '收入预算总表合计财政拨款 = 财政拨款收支预算总表本年收入' as subject,
    'total' as measure,
    grants.lhs_yuan,
    case when y.n_income_total > 0 then y.income_total_yuan else y.items_yuan end as rhs_yuan,
    grants.unit as lhs_unit,
    y.unit as rhs_unit,
    grants.n_lhs_terms,
    case when y.n_income_total > 0 then y.n_income_total else y.n_items end as n_terms,
    grants.source_page,
    grants.lhs_line_nos,
    case when y.n_income_total > 0 then y.income_total_line_nos else y.items_line_nos end as rhs_line_nos
from grants
inner join year_income as y using (document_id)
