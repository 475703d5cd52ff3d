-- 三公经费: one row per item of the "三公"经费支出表 and column, per current document, the
-- item named in Chinese whatever its printed label (seed ref_bi_label).
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
    lines.line_key as item,
    {{ bi_label('three_public_item', 'lines.line_key') }} as item_label,
    lines.line_label,
    lines.line_key in ('total', 'vehicle_total', 'total_with_meetings_training') as is_subtotal,
    lines.measure,
    split_part(measures.column_label, ' / ', 1) as measure_label,
    lines.amount_yuan
from {{ ref('fct_budget_line') }} as lines
inner join {{ ref('dim_document') }} as documents using (document_id)
left join {{ ref('dim_department') }} as departments on departments.department_id = lines.department_id
left join {{ ref('dim_measure') }} as measures using (measure)
where lines.table_kind = 'three_public_expenses' and lines.line_key is not null
