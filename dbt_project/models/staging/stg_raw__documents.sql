with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        document_id,
        source_file,
        sha256,
        page_count,
        status,
        reject_kind,
        status_reason,
        nullif(trim(regexp_replace(department_name, '\s+', '', 'g')), '') as department_name,
        fiscal_year,
        document_kind,
        document_scope,
        authorized_staff,
        actual_staff,
        extracted_at,
        text_source,
        ocr_pages
    from source
)

select * from renamed
