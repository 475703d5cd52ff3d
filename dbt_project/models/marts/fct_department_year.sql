-- One row per department, year, kind (budget / final account) and scope (部门 / 单位), i.e.
-- per current disclosure, with the headline figures a BI user opens first. Each figure comes
-- from a printed total, never from summed leaves, taken from the first source of its fallback
-- order that prints it; `*_source` says which, `*_null_reason` why a figure stays null:
--   total expenditure: 支出总表 合计 (expenditure_summary); 收支总表 本年支出合计
--     (revenue_expenditure_summary); 收支总表 支出总计 − 年末结转和结余
--     (revenue_expenditure_summary_less_balance, a blank balance being 0);
--   basic / project expenditure: 支出总表 合计 row (a blank cell of a printed 合计 row is 0);
--   personnel / public operating: 一般公共预算基本支出表 合计 row (blank = 0); else its 人员经费合计
--     and 公用经费合计 rows (general_public_basic_expenditure_group_totals: a 决算 prints the two
--     column groups side by side, each with its own total);
--   three-public total: "三公"经费支出表 合计 (column 合计 / 决算数; a 决算 printing only the 预算数,
--     its 决算数 blank, is not_printed, as in fct_budget_execution);
--   total income: 收支总表 本年收入合计 (revenue_expenditure_summary); 收入总表 合计
--     (revenue_summary); 收支总表 收入总计 − 上年结转 (revenue_expenditure_summary_less_carried_over);
--   fiscal grant: 财政拨款收支总表 本年收入合计 (fiscal_grant_summary); 收入总表 合计 row's
--     财政拨款 column (revenue_summary);
--   null reasons (from fct_table_completeness, one place for what a disclosure prints):
--     table_absent (none of the source tables was found), table_stated_empty (a source table
--     is printed empty with a note and none prints the figure), not_printed (a source table is
--     there but no total row of it carries the figure; a coded table read without its 合计 is
--     also a finding total_row_missing of fct_table_completeness);
--   fiscal grant share = fiscal grant / total income;
--   year-over-year change: against the same department, kind and scope the year before;
--   the function 类 that grew most: from fct_year_over_year (支出总表 合计 column, a 类 printed
--     in one year only counting as 0 in the other);
--   execution: the total expenditure of the same year's 预算 and 决算 of the same department
--     and scope (each row carries both, whichever kind it is), and a 决算's printed 三公 预算数;
--   counts_once: the rows a sum over departments may add without counting money twice (a 部门
--     budget consolidates its 单位 budgets): the 部门 disclosure of a department, year and kind
--     where there is one, else its 单位 disclosure(s).
-- Rebuilt whole on every run (one row per disclosure, from int_budget_lines__current).
with documents as (
    select * from {{ ref('int_documents__status') }}
    where status = 'loaded' and disclosure_id is not null
),

disclosures as (
    select
        disclosure_id,
        min(department_id) as department_id,
        min(department_name) as department_name,
        min(fiscal_year) as fiscal_year,
        min(document_kind) as document_kind,
        min(document_scope) as document_scope,
        count(*) as n_documents
    from documents
    group by disclosure_id
),

lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where disclosure_id is not null
),

