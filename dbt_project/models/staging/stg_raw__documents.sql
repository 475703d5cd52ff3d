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
        extracted_at
    from source
)

select
    *,
    case when department_name is not null
        then substr(md5(department_name), 1, 16)
    end as department_id,
    -- A disclosure may come as several files (a narrative PDF and a tables PDF): they share
    -- the department, year, kind and scope.
    case when department_name is not null and fiscal_year is not null
        then substr(md5(concat_ws('|', department_name, fiscal_year, document_kind, document_scope)), 1, 16)
    end as disclosure_id
from renamed
