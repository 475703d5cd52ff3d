select
    document_id,
    placeholder_no,
    phrase,
    placeholder,
    source_page
from {{ source('raw', 'placeholders') }}
