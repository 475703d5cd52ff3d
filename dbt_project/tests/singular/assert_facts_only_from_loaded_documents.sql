{{ config(meta={"dagster": {"ref": {"name": "fct_budget_line"}}}) }}
-- The facts hold only current documents: no line and no identity check of a rejected or a
-- superseded file (a re-published disclosure replaces the old file's figures).
select 'fct_budget_line' as fact, facts.document_id, documents.status
from {{ ref('fct_budget_line') }} as facts
inner join {{ ref('dim_document') }} as documents using (document_id)
where documents.status <> 'loaded'
union all
select 'fct_identity_check', facts.document_id, documents.status
from {{ ref('fct_identity_check') }} as facts
inner join {{ ref('dim_document') }} as documents using (document_id)
where documents.status <> 'loaded'
