select
    document_id,
    line_no,
    table_kind,
    classification,
    code,
    line_key,
    trim(regexp_replace(line_label, '\s+', ' ', 'g')) as line_label,
    measure,
    cast(amount_yuan as decimal(20, 2)) as amount_yuan,
    is_subtotal,
    source_page,
    unit
from {{ source('raw', 'budget_lines') }}
