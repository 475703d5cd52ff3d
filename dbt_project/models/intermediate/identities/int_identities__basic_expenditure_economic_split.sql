-- 一般公共预算基本支出表: the 合计 row's 人员经费 = its 301 + 303 类 rows, and its 公用经费 = its
-- other 类 rows (302 + 310, with 307 / 399 where printed), in the total column. Evaluated in
-- documents whose table prints both the 合计 row's 人员经费 or 公用经费 cell and 类 rows (a table
-- printing only its 合计, as Jiangsu's, has nothing to compare).
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind = 'general_public_basic_expenditure'
),

totals as (
    select document_id, measure, sum(amount_yuan) as lhs_yuan, count(*) as n_lhs_terms, min(unit) as unit,
        min(source_page) as source_page, {{ line_nos() }} as lhs_line_nos
    from lines
    where code is null and line_key = 'total' and measure in ('personnel', 'public_operating')
    group by all
),

classes as (
    select
        document_id,
        case when code in ('301', '303') then 'personnel' else 'public_operating' end as measure,
        sum(amount_yuan) as rhs_yuan,
        count(*) as n_terms,
        min(unit) as unit,
        min(source_page) as source_page,
        {{ line_nos() }} as rhs_line_nos
    from lines
    where classification = 'economic' and length(code) = 3 and is_total_column
    group by all
),

documents as (
    select document_id from totals
    intersect
    select document_id from classes
)

select
    coalesce(totals.document_id, classes.document_id) as document_id,
    'basic_expenditure_economic_split' as identity,
    'general_public_basic_expenditure' as table_kind,
    cast(null as varchar) as rhs_table_kind,
    case coalesce(totals.measure, classes.measure)
        when 'personnel' then '人员经费 = 301 + 303'
        else '公用经费 = 302 + 310 + 其他类'
    end as subject,
    coalesce(totals.measure, classes.measure) as measure,
    coalesce(totals.lhs_yuan, 0) as lhs_yuan,
    coalesce(classes.rhs_yuan, 0) as rhs_yuan,
    coalesce(totals.unit, classes.unit) as lhs_unit,
    coalesce(classes.unit, totals.unit) as rhs_unit,
    coalesce(totals.n_lhs_terms, 0) as n_lhs_terms,
    coalesce(classes.n_terms, 0) as n_terms,
    coalesce(totals.source_page, classes.source_page) as source_page,
    coalesce(totals.lhs_line_nos, {{ no_lines() }}) as lhs_line_nos,
    coalesce(classes.rhs_line_nos, {{ no_lines() }}) as rhs_line_nos
from totals
full outer join classes using (document_id, measure)
where coalesce(totals.document_id, classes.document_id) in (select document_id from documents)
