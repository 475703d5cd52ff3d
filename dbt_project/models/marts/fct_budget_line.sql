-- One row per amount printed in a standard table of a current document (loaded, not
-- superseded). Rebuilt whole on every run: the raw tables are replaced whole on every load
-- and a re-published file removes its predecessor's lines, so an incremental model would
-- have to delete as much as it inserts; a full rebuild of a million lines takes seconds
-- (benchmarks/dbt_build.py).
select
    {{ dbt.concat(["document_id", "'-'", "lpad(cast(line_no as varchar), 6, '0')"]) }} as budget_line_id,
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
    unit as source_unit
from {{ ref('int_budget_lines__current') }}
