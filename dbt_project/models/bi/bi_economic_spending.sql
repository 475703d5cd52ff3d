-- 经济分类: the 一般公共预算基本支出表 split by economic class, one row per 款 line (or a 类
-- printed without 款) and column (合计 / 人员经费 / 公用经费), with its 类 named.
with lines as (
    select * from {{ ref('fct_budget_line') }}
    where table_kind = 'general_public_basic_expenditure' and classification = 'economic'
        and not is_subtotal and code is not null
),

classes as (
    select economic_code, economic_name from {{ ref('dim_economic_class') }}
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
    class.economic_name as class_name,
    left(lines.code, 3) || ' ' || coalesce(class.economic_name, '') as class_label,
    case when length(lines.code) = 5 then lines.code end as section_code,
    case when length(lines.code) = 5 then coalesce(section.economic_name, lines.line_label) end as section_name,
    case when length(lines.code) = 5 then lines.code || ' ' || coalesce(section.economic_name, lines.line_label) end
        as section_label,
    lines.amount_yuan
from lines
inner join {{ ref('dim_document') }} as documents using (document_id)
left join {{ ref('dim_department') }} as departments on departments.department_id = lines.department_id
left join {{ ref('dim_measure') }} as measures using (measure)
left join classes as class on class.economic_code = left(lines.code, 3)
left join classes as section on section.economic_code = lines.code and length(lines.code) = 5
