-- 收支预算总表 and 财政拨款收支预算总表, income side, per column:
--   summary_income_grand_total: 收入总计 = 本年收入合计 + 上年结转 (carried_over, blank = 0);
--   summary_income_items_sum:   本年收入合计 = Σ first-level income items, i.e. those whose
--     printed label opens with a Chinese ordinal (一. 二、 …), carry-over and its sub-items
--     (which reuse the ordinals: 年初结转和结余 / 一、一般公共预算财政拨款) excluded. Templates
--     that print income items without ordinals have no first level to read: not evaluated.
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind in ('revenue_expenditure_summary', 'fiscal_grant_summary')
        and classification = 'revenue'
),

flagged as (
    select
        *,
        {{ is_first_level_income_item() }} as is_first_level_item
    from lines
),

cells as (
    select
        document_id,
        table_kind,
        measure,
        min(unit) as unit,
        coalesce(sum(amount_yuan) filter (where line_key = 'income_grand_total'), 0) as grand_total_yuan,
        count(*) filter (where line_key = 'income_grand_total') as n_grand_total,
        min(source_page) filter (where line_key = 'income_grand_total') as grand_total_page,
        coalesce(sum(amount_yuan) filter (where line_key = 'income_total'), 0) as income_total_yuan,
        count(*) filter (where line_key = 'income_total') as n_income_total,
        min(source_page) filter (where line_key = 'income_total') as income_total_page,
        coalesce(sum(amount_yuan) filter (where line_key = 'carried_over'), 0) as carried_over_yuan,
        count(*) filter (where line_key = 'carried_over') as n_carried_over,
        coalesce(sum(amount_yuan) filter (where is_first_level_item), 0) as items_yuan,
        count(*) filter (where is_first_level_item) as n_items,
        {{ line_nos("line_key = 'income_grand_total'") }} as grand_total_line_nos,
        {{ line_nos("line_key = 'income_total'") }} as income_total_line_nos,
        {{ line_nos("line_key = 'carried_over'") }} as carried_over_line_nos,
        {{ line_nos("is_first_level_item") }} as items_line_nos
    from flagged
    group by all
)

select
    document_id,
    'summary_income_grand_total' as identity,
    table_kind,
    cast(null as varchar) as rhs_table_kind,
    '收入总计 = 本年收入合计 + 上年结转 [' || measure || ']' as subject,
    measure,
    grand_total_yuan as lhs_yuan,
    income_total_yuan + carried_over_yuan as rhs_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_grand_total as n_lhs_terms,
    n_income_total + n_carried_over as n_terms,
    grand_total_page as source_page,
    grand_total_line_nos as lhs_line_nos,
    list_concat(income_total_line_nos, carried_over_line_nos) as rhs_line_nos
from cells
where n_grand_total > 0 and n_income_total > 0

union all

select
    document_id,
    'summary_income_items_sum',
    table_kind,
    null,
    '本年收入合计 = Σ一级收入项目 [' || measure || ']',
    measure,
    income_total_yuan,
    items_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_income_total,
    n_items,
    income_total_page,
    income_total_line_nos,
    items_line_nos
from cells
where n_income_total > 0 and n_items > 0
