-- 数据质量: one row per source file seen (dim_document), loaded, rejected, superseded or
-- removed, with its status and reason in words and the department as resolved.
select
    documents.document_id,
    documents.source_file,
    documents.department_id,
    coalesce(departments.department_name, documents.department_name) as department_name,
    documents.fiscal_year,
    documents.document_kind,
    {{ bi_label('document_kind', 'documents.document_kind') }} as document_kind_label,
    documents.document_scope,
    {{ bi_label('document_scope', 'documents.document_scope') }} as document_scope_label,
    documents.status,
    {{ bi_label('document_status', 'documents.status') }} as status_label,
    documents.reject_kind,
    documents.status_reason,
    documents.page_count,
    documents.extracted_at,
    documents.removed_at
from {{ ref('dim_document') }} as documents
left join {{ ref('dim_department') }} as departments using (department_id)
