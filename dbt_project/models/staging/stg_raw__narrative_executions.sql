select
    document_id,
    execution_no,
    phrase,
    subject,
    budgeted_yuan,
    final_yuan,
    unit,
    amount_decimals,
    percent,
    percent_decimals,
    word,
    wording,
    source_page,
    class_name,
    subclass_name,
    item_name
from {{ source('raw', 'narrative_executions') }}
