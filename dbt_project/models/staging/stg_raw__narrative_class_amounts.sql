select
    document_id,
    statement_no,
    phrase,
    class_name,
    subclass_name,
    item_name,
    level,
    amount_yuan,
    unit,
    amount_decimals,
    restates,
    source_page
from {{ source('raw', 'narrative_class_amounts') }}
