-- One row per amount printed in a standard table of a current document (loaded, not
-- superseded). Incremental by document: a build replaces the lines of the changed documents
-- only (int_documents__changed), and removes those of documents no longer current.
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
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
    is_derived as amount_is_derived,
    text_source,
    ocr_confidence
from {{ ref('int_budget_lines__current') }}
where true {{ changed_documents_only() }}
