-- One row per source file seen: loaded, rejected or superseded (int_documents__status
-- holds the supersession rule), or removed from the landing folder since it was loaded.
-- Rebuilt whole on every run: a few rows per file.
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
    extracted_at,
    text_source,
    ocr_pages,
    cast(null as timestamp) as removed_at
from {{ ref('int_documents__status') }}

union all by name

-- What is known of a removed file is its name, bytes and when it went: its figures left the
-- facts with it, and it is marked rather than silently kept as current.
select
    document_id,
    source_file,
    sha256,
    'removed' as status,
    'The file was removed from the landing folder on ' || strftime(removed_at, '%Y-%m-%d %H:%M') || ' UTC.' as status_reason,
    removed_at
from {{ ref('stg_raw__removed_documents') }}
where document_id not in (select document_id from {{ ref('int_documents__status') }})
