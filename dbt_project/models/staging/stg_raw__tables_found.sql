select
    document_id,
    table_kind,
    trim(regexp_replace(title, '\s+', ' ', 'g')) as title,
    pages,
    cast(split_part(pages, ',', 1) as integer) as first_page,
    unit,
    nullif(trim(empty_note), '') as empty_note,
    nullif(trim(empty_note), '') is not null as is_stated_empty,
    nullif(trim(header), '') as header
from {{ source('raw', 'tables_found') }}
