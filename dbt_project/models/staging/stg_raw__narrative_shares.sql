select
    document_id,
    phrase,
    amount_yuan,
    percent,
    percent_decimals,
    base_phrase,
    base_yuan,
    source_page
from {{ source('raw', 'narrative_shares') }}
