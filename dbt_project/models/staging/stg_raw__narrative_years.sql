select
    document_id,
    year_no,
    phrase,
    year,
    compares,
    source_page
from {{ source('raw', 'narrative_years') }}