figures as (
    select
        disclosure_id,
        count(*) as n_budget_lines,
        max(amount_yuan) filter (where table_kind = 'expenditure_summary' and code is null and line_key = 'total' and measure = 'total') as expenditure_summary_total,
        max(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and code is null and line_key = 'expenditure_total' and classification = 'function' and is_total_column) as summary_function_total,
        max(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and code is null and line_key = 'expenditure_total' and classification = 'economic' and is_total_column) as summary_economic_total,
        max(amount_yuan) filter (where table_kind = 'expenditure_summary' and code is null and line_key = 'total' and measure = 'basic') as basic_yuan,
        max(amount_yuan) filter (where table_kind = 'expenditure_summary' and code is null and line_key = 'total' and measure = 'project') as project_yuan,
        max(amount_yuan) filter (where table_kind = 'general_public_basic_expenditure' and code is null and line_key = 'total' and measure = 'total') as basic_table_total,
        max(amount_yuan) filter (where table_kind = 'general_public_basic_expenditure' and code is null and line_key = 'total' and measure = 'personnel') as personnel_yuan,
        max(amount_yuan) filter (where table_kind = 'general_public_basic_expenditure' and code is null and line_key = 'total' and measure = 'public_operating') as public_operating_yuan,
        max(amount_yuan) filter (where table_kind = 'three_public_expenses' and line_key = 'total' and measure = 'total') as three_public_total_yuan,
        max(amount_yuan) filter (where table_kind = 'three_public_expenses' and line_key = 'total' and measure = 'budgeted_total') as three_public_budgeted_yuan,
        max(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and classification = 'revenue' and line_key = 'income_total' and measure = 'total') as total_income_yuan,
        max(amount_yuan) filter (where table_kind = 'fiscal_grant_summary' and classification = 'revenue' and line_key = 'income_total' and measure = 'total') as fiscal_grant_yuan,
        max(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and code is null and line_key = 'expenditure_grand_total' and classification in ('function', 'economic') and is_total_column) as summary_expenditure_grand_total,
        sum(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and code is null and line_key = 'year_end_balance' and classification = 'function' and is_total_column) as summary_year_end_balance_function,
        sum(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and code is null and line_key = 'year_end_balance' and classification = 'economic' and is_total_column) as summary_year_end_balance_economic,
        max(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and classification = 'revenue' and line_key = 'income_grand_total' and measure = 'total') as summary_income_grand_total,
        sum(amount_yuan) filter (where table_kind = 'revenue_expenditure_summary' and classification = 'revenue' and line_key = 'carried_over' and measure = 'total') as summary_carried_over,
        max(amount_yuan) filter (where table_kind = 'revenue_summary' and code is null and line_key = 'total' and measure = 'total') as revenue_summary_total,
        max(amount_yuan) filter (where table_kind = 'revenue_summary' and code is null and line_key = 'total' and measure = 'fiscal_grant') as revenue_summary_fiscal_grant,
        max(amount_yuan) filter (where table_kind = 'general_public_basic_expenditure' and code is null and line_key = 'personnel_total' and measure = 'total') as personnel_group_total,
        max(amount_yuan) filter (where table_kind = 'general_public_basic_expenditure' and code is null and line_key = 'public_operating_total' and measure = 'total') as public_operating_group_total
    from lines
    group by disclosure_id
),

-- What each disclosure prints of each source table: present, stated_empty or absent (null).
tables as (
    select
        disclosure_id,
        {% for kind in ['expenditure_summary', 'revenue_expenditure_summary', 'revenue_summary', 'fiscal_grant_summary', 'general_public_basic_expenditure', 'three_public_expenses'] %}
        coalesce(max(case when is_present and not is_stated_empty then 'present' when is_present then 'stated_empty' end)
            filter (where table_kind = '{{ kind }}'), 'absent') as {{ kind }}{{ ',' if not loop.last }}
        {% endfor %}
    from {{ ref('fct_table_completeness') }}
    group by disclosure_id
),

checks as (
    select documents.disclosure_id, count(*) as n_identity_checks, count(*) filter (where not passed) as n_identity_failures
    from {{ ref('fct_identity_check') }}
    inner join documents using (document_id)
    group by documents.disclosure_id
),

