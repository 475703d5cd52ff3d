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
    authorized_staff,
    actual_staff,
    extracted_at
from {{ ref('stg_raw__documents') }}
