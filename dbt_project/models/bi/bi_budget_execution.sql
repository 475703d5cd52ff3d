-- 预算执行: fct_budget_execution's function-class lines of the 支出总表, leaves only (the most
-- detailed code printed), so that summing any level adds each amount once; with the
-- department's name and region, the 类 / 款 above each line named, and Chinese labels for the
-- source and the line's presence. Both sources stay apart (execution_source): every chart
-- picks one, so that no amount is counted twice.
with lines as (
    select * from {{ ref('fct_budget_execution') }}
    where table_kind = 'expenditure_summary' and classification = 'function' and not is_subtotal and code is not null
),

classes as (
    select function_code, function_name from {{ ref('dim_function_class') }}
)

select
    lines.budget_execution_id,
    lines.execution_source,
    {{ bi_label('execution_source', 'lines.execution_source') }} as execution_source_label,
    lines.department_id,
    departments.department_name,
    regions.province_name,
    regions.city_name,
    regions.county_name,
    lines.fiscal_year,
    lines.document_scope,
    {{ bi_label('document_scope', 'lines.document_scope') }} as document_scope_label,
    lines.measure,
    split_part(measures.column_label, ' / ', 1) as measure_label,
    left(lines.code, 3) as class_code,
    class.function_name as class_name,
    left(lines.code, 3) || ' ' || coalesce(class.function_name, '') as class_label,
    case when length(lines.code) >= 5 then left(lines.code, 5) end as section_code,
    section.function_name as section_name,
    lines.code as function_code,
    lines.line_label,
    lines.line_presence,
    {{ bi_label('line_presence', 'lines.line_presence') }} as line_presence_label,
    lines.budgeted_yuan,
    lines.final_yuan,
    lines.difference_yuan,
    lines.execution_rate,
    lines.sources_disagree
from lines
left join {{ ref('dim_department') }} as departments on departments.department_id = lines.department_id
left join {{ ref('dim_region') }} as regions on regions.department_id = lines.department_id
left join {{ ref('dim_measure') }} as measures using (measure)
left join classes as class on class.function_code = left(lines.code, 3)
left join classes as section on section.function_code = left(lines.code, 5) and length(lines.code) >= 5
