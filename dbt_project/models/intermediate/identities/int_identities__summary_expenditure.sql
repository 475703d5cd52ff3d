-- 收支预算总表 and 财政拨款收支预算总表, expenditure side, per group (功能分类 / 经济分类) and column:
--   summary_function_items_sum / summary_economic_items_sum: 本年支出合计 = Σ the group's 类
--     items (lines with a code, printed or resolved from the label);
--   summary_expenditure_grand_total: 支出总计 = 本年支出合计 + 年终结余 (blank = 0).
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind in ('revenue_expenditure_summary', 'fiscal_grant_summary')
        and classification in ('function', 'economic')
),

cells as (
    select
        document_id,
        table_kind,
        classification,
        measure,
        min(unit) as unit,
        coalesce(sum(amount_yuan) filter (where line_key = 'expenditure_total' and code is null), 0) as total_yuan,
        count(*) filter (where line_key = 'expenditure_total' and code is null) as n_total,
        min(source_page) filter (where line_key = 'expenditure_total' and code is null) as total_page,
        coalesce(sum(amount_yuan) filter (where line_key = 'expenditure_grand_total' and code is null), 0) as grand_total_yuan,
        count(*) filter (where line_key = 'expenditure_grand_total' and code is null) as n_grand_total,
        min(source_page) filter (where line_key = 'expenditure_grand_total' and code is null) as grand_total_page,
        coalesce(sum(amount_yuan) filter (where line_key = 'year_end_balance' and code is null), 0) as balance_yuan,
        count(*) filter (where line_key = 'year_end_balance' and code is null) as n_balance,
        coalesce(sum(amount_yuan) filter (where code is not null), 0) as items_yuan,
        count(*) filter (where code is not null) as n_items,
        {{ line_nos("line_key = 'expenditure_total' and code is null") }} as total_line_nos,
        {{ line_nos("line_key = 'expenditure_grand_total' and code is null") }} as grand_total_line_nos,
        {{ line_nos("line_key = 'year_end_balance' and code is null") }} as balance_line_nos,
        {{ line_nos("code is not null") }} as items_line_nos
    from lines
    group by all
)

select
    document_id,
    'summary_' || classification || '_items_sum' as identity,
    table_kind,
    cast(null as varchar) as rhs_table_kind,
    '本年支出合计 = Σ' || case classification when 'function' then '功能分类' else '经济分类' end
        || '类 [' || measure || ']' as subject,
    measure,
    total_yuan as lhs_yuan,
    items_yuan as rhs_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_total as n_lhs_terms,
    n_items as n_terms,
    total_page as source_page,
    total_line_nos as lhs_line_nos,
    items_line_nos as rhs_line_nos
from cells
where n_total > 0 and n_items > 0

union all

select
    document_id,
    'summary_expenditure_grand_total',
    table_kind,
    null,
    '支出总计 = 本年支出合计 + 年终结余 (' || classification || ') [' || measure || ']',
    measure,
    grand_total_yuan,
    total_yuan + balance_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_grand_total,
    n_total + n_balance,
    grand_total_page,
    grand_total_line_nos,
    list_concat(total_line_nos, balance_line_nos)
from cells
where n_grand_total > 0 and n_total > 0
