select
    document_id,
    total_key,
    phrase,
    amount_yuan,
    unit,
    source_page
from {{ source('raw', 'narrative_totals') }}
