-- One row per amount printed in a standard table of a current document (loaded, not
-- superseded). Rebuilt whole on every run: the raw tables are replaced whole on every load
-- and a re-published file removes its predecessor's lines, so an incremental model would
-- have to delete as much as it inserts; a full rebuild of a million lines takes seconds
-- (benchmarks/dbt_build.py).
select
    {{ budget_line_id('document_id', 'line_no') }} as budget_line_id,
    document_id,
    department_id,
    fiscal_year,
    table_kind,
    classification,
    code,
    code_source,
    line_key,
    line_label,
    measure,
    amount_yuan,
    is_subtotal,
    source_page,
    unit as source_unit,
    amount_x0 as bbox_x0,
    amount_top as bbox_top,
    amount_x1 as bbox_x1,
    amount_bottom as bbox_bottom,
    label_x0 as label_bbox_x0,
    label_top as label_bbox_top,
    label_x1 as label_bbox_x1,
    label_bottom as label_bbox_bottom,
    is_derived as amount_is_derived
from {{ ref('int_budget_lines__current') }}