sourced as (
    select
        disclosures.*,
        coalesce(figures.n_budget_lines, 0) as n_budget_lines,
        case
            when figures.expenditure_summary_total is not null then 'expenditure_summary'
            when coalesce(figures.summary_function_total, figures.summary_economic_total) is not null
                then 'revenue_expenditure_summary'
            when figures.summary_expenditure_grand_total is not null then 'revenue_expenditure_summary_less_balance'
        end as total_expenditure_source,
        cast(coalesce(
            figures.expenditure_summary_total, figures.summary_function_total, figures.summary_economic_total,
            figures.summary_expenditure_grand_total
            - coalesce(figures.summary_year_end_balance_function, figures.summary_year_end_balance_economic, 0)
        ) as decimal(20, 2)) as total_expenditure_yuan,
        case when figures.expenditure_summary_total is not null then 'expenditure_summary' end as expenditure_split_source,
        -- A blank cell of a printed 合计 row is a zero; without the row the figure is unknown.
        case when figures.expenditure_summary_total is not null then coalesce(figures.basic_yuan, 0) end
            as basic_expenditure_yuan,
        case when figures.expenditure_summary_total is not null then coalesce(figures.project_yuan, 0) end
            as project_expenditure_yuan,
        case
            when figures.basic_table_total is not null then 'general_public_basic_expenditure'
            when coalesce(figures.personnel_group_total, figures.public_operating_group_total) is not null
                then 'general_public_basic_expenditure_group_totals'
        end as basic_table_source,
        case
            when figures.basic_table_total is not null then coalesce(figures.personnel_yuan, 0)
            when coalesce(figures.personnel_group_total, figures.public_operating_group_total) is not null
                then coalesce(figures.personnel_group_total, 0)
        end as personnel_yuan,
        case
            when figures.basic_table_total is not null then coalesce(figures.public_operating_yuan, 0)
            when coalesce(figures.personnel_group_total, figures.public_operating_group_total) is not null
                then coalesce(figures.public_operating_group_total, 0)
        end as public_operating_yuan,
        figures.three_public_total_yuan,
        case when figures.three_public_total_yuan is not null then 'three_public_expenses' end as three_public_total_source,
        figures.three_public_budgeted_yuan,
        case
            when figures.total_income_yuan is not null then 'revenue_expenditure_summary'
            when figures.revenue_summary_total is not null then 'revenue_summary'
            when figures.summary_income_grand_total is not null then 'revenue_expenditure_summary_less_carried_over'
        end as total_income_source,
        cast(coalesce(
            figures.total_income_yuan, figures.revenue_summary_total,
            figures.summary_income_grand_total - coalesce(figures.summary_carried_over, 0)
        ) as decimal(20, 2)) as total_income_yuan,
        case
            when figures.fiscal_grant_yuan is not null then 'fiscal_grant_summary'
            when figures.revenue_summary_fiscal_grant is not null then 'revenue_summary'
        end as fiscal_grant_source,
        coalesce(figures.fiscal_grant_yuan, figures.revenue_summary_fiscal_grant) as fiscal_grant_yuan,
        tables.* exclude (disclosure_id),
        coalesce(checks.n_identity_checks, 0) as n_identity_checks,
        coalesce(checks.n_identity_failures, 0) as n_identity_failures
    from disclosures
    left join figures using (disclosure_id)
    left join tables using (disclosure_id)
    left join checks using (disclosure_id)
),

headline as (
    select
        sourced.*,
        {{ headline_null_reason('total_expenditure_yuan', ['expenditure_summary', 'revenue_expenditure_summary']) }} as total_expenditure_null_reason,
        {{ headline_null_reason('basic_expenditure_yuan', ['expenditure_summary']) }} as expenditure_split_null_reason,
        {{ headline_null_reason('personnel_yuan', ['general_public_basic_expenditure']) }} as basic_table_null_reason,
        {{ headline_null_reason('three_public_total_yuan', ['three_public_expenses']) }} as three_public_total_null_reason,
        {{ headline_null_reason('total_income_yuan', ['revenue_expenditure_summary', 'revenue_summary']) }} as total_income_null_reason,
        {{ headline_null_reason('fiscal_grant_yuan', ['fiscal_grant_summary', 'revenue_summary']) }} as fiscal_grant_null_reason,
        -- A 部门 budget consolidates its 单位 budgets: sum the 部门 row where there is one.
        sourced.document_scope = 'department' or not bool_or(sourced.document_scope = 'department') over (
            partition by sourced.department_id, sourced.fiscal_year, sourced.document_kind
        ) as counts_once
    from sourced
),

