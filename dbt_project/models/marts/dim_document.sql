-- One row per source file seen, loaded, rejected or superseded (int_documents__status
-- holds the supersession rule). Rebuilt whole on every run: a few rows per file.
select
    document_id,
    source_file,
    sha256,
    department_id,
    department_name,
    fiscal_year,
    document_kind,
    document_scope,
    disclosure_id,
    page_count,
    status,
    reject_kind,
    status_reason,
    superseded_by_document_id,
    table_kinds,
    authorized_staff,
    actual_staff,
    extracted_at
from {{ ref('int_documents__status') }}
