select
    {{ dbt.concat(["lines.document_id", "'-'", "lpad(cast(lines.line_no as varchar), 6, '0')"]) }} as budget_line_id,
    lines.document_id,
    documents.department_id,
    documents.fiscal_year,
    lines.table_kind,
    lines.classification,
    lines.code,
    lines.line_key,
    lines.line_label,
    lines.measure,
    lines.amount_yuan,
    lines.is_subtotal,
    lines.source_page,
    lines.unit as source_unit
from {{ ref('stg_raw__budget_lines') }} as lines
inner join {{ ref('stg_raw__documents') }} as documents using (document_id)
where documents.status = 'loaded'