class_growth as (
    select
        current_disclosure_id as disclosure_id,
        code as top_growth_function_code,
        line_label as top_growth_function_label,
        cast(coalesce(amount_yuan, 0) - coalesce(previous_amount_yuan, 0) as decimal(20, 2))
            as top_growth_function_change_yuan
    from {{ ref('fct_year_over_year') }}
    where table_kind = 'expenditure_summary' and classification = 'function' and length(code) = 3
        and measure = 'total'
    qualify row_number() over (
        partition by current_disclosure_id
        order by coalesce(amount_yuan, 0) - coalesce(previous_amount_yuan, 0) desc, code
    ) = 1
)

select
    current_year.disclosure_id,
    current_year.department_id,
    current_year.department_name,
    current_year.fiscal_year,
    current_year.document_kind,
    current_year.document_scope,
    current_year.counts_once,
    current_year.total_expenditure_yuan,
    current_year.total_expenditure_source,
    current_year.total_expenditure_null_reason,
    current_year.basic_expenditure_yuan,
    current_year.project_expenditure_yuan,
    current_year.expenditure_split_source,
    current_year.expenditure_split_null_reason,
    current_year.personnel_yuan,
    current_year.public_operating_yuan,
    current_year.basic_table_source,
    current_year.basic_table_null_reason,
    current_year.three_public_total_yuan,
    current_year.three_public_total_source,
    current_year.three_public_total_null_reason,
    current_year.total_income_yuan,
    current_year.total_income_source,
    current_year.total_income_null_reason,
    current_year.fiscal_grant_yuan,
    current_year.fiscal_grant_source,
    current_year.fiscal_grant_null_reason,
    cast(
        current_year.fiscal_grant_yuan / nullif(current_year.total_income_yuan, 0) as decimal(9, 6)
    ) as fiscal_grant_share,
    previous_year.total_expenditure_yuan as previous_total_expenditure_yuan,
    cast(
        current_year.total_expenditure_yuan - previous_year.total_expenditure_yuan as decimal(20, 2)
    ) as total_expenditure_change_yuan,
    cast(
        (current_year.total_expenditure_yuan - previous_year.total_expenditure_yuan)
        / nullif(previous_year.total_expenditure_yuan, 0) as decimal(18, 6)
    ) as total_expenditure_change_ratio,
    previous_year.three_public_total_yuan as previous_three_public_total_yuan,
    cast(
        current_year.three_public_total_yuan - previous_year.three_public_total_yuan as decimal(20, 2)
    ) as three_public_total_change_yuan,
    class_growth.top_growth_function_code,
    class_growth.top_growth_function_label,
    class_growth.top_growth_function_change_yuan,
    budget_of_year.total_expenditure_yuan as budgeted_total_expenditure_yuan,
    final_of_year.total_expenditure_yuan as final_total_expenditure_yuan,
    cast(
        final_of_year.total_expenditure_yuan / nullif(budget_of_year.total_expenditure_yuan, 0) as decimal(18, 6)
    ) as total_expenditure_execution_rate,
    current_year.three_public_budgeted_yuan,
    current_year.n_documents,
    current_year.n_budget_lines,
    current_year.n_identity_checks,
    current_year.n_identity_failures
from headline as current_year
left join headline as previous_year
    on previous_year.department_id = current_year.department_id
    and previous_year.document_kind is not distinct from current_year.document_kind
    and previous_year.document_scope is not distinct from current_year.document_scope
    and previous_year.fiscal_year = current_year.fiscal_year - 1
left join headline as budget_of_year
    on budget_of_year.department_id = current_year.department_id
    and budget_of_year.document_kind = 'budget'
    and budget_of_year.document_scope is not distinct from current_year.document_scope
    and budget_of_year.fiscal_year = current_year.fiscal_year
left join headline as final_of_year
    on final_of_year.department_id = current_year.department_id
    and final_of_year.document_kind = 'final_account'
    and final_of_year.document_scope is not distinct from current_year.document_scope
    and final_of_year.fiscal_year = current_year.fiscal_year
left join class_growth on class_growth.disclosure_id = current_year.disclosure_id
