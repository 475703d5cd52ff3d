-- The frame of every page of a current or past document that budget lines were read from:
-- what the boxes of fct_budget_line are relative to, for a viewer that draws them on a
-- rendering of the page. Incremental by document.
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
select
    pages.document_id,
    pages.page_number,
    pages.page_width,
    pages.page_height,
    pages.page_rotation
from {{ ref('stg_raw__pages') }} as pages
inner join {{ ref('int_documents__status') }} using (document_id)
where true {{ changed_documents_only('pages.document_id') }}
