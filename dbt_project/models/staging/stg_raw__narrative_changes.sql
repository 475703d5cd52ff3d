select
    document_id,
    change_no,
    phrase,
    amount_yuan,
    unit,
    amount_decimals,
    direction,
    change_yuan,
    percent,
    percent_decimals,
    rate_direction,
    previous_yuan,
    source_page
from {{ source('raw', 'narrative_changes') }}
