-- 预算执行: the amount budgeted beside the amount spent, per department, year, scope and line
-- (function or economic code, 三公 item, total row) and measure, from two sources kept apart
-- by execution_source:
--   final_account_printed: a 决算 table's own 预算数 column (measure budgeted_<m>) beside its
--     决算数 (measure <m>) on the same line;
--   budget_vs_final_account: the year's 预算 (budget) joined to the same year's 决算 of the
--     same department and scope, table by table and column by column.
-- Only tables and columns printed on both sides are compared; within them a line printed on
-- one side only is kept with the other side null (a project added during the year, one
-- dropped). Where both sources give a budgeted amount for one line and they differ (a 决算
-- prints the adjusted budget, the 预算 the one adopted), sources_disagree says so: a finding,
-- not an error. Rebuilt whole on every run (a few rows per printed line).
with lines as (
    select * from {{ ref('int_lines__by_disclosure') }}
),

-- (a) A 决算's 预算数 / 决算数 pairs.
printed_budgeted as (
    select *, substr(measure, length('budgeted_') + 1) as paired_measure
    from lines
    where document_kind = 'final_account' and starts_with(measure, 'budgeted_')
),

printed_final as (
    select lines.*
    from lines
    where lines.document_kind = 'final_account'
        and not starts_with(lines.measure, 'budgeted_')
        and exists (
            select 1 from printed_budgeted
            where printed_budgeted.disclosure_id = lines.disclosure_id
                and printed_budgeted.table_kind = lines.table_kind
                and printed_budgeted.paired_measure = lines.measure
        )
),

printed as (
    select
        'final_account_printed' as execution_source,
        coalesce(budgeted.department_id, final.department_id) as department_id,
        coalesce(budgeted.fiscal_year, final.fiscal_year) as fiscal_year,
        coalesce(budgeted.document_scope, final.document_scope) as document_scope,
        coalesce(budgeted.table_kind, final.table_kind) as table_kind,
        coalesce(budgeted.classification, final.classification) as classification,
        coalesce(budgeted.code, final.code) as code,
        coalesce(budgeted.line_key, final.line_key) as line_key,
        coalesce(final.line_label, budgeted.line_label) as line_label,
        coalesce(budgeted.paired_measure, final.measure) as measure,
        coalesce(final.is_subtotal, budgeted.is_subtotal) as is_subtotal,
        cast(null as varchar) as budget_disclosure_id,
        coalesce(budgeted.disclosure_id, final.disclosure_id) as final_disclosure_id,
        budgeted.amount_yuan as budgeted_yuan,
        final.amount_yuan as final_yuan
    from printed_budgeted as budgeted
    full outer join printed_final as final
        on final.disclosure_id = budgeted.disclosure_id
        and final.table_kind = budgeted.table_kind
        and final.classification = budgeted.classification
        and final.code is not distinct from budgeted.code
        and final.line_key is not distinct from budgeted.line_key
        and final.measure = budgeted.paired_measure
),

-- (b) The 预算 and the 决算 of one department, year and scope.
disclosures as (
    select distinct disclosure_id, department_id, fiscal_year, document_kind, document_scope from lines
),

pairs as (
    select
        budget.disclosure_id as budget_disclosure_id,
        final.disclosure_id as final_disclosure_id
    from disclosures as budget
    inner join disclosures as final
        on final.department_id = budget.department_id
        and final.fiscal_year = budget.fiscal_year
        and final.document_scope is not distinct from budget.document_scope
    where budget.document_kind = 'budget' and final.document_kind = 'final_account'
),

columns_printed as (
    select distinct disclosure_id, table_kind, measure from lines where not starts_with(measure, 'budgeted_')
),

shared_columns as (
    select pairs.*, budget_columns.table_kind, budget_columns.measure
    from pairs
    inner join columns_printed as budget_columns on budget_columns.disclosure_id = pairs.budget_disclosure_id
    inner join columns_printed as final_columns
        on final_columns.disclosure_id = pairs.final_disclosure_id
        and final_columns.table_kind = budget_columns.table_kind
        and final_columns.measure = budget_columns.measure
),

budget_side as (
    select shared_columns.budget_disclosure_id, shared_columns.final_disclosure_id, lines.*
    from shared_columns
    inner join lines
        on lines.disclosure_id = shared_columns.budget_disclosure_id
        and lines.table_kind = shared_columns.table_kind
        and lines.measure = shared_columns.measure
),

final_side as (
    select shared_columns.budget_disclosure_id, shared_columns.final_disclosure_id, lines.*
    from shared_columns
    inner join lines
        on lines.disclosure_id = shared_columns.final_disclosure_id
        and lines.table_kind = shared_columns.table_kind
        and lines.measure = shared_columns.measure
),

paired as (
    select
        'budget_vs_final_account' as execution_source,
        coalesce(budget.department_id, final.department_id) as department_id,
        coalesce(budget.fiscal_year, final.fiscal_year) as fiscal_year,
        coalesce(budget.document_scope, final.document_scope) as document_scope,
        coalesce(budget.table_kind, final.table_kind) as table_kind,
        coalesce(budget.classification, final.classification) as classification,
        coalesce(budget.code, final.code) as code,
        coalesce(budget.line_key, final.line_key) as line_key,
        coalesce(final.line_label, budget.line_label) as line_label,
        coalesce(budget.measure, final.measure) as measure,
        coalesce(final.is_subtotal, budget.is_subtotal) as is_subtotal,
        coalesce(budget.budget_disclosure_id, final.budget_disclosure_id) as budget_disclosure_id,
        coalesce(budget.final_disclosure_id, final.final_disclosure_id) as final_disclosure_id,
        budget.amount_yuan as budgeted_yuan,
        final.amount_yuan as final_yuan
    from budget_side as budget
    full outer join final_side as final
        on final.budget_disclosure_id = budget.budget_disclosure_id
        and final.final_disclosure_id = budget.final_disclosure_id
        and final.table_kind = budget.table_kind
        and final.classification = budget.classification
        and final.code is not distinct from budget.code
        and final.line_key is not distinct from budget.line_key
        and final.measure = budget.measure
),

execution as (
    select * from printed
    union all
    select * from paired
)

select
    substr(md5(concat_ws('|', execution_source, department_id, fiscal_year, document_scope, table_kind,
                         classification, coalesce(code, ''), coalesce(line_key, ''), measure)), 1, 16)
        as budget_execution_id,
    execution_source,
    department_id,
    fiscal_year,
    document_scope,
    table_kind,
    classification,
    code,
    line_key,
    line_label,
    measure,
    is_subtotal,
    budget_disclosure_id,
    final_disclosure_id,
    case
        when budgeted_yuan is not null and final_yuan is not null then 'both'
        when budgeted_yuan is not null then 'budget_only'
        else 'final_only'
    end as line_presence,
    cast(budgeted_yuan as decimal(20, 2)) as budgeted_yuan,
    cast(final_yuan as decimal(20, 2)) as final_yuan,
    cast(final_yuan - budgeted_yuan as decimal(20, 2)) as difference_yuan,
    cast(final_yuan / nullif(budgeted_yuan, 0) as decimal(18, 6)) as execution_rate,
    count(distinct budgeted_yuan) over (
        partition by department_id, fiscal_year, document_scope, table_kind, classification, code, line_key, measure
    ) > 1 as sources_disagree
from execution
