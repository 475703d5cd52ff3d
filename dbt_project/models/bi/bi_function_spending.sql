-- 功能分类: the 支出预算总表 (支出决算表) split by function class, one row per leaf line
-- (the most detailed code a document prints, usually a 7-digit 项) and column, with the
-- 类 / 款 / 项 above it named at each level. Only leaves are kept, so that summing any
-- level adds each amount once; a leaf printed at 款 level has no 项.
with lines as (
    select * from {{ ref('fct_budget_line') }}
    where table_kind = 'expenditure_summary' and classification = 'function' and not is_subtotal and code is not null
),

classes as (
    select function_code, function_name from {{ ref('dim_function_class') }}
)

select
    lines.budget_line_id,
    lines.document_id,
    documents.disclosure_id,
    lines.department_id,
    departments.department_name,
    lines.fiscal_year,
    documents.document_kind,
    {{ bi_label('document_kind', 'documents.document_kind') }} as document_kind_label,
    documents.document_scope,
    {{ bi_label('document_scope', 'documents.document_scope') }} as document_scope_label,
    lines.measure,
    split_part(measures.column_label, ' / ', 1) as measure_label,
    left(lines.code, 3) as class_code,
    class.function_name as class_name,
    left(lines.code, 3) || ' ' || coalesce(class.function_name, '') as class_label,
    case when length(lines.code) >= 5 then left(lines.code, 5) end as section_code,
    section.function_name as section_name,
    case when length(lines.code) >= 5 then left(lines.code, 5) || ' ' || coalesce(section.function_name, '') end
        as section_label,
    case when length(lines.code) = 7 then lines.code end as item_code,
    case when length(lines.code) = 7 then coalesce(item.function_name, lines.line_label) end as item_name,
    case when length(lines.code) = 7 then lines.code || ' ' || coalesce(item.function_name, lines.line_label) end
        as item_label,
    lines.code as function_code,
    lines.line_label,
    lines.amount_yuan
from lines
inner join {{ ref('dim_document') }} as documents using (document_id)
left join {{ ref('dim_department') }} as departments on departments.department_id = lines.department_id
left join {{ ref('dim_measure') }} as measures using (measure)
left join classes as class on class.function_code = left(lines.code, 3)
left join classes as section on section.function_code = left(lines.code, 5) and length(lines.code) >= 5
left join classes as item on item.function_code = lines.code and length(lines.code) = 7
